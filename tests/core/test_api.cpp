// API keys and usage (DESIGN.md "API access"): hashing, format, rotation, revocation,
// usage charged to the key's workspace and totalled per UTC day.
#include "core/command_json.hpp"
#include "core/state_json.hpp"
#include "core/text.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("SHA-256 matches the standard test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55, 56, 63, 64 bytes), values from Python's hashlib.
  CHECK(sha256_hex(std::string(55, 'x')) == "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  CHECK(sha256_hex(std::string(63, 'b')) == "94e419fabac7f930810f9636354042f8c1426d2f834d4ab65c93dc1e69326b13");
  CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("a key is sk_ + 43 base62 digits of 32 random bytes") {
  std::array<std::uint8_t, kKeyBytes> zero{}, ones;
  ones.fill(0xff);
  CHECK(format_api_key(zero) == "sk_" + std::string(43, '0'));
  std::string max = format_api_key(ones);
  CHECK(max.size() == 46);
  CHECK(looks_like_api_key(max));
  CHECK(max.substr(3, 1) != "0");  // 2^256-1 needs all 43 digits
  std::array<std::uint8_t, kKeyBytes> one{};
  one[31] = 61;
  CHECK(format_api_key(one) == "sk_" + std::string(42, '0') + "z");
  one[31] = 62;
  CHECK(format_api_key(one) == "sk_" + std::string(41, '0') + "10");
  CHECK_FALSE(looks_like_api_key("sk_abc"));
  CHECK_FALSE(looks_like_api_key("pk_" + std::string(43, '0')));
}

TEST_CASE("only the hash and the last four characters of a key enter core") {
  World w;
  KeyFingerprint k = w.new_key(7);
  const std::string& plain = w.plain_keys.back();
  CHECK(k.last4 == plain.substr(plain.size() - 4));
  ExecResult r = w.ok(kAdmin, CreateApiKey{w.parent(), "Production", k.hash, k.last4});
  const ApiKey& key = *w.s.key(w.last_id());
  CHECK(key.last4 == k.last4);
  CHECK(key.hash == sha256(plain));
  std::string journal = event_to_json(*r.event).dump();
  CHECK(journal.find(plain) == std::string::npos);
  CHECK(journal.find(plain.substr(3)) == std::string::npos);
  CHECK(find_key(w.s, sha256(plain), k.last4) == &key);
  CHECK(find_key(w.s, sha256(plain + "x"), k.last4) == nullptr);
  CHECK(w.err(kAdmin, CreateApiKey{w.parent(), "bad", k.hash, "ab!"}) == Err::invalid_key_hash);
  CHECK(w.err(kAdmin, CreateApiKey{w.parent(), "", k.hash, k.last4}) == Err::invalid_field);
}

TEST_CASE("rotate issues a new key and invalidates the old at once; revoke ends a key") {
  World w(10, 100'00);
  KeyFingerprint k1 = w.new_key(1), k2 = w.new_key(2);
  w.ok(kAdmin, CreateApiKey{w.parent(), "Production", k1.hash, k1.last4});
  KeyId first = w.last_id();
  w.ok(kSystem, RecordApiUsage{k1.hash, k1.last4, "/v1/a", 1'00});
  w.ok(kAdmin, RotateApiKey{first, k2.hash, k2.last4});
  KeyId second = w.last_id();
  CHECK(w.s.key(first)->status == KeyStatus::Rotated);
  CHECK(w.s.key(first)->replaced_by == second);
  CHECK(w.s.key(second)->label == "Production");
  CHECK(w.err(kSystem, RecordApiUsage{k1.hash, k1.last4, "/v1/a", 1'00}) == Err::invalid_api_key);
  w.ok(kSystem, RecordApiUsage{k2.hash, k2.last4, "/v1/a", 1'00});
  CHECK(w.err(kAdmin, RotateApiKey{first, k1.hash, k1.last4}) == Err::key_not_active);
  w.ok(kAdmin, RevokeApiKey{second});
  CHECK(w.err(kSystem, RecordApiUsage{k2.hash, k2.last4, "/v1/a", 1'00}) == Err::invalid_api_key);
  CHECK(w.err(kAdmin, RevokeApiKey{second}) == Err::key_not_active);
  CHECK(w.err(kAdmin, RevokeApiKey{99}) == Err::key_not_found);
}

TEST_CASE("turning API access off revokes the sub's keys") {
  World w(10, 100'00);
  WorkspaceId a = w.sub("Alpha", true, true, 10'00);
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{a, "k", k.hash, k.last4});
  KeyId id = w.last_id();
  w.ok(kAdmin, SetApiAccess{a, false});
  CHECK(w.s.key(id)->status == KeyStatus::Revoked);
  CHECK(w.err(kSystem, RecordApiUsage{k.hash, k.last4, "/x", 1}) == Err::invalid_api_key);
  w.ok(kAdmin, SetApiAccess{a, true});
  CHECK(w.s.key(id)->status == KeyStatus::Revoked);  // not brought back
}

TEST_CASE("usage is charged to the key's workspace and totalled per UTC day") {
  World w(10, 100'00);
  WorkspaceId a = w.sub("Alpha", true, true, 50'00);
  KeyFingerprint pk = w.new_key(1), sk = w.new_key(2);
  w.ok(kAdmin, CreateApiKey{w.parent(), "parent", pk.hash, pk.last4});
  KeyId parent_key = w.last_id();
  w.ok(kAdmin, CreateApiKey{a, "sub", sk.hash, sk.last4});
  KeyId sub_key = w.last_id();
  w.now = 1'764'115'199'000;  // 2025-11-25 23:59:59 UTC
  w.ok(kSystem, RecordApiUsage{sk.hash, sk.last4, "/v2/video/generate", 2'50});
  w.now += 1000;  // the next UTC day
  w.ok(kSystem, RecordApiUsage{sk.hash, sk.last4, "/v2/video/generate", 1'00});
  w.ok(kSystem, RecordApiUsage{sk.hash, sk.last4, "/v1/avatar/list", 0});
  w.ok(kSystem, RecordApiUsage{pk.hash, pk.last4, "/v1/voice/list", 4'00});
  CHECK(w.ws(a).balance == 50'00 - 3'50);
  CHECK(w.ws(w.parent()).balance == 50'00 - 4'00);
  const ApiKey& k = *w.s.key(sub_key);
  REQUIRE(k.usage_by_day.size() == 2);
  auto first = k.usage_by_day.begin();
  CHECK(format_day(first->first) == "2025-11-25");
  CHECK(first->second.calls == 1);
  CHECK(first->second.credits == 2'50);
  CHECK(std::next(first)->second.calls == 2);
  CHECK(k.last_used == w.now);
  CHECK(w.ws(a).usage_by_day.size() == 2);
  CHECK(w.s.key(parent_key)->usage_by_day.size() == 1);
  CHECK(w.s.usage_by_day.rbegin()->second.calls == 3);
  CHECK(w.s.usage.size() == 4);
  CHECK(w.s.endpoint_name(w.s.usage[2].endpoint) == "/v1/avatar/list");
  CHECK(ledger_sum(w.s) == 0);
}

TEST_CASE("an API call's audit entry points at its usage event, compactly and exactly") {
  World w(10, 100'00);
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{w.parent(), "k", k.hash, k.last4});
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v2/video/generate", 1'25});
  const AuditEntry& e = w.s.audit.back();
  CHECK(e.type == CommandType::RecordApiUsage);
  CHECK(e.usage == w.s.usage.size() - 1);
  CHECK(audit_detail(w.s, e) == "/v2/video/generate, 1.25 credits");
  Json j = state_to_json(w.s);
  CHECK(j["audit"].back().is_number());  // a number, not a repeated row
  // Called by a person (the offline "try a request"), the row is written out in full.
  w.ok(kAdmin, RecordApiUsage{k.hash, k.last4, "/v1/x", 5});
  j = state_to_json(w.s);
  CHECK(j["audit"].back().is_array());
  CHECK(j["audit"].back()[5] == "/v1/x, 0.05 credits");
  State back;
  REQUIRE_FALSE(state_from_json(j, back));
  CHECK(state_to_text(back) == state_to_text(w.s));
  CHECK(audit_detail(back, back.audit[back.audit.size() - 2]) == "/v2/video/generate, 1.25 credits");
  j["audit"].back() = 999;  // a usage event that does not exist
  CHECK(state_from_json(j, back).code == Err::storage_corrupt);
}
