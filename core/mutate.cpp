#include "core/mutate.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace subspace {

// --- read-only lookups of State (declared in model.hpp) ---

const Workspace* State::workspace(WorkspaceId id) const {
  auto it = workspace_index.find(id);
  return it == workspace_index.end() ? nullptr : &workspaces[it->second];
}
const Asset* State::asset(AssetId id) const {
  auto it = asset_index.find(id);
  return it == asset_index.end() ? nullptr : &assets[it->second];
}
const Video* State::video(VideoId id) const {
  auto it = video_index.find(id);
  return it == video_index.end() ? nullptr : &videos[it->second];
}
const ApiKey* State::key(KeyId id) const {
  auto it = key_index.find(id);
  return it == key_index.end() ? nullptr : &keys[it->second];
}
std::optional<PersonIx> State::person(std::string_view email) const {
  auto it = person_by_email.find(std::string(email));
  if (it == person_by_email.end()) return std::nullopt;
  return it->second;
}
std::string_view State::email_of(PersonIx p) const {
  if (p == kSystemActor) return kSystemEmail;
  if (p >= people.size()) return "unknown";
  return people[p].email;
}

namespace mut {
namespace {

template <class T, class Index> T& at(std::vector<T>& v, const Index& index, Id id, const char* what) {
  auto it = index.find(id);
  if (it == index.end()) throw std::logic_error(std::string("core: missing ") + what);  // a bug, not user input
  return v[it->second];
}

// Removes element `id` from a vector indexed by id, moving the last element into its place.
template <class T, class Index> void swap_remove(std::vector<T>& v, Index& index, Id id) {
  auto it = index.find(id);
  if (it == index.end()) return;
  std::uint32_t pos = it->second;
  index.erase(it);
  if (pos + 1 != v.size()) {
    v[pos] = std::move(v.back());
    index[v[pos].id] = pos;
  }
  v.pop_back();
}

void erase_value(std::vector<Id>& v, Id x) {
  auto it = std::find(v.begin(), v.end(), x);
  if (it != v.end()) v.erase(it);
}

void count_in_workspace(Workspace& ws, const Membership& m, int sign) {
  if (m.status == MemberStatus::Active) {
    ws.active_count += sign;
  } else if (m.status == MemberStatus::Invited) {
    if (sign > 0) ws.invitation_expiries.insert(m.expires_at);
    else if (auto it = ws.invitation_expiries.find(m.expires_at); it != ws.invitation_expiries.end())
      ws.invitation_expiries.erase(it);
  }
}

void count_hold(State& s, const SeatHold& h, int sign) {
  if (h.active > 0) {
    s.people_active += sign;
  } else if (h.invite_until > 0) {
    if (sign > 0) s.invite_only_expiries.insert(h.invite_until);
    else if (auto it = s.invite_only_expiries.find(h.invite_until); it != s.invite_only_expiries.end())
      s.invite_only_expiries.erase(it);
  }
}

SeatHold compute_hold(const State& s, PersonIx p) {
  SeatHold h;
  if (auto it = s.elsewhere.holds.find(p); it != s.elsewhere.holds.end()) h = it->second;  // a projection's hidden part
  for (WorkspaceId id : s.person_workspaces[p]) {
    const Workspace* ws = s.workspace(id);
    if (!ws || !ws->live()) continue;
    const Membership* m = ws->member(p);
    if (!m) continue;
    if (m->status == MemberStatus::Active) ++h.active;
    else if (m->status == MemberStatus::Invited) h.invite_until = std::max(h.invite_until, m->expires_at);
  }
  return h;
}

}  // namespace

Workspace& workspace(State& s, WorkspaceId id) { return at(s.workspaces, s.workspace_index, id, "workspace"); }
Asset& asset(State& s, AssetId id) { return at(s.assets, s.asset_index, id, "asset"); }
ApiKey& key(State& s, KeyId id) { return at(s.keys, s.key_index, id, "key"); }

PersonIx ensure_person(State& s, const std::string& email, const std::string& name) {
  auto it = s.person_by_email.find(email);
  if (it != s.person_by_email.end()) {
    if (s.people[it->second].name.empty() && !name.empty()) s.people[it->second].name = name;
    return it->second;
  }
  auto p = static_cast<PersonIx>(s.people.size());
  s.people.push_back({email, name});
  s.person_by_email.emplace(email, p);
  s.person_workspaces.emplace_back();
  s.seat_holds.emplace_back();
  return p;
}

Workspace& add_workspace(State& s, Workspace ws) {
  auto pos = static_cast<std::uint32_t>(s.workspaces.size());
  s.workspace_index[ws.id] = pos;
  s.workspace_by_name_key[workspace_name_key(ws.name)] = ws.id;
  s.workspaces.push_back(std::move(ws));
  return s.workspaces.back();
}

void remove_workspace(State& s, WorkspaceId id) {
  auto it = s.workspace_index.find(id);
  if (it == s.workspace_index.end()) return;
  s.workspace_by_name_key.erase(workspace_name_key(s.workspaces[it->second].name));
  // Keep creation order (the list view relies on it): erase and renumber.
  s.workspaces.erase(s.workspaces.begin() + it->second);
  s.workspace_index.clear();
  for (std::uint32_t i = 0; i < s.workspaces.size(); ++i) s.workspace_index[s.workspaces[i].id] = i;
}

void rename_workspace(State& s, Workspace& ws, const std::string& name) {
  s.workspace_by_name_key.erase(workspace_name_key(ws.name));
  ws.name = name;
  s.workspace_by_name_key[workspace_name_key(name)] = ws.id;
}

void refresh_seat_hold(State& s, PersonIx p) {
  SeatHold now = compute_hold(s, p);
  SeatHold& old = s.seat_holds[p];
  if (now.active == old.active && now.invite_until == old.invite_until) return;
  count_hold(s, old, -1);
  count_hold(s, now, +1);
  old = now;
}

void set_membership(State& s, Workspace& ws, const Membership& m) {
  auto it = ws.member_index.find(m.person);
  if (it != ws.member_index.end()) {
    count_in_workspace(ws, ws.members[it->second], -1);
    ws.members[it->second] = m;
  } else {
    ws.member_index[m.person] = static_cast<std::uint32_t>(ws.members.size());
    ws.members.push_back(m);
    s.person_workspaces[m.person].push_back(ws.id);
  }
  count_in_workspace(ws, m, +1);
  refresh_seat_hold(s, m.person);
}

void remove_membership(State& s, Workspace& ws, PersonIx p) {
  auto it = ws.member_index.find(p);
  if (it == ws.member_index.end()) return;
  std::uint32_t pos = it->second;
  count_in_workspace(ws, ws.members[pos], -1);
  ws.member_index.erase(it);
  if (pos + 1 != ws.members.size()) {
    ws.members[pos] = ws.members.back();
    ws.member_index[ws.members[pos].person] = pos;
  }
  ws.members.pop_back();
  erase_value(s.person_workspaces[p], ws.id);
  refresh_seat_hold(s, p);
}

namespace {
Cents& balance(State& s, Id account) {
  if (account == kOutsideAccount) return s.outside_balance;
  if (account == kConsumedAccount) return s.consumed_balance;
  return workspace(s, account).balance;
}
}  // namespace

void move_credits(State& s, Movement kind, Id from, Id to, Cents amount, CommandId cmd, PersonIx actor, TimeMs time) {
  balance(s, from) -= amount;
  balance(s, to) += amount;
  switch (kind) {
    case Movement::Allocate: workspace(s, to).allocated_unspent += amount; break;
    case Movement::Reclaim: workspace(s, from).allocated_unspent -= amount; break;
    case Movement::ReturnOnDelete: workspace(s, from).allocated_unspent = 0; break;
    case Movement::Consume: {
      Workspace& ws = workspace(s, from);
      ws.allocated_unspent -= std::min(ws.allocated_unspent, amount);
      ws.consumed_total += amount;
      break;
    }
    case Movement::Purchase: break;
  }
  s.ledger.push_back({time, cmd, kind, from, to, amount, actor});
}

void move_slots(State& s, Movement kind, Id from, Id to, std::int32_t count, CommandId cmd, PersonIx actor, TimeMs time) {
  if (from != kOutsideAccount) workspace(s, from).slots -= count;
  else s.slots_purchased_total += count;
  workspace(s, to).slots += count;
  if (kind == Movement::Allocate) workspace(s, to).slots_allocated += count;
  if (kind == Movement::Reclaim) workspace(s, from).slots_allocated -= count;
  if (kind == Movement::ReturnOnDelete) workspace(s, from).slots_allocated = 0;
  s.slot_ledger.push_back({time, cmd, kind, from, to, count, actor});
}

void add_asset(State& s, Asset a) {
  workspace(s, a.owner).assets.push_back(a.id);
  s.asset_index[a.id] = static_cast<std::uint32_t>(s.assets.size());
  s.assets.push_back(std::move(a));
}

void unshare(State& s, Asset& a, WorkspaceId target) {
  erase_value(a.shared_with, target);
  if (auto it = s.workspace_index.find(target); it != s.workspace_index.end())
    erase_value(s.workspaces[it->second].shared_in, a.id);
}

void remove_asset(State& s, AssetId id) {
  Asset& a = asset(s, id);
  while (!a.shared_with.empty()) unshare(s, a, a.shared_with.back());
  if (auto it = s.workspace_index.find(a.owner); it != s.workspace_index.end())
    erase_value(s.workspaces[it->second].assets, id);
  swap_remove(s.assets, s.asset_index, id);
}

void add_video(State& s, Video v) {
  workspace(s, v.workspace).videos.push_back(v.id);
  s.video_index[v.id] = static_cast<std::uint32_t>(s.videos.size());
  s.videos.push_back(std::move(v));
}

void remove_video(State& s, VideoId id) {
  auto it = s.video_index.find(id);
  if (it == s.video_index.end()) return;
  if (auto w = s.workspace_index.find(s.videos[it->second].workspace); w != s.workspace_index.end())
    erase_value(s.workspaces[w->second].videos, id);
  swap_remove(s.videos, s.video_index, id);
}

void add_key(State& s, ApiKey k) {
  s.keys_by_last4.emplace(k.last4, k.id);
  s.key_index[k.id] = static_cast<std::uint32_t>(s.keys.size());
  s.keys.push_back(std::move(k));
}

void remove_key(State& s, KeyId id) {
  auto it = s.key_index.find(id);
  if (it == s.key_index.end()) return;
  auto range = s.keys_by_last4.equal_range(s.keys[it->second].last4);
  for (auto r = range.first; r != range.second; ++r)
    if (r->second == id) { s.keys_by_last4.erase(r); break; }
  swap_remove(s.keys, s.key_index, id);
}

void record_usage(State& s, ApiKey& k, std::string_view endpoint, Cents credits, TimeMs time) {
  Workspace& ws = workspace(s, k.workspace);
  // API usage is consumption without a ledger line of its own: the usage event is its record.
  ws.balance -= credits;
  s.consumed_balance += credits;
  ws.allocated_unspent -= std::min(ws.allocated_unspent, credits);
  ws.consumed_total += credits;

  std::string ep(endpoint);
  auto [it, inserted] = s.endpoint_index.emplace(ep, static_cast<std::uint32_t>(s.endpoints.size()));
  if (inserted) s.endpoints.push_back(ep);
  s.usage.push_back({time, k.id, k.workspace, it->second, credits});

  std::int64_t day = utc_day(time);
  for (UsageByDay* by_day : {&k.usage_by_day, &ws.usage_by_day, &s.usage_by_day}) {
    DayUsage& d = (*by_day)[day];
    d.calls += 1;
    d.credits += credits;
  }
  k.last_used = std::max(k.last_used, time);
}

void rebuild_indices(State& s) {
  s.person_by_email.clear();
  for (PersonIx p = 0; p < s.people.size(); ++p) s.person_by_email[s.people[p].email] = p;
  s.person_workspaces.assign(s.people.size(), {});
  s.seat_holds.assign(s.people.size(), {});
  // A projection counts the seats of the people it leaves out too.
  s.people_active = s.elsewhere.people_active;
  s.invite_only_expiries = s.elsewhere.invite_only_expiries;
  s.workspace_index.clear();
  s.workspace_by_name_key.clear();
  for (std::uint32_t i = 0; i < s.workspaces.size(); ++i) {
    Workspace& ws = s.workspaces[i];
    s.workspace_index[ws.id] = i;
    s.workspace_by_name_key[workspace_name_key(ws.name)] = ws.id;
    ws.member_index.clear();
    ws.active_count = 0;
    ws.invitation_expiries.clear();
    ws.assets.clear();
    ws.shared_in.clear();
    ws.videos.clear();
    for (std::uint32_t m = 0; m < ws.members.size(); ++m) {
      ws.member_index[ws.members[m].person] = m;
      s.person_workspaces[ws.members[m].person].push_back(ws.id);
      count_in_workspace(ws, ws.members[m], +1);
    }
  }
  for (PersonIx p = 0; p < s.people.size(); ++p) refresh_seat_hold(s, p);
  s.asset_index.clear();
  for (std::uint32_t i = 0; i < s.assets.size(); ++i) {
    const Asset& a = s.assets[i];
    s.asset_index[a.id] = i;
    workspace(s, a.owner).assets.push_back(a.id);
    for (WorkspaceId t : a.shared_with) workspace(s, t).shared_in.push_back(a.id);
  }
  s.video_index.clear();
  for (std::uint32_t i = 0; i < s.videos.size(); ++i) {
    s.video_index[s.videos[i].id] = i;
    workspace(s, s.videos[i].workspace).videos.push_back(s.videos[i].id);
  }
  s.key_index.clear();
  s.keys_by_last4.clear();
  for (std::uint32_t i = 0; i < s.keys.size(); ++i) {
    s.key_index[s.keys[i].id] = i;
    s.keys_by_last4.emplace(s.keys[i].last4, s.keys[i].id);
  }
  s.endpoint_index.clear();
  for (std::uint32_t i = 0; i < s.endpoints.size(); ++i) s.endpoint_index[s.endpoints[i]] = i;

  // Usage totals per day are derived from the usage events, never stored twice.
  s.usage_by_day.clear();
  for (auto& k : s.keys) k.usage_by_day.clear();
  for (auto& ws : s.workspaces) ws.usage_by_day.clear();
  for (const UsageEvent& u : s.usage) {
    std::int64_t day = utc_day(u.time);
    auto add = [&](UsageByDay& by_day) {
      DayUsage& d = by_day[day];
      d.calls += 1;
      d.credits += u.credits;
    };
    add(s.usage_by_day);
    if (auto k = s.key_index.find(u.key); k != s.key_index.end()) add(s.keys[k->second].usage_by_day);
    if (auto w = s.workspace_index.find(u.workspace); w != s.workspace_index.end()) add(s.workspaces[w->second].usage_by_day);
  }
}

}  // namespace mut
}  // namespace subspace
