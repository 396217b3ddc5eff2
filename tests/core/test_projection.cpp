// What one person may know of the organisation (core/projection.hpp): a member of sub A
// sees nothing of sub B but the name of a workspace an asset was shared from.
#include "core/demo.hpp"
#include "core/projection.hpp"
#include "core/state_json.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// Two subs with content of every kind, people in one, the other or both, and every seat
// taken: 8 people hold the 8 seats.
struct TwoSubs : World {
  WorkspaceId a, b;
  AssetId shared_voice = 0;
  KeyFingerprint a_key, b_key;
  TwoSubs() : World(8, 1000'00, 10) {
    a = sub("Alpha", true, true, 100'00);
    b = sub("Beta", false, true, 50'00);
    member(a, "al@x.io", Role::SuperAdmin);
    member(a, "vi@x.io", Role::Viewer);
    member(a, "both@x.io", Role::Creator);
    member(b, "both@x.io", Role::Developer);
    member(b, "bo@x.io", Role::SuperAdmin);
    member(parent(), "pd@x.io", Role::Developer);
    invite(a, "cy@x.io");
    invite(b, "iv@x.io");
    ok(kAdmin, AllocateAvatarSlots{a, 1});
    ok(kAdmin, AllocateAvatarSlots{b, 1});
    // Beta's own content: an asset, a video, a key and its calls, a purchase.
    ok("bo@x.io", CreateAsset{b, AssetKind::Avatar, "Beta Secret Avatar"});
    AssetId b_avatar = last_id();
    ok("bo@x.io", CreateAsset{b, AssetKind::Voice, "Beta Voice"});
    shared_voice = last_id();
    ok("bo@x.io", CreateVideo{b, "Beta Film", b_avatar, shared_voice, std::nullopt, 60});
    b_key = new_key(2);
    ok("bo@x.io", CreateApiKey{b, "beta-ci", b_key.hash, b_key.last4});
    ok(kSystem, RecordApiUsage{b_key.hash, b_key.last4, "/v1/beta-only", 1'00});
    ok("bo@x.io", PurchaseCredits{b, 20'00});
    ok(kAdmin, ShareAsset{shared_voice, {a}});
    // Alpha's.
    ok("al@x.io", CreateAsset{a, AssetKind::Avatar, "Alpha Avatar"});
    a_key = new_key(1);
    ok("al@x.io", CreateApiKey{a, "alpha-ci", a_key.hash, a_key.last4});
    ok(kSystem, RecordApiUsage{a_key.hash, a_key.last4, "/v1/alpha", 2'00});
  }
  State view(const std::string& email) const { return project_for(s, *s.person(email)); }
};

const Workspace& ws_of(const State& s, WorkspaceId id) {
  REQUIRE(s.workspace(id));
  return *s.workspace(id);
}

// The projection is a valid state: it survives its JSON (where the invariants are checked).
void round_trips(const State& p) {
  State back;
  Error e = state_from_text(state_to_text(p), back);
  INFO(e.message);
  REQUIRE_FALSE(e);
  CHECK(state_to_text(back) == state_to_text(p));
  CHECK(back.projected_for == p.projected_for);
}

}  // namespace

TEST_CASE("a sub-A member's projection holds nothing of sub B but the name of an asset's owner") {
  TwoSubs w;
  State p = w.view("al@x.io");
  std::string text = state_to_text(p);
  for (const char* hidden : {"bo@x.io", "iv@x.io", "pd@x.io", "Beta Secret Avatar", "Beta Film", "beta-ci", "/v1/beta-only"}) {
    INFO(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
  CHECK(text.find(key_hash_hex(w.b_key.hash)) == std::string::npos);
  // Beta is there by name only, for the asset shared from it.
  const Workspace& beta = ws_of(p, w.b);
  CHECK(beta.name == "Beta");
  CHECK(beta.members.empty());
  CHECK(beta.balance == 0);
  CHECK_FALSE(beta.api_access);
  CHECK(beta.assets.size() == 1);
  const Asset* shared = p.asset(w.shared_voice);
  REQUIRE(shared);
  CHECK(shared->creator == kNoPerson);
  CHECK(shared->shared_with == std::vector<WorkspaceId>{w.a});
  for (const ApiKey& k : p.keys) CHECK(k.workspace != w.b);
  for (const UsageEvent& u : p.usage) CHECK(u.workspace != w.b);
  for (const LedgerEntry& e : p.ledger) CHECK((e.from != w.b && e.to != w.b));
  for (const AuditEntry& e : p.audit) CHECK(e.workspace == w.a);
  for (const Video& v : p.videos) CHECK(v.workspace == w.a);
  // Alpha whole: members, its key, its calls, its books.
  const Workspace& alpha = ws_of(p, w.a);
  CHECK(alpha.members.size() == w.ws(w.a).members.size());
  CHECK(alpha.balance == w.ws(w.a).balance);
  CHECK(find_key(p, w.a_key.hash, w.a_key.last4));
  CHECK(p.usage.size() == 1);
  CHECK(p.endpoint_name(p.usage[0].endpoint) == "/v1/alpha");
  CHECK_FALSE(p.ledger.empty());
  CHECK_FALSE(p.audit.empty());
  CHECK(p.projected_for == "al@x.io");
  round_trips(p);
  CHECK(state_to_text(w.view("al@x.io")) == text);  // deterministic
}

TEST_CASE("a projection keeps the org's seat figures and who is an org admin") {
  TwoSubs w;
  State p = w.view("al@x.io");
  CHECK(seats_used(p, w.now) == seats_used(w.s, w.now));
  CHECK(seats_used(p, w.now) == 8);
  CHECK(seats_used(p, w.now + 8 * kDayMs) == seats_used(w.s, w.now + 8 * kDayMs));  // the invitations expired
  // both@ is in Beta too: removing them from Alpha keeps their seat.
  CHECK(holds_seat(p, *p.person("both@x.io"), w.now));
  CHECK(keeps_seat_without(p, *p.person("both@x.io"), w.a, w.now));
  CHECK(keeps_seat_without(w.s, w.person("both@x.io"), w.a, w.now));
  CHECK_FALSE(keeps_seat_without(p, *p.person("vi@x.io"), w.a, w.now));
  CHECK_FALSE(keeps_seat_without(w.s, w.person("vi@x.io"), w.a, w.now));
  REQUIRE(p.elsewhere.holds.count(*p.person("both@x.io")));
  // Ada invited them; she is an org admin, whom a sub's Super Admin cannot demote.
  CHECK(is_org_admin(p, *p.person(kAdmin)));
  CHECK(p.parent_workspace().members.size() == 1);  // pd@, a Developer there, is not listed
  // The engine reaches the same verdicts on the projection as the server on the whole.
  Command invite{{9001, "al@x.io", w.now}, InviteMembers{w.a, {{"new@x.io", "", Role::Viewer}}}};
  CHECK(execute(p, invite, p.last_seq + 1).error.code == Err::seat_limit_reached);
  State whole = w.s;
  CHECK(execute(whole, invite, whole.last_seq + 1).error.code == Err::seat_limit_reached);
  Command demote{{9002, "al@x.io", w.now}, ChangeRole{w.a, "both@x.io", Role::Viewer}};
  CHECK(execute(p, demote, p.last_seq + 1).accepted());
  CHECK(seats_used(p, w.now) == 8);
}

TEST_CASE("within their workspace, keys and books only for those whose role shows them") {
  TwoSubs w;
  State viewer = w.view("vi@x.io");
  CHECK(viewer.keys.empty());
  CHECK(viewer.usage.empty());
  CHECK(viewer.endpoints.empty());
  CHECK(viewer.ledger.empty());
  CHECK(viewer.audit.empty());
  CHECK(state_to_text(viewer).find(key_hash_hex(w.a_key.hash)) == std::string::npos);
  CHECK(ws_of(viewer, w.a).assets.size() == 1);  // but the workspace's assets, as for anyone there
  CHECK(ws_of(viewer, w.a).shared_in.size() == 1);
  round_trips(viewer);
  // A Developer sees the keys and calls, not the books.
  State dev = w.view("both@x.io");
  CHECK(find_key(dev, w.b_key.hash, w.b_key.last4));
  CHECK_FALSE(find_key(dev, w.a_key.hash, w.a_key.last4));  // a Creator in Alpha
  CHECK(dev.ledger.empty());
  CHECK(ws_of(dev, w.b).members.size() == w.ws(w.b).members.size());
  round_trips(dev);
}

TEST_CASE("an invitee sees the workspace's name and their invitation, and can accept it") {
  TwoSubs w;
  State p = w.view("cy@x.io");
  const Workspace& alpha = ws_of(p, w.a);
  REQUIRE(alpha.members.size() == 1);
  CHECK(p.people[alpha.members[0].person].email == "cy@x.io");
  CHECK(alpha.assets.empty());
  CHECK(alpha.balance == 0);
  CHECK(p.people.size() == 2);  // cy and ada, who invited them
  CHECK_FALSE(p.workspace(w.b));
  CHECK(visible_workspaces(p, *p.person("cy@x.io")).empty());
  round_trips(p);
  CHECK(execute(p, Command{{9003, "cy@x.io", w.now}, AcceptInvitation{w.a}}, p.last_seq + 1).accepted());
  CHECK(seats_used(p, w.now) == 8);
}

TEST_CASE("an org admin's projection is the whole organisation") {
  TwoSubs w;
  CHECK(state_to_text(w.view(kAdmin)) == state_to_text(w.s));
  CHECK(w.view(kAdmin).projected_for.empty());
}

TEST_CASE("every person of a demo organisation gets a valid projection with the org's seat count") {
  DemoResult d = make_demo(*demo_size("small"), 5, kT0);
  const State& s = d.state;
  for (PersonIx person = 0; person < s.people.size(); ++person) {
    INFO(s.people[person].email);
    State p = project_for(s, person);
    round_trips(p);
    CHECK(seats_used(p, kT0) == seats_used(s, kT0));
    CHECK(ledger_sum(p) == 0);
    PersonIx me = *p.person(s.people[person].email);
    auto sorted = [](std::vector<WorkspaceId> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    CHECK(sorted(visible_workspaces(p, me)) == sorted(visible_workspaces(s, person)));
    for (WorkspaceId id : visible_workspaces(s, person)) CHECK(ws_of(p, id).members.size() == s.workspace(id)->members.size());
  }
}
