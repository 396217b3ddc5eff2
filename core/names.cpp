// Wire names and labels of the domain's enumerations.
#include <array>

#include "core/commands.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

// Folds "Super Admin", "super-admin", "SUPER_ADMIN" to "superadmin".
std::string fold_name(std::string_view s) {
  std::string out;
  for (char c : trim(s)) {
    if (c == ' ' || c == '_' || c == '-') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

template <class E, size_t N> std::optional<E> parse_folded(std::string_view s, const std::array<std::string_view, N>& codes) {
  std::string f = fold_name(s);
  for (size_t i = 0; i < N; ++i)
    if (fold_name(codes[i]) == f) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, kRoleCount> kRoleCodes = {"super_admin", "developer", "creator", "viewer"};
constexpr std::array<std::string_view, kRoleCount> kRoleLabels = {"Super Admin", "Developer", "Creator", "Viewer"};
constexpr std::array<std::string_view, kAssetKindCount> kKindCodes = {"avatar", "voice", "brand_kit", "template"};
constexpr std::array<std::string_view, kAssetKindCount> kKindLabels = {"Avatar", "Voice", "Brand kit", "Template"};
constexpr std::array<std::string_view, 3> kStatusCodes = {"active", "invited", "suspended"};
constexpr std::array<std::string_view, 3> kKeyStatusCodes = {"active", "rotated", "revoked"};
constexpr std::array<std::string_view, 5> kMovementCodes = {"purchase", "allocate", "reclaim", "consume", "return_on_delete"};

constexpr std::string_view kErrorCodes[] = {
#define SUBSPACE_X(code, msg) #code,
    SUBSPACE_ERRORS(SUBSPACE_X)
#undef SUBSPACE_X
};
constexpr std::string_view kErrorMessages[] = {
#define SUBSPACE_X(code, msg) msg,
    SUBSPACE_ERRORS(SUBSPACE_X)
#undef SUBSPACE_X
};

constexpr std::string_view kCommandNames[] = {
#define SUBSPACE_X(T, name, perm) #name,
    SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X
};
constexpr bool kPermissionBearing[] = {
#define SUBSPACE_X(T, name, perm) perm,
    SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X
};

}  // namespace

std::string_view role_code(Role r) { return kRoleCodes[static_cast<size_t>(r)]; }
std::string_view role_label(Role r) { return kRoleLabels[static_cast<size_t>(r)]; }
std::optional<Role> parse_role(std::string_view s) {
  if (auto r = parse_folded<Role>(s, kRoleCodes)) return r;
  return parse_folded<Role>(s, kRoleLabels);
}

std::string_view asset_kind_code(AssetKind k) { return kKindCodes[static_cast<size_t>(k)]; }
std::string_view asset_kind_label(AssetKind k) { return kKindLabels[static_cast<size_t>(k)]; }
std::optional<AssetKind> parse_asset_kind(std::string_view s) { return parse_folded<AssetKind>(s, kKindCodes); }

std::string_view member_status_code(MemberStatus s) { return kStatusCodes[static_cast<size_t>(s)]; }
std::optional<MemberStatus> parse_member_status(std::string_view s) { return parse_folded<MemberStatus>(s, kStatusCodes); }

std::string_view key_status_code(KeyStatus s) { return kKeyStatusCodes[static_cast<size_t>(s)]; }
std::optional<KeyStatus> parse_key_status(std::string_view s) { return parse_folded<KeyStatus>(s, kKeyStatusCodes); }

std::string_view movement_code(Movement m) { return kMovementCodes[static_cast<size_t>(m)]; }
std::optional<Movement> parse_movement(std::string_view s) { return parse_folded<Movement>(s, kMovementCodes); }

std::string_view error_code(Err e) { return kErrorCodes[static_cast<size_t>(e)]; }
std::string_view error_default_message(Err e) { return kErrorMessages[static_cast<size_t>(e)]; }
bool parse_error_code(std::string_view s, Err& out) {
  for (size_t i = 0; i < std::size(kErrorCodes); ++i)
    if (kErrorCodes[i] == s) { out = static_cast<Err>(i); return true; }
  return false;
}

std::string_view command_name(CommandType t) { return kCommandNames[static_cast<size_t>(t)]; }
std::optional<CommandType> parse_command_name(std::string_view s) {
  for (size_t i = 0; i < std::size(kCommandNames); ++i)
    if (kCommandNames[i] == s) return static_cast<CommandType>(i);
  return std::nullopt;
}
bool permission_bearing(CommandType t) { return kPermissionBearing[static_cast<size_t>(t)]; }

}  // namespace subspace
