#include "core/projection.hpp"

#include <algorithm>
#include <unordered_set>

#include "core/mutate.hpp"
#include "core/rights.hpp"

namespace subspace {
namespace {

// How much of a workspace the person keeps.
enum class Keep : std::uint8_t { None, Name, Invitation, Whole };

struct Projector {
  const State& s;
  PersonIx me;
  std::unordered_map<WorkspaceId, Keep> keep;
  std::unordered_set<WorkspaceId> api, books;  // whole workspaces where `me` may see keys / the books
  std::vector<PersonIx> to_new;                // old person index -> new, kNoPerson when left out
  std::vector<std::uint32_t> usage_to_new;     // old usage index -> new, kNoUsage when left out
  State out;

  Keep of(WorkspaceId id) const {
    auto it = keep.find(id);
    return it == keep.end() ? Keep::None : it->second;
  }
  bool whole(WorkspaceId id) const { return of(id) == Keep::Whole; }
  bool in_books(Id account) const { return books.count(account) > 0; }
  // The system actor and "nobody" pass through; people are renumbered.
  PersonIx person(PersonIx p) const { return p < to_new.size() ? to_new[p] : p; }
  void mention(PersonIx p) {
    if (p < to_new.size()) to_new[p] = 0;  // kept; numbered in number_people()
  }

  void choose_workspaces();
  void mention_people();
  void number_people();
  bool membership_kept(const Workspace& ws, PersonIx p) const;
  void add_workspaces();
  Workspace stub(const Workspace& ws) const;
  void add_assets();
  void add_keys_and_usage();
  void add_books();
  void add_audit();
  void carry_seats();
};

// Active in a live workspace: whole. Invited: the invitation. Shared from, or the parent: a name.
void Projector::choose_workspaces() {
  for (const Workspace& ws : s.workspaces) {
    const Membership* m = ws.live() ? ws.member(me) : nullptr;
    if (m && m->status == MemberStatus::Active) keep[ws.id] = Keep::Whole;
    else if (m && m->status == MemberStatus::Invited) keep[ws.id] = Keep::Invitation;
  }
  for (const Workspace& ws : s.workspaces) {
    if (!whole(ws.id)) continue;
    if (can(s, me, ws, Perm::Api)) api.insert(ws.id);
    if (can(s, me, ws, Perm::Billing)) books.insert(ws.id);
    for (AssetId id : ws.shared_in)
      if (const Asset* a = s.asset(id); a && of(a->owner) == Keep::None) keep[a->owner] = Keep::Name;
  }
  if (of(s.parent) == Keep::None) keep[s.parent] = Keep::Name;
}

// Everyone a kept part names: members, inviters, creators, actors of the books and the log.
void Projector::mention_people() {
  to_new.assign(s.people.size(), kNoPerson);
  mention(me);
  for (const Workspace& ws : s.workspaces)
    for (const Membership& m : ws.members)
      if (whole(ws.id) || (of(ws.id) == Keep::Invitation && m.person == me)) {
        mention(m.person);
        mention(m.invited_by);
      }
  for (const Asset& a : s.assets)
    if (whole(a.owner)) mention(a.creator);
  for (const Video& v : s.videos)
    if (whole(v.workspace)) mention(v.creator);
  for (const ApiKey& k : s.keys)
    if (api.count(k.workspace)) mention(k.created_by);
  for (const LedgerEntry& e : s.ledger)
    if (in_books(e.from) || in_books(e.to)) mention(e.actor);
  for (const SlotEntry& e : s.slot_ledger)
    if (in_books(e.from) || in_books(e.to)) mention(e.actor);
  for (const AuditEntry& e : s.audit)
    if (in_books(e.workspace)) mention(e.actor);
}

void Projector::number_people() {
  for (PersonIx p = 0; p < s.people.size(); ++p) {
    if (to_new[p] == kNoPerson) continue;
    to_new[p] = static_cast<PersonIx>(out.people.size());
    out.people.push_back(s.people[p]);
  }
}

// Whole workspaces keep every member; an invitation keeps the person's own; the parent,
// when kept as a name, keeps its org admins among the people kept (a sub's Super Admins
// cannot remove or demote them, and the members view says who they are).
bool Projector::membership_kept(const Workspace& ws, PersonIx p) const {
  switch (of(ws.id)) {
    case Keep::Whole: return true;
    case Keep::Invitation:
      if (p == me) return true;
      [[fallthrough]];
    case Keep::Name: {
      const Membership* m = ws.is_parent ? ws.member(p) : nullptr;
      return m && to_new[p] != kNoPerson && m->status == MemberStatus::Active && m->role == Role::SuperAdmin;
    }
    case Keep::None: return false;
  }
  return false;
}

// A workspace kept for its name: nothing of its settings, money or content.
Workspace Projector::stub(const Workspace& ws) const {
  Workspace w;
  w.id = ws.id;
  w.is_parent = ws.is_parent;
  w.name = ws.name;
  w.created_at = ws.created_at;
  return w;
}

void Projector::add_workspaces() {
  for (const Workspace& ws : s.workspaces) {
    if (of(ws.id) == Keep::None) continue;
    Workspace w = whole(ws.id) ? ws : stub(ws);
    w.members.clear();
    for (const Membership& m : ws.members) {
      if (!membership_kept(ws, m.person)) continue;
      Membership kept = m;
      kept.person = person(m.person);
      kept.invited_by = person(m.invited_by);
      w.members.push_back(kept);
    }
    out.workspaces.push_back(std::move(w));  // indices are rebuilt at the end
  }
}

// Assets of whole workspaces, and those shared into them (their creator is someone else's).
// Either way they show only the shares the person can see.
void Projector::add_assets() {
  for (const Asset& a : s.assets) {
    Asset kept = a;
    kept.shared_with.clear();
    for (WorkspaceId t : a.shared_with)
      if (whole(t)) kept.shared_with.push_back(t);
    if (!whole(a.owner) && kept.shared_with.empty()) continue;
    kept.creator = whole(a.owner) ? person(a.creator) : kNoPerson;
    out.assets.push_back(std::move(kept));
  }
  for (const Video& v : s.videos) {
    if (!whole(v.workspace)) continue;
    out.videos.push_back(v);
    out.videos.back().creator = person(v.creator);
  }
}

// Keys where the person may use the API; usage there and where they see the books, with
// only the endpoints those calls name.
void Projector::add_keys_and_usage() {
  for (const ApiKey& k : s.keys) {
    if (!api.count(k.workspace)) continue;
    out.keys.push_back(k);
    out.keys.back().created_by = person(k.created_by);
  }
  std::vector<std::uint32_t> endpoint_to_new(s.endpoints.size(), kNoUsage);
  usage_to_new.assign(s.usage.size(), kNoUsage);
  for (std::uint32_t i = 0; i < s.usage.size(); ++i) {
    UsageEvent u = s.usage[i];
    if (!api.count(u.workspace) && !books.count(u.workspace)) continue;
    std::uint32_t& ep = endpoint_to_new[u.endpoint];
    if (ep == kNoUsage) {
      ep = static_cast<std::uint32_t>(out.endpoints.size());
      out.endpoints.push_back(s.endpoints[u.endpoint]);
    }
    u.endpoint = ep;
    usage_to_new[i] = static_cast<std::uint32_t>(out.usage.size());
    out.usage.push_back(u);
  }
}

// Ledger lines of the workspaces whose books the person sees. The balances of the kept
// workspaces are real; "consumed" is what they consumed and "outside" balances the rest, so
// the books sum to zero as everywhere (state_from_json checks it).
void Projector::add_books() {
  for (const LedgerEntry& e : s.ledger)
    if (in_books(e.from) || in_books(e.to)) {
      out.ledger.push_back(e);
      out.ledger.back().actor = person(e.actor);
    }
  for (const SlotEntry& e : s.slot_ledger)
    if (in_books(e.from) || in_books(e.to)) {
      out.slot_ledger.push_back(e);
      out.slot_ledger.back().actor = person(e.actor);
    }
  Cents balances = 0;
  for (const Workspace& w : out.workspaces) {
    balances += w.balance;
    if (whole(w.id)) out.consumed_balance += w.consumed_total;
  }
  out.outside_balance = -(balances + out.consumed_balance);
}

void Projector::add_audit() {
  for (const AuditEntry& e : s.audit) {
    if (!in_books(e.workspace)) continue;
    AuditEntry kept = e;
    kept.actor = person(e.actor);
    if (e.usage != kNoUsage) {
      kept.usage = e.usage < usage_to_new.size() ? usage_to_new[e.usage] : kNoUsage;
      if (kept.usage == kNoUsage) continue;  // cannot happen: an API call's entry is in its key's workspace
    }
    out.audit.push_back(std::move(kept));
  }
}

// Seats held by what is left out still count: a kept person's other memberships as their
// hold elsewhere; people left out as counts (adding to what `s` carries, if it is itself a
// projection).
void Projector::carry_seats() {
  out.elsewhere.people_active = s.elsewhere.people_active;
  out.elsewhere.invite_only_expiries = s.elsewhere.invite_only_expiries;
  for (PersonIx p = 0; p < s.people.size(); ++p) {
    if (to_new[p] == kNoPerson) {
      const SeatHold& h = s.seat_holds[p];
      if (h.active > 0) ++out.elsewhere.people_active;
      else if (h.invite_until > 0) out.elsewhere.invite_only_expiries.insert(h.invite_until);
      continue;
    }
    auto carried = s.elsewhere.holds.find(p);
    SeatHold hidden = carried == s.elsewhere.holds.end() ? SeatHold{} : carried->second;
    for (WorkspaceId id : s.person_workspaces[p]) {
      const Workspace* ws = s.workspace(id);
      const Membership* m = ws && ws->live() ? ws->member(p) : nullptr;
      if (!m || membership_kept(*ws, p)) continue;
      if (m->status == MemberStatus::Active) ++hidden.active;
      else if (m->status == MemberStatus::Invited) hidden.invite_until = std::max(hidden.invite_until, m->expires_at);
    }
    if (hidden.active > 0 || hidden.invite_until > 0) out.elsewhere.holds[to_new[p]] = hidden;
  }
}

}  // namespace

State project_for(const State& s, PersonIx person) {
  if (!s.has_org || person >= s.people.size() || is_org_admin(s, person)) return s;
  Projector pr{s, person, {}, {}, {}, {}, {}, {}};
  pr.choose_workspaces();
  pr.mention_people();
  pr.number_people();
  pr.add_workspaces();
  pr.add_assets();
  pr.add_keys_and_usage();
  pr.add_books();
  pr.add_audit();
  pr.carry_seats();
  State out = std::move(pr.out);
  out.has_org = true;
  out.org_name = s.org_name;
  out.plan = s.plan;
  out.parent = s.parent;
  out.last_seq = s.last_seq;
  out.version = s.version;
  out.projected_for = s.people[person].email;
  mut::rebuild_indices(out);
  return out;
}

}  // namespace subspace
