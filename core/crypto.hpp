// SHA-256 and the API key's text form. Pure functions: the random bytes of a new key come
// from the platform's secure source (web/: crypto.getRandomValues; native: /dev/urandom).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace subspace {

KeyHash sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

constexpr size_t kKeyBytes = 32;
constexpr size_t kKeyDigits = 43;  // 62^43 > 2^256: every 32-byte number fits
constexpr std::string_view kKeyPrefix = "sk_";

// "sk_" + the 32 bytes read as one big-endian number, in base 62, zero-padded to 43 digits.
std::string format_api_key(const std::array<std::uint8_t, kKeyBytes>& random_bytes);
bool looks_like_api_key(std::string_view key);

struct KeyFingerprint {
  KeyHash hash;
  std::string last4;
};
KeyFingerprint fingerprint(std::string_view plain_key);

}  // namespace subspace
