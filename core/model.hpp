// The organisation's state. Plain data: only the engine (core/exec_*.cpp) writes it; every
// other part of the program sees it through `const State&`.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/errors.hpp"
#include "core/types.hpp"

namespace subspace {

struct Plan {
  std::int32_t seat_limit = 10;
  std::int32_t avatar_slots = 5;
  Cents video_cost_per_minute = 100;  // 1.00 credit a minute
  bool operator==(const Plan&) const = default;
};

struct Person {
  std::string email;  // normalized; the person's identity
  std::string name;   // display name, may be empty
};

struct Membership {
  PersonIx person = kNoPerson;
  Role role = Role::Viewer;
  MemberStatus status = MemberStatus::Invited;
  TimeMs since = 0;       // invited at, or joined at once active
  TimeMs expires_at = 0;  // invitations only
  PersonIx invited_by = kNoPerson;
};

struct ImageRef {
  std::string blob;  // name of the thumbnail blob in storage; empty = no image
  std::int32_t width = 0, height = 0;
  bool operator==(const ImageRef&) const = default;
};

struct DayUsage {
  std::int64_t calls = 0;
  Cents credits = 0;
};
using UsageByDay = std::map<std::int64_t, DayUsage>;  // utc_day -> totals

struct Workspace {
  WorkspaceId id = 0;
  bool is_parent = false;
  std::string name;
  ImageRef image;
  TimeMs created_at = 0;
  std::optional<TimeMs> deleted_at;  // in the trash since

  // Settings (subs only; the parent pays for itself and always has API access).
  bool billing_by_parent = true;
  bool api_access = false;
  std::optional<std::int32_t> seat_cap;
  std::int32_t alert_percent = 80;

  // Credits. `balance` is this workspace's ledger account (the parent's is the org pool).
  // `allocated_unspent` is the part of a sub's balance that came from the parent and can be
  // reclaimed; consumption draws on it first, so a sub's own purchases stay with it.
  Cents balance = 0;
  Cents allocated_unspent = 0;
  Cents consumed_total = 0;

  // Avatar slots: the parent holds the org's pool; subs hold what was allocated or bought.
  std::int32_t slots = 0;
  std::int32_t slots_allocated = 0;  // part of `slots` that can be reclaimed

  std::vector<Membership> members;
  std::unordered_map<PersonIx, std::uint32_t> member_index;
  std::vector<AssetId> assets;     // owned
  std::vector<AssetId> shared_in;  // owned elsewhere, shared here (use-only)
  std::vector<VideoId> videos;
  UsageByDay usage_by_day;

  // Seat bookkeeping for the per-sub cap: active members and unexpired invitations here.
  std::int32_t active_count = 0;
  std::multiset<TimeMs> invitation_expiries;

  bool live() const { return !deleted_at.has_value(); }
  const Membership* member(PersonIx p) const {
    auto it = member_index.find(p);
    return it == member_index.end() ? nullptr : &members[it->second];
  }
};

struct Asset {
  AssetId id = 0;
  AssetKind kind = AssetKind::Avatar;
  std::string name;
  WorkspaceId owner = 0;
  PersonIx creator = kNoPerson;
  TimeMs created_at = 0;
  std::vector<WorkspaceId> shared_with;
};

struct Video {
  VideoId id = 0;
  WorkspaceId workspace = 0;
  std::string title;
  // Names are copied so a video keeps them after an asset is unshared or deleted.
  AssetId avatar = 0, voice = 0, template_id = 0;
  std::string avatar_name, voice_name, template_name;
  std::int32_t duration_seconds = 0;
  Cents cost = 0;
  PersonIx creator = kNoPerson;
  TimeMs created_at = 0;
};

using KeyHash = std::array<std::uint8_t, 32>;

struct ApiKey {
  KeyId id = 0;
  WorkspaceId workspace = 0;
  std::string label;
  KeyHash hash{};
  std::string last4;
  PersonIx created_by = kNoPerson;
  TimeMs created_at = 0;
  TimeMs last_used = 0;  // 0 = never
  KeyStatus status = KeyStatus::Active;
  TimeMs ended_at = 0;   // rotated or revoked at
  KeyId replaced_by = 0;
  UsageByDay usage_by_day;
};

struct UsageEvent {
  TimeMs time = 0;
  KeyId key = 0;
  WorkspaceId workspace = 0;
  std::uint32_t endpoint = 0;  // index into State::endpoints
  Cents credits = 0;
};

// Ledger accounts are workspace ids plus two reserved ids.
constexpr Id kOutsideAccount = ~Id{0};
constexpr Id kConsumedAccount = ~Id{0} - 1;

enum class Movement : std::uint8_t { Purchase, Allocate, Reclaim, Consume, ReturnOnDelete };
std::string_view movement_code(Movement m);
std::optional<Movement> parse_movement(std::string_view s);

struct LedgerEntry {
  TimeMs time = 0;
  CommandId command = 0;
  Movement kind = Movement::Purchase;
  Id from = 0, to = 0;
  Cents amount = 0;
  PersonIx actor = kNoPerson;
};

// Avatar slots move like credits but are counted, not priced.
struct SlotEntry {
  TimeMs time = 0;
  CommandId command = 0;
  Movement kind = Movement::Purchase;
  Id from = 0, to = 0;
  std::int32_t count = 0;
  PersonIx actor = kNoPerson;
};

enum class CommandType : std::uint8_t;  // core/commands.hpp

constexpr std::uint32_t kNoUsage = 0xffffffffu;

struct AuditEntry {
  TimeMs time = 0;
  PersonIx actor = kNoPerson;
  WorkspaceId workspace = 0;  // 0 = organisation-wide
  CommandType type{};
  Err result = Err::none;     // none = accepted; otherwise an attempt_refused entry
  std::string detail;         // short human summary ("invited 3 people")
  // An API call's entry says no more than its usage event: it points there instead of
  // repeating it (a million calls would otherwise double the audit log's size).
  std::uint32_t usage = kNoUsage;
};

// Per person: what makes them hold a seat. A person holds a seat while they have an active
// membership in a live workspace or an unexpired invitation.
struct SeatHold {
  std::int32_t active = 0;  // active memberships in live workspaces
  TimeMs invite_until = 0;  // latest expiry of their invitations in live workspaces (0 = none)
};

// A projection (core/projection.hpp) leaves out the people and memberships its person may
// not see; the seats those hold still count against the org's limit, so it carries them.
struct SeatsElsewhere {
  std::unordered_map<PersonIx, SeatHold> holds;  // a kept person's hold from memberships left out
  std::int32_t people_active = 0;                 // people left out who are active somewhere
  std::multiset<TimeMs> invite_only_expiries;     // people left out who hold a seat by invitations only
};

struct State {
  static constexpr int kFormatVersion = 1;

  bool has_org = false;
  std::string org_name;
  Plan plan;
  WorkspaceId parent = 0;

  std::vector<Person> people;
  std::unordered_map<std::string, PersonIx> person_by_email;
  std::vector<std::vector<WorkspaceId>> person_workspaces;  // every membership, any status
  std::vector<SeatHold> seat_holds;

  std::vector<Workspace> workspaces;  // parent first, then subs in creation order
  std::unordered_map<WorkspaceId, std::uint32_t> workspace_index;
  std::unordered_map<std::string, WorkspaceId> workspace_by_name_key;

  std::vector<Asset> assets;
  std::unordered_map<AssetId, std::uint32_t> asset_index;
  std::vector<Video> videos;
  std::unordered_map<VideoId, std::uint32_t> video_index;
  std::vector<ApiKey> keys;
  std::unordered_map<KeyId, std::uint32_t> key_index;
  std::unordered_multimap<std::string, KeyId> keys_by_last4;

  // Ledger: workspace balances live in Workspace::balance; the other two accounts here.
  Cents outside_balance = 0;
  Cents consumed_balance = 0;
  std::vector<LedgerEntry> ledger;
  std::int64_t slots_purchased_total = 0;
  std::vector<SlotEntry> slot_ledger;

  std::vector<UsageEvent> usage;
  std::vector<std::string> endpoints;
  std::unordered_map<std::string, std::uint32_t> endpoint_index;
  UsageByDay usage_by_day;  // whole organisation

  std::vector<AuditEntry> audit;

  // Seat counters (see SeatHold): people with an active membership, plus the invitation
  // expiry of every person who holds a seat only through invitations.
  std::int32_t people_active = 0;
  std::multiset<TimeMs> invite_only_expiries;

  std::uint64_t last_seq = 0;  // sequence of the last event applied
  std::uint64_t version = 0;   // bumped on every change, for caches in the UI

  // Set in a projection: the email of the person it was made for (empty = the whole
  // organisation), and the seats held by what it leaves out.
  std::string projected_for;
  SeatsElsewhere elsewhere;

  // --- lookups (no allocation, O(1) or O(log n)) ---
  const Workspace* workspace(WorkspaceId id) const;
  const Asset* asset(AssetId id) const;
  const Video* video(VideoId id) const;
  const ApiKey* key(KeyId id) const;
  std::optional<PersonIx> person(std::string_view email) const;
  const Person& person_at(PersonIx p) const { return people[p]; }
  const Workspace& parent_workspace() const { return workspaces.front(); }
  std::string_view email_of(PersonIx p) const;
  std::string_view endpoint_name(std::uint32_t ix) const { return endpoints[ix]; }
};

// An audit entry's summary (an API call's is read from its usage event).
std::string audit_detail(const State& s, const AuditEntry& e);

}  // namespace subspace
