#include "core/queries.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/rights.hpp"
#include "core/text.hpp"

namespace subspace {

int seats_used(const State& s, TimeMs now) {
  auto unexpired = std::distance(s.invite_only_expiries.upper_bound(now), s.invite_only_expiries.end());
  return s.people_active + static_cast<int>(unexpired);
}

int seats_left(const State& s, TimeMs now) { return std::max(0, s.plan.seat_limit - seats_used(s, now)); }

bool holds_seat(const State& s, PersonIx p, TimeMs now) {
  if (p >= s.seat_holds.size()) return false;
  const SeatHold& h = s.seat_holds[p];
  return h.active > 0 || h.invite_until > now;
}

bool keeps_seat_without(const State& s, PersonIx p, WorkspaceId ws, TimeMs now) {
  if (p >= s.person_workspaces.size()) return false;
  auto hidden = s.elsewhere.holds.find(p);
  if (hidden != s.elsewhere.holds.end() && (hidden->second.active > 0 || hidden->second.invite_until > now)) return true;
  for (WorkspaceId id : s.person_workspaces[p]) {
    const Workspace* other = id == ws ? nullptr : s.workspace(id);
    const Membership* m = other && other->live() ? other->member(p) : nullptr;
    if (m && (m->status == MemberStatus::Active || (m->status == MemberStatus::Invited && !invitation_expired(*m, now)))) return true;
  }
  return false;
}

int workspace_seats_used(const Workspace& ws, TimeMs now) {
  auto unexpired = std::distance(ws.invitation_expiries.upper_bound(now), ws.invitation_expiries.end());
  return ws.active_count + static_cast<int>(unexpired);
}

int workspace_cap_left(const Workspace& ws, TimeMs now) {
  if (!ws.seat_cap) return -1;
  return std::max(0, *ws.seat_cap - workspace_seats_used(ws, now));
}

bool invitation_expired(const Membership& m, TimeMs now) {
  return m.status == MemberStatus::Invited && m.expires_at <= now;
}

int InvitePreview::ok_count() const {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const InviteVerdict& v) { return v.problem == Err::none; }));
}

InvitePreview preview_invites(const State& s, const Workspace* ws, std::optional<std::int32_t> cap,
                              const std::vector<InviteRow>& rows, TimeMs now) {
  InvitePreview out;
  out.seats_left = s.plan.seat_limit - seats_used(s, now);
  int cap_left = cap ? *cap - (ws ? workspace_seats_used(*ws, now) : 0) : INT32_MAX;
  int seats_free = out.seats_left;
  std::unordered_set<std::string> seen;
  out.rows.reserve(rows.size());
  for (const InviteRow& row : rows) {
    InviteVerdict v;
    auto email = normalize_email(row.email);
    v.email = email ? *email : trim(row.email);
    auto fail = [&](Err e, std::string msg) {
      v.problem = e;
      v.message = std::move(msg);
    };
    if (!email) {
      fail(Err::invalid_email, "'" + v.email + "' is not a valid email address.");
    } else if (!seen.insert(*email).second) {
      fail(Err::duplicate_in_batch, *email + " appears more than once.");
    } else if (!normalize_display_name(row.name)) {
      fail(Err::invalid_field, "The name for " + *email + " is too long or has control characters.");
    } else {
      auto p = s.person(*email);
      const Membership* m = (ws && p) ? ws->member(*p) : nullptr;
      if (m && m->status == MemberStatus::Active) {
        fail(Err::already_member, *email + " is already a member.");
      } else if (m && m->status == MemberStatus::Invited && !invitation_expired(*m, now)) {
        fail(Err::already_invited, *email + " already has a pending invitation.");
      } else if (m && m->status == MemberStatus::Suspended) {
        fail(Err::workspace_in_trash, *email + " is suspended with this workspace.");
      } else {
        v.needs_new_seat = !(p && holds_seat(s, *p, now));
        if (v.needs_new_seat && seats_free <= 0) {
          fail(Err::seat_limit_reached, std::string(error_default_message(Err::seat_limit_reached)) + " (" + *email + ").");
        } else if (cap_left <= 0) {
          fail(Err::sub_seat_cap_reached, "The sub-workspace's seat cap is reached (" + *email + ").");
        } else {
          if (v.needs_new_seat) --seats_free, ++out.new_seats;
          --cap_left;
        }
      }
    }
    if (v.problem != Err::none) v.needs_new_seat = false;
    out.rows.push_back(std::move(v));
  }
  return out;
}

Error batch_error(const InvitePreview& p) {
  Error e;
  bool seat = false, cap = false;
  Err first = Err::none, only = Err::none;
  for (size_t i = 0; i < p.rows.size(); ++i) {
    const InviteVerdict& v = p.rows[i];
    if (v.problem == Err::none) continue;
    e.rows.push_back({static_cast<int>(i), v.email, v.problem, v.message});
    seat |= v.problem == Err::seat_limit_reached;
    cap |= v.problem == Err::sub_seat_cap_reached;
    if (first == Err::none) first = only = v.problem;
    else if (only != v.problem) only = Err::invalid_batch;
  }
  if (e.rows.empty()) return e;
  e.code = seat ? Err::seat_limit_reached : cap ? Err::sub_seat_cap_reached : only;
  if (e.code == Err::seat_limit_reached) {
    e.message = std::string(error_default_message(Err::seat_limit_reached)) + " (" +
                std::to_string(std::max(0, p.seats_left)) + " left, the batch needs more).";
  } else if (e.rows.size() == 1) {
    e.message = e.rows[0].message;
  } else {
    e.message = std::string(error_default_message(e.code == Err::invalid_batch ? Err::invalid_batch : e.code)) + " " +
                std::to_string(e.rows.size()) + " rows cannot go in; nothing was invited.";
  }
  return e;
}

int avatar_count(const State& s, const Workspace& ws) {
  int n = 0;
  for (AssetId id : ws.assets)
    if (const Asset* a = s.asset(id); a && a->kind == AssetKind::Avatar) ++n;
  return n;
}

int free_avatar_slots(const State& s, const Workspace& ws) { return std::max(0, ws.slots - avatar_count(s, ws)); }

bool asset_available(const Asset& a, const Workspace& ws) {
  return a.owner == ws.id || std::find(a.shared_with.begin(), a.shared_with.end(), ws.id) != a.shared_with.end();
}

int consumed_percent(const Workspace& ws) {
  // Credits received = consumed + still held (what was reclaimed or returned is not "received").
  Cents received = ws.consumed_total + std::max<Cents>(0, ws.balance);
  if (received <= 0) return 0;
  return static_cast<int>((ws.consumed_total * 100) / received);
}

bool over_alert_threshold(const Workspace& ws) {
  return ws.consumed_total > 0 && consumed_percent(ws) >= ws.alert_percent;
}

Cents ledger_sum(const State& s) {
  Cents sum = s.outside_balance + s.consumed_balance;
  for (const auto& ws : s.workspaces) sum += ws.balance;
  return sum;
}

const ApiKey* find_key(const State& s, const KeyHash& hash, std::string_view last4) {
  const ApiKey* found = nullptr;
  auto range = s.keys_by_last4.equal_range(std::string(last4));
  for (auto it = range.first; it != range.second; ++it) {
    const ApiKey* k = s.key(it->second);
    if (!k) continue;
    // Constant time over the whole digest: no early exit on the first differing byte.
    std::uint8_t diff = 0;
    for (size_t i = 0; i < hash.size(); ++i) diff |= static_cast<std::uint8_t>(k->hash[i] ^ hash[i]);
    if (diff == 0) found = k;
  }
  return found;
}

Cents video_cost(const Plan& plan, std::int32_t duration_seconds) {
  // Rounded up to the next hundredth: a started hundredth is charged.
  return (plan.video_cost_per_minute * duration_seconds + 59) / 60;
}

Error workspace_name_error(const State& s, std::string_view raw, WorkspaceId self, PersonIx viewer) {
  auto name = normalize_workspace_name(raw);
  if (!name) return Error(Err::invalid_name, workspace_name_problem(raw));
  // Unique ignoring ASCII case, counting names in the trash too.
  auto it = s.workspace_by_name_key.find(workspace_name_key(*name));
  if (it == s.workspace_by_name_key.end() || it->second == self) return {};
  const Workspace& other = *s.workspace(it->second);
  bool sees = viewer == kNoPerson || viewer == kSystemActor || can_see(s, viewer, other);  // the trash: org admins
  if (!sees) return Error(Err::name_taken, "That name is already used in this organisation; choose another.");
  return Error(Err::name_taken, "A workspace named '" + other.name + "' already exists (the trash counts too).");
}

}  // namespace subspace
