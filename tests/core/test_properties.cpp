// Property tests: thousands of random command sequences from several actors, with the
// invariants of DESIGN.md checked after every step, not only on hand-picked cases.
#include <cstdio>
#include <map>
#include <random>

#include "core/command_json.hpp"
#include "core/state_json.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

constexpr int kSequences = 1500;
constexpr int kSteps = 60;

struct Random {
  std::mt19937_64 g;
  int below(int n) { return n <= 0 ? 0 : static_cast<int>(g() % static_cast<std::uint64_t>(n)); }
  bool chance(int pct) { return below(100) < pct; }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(static_cast<int>(v.size()))]; }
};

// Builds plausible commands for the current state: mostly ones that should be accepted,
// some that probe refusals.
struct Generator {
  World& w;
  Random& r;
  std::vector<std::string> emails;

  std::vector<WorkspaceId> live() const {
    std::vector<WorkspaceId> out;
    for (const auto& ws : w.s.workspaces)
      if (ws.live()) out.push_back(ws.id);
    return out;
  }
  std::vector<WorkspaceId> live_subs() const {
    std::vector<WorkspaceId> out;
    for (const auto& ws : w.s.workspaces)
      if (ws.live() && !ws.is_parent) out.push_back(ws.id);
    return out;
  }
  std::vector<WorkspaceId> trashed() const {
    std::vector<WorkspaceId> out;
    for (const auto& ws : w.s.workspaces)
      if (!ws.live()) out.push_back(ws.id);
    return out;
  }
  // An actor with some standing in `ws`: usually someone who is a member there.
  std::string actor_for(WorkspaceId id) {
    const Workspace* ws = w.s.workspace(id);
    if (r.chance(60) || !ws || ws->members.empty()) return kAdmin;
    const Membership& m = ws->members[r.below(static_cast<int>(ws->members.size()))];
    return w.s.people[m.person].email;
  }
  std::string member_email(WorkspaceId id) {
    const Workspace* ws = w.s.workspace(id);
    if (!ws || ws->members.empty()) return r.pick(emails);
    return w.s.people[ws->members[r.below(static_cast<int>(ws->members.size()))].person].email;
  }
  Role role() { return static_cast<Role>(r.below(kRoleCount)); }
  AssetId asset() {
    if (w.s.assets.empty()) return 1;
    return w.s.assets[r.below(static_cast<int>(w.s.assets.size()))].id;
  }

  std::pair<std::string, Payload> next() {
    auto ws_all = live();
    auto subs = live_subs();
    WorkspaceId ws = r.pick(ws_all);
    if (subs.empty())
      return {kAdmin, CreateWorkspace{"WS " + std::to_string(r.below(40)), std::nullopt, r.chance(50), r.chance(50), 100'00}};
    WorkspaceId sub = r.pick(subs);
    switch (r.below(24)) {
      case 0:
        return {kAdmin, CreateWorkspace{"WS " + std::to_string(r.below(40)), std::nullopt, r.chance(50), r.chance(50),
                                        Cents(r.below(3) * 100'00), std::nullopt,
                                        {{r.pick(emails), "", role()}}}};
      case 1:
      case 2: {
        InviteMembers inv{ws, {}};
        for (int i = 0, n = 1 + r.below(3); i < n; ++i) inv.invites.push_back({r.pick(emails), "", role()});
        return {actor_for(ws), inv};
      }
      case 3:
      case 4: {  // someone accepts one of their invitations
        for (int tries = 0; tries < 8; ++tries) {
          const Workspace& w2 = w.ws(r.pick(ws_all));
          for (const auto& m : w2.members)
            if (m.status == MemberStatus::Invited) return {w.s.people[m.person].email, AcceptInvitation{w2.id}};
        }
        return {r.pick(emails), AcceptInvitation{ws}};
      }
      case 5: return {actor_for(ws), r.chance(50) ? Payload(RevokeInvitation{ws, member_email(ws)}) : Payload(ResendInvitation{ws, member_email(ws)})};
      case 6: return {actor_for(ws), ChangeRole{ws, member_email(ws), role()}};
      case 7: return {actor_for(ws), RemoveMember{ws, member_email(ws)}};
      case 8: {
        const Workspace* s = w.s.workspace(sub);
        return {kAdmin, DeleteWorkspace{sub, r.chance(90) && s ? s->name : "wrong"}};
      }
      case 9: {
        auto t = trashed();
        if (t.empty()) return {kAdmin, AllocateCredits{sub, 10'00}};
        return {r.chance(70) ? kAdmin : kSystem, r.chance(70) ? Payload(RestoreWorkspace{r.pick(t)}) : Payload(PurgeWorkspace{r.pick(t)})};
      }
      case 10: return {kAdmin, AllocateCredits{sub, Cents(1 + r.below(200'00))}};
      case 11: return {kAdmin, ReclaimCredits{sub, Cents(1 + r.below(100'00))}};
      case 12: return {actor_for(ws), PurchaseCredits{ws, Cents(1 + r.below(500'00))}};
      case 13:
        return {kAdmin, r.chance(50) ? Payload(SetBillingMode{sub, r.chance(50)}) : Payload(SetApiAccess{sub, r.chance(60)})};
      case 14: return {kAdmin, r.chance(50) ? Payload(SetSeatCap{sub, r.chance(30) ? std::nullopt : std::optional<std::int32_t>(r.below(6))})
                                            : Payload(AllocateAvatarSlots{sub, 1 + r.below(2)})};
      case 15: {
        KeyFingerprint k = w.new_key(static_cast<std::uint8_t>(r.below(256)));
        return {actor_for(ws), CreateApiKey{ws, "key", k.hash, k.last4}};
      }
      case 16:
      case 17: {  // usage with a key that exists (or existed)
        if (w.plain_keys.empty()) return {kSystem, RecordApiUsage{{}, "0000", "/x", 1}};
        KeyFingerprint k = fingerprint(r.pick(w.plain_keys));
        for (int tries = 0; tries < 6; ++tries) {  // mostly a key that still works
          const ApiKey* key = find_key(w.s, k.hash, k.last4);
          if (key && key->status == KeyStatus::Active) break;
          k = fingerprint(r.pick(w.plain_keys));
        }
        return {kSystem, RecordApiUsage{k.hash, k.last4, "/v1/calls", Cents(r.below(30'00))}};
      }
      case 18: {
        if (w.s.keys.empty()) {
          KeyFingerprint f = w.new_key(static_cast<std::uint8_t>(r.below(256)));
          return {kAdmin, CreateApiKey{w.parent(), "key", f.hash, f.last4}};
        }
        const ApiKey& k = w.s.keys[r.below(static_cast<int>(w.s.keys.size()))];
        KeyFingerprint f = w.new_key(static_cast<std::uint8_t>(r.below(256)));
        return {actor_for(k.workspace), r.chance(50) ? Payload(RotateApiKey{k.id, f.hash, f.last4}) : Payload(RevokeApiKey{k.id})};
      }
      case 19:
        return {actor_for(ws), CreateAsset{ws, static_cast<AssetKind>(r.below(kAssetKindCount)), "Asset " + std::to_string(r.below(9))}};
      case 20: {
        AssetId a = asset();
        std::vector<WorkspaceId> targets{r.pick(ws_all)};
        if (r.chance(30)) targets.push_back(r.pick(ws_all));
        std::string actor = r.chance(60) ? kAdmin : actor_for(ws);
        int op = r.below(4);
        if (op == 0) return {actor, ShareAsset{a, targets}};
        if (op == 1) return {actor, UnshareAsset{a, targets}};
        if (op == 2) return {actor, MoveAsset{a, targets[0]}};
        return {actor, DeleteAsset{a}};
      }
      case 21: {
        // A video from what the workspace can use.
        const Workspace& w2 = w.ws(ws);
        AssetId avatar = 0, voice = 0;
        for (const auto& a : w.s.assets) {
          if (!asset_available(a, w2)) continue;
          if (a.kind == AssetKind::Avatar) avatar = a.id;
          if (a.kind == AssetKind::Voice) voice = a.id;
        }
        if (!avatar || !voice) return {kAdmin, CreateAsset{ws, avatar ? AssetKind::Voice : AssetKind::Avatar, "Needed"}};
        return {actor_for(ws), CreateVideo{ws, "Clip", avatar, voice, std::nullopt, 1 + r.below(300)}};
      }
      case 22: return {kAdmin, SetPlan{{w.s.plan.seat_limit + r.below(5) - 2, w.s.plan.avatar_slots + r.below(3) - 1, 100}}};
      default:
        w.now += r.chance(70) ? r.below(3) * kDayMs : r.below(40) * kDayMs;  // time passes: invitations expire
        return {kAdmin, PurchaseAvatarSlots{w.parent(), 1}};
    }
  }
};

// Brute force, straight from DESIGN.md's words, to compare with the engine's counters.
int seats_by_scan(const State& s, TimeMs now) {
  int n = 0;
  for (PersonIx p = 0; p < s.people.size(); ++p) {
    bool holds = false;
    for (const auto& ws : s.workspaces) {
      const Membership* m = ws.member(p);
      if (!ws.live() || !m) continue;
      holds |= m->status == MemberStatus::Active || (m->status == MemberStatus::Invited && m->expires_at > now);
    }
    n += holds;
  }
  return n;
}

void check_invariants(const World& w, const std::vector<std::string>& plain_keys, const Event* event) {
  const State& s = w.s;
  // Credits: the books balance, nothing but "outside" is negative, and the ledger plus the
  // usage events account for every balance.
  REQUIRE(ledger_sum(s) == 0);
  REQUIRE(s.consumed_balance >= 0);
  std::unordered_map<Id, Cents> derived;
  for (const auto& e : s.ledger) {
    derived[e.from] -= e.amount;
    derived[e.to] += e.amount;
  }
  for (const auto& u : s.usage) {
    derived[u.workspace] -= u.credits;
    derived[kConsumedAccount] += u.credits;
  }
  for (const auto& ws : s.workspaces) {
    REQUIRE(ws.balance >= 0);
    REQUIRE(ws.allocated_unspent >= 0);
    REQUIRE(ws.allocated_unspent <= ws.balance);
    REQUIRE(ws.slots >= 0);
    REQUIRE(derived[ws.id] == ws.balance);
  }
  REQUIRE(derived[kConsumedAccount] == s.consumed_balance);
  // Seats: never over the limit, and the engine's counters agree with a full scan.
  int seats = seats_used(s, w.now);
  REQUIRE(seats == seats_by_scan(s, w.now));
  REQUIRE(seats <= s.plan.seat_limit);
  for (const auto& ws : s.workspaces)
    if (ws.live() && ws.seat_cap) REQUIRE(workspace_seats_used(ws, w.now) <= *ws.seat_cap);
  // Avatar slots are conserved.
  std::int64_t slots = 0;
  for (const auto& ws : s.workspaces) slots += ws.slots;
  REQUIRE(slots == s.plan.avatar_slots + s.slots_purchased_total);
  // ... and never fewer than the avatars they hold, in every live workspace.
  for (const auto& ws : s.workspaces)
    if (ws.live()) REQUIRE(avatar_count(s, ws) <= ws.slots);
  // Nobody sees a sub-workspace they may not: org admins see all, others only where active.
  for (PersonIx p = 0; p < s.people.size(); ++p) {
    const Membership* pm = s.parent_workspace().member(p);
    bool admin = pm && pm->status == MemberStatus::Active && pm->role == Role::SuperAdmin;
    for (const auto& ws : s.workspaces) {
      const Membership* m = ws.member(p);
      bool should = ws.live() ? (admin || (m && m->status == MemberStatus::Active)) : admin;
      REQUIRE(can_see(s, p, ws) == should);
    }
  }
  // No plain key anywhere in what is stored or journaled.
  if (event && (event->command.type() == CommandType::CreateApiKey || event->command.type() == CommandType::RotateApiKey)) {
    std::string journal = event_to_json(*event).dump();
    std::string state = state_to_text(s);
    for (const auto& k : plain_keys) {
      REQUIRE(journal.find(k.substr(3)) == std::string::npos);
      REQUIRE(state.find(k.substr(3)) == std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("random command sequences keep every invariant, and replay to the same state") {
  std::uint64_t accepted = 0, total = 0;
  std::map<Err, std::uint64_t> refusals;
  Random r{std::mt19937_64(20261203)};
  for (int seq = 0; seq < kSequences; ++seq) {
    World w(4 + r.below(8), 500'00, 3);
    Generator gen{w, r, {}};
    for (int i = 0; i < 10; ++i) gen.emails.push_back("p" + std::to_string(i) + "@x.io");
    for (int step = 0; step < kSteps; ++step) {
      auto [actor, payload] = gen.next();
      ExecResult res = w.run(actor, std::move(payload));
      ++total;
      accepted += res.accepted();
      ++refusals[res.error.code];
      check_invariants(w, w.plain_keys, res.event ? &w.journal.back() : nullptr);
    }
    // Replaying the journal from nothing yields the very same state.
    if (seq % 10 == 0) {
      State replayed;
      for (const Event& e : w.journal) REQUIRE_FALSE(apply_event(replayed, e));
      REQUIRE(state_to_text(replayed) == state_to_text(w.s));
    }
  }
  double rate = static_cast<double>(accepted) / static_cast<double>(total);
  std::printf("property test: %llu commands, %.1f%% accepted\n", static_cast<unsigned long long>(total), rate * 100);
  for (const auto& [code, n] : refusals)
    if (code != Err::none && n * 100 >= total) std::printf("  refused %-28s %5.1f%%\n", std::string(error_code(code)).c_str(), 100.0 * n / total);
  CHECK(rate > 0.6);
  // The sequences really reach the limits whose invariants are checked.
  for (Err e : {Err::seat_limit_reached, Err::sub_seat_cap_reached, Err::insufficient_credits, Err::forbidden,
                Err::restore_seats_missing, Err::reclaim_exceeds_allocation}) {
    INFO(error_code(e));
    CHECK(refusals[e] > 0);
    std::printf("  refused %-28s %6llu times\n", std::string(error_code(e)).c_str(), static_cast<unsigned long long>(refusals[e]));
  }
}
