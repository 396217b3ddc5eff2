// The role matrix of DESIGN.md, exercised through real commands, and who sees what.
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

struct Expect {
  Role role;
  bool create, edit_any, api, manage, billing, purchase, administer;
};

// DESIGN.md's table, row by row.
constexpr Expect kMatrix[] = {
    {Role::SuperAdmin, true, true, true, true, true, true, true},
    {Role::Developer, true, false, true, false, false, false, false},
    {Role::Creator, true, false, false, false, false, false, false},
    {Role::Viewer, false, false, false, false, false, false, false},
};

}  // namespace

TEST_CASE("the role matrix, command by command, in a self-managed sub with API access") {
  for (const Expect& e : kMatrix) {
    DYNAMIC_SECTION(role_label(e.role)) {
      World w(20, 1000'00);
      WorkspaceId a = w.sub("Alpha", /*billing_by_parent=*/false, /*api=*/true, 100'00);
      std::string me = "me@x.io";
      w.member(a, me, e.role);
      w.member(a, "other@x.io", Role::Creator);
      w.ok("other@x.io", CreateAsset{a, AssetKind::Voice, "Theirs"});
      AssetId theirs = w.last_id();
      PersonIx p = w.person(me);
      const Workspace& ws = w.ws(a);

      CHECK(can(w.s, p, ws, Perm::View));
      CHECK(can_see(w.s, p, ws));
      CHECK((w.err(me, CreateAsset{a, AssetKind::Voice, "Mine"}) == Err::none) == e.create);
      if (e.create) {
        AssetId mine = w.last_id();
        w.ok(me, RenameAsset{mine, "Still mine"});  // what they created, they may edit
        w.ok(me, DeleteAsset{mine});
      }
      CHECK((w.err(me, RenameAsset{theirs, "Renamed"}) == Err::none) == e.edit_any);
      KeyFingerprint k = w.new_key(3);
      CHECK((w.err(me, CreateApiKey{a, "mine", k.hash, k.last4}) == Err::none) == e.api);
      CHECK((w.err(me, InviteMembers{a, {{"new@x.io", "", Role::Viewer}}}) == Err::none) == e.manage);
      CHECK((w.err(me, ChangeRole{a, "other@x.io", Role::Viewer}) == Err::none) == e.manage);
      CHECK(can(w.s, p, ws, Perm::Billing) == e.billing);
      CHECK((w.err(me, PurchaseCredits{a, 10'00}) == Err::none) == e.purchase);
      CHECK((w.err(me, PurchaseAvatarSlots{a, 1}) == Err::none) == e.purchase);
      CHECK((w.err(me, RenameWorkspace{a, "Alpha 2"}) == Err::none) == e.administer);
      CHECK((w.err(me, SetWorkspaceImage{a, ImageFields{"img-x.rgba", 8, 8}}) == Err::none) == e.administer);
      CHECK((w.err(me, RemoveMember{a, "other@x.io"}) == Err::none) == e.manage);
      // Whatever the role in a sub, only org admins run the sub's settings and resources.
      CHECK(w.err(me, SetBillingMode{a, true}) == Err::forbidden);
      CHECK(w.err(me, AllocateCredits{a, 1}) == Err::forbidden);
      CHECK(w.err(me, MoveAsset{theirs, w.parent()}) == Err::forbidden);
    }
  }
}

TEST_CASE("purchase: the parent by org admins; subs only when self-managed") {
  World w;
  WorkspaceId a = w.sub("Alpha");  // parent manages billing
  w.member(a, "sue@x.io", Role::SuperAdmin);
  CHECK(w.err("sue@x.io", PurchaseCredits{a, 10'00}) == Err::billing_managed_by_parent);
  CHECK(w.err(kAdmin, PurchaseCredits{a, 10'00}) == Err::billing_managed_by_parent);
  w.ok(kAdmin, PurchaseCredits{w.parent(), 10'00});
  w.ok(kAdmin, SetBillingMode{a, false});
  w.ok("sue@x.io", PurchaseCredits{a, 10'00});
  w.ok(kAdmin, PurchaseCredits{a, 10'00});  // org admins have full control
  CHECK(w.ws(a).balance == 20'00);
}

TEST_CASE("API settings need the workspace to have API access") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "dev@x.io", Role::Developer);
  KeyFingerprint k = w.new_key(1);
  CHECK(w.err("dev@x.io", CreateApiKey{a, "k", k.hash, k.last4}) == Err::api_access_disabled);
  CHECK(w.err(kAdmin, CreateApiKey{a, "k", k.hash, k.last4}) == Err::api_access_disabled);
  w.ok(kAdmin, CreateApiKey{w.parent(), "k", k.hash, k.last4});  // the parent always has API settings
  w.ok(kAdmin, SetApiAccess{a, true});
  w.ok("dev@x.io", CreateApiKey{a, "k2", w.new_key(2).hash, w.new_key(2).last4});
}

TEST_CASE("sub-workspaces cannot see each other; org admins see everything") {
  World w;
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.member(a, "al@x.io", Role::SuperAdmin);
  w.member(b, "bo@x.io", Role::SuperAdmin);
  PersonIx al = w.person("al@x.io");
  CHECK(visible_workspaces(w.s, al) == std::vector<WorkspaceId>{a});
  CHECK_FALSE(can_see(w.s, al, w.ws(b)));
  CHECK_FALSE(can_see(w.s, al, w.ws(w.parent())));
  CHECK(visible_workspaces(w.s, w.person(kAdmin)).size() == 3);
  // What al cannot see, al cannot touch, and is not told exists.
  CHECK(w.err("al@x.io", InviteMembers{b, {{"x@x.io", "", Role::Viewer}}}) == Err::workspace_not_found);
  CHECK(w.err("al@x.io", RenameWorkspace{b, "Mine"}) == Err::workspace_not_found);
  w.invite(b, "al@x.io");
  CHECK_FALSE(can_see(w.s, al, w.ws(b)));  // an invitation is not membership
  w.ok("al@x.io", AcceptInvitation{b});
  CHECK(can_see(w.s, al, w.ws(b)));
}

TEST_CASE("refused permission-bearing commands leave an attempt_refused audit entry, nothing else") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "vi@x.io", Role::Viewer);
  size_t audit = w.s.audit.size();
  std::uint64_t version = w.s.version;
  ExecResult r = w.run("vi@x.io", InviteMembers{a, {{"x@x.io", "", Role::Viewer}}});
  CHECK(r.error.code == Err::forbidden);
  REQUIRE(r.event);
  CHECK(r.event->refused == Err::forbidden);
  REQUIRE(w.s.audit.size() == audit + 1);
  const AuditEntry& e = w.s.audit.back();
  CHECK(e.result == Err::forbidden);
  CHECK(e.actor == w.person("vi@x.io"));
  CHECK(e.workspace == a);
  CHECK(e.type == CommandType::InviteMembers);
  CHECK(w.s.version == version + 1);
  CHECK_FALSE(w.s.person("x@x.io"));
  // Accepted commands are audited with a summary.
  w.ok(kAdmin, InviteMembers{a, {{"x@x.io", "", Role::Viewer}}});
  CHECK(w.s.audit.back().result == Err::none);
  CHECK(w.s.audit.back().detail == "invited x@x.io as Viewer");
  // Bad actors and malformed input are not commands of anyone: no entry.
  size_t n = w.s.audit.size();
  CHECK(w.err("nobody@x.io", InviteMembers{a, {}}) == Err::unknown_actor);
  CHECK(w.s.audit.size() == n);
}
