// Basic vocabulary of the domain: ids, time, money, roles, asset kinds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace subspace {

// Workspaces, assets, keys and videos take the id of the command that created them, so a
// replay (browser, server, CLI) produces the same ids. Ids stay below 2^53 so that they
// survive a trip through JavaScript numbers.
using Id = std::uint64_t;
using WorkspaceId = Id;
using AssetId = Id;
using KeyId = Id;
using VideoId = Id;
using CommandId = Id;
constexpr Id kMaxId = (Id{1} << 53) - 1;

// People are named by email everywhere outside the State; inside, a dense local index.
using PersonIx = std::uint32_t;
constexpr PersonIx kNoPerson = 0xffffffffu;
constexpr PersonIx kSystemActor = 0xfffffffeu;
constexpr std::string_view kSystemEmail = "system";

using TimeMs = std::int64_t;  // milliseconds since the Unix epoch, UTC
constexpr TimeMs kSecondMs = 1000;
constexpr TimeMs kDayMs = 86'400'000;
constexpr TimeMs kInvitationTtlMs = 7 * kDayMs;
constexpr TimeMs kTrashRetentionMs = 30 * kDayMs;
constexpr std::int32_t kMaxVideoSeconds = 2 * 60 * 60;  // a video lasts 1 second to 2 hours

// Days since the epoch in UTC; floor division so times before 1970 stay on the right day.
constexpr std::int64_t utc_day(TimeMs t) { return t >= 0 ? t / kDayMs : -((-t + kDayMs - 1) / kDayMs); }

using Cents = std::int64_t;  // hundredths of a credit; credits are never floating point
constexpr Cents kMaxAmount = Cents{1'000'000'000'000};  // 10 billion credits: beyond any plan

enum class Role : std::uint8_t { SuperAdmin, Developer, Creator, Viewer };
constexpr int kRoleCount = 4;
std::string_view role_code(Role r);   // "super_admin"
std::string_view role_label(Role r);  // "Super Admin"
// Accepts codes and labels in any case, with spaces, dashes or underscores ("Super Admin",
// "super-admin", "SUPERADMIN", "admin" is not accepted: ambiguous).
std::optional<Role> parse_role(std::string_view s);

enum class AssetKind : std::uint8_t { Avatar, Voice, BrandKit, Template };
constexpr int kAssetKindCount = 4;
std::string_view asset_kind_code(AssetKind k);   // "brand_kit"
std::string_view asset_kind_label(AssetKind k);  // "Brand kit"
std::optional<AssetKind> parse_asset_kind(std::string_view s);

enum class MemberStatus : std::uint8_t { Active, Invited, Suspended };
std::string_view member_status_code(MemberStatus s);
std::optional<MemberStatus> parse_member_status(std::string_view s);

enum class KeyStatus : std::uint8_t { Active, Rotated, Revoked };
std::string_view key_status_code(KeyStatus s);
std::optional<KeyStatus> parse_key_status(std::string_view s);

}  // namespace subspace
