// Commands: every change to the State is one of these, in an envelope {id, actor, time}.
// Each payload lists its fields once (fields()), which drives JSON reading and writing.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model.hpp"

namespace subspace {

// Field visitor flags.
constexpr bool kRequired = true;
constexpr bool kOptional = false;

struct PlanFields {
  std::int32_t seat_limit = 10;
  std::int32_t avatar_slots = 5;
  Cents video_cost_per_minute = 100;
  template <class V> void fields(V& v) {
    v("seat_limit", seat_limit, kRequired);
    v("avatar_slots", avatar_slots, kRequired);
    v("video_cost_per_minute", video_cost_per_minute, kRequired);
  }
};

struct InviteRow {
  std::string email;
  std::string name;
  Role role = Role::Viewer;
  template <class V> void fields(V& v) {
    v("email", email, kRequired);
    v("name", name, kOptional);
    v("role", role, kRequired);
  }
};

struct ImageFields {
  std::string blob;
  std::int32_t width = 0, height = 0;
  template <class V> void fields(V& v) {
    v("blob", blob, kRequired);
    v("width", width, kRequired);
    v("height", height, kRequired);
  }
};

// --- organisation ---
struct CreateOrg {
  std::string name, admin_email, admin_name;
  std::optional<PlanFields> plan;
  Cents initial_credits = 0;
  template <class V> void fields(V& v) {
    v("name", name, kRequired);
    v("admin_email", admin_email, kRequired);
    v("admin_name", admin_name, kOptional);
    v("plan", plan, kOptional);
    v("initial_credits", initial_credits, kOptional);
  }
};
struct SetPlan {
  PlanFields plan;
  template <class V> void fields(V& v) { v("plan", plan, kRequired); }
};
struct UpdatePerson {
  std::string email, name;
  template <class V> void fields(V& v) { v("email", email, kRequired); v("name", name, kRequired); }
};

// --- workspaces ---
struct CreateWorkspace {
  std::string name;
  std::optional<ImageFields> image;
  bool billing_by_parent = true;
  bool api_access = false;
  Cents initial_credits = 0;
  std::optional<std::int32_t> seat_cap;
  std::vector<InviteRow> invites;
  template <class V> void fields(V& v) {
    v("name", name, kRequired);
    v("image", image, kOptional);
    v("billing_by_parent", billing_by_parent, kOptional);
    v("api_access", api_access, kOptional);
    v("initial_credits", initial_credits, kOptional);
    v("seat_cap", seat_cap, kOptional);
    v("invites", invites, kOptional);
  }
};
struct RenameWorkspace {
  WorkspaceId workspace = 0;
  std::string name;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("name", name, kRequired); }
};
struct SetWorkspaceImage {
  WorkspaceId workspace = 0;
  std::optional<ImageFields> image;  // absent or null clears it
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("image", image, kOptional); }
};
struct SetBillingMode {
  WorkspaceId workspace = 0;
  bool parent_manages = true;
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("parent_manages", parent_manages, kRequired);
  }
};
struct SetApiAccess {
  WorkspaceId workspace = 0;
  bool enabled = false;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("enabled", enabled, kRequired); }
};
struct SetSeatCap {
  WorkspaceId workspace = 0;
  std::optional<std::int32_t> cap;  // absent or null: no cap
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("cap", cap, kOptional); }
};
struct SetAlertThreshold {
  WorkspaceId workspace = 0;
  std::int32_t percent = 80;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("percent", percent, kRequired); }
};
struct DeleteWorkspace {
  WorkspaceId workspace = 0;
  std::string confirm_name;  // must equal the workspace's name: typed confirmation
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("confirm_name", confirm_name, kRequired);
  }
};
struct RestoreWorkspace {
  WorkspaceId workspace = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); }
};
struct PurgeWorkspace {
  WorkspaceId workspace = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); }
};

// --- members ---
struct InviteMembers {
  WorkspaceId workspace = 0;
  std::vector<InviteRow> invites;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("invites", invites, kRequired); }
};
struct AcceptInvitation {
  WorkspaceId workspace = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); }
};
struct RevokeInvitation {
  WorkspaceId workspace = 0;
  std::string email;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("email", email, kRequired); }
};
struct ResendInvitation {
  WorkspaceId workspace = 0;
  std::string email;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("email", email, kRequired); }
};
struct ChangeRole {
  WorkspaceId workspace = 0;
  std::string email;
  Role role = Role::Viewer;
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("email", email, kRequired);
    v("role", role, kRequired);
  }
};
struct RemoveMember {
  WorkspaceId workspace = 0;
  std::string email;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("email", email, kRequired); }
};

// --- credits and avatar slots ---
struct PurchaseCredits {
  WorkspaceId workspace = 0;
  Cents amount = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("amount", amount, kRequired); }
};
struct AllocateCredits {
  WorkspaceId workspace = 0;
  Cents amount = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("amount", amount, kRequired); }
};
struct ReclaimCredits {
  WorkspaceId workspace = 0;
  Cents amount = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("amount", amount, kRequired); }
};
struct PurchaseAvatarSlots {
  WorkspaceId workspace = 0;
  std::int32_t count = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("count", count, kRequired); }
};
struct AllocateAvatarSlots {
  WorkspaceId workspace = 0;
  std::int32_t count = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("count", count, kRequired); }
};
struct ReclaimAvatarSlots {
  WorkspaceId workspace = 0;
  std::int32_t count = 0;
  template <class V> void fields(V& v) { v("workspace", workspace, kRequired); v("count", count, kRequired); }
};

// --- API keys and usage. A key enters core only as its SHA-256 and last four characters. ---
struct CreateApiKey {
  WorkspaceId workspace = 0;
  std::string label;
  KeyHash key_hash{};
  std::string last4;
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("label", label, kRequired);
    v("key_hash", key_hash, kRequired);
    v("last4", last4, kRequired);
  }
};
struct RotateApiKey {
  KeyId key = 0;
  KeyHash key_hash{};
  std::string last4;
  template <class V> void fields(V& v) {
    v("key", key, kRequired);
    v("key_hash", key_hash, kRequired);
    v("last4", last4, kRequired);
  }
};
struct RevokeApiKey {
  KeyId key = 0;
  template <class V> void fields(V& v) { v("key", key, kRequired); }
};
struct RecordApiUsage {
  KeyHash key_hash{};
  std::string last4;
  std::string endpoint;
  Cents credits = 0;
  template <class V> void fields(V& v) {
    v("key_hash", key_hash, kRequired);
    v("last4", last4, kRequired);
    v("endpoint", endpoint, kRequired);
    v("credits", credits, kRequired);
  }
};

// --- assets and videos ---
struct CreateAsset {
  WorkspaceId workspace = 0;
  AssetKind kind = AssetKind::Avatar;
  std::string name;
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("kind", kind, kRequired);
    v("name", name, kRequired);
  }
};
struct RenameAsset {
  AssetId asset = 0;
  std::string name;
  template <class V> void fields(V& v) { v("asset", asset, kRequired); v("name", name, kRequired); }
};
struct DeleteAsset {
  AssetId asset = 0;
  template <class V> void fields(V& v) { v("asset", asset, kRequired); }
};
struct ShareAsset {
  AssetId asset = 0;
  std::vector<WorkspaceId> workspaces;
  template <class V> void fields(V& v) { v("asset", asset, kRequired); v("workspaces", workspaces, kRequired); }
};
struct UnshareAsset {
  AssetId asset = 0;
  std::vector<WorkspaceId> workspaces;
  template <class V> void fields(V& v) { v("asset", asset, kRequired); v("workspaces", workspaces, kRequired); }
};
struct MoveAsset {
  AssetId asset = 0;
  WorkspaceId workspace = 0;
  template <class V> void fields(V& v) { v("asset", asset, kRequired); v("workspace", workspace, kRequired); }
};
struct CreateVideo {
  WorkspaceId workspace = 0;
  std::string title;
  AssetId avatar = 0, voice = 0;
  std::optional<AssetId> template_id;
  std::int32_t duration_seconds = 0;
  template <class V> void fields(V& v) {
    v("workspace", workspace, kRequired);
    v("title", title, kRequired);
    v("avatar", avatar, kRequired);
    v("voice", voice, kRequired);
    v("template", template_id, kOptional);
    v("duration_seconds", duration_seconds, kRequired);
  }
};
struct DeleteVideo {
  VideoId video = 0;
  template <class V> void fields(V& v) { v("video", video, kRequired); }
};

// X(Type, "wire_name", permission_bearing). Permission-bearing commands leave an
// attempt_refused audit entry when refused. Order fixes CommandType values: append only.
#define SUBSPACE_COMMANDS(X)                       \
  X(CreateOrg, create_org, false)                  \
  X(SetPlan, set_plan, true)                       \
  X(UpdatePerson, update_person, true)             \
  X(CreateWorkspace, create_workspace, true)       \
  X(RenameWorkspace, rename_workspace, true)       \
  X(SetWorkspaceImage, set_workspace_image, true)  \
  X(SetBillingMode, set_billing_mode, true)        \
  X(SetApiAccess, set_api_access, true)            \
  X(SetSeatCap, set_seat_cap, true)                \
  X(SetAlertThreshold, set_alert_threshold, true)  \
  X(DeleteWorkspace, delete_workspace, true)       \
  X(RestoreWorkspace, restore_workspace, true)     \
  X(PurgeWorkspace, purge_workspace, true)         \
  X(InviteMembers, invite_members, true)           \
  X(AcceptInvitation, accept_invitation, true)     \
  X(RevokeInvitation, revoke_invitation, true)     \
  X(ResendInvitation, resend_invitation, true)     \
  X(ChangeRole, change_role, true)                 \
  X(RemoveMember, remove_member, true)             \
  X(PurchaseCredits, purchase_credits, true)       \
  X(AllocateCredits, allocate_credits, true)       \
  X(ReclaimCredits, reclaim_credits, true)         \
  X(PurchaseAvatarSlots, purchase_avatar_slots, true) \
  X(AllocateAvatarSlots, allocate_avatar_slots, true) \
  X(ReclaimAvatarSlots, reclaim_avatar_slots, true)   \
  X(CreateApiKey, create_api_key, true)            \
  X(RotateApiKey, rotate_api_key, true)            \
  X(RevokeApiKey, revoke_api_key, true)            \
  X(RecordApiUsage, record_api_usage, false)       \
  X(CreateAsset, create_asset, true)               \
  X(RenameAsset, rename_asset, true)               \
  X(DeleteAsset, delete_asset, true)               \
  X(ShareAsset, share_asset, true)                 \
  X(UnshareAsset, unshare_asset, true)             \
  X(MoveAsset, move_asset, true)                   \
  X(CreateVideo, create_video, true)               \
  X(DeleteVideo, delete_video, true)

enum class CommandType : std::uint8_t {
#define SUBSPACE_X(T, name, perm) T,
  SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X
};

using Payload = std::variant<
#define SUBSPACE_X(T, name, perm) T,
    SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X
    std::monostate>;

std::string_view command_name(CommandType t);
std::optional<CommandType> parse_command_name(std::string_view s);
bool permission_bearing(CommandType t);
inline CommandType command_type(const Payload& p) { return static_cast<CommandType>(p.index()); }

struct Envelope {
  CommandId id = 0;
  std::string actor;  // email of the acting person, or "system"
  TimeMs time = 0;
};

struct Command {
  Envelope env;
  Payload payload;
  CommandType type() const { return command_type(payload); }
};

// The journal's unit. An accepted command, or a refused attempt that changes nothing but
// the audit log. Replaying events in order rebuilds the State.
struct Event {
  std::uint64_t seq = 0;
  Command command;
  Err refused = Err::none;
  bool accepted() const { return refused == Err::none; }
};

}  // namespace subspace
