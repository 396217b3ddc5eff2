// Workspaces: names, settings, trash, restore and purge (DESIGN.md "Workspaces", "Deletion").
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("workspace names: 1-64 code points, trimmed, unique ignoring ASCII case, trash included") {
  World w;
  WorkspaceId a = w.sub("  Marketing  ");
  CHECK(w.ws(a).name == "Marketing");
  CHECK(w.err(kAdmin, CreateWorkspace{"marketing"}) == Err::name_taken);
  CHECK(w.err(kAdmin, CreateWorkspace{"MARKETING "}) == Err::name_taken);
  CHECK(w.err(kAdmin, CreateWorkspace{"Lumen"}) == Err::name_taken);  // the parent's name counts too
  CHECK(w.err(kAdmin, CreateWorkspace{"   "}) == Err::invalid_name);
  CHECK(w.err(kAdmin, CreateWorkspace{std::string(65, 'x')}) == Err::invalid_name);
  CHECK(w.err(kAdmin, CreateWorkspace{"tab\there"}) == Err::invalid_name);
  // The refusal says what is wrong with this name, with the length when it is too long.
  CHECK(w.run(kAdmin, CreateWorkspace{"   "}).error.message == "Give the workspace a name.");
  CHECK(w.run(kAdmin, CreateWorkspace{std::string(66, 'x')}).error.message ==
        "A workspace name has at most 64 characters; this one has 66.");
  CHECK(w.run(kAdmin, CreateWorkspace{"tab\there"}).error.message.find("control characters") != std::string::npos);
  CHECK(w.run(kAdmin, CreateWorkspace{"bad \xFF byte"}).error.message == "A workspace name must be UTF-8 text.");
  // 64 code points of 3 bytes each is fine; 65 is not.
  std::string wide;
  for (int i = 0; i < 64; ++i) wide += "\xE6\x97\xA5";  // 日
  w.sub(wide);
  CHECK(w.err(kAdmin, CreateWorkspace{wide + "\xE6\x97\xA5"}) == Err::invalid_name);
  // Case folding is ASCII only: these are different names.
  w.sub("\xC3\x89quipe");          // Équipe
  w.sub("\xC3\xA9quipe");          // équipe
  CHECK(w.err(kAdmin, CreateWorkspace{"\xC3\xA9QUIPE"}) == Err::name_taken);
  // In the trash the name stays reserved.
  w.ok(kAdmin, DeleteWorkspace{a, "Marketing"});
  CHECK(w.err(kAdmin, CreateWorkspace{"Marketing"}) == Err::name_taken);
  CHECK(w.err(kAdmin, RenameWorkspace{w.sub("Sales"), "marketing"}) == Err::name_taken);
}

TEST_CASE("rename: a sub's Super Admins and org admins; changing only the case is allowed") {
  World w;
  WorkspaceId a = w.sub("Sales");
  w.member(a, "sue@x.io", Role::SuperAdmin);
  w.member(a, "dev@x.io", Role::Developer);
  w.ok("sue@x.io", RenameWorkspace{a, "SALES"});
  CHECK(w.ws(a).name == "SALES");
  CHECK(w.err("dev@x.io", RenameWorkspace{a, "Other"}) == Err::forbidden);
  w.ok(kAdmin, RenameWorkspace{w.parent(), "Lumen Studios"});
  CHECK(w.s.org_name == "Lumen Studios");
  CHECK(w.err("sue@x.io", RenameWorkspace{w.parent(), "Mine"}) == Err::workspace_not_found);  // cannot see it
}

TEST_CASE("a name taken by a sub someone cannot see is refused without naming that sub") {
  World w;
  WorkspaceId a = w.sub("Sales");
  w.sub("Client: Acme Corp");
  w.member(a, "sue@x.io", Role::SuperAdmin);
  ExecResult r = w.run("sue@x.io", RenameWorkspace{a, "client: acme corp"});
  CHECK(r.error.code == Err::name_taken);
  CHECK(r.error.message.find("Acme") == std::string::npos);
  CHECK(r.error.message.find("already used") != std::string::npos);
  // Org admins see every sub: they are told which one.
  CHECK(w.run(kAdmin, RenameWorkspace{a, "client: acme corp"}).error.message.find("'Client: Acme Corp'") != std::string::npos);
  // A name of a sub sue is in, she may read.
  WorkspaceId b = w.sub("Support");
  w.member(b, "sue@x.io", Role::Viewer);
  CHECK(w.run("sue@x.io", RenameWorkspace{a, "SUPPORT"}).error.message.find("'Support'") != std::string::npos);
}

TEST_CASE("images are blob references, checked and settable by Super Admins") {
  World w;
  WorkspaceId a = w.sub("Sales");
  w.ok(kAdmin, SetWorkspaceImage{a, ImageFields{"img-1.rgba", 48, 48}});
  CHECK(w.ws(a).image.blob == "img-1.rgba");
  CHECK(w.err(kAdmin, SetWorkspaceImage{a, ImageFields{"../etc/passwd", 48, 48}}) == Err::invalid_image);
  CHECK(w.err(kAdmin, SetWorkspaceImage{a, ImageFields{"x", 0, 48}}) == Err::invalid_image);
  w.ok(kAdmin, SetWorkspaceImage{a, std::nullopt});
  CHECK(w.ws(a).image.blob.empty());
}

TEST_CASE("only org admins create subs and change their billing mode, API access, cap and alert") {
  World w;
  WorkspaceId a = w.sub("Sales");
  w.member(a, "sue@x.io", Role::SuperAdmin);
  CHECK(w.err("sue@x.io", CreateWorkspace{"Mine"}) == Err::forbidden);
  CHECK(w.err("sue@x.io", SetBillingMode{a, false}) == Err::forbidden);
  CHECK(w.err("sue@x.io", SetApiAccess{a, true}) == Err::forbidden);
  CHECK(w.err("sue@x.io", SetSeatCap{a, 3}) == Err::forbidden);
  CHECK(w.err("sue@x.io", SetAlertThreshold{a, 50}) == Err::forbidden);
  CHECK(w.err("sue@x.io", DeleteWorkspace{a, "Sales"}) == Err::forbidden);
  w.ok(kAdmin, SetBillingMode{a, false});
  CHECK_FALSE(w.ws(a).billing_by_parent);
  w.ok(kAdmin, SetApiAccess{a, true});
  CHECK(w.ws(a).api_access);
  w.ok(kAdmin, SetAlertThreshold{a, 50});
  CHECK(w.ws(a).alert_percent == 50);
  CHECK(w.err(kAdmin, SetAlertThreshold{a, 0}) == Err::invalid_threshold);
  CHECK(w.err(kAdmin, SetAlertThreshold{a, 101}) == Err::invalid_threshold);
  CHECK(w.err(kAdmin, SetBillingMode{w.parent(), false}) == Err::not_a_sub_workspace);
  CHECK(w.err(kAdmin, SetSeatCap{a, -1}) == Err::invalid_field);
  CHECK(w.err(kAdmin, SetBillingMode{424242, false}) == Err::workspace_not_found);
}

TEST_CASE("creating a sub with settings, credits and invitations is one all-or-nothing command") {
  World w(3, 500'00);
  CreateWorkspace c;
  c.name = "Client: Northwind";
  c.billing_by_parent = false;
  c.api_access = true;
  c.initial_credits = 200'00;
  c.invites = {{"al@x.io", "Al", Role::SuperAdmin}, {"bo@x.io", "", Role::Viewer}};
  w.ok(kAdmin, c);
  const Workspace& ws = w.ws(w.last_id());
  CHECK(ws.balance == 200'00);
  CHECK(ws.allocated_unspent == 200'00);
  CHECK(w.ws(w.parent()).balance == 300'00);
  CHECK(ws.members.size() == 2);
  CHECK(w.seats() == 3);

  c.name = "Too many";
  c.invites = {{"cy@x.io", "", Role::Viewer}};
  CHECK(w.err(kAdmin, c) == Err::seat_limit_reached);
  CHECK_FALSE(w.s.workspace(w.last_id()));  // nothing created
  c.invites.clear();
  c.initial_credits = 300'01;
  CHECK(w.err(kAdmin, c) == Err::insufficient_credits);
  CHECK(w.ws(w.parent()).balance == 300'00);
}

TEST_CASE("deleting a sub: keys and invitations revoked, members suspended, shares dropped, credits and slots returned") {
  World w(10, 1000'00, 6);
  WorkspaceId a = w.sub("Alpha", true, true, 300'00), b = w.sub("Beta");
  w.ok(kAdmin, AllocateAvatarSlots{a, 2});
  w.member(a, "al@x.io", Role::SuperAdmin);
  w.member(b, "bo@x.io");
  w.member(a, "bo@x.io");  // also in Beta: keeps the seat
  w.invite(a, "cy@x.io");
  KeyFingerprint key = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{a, "ci", key.hash, key.last4});
  KeyId kid = w.last_id();
  w.ok("al@x.io", CreateAsset{a, AssetKind::Voice, "Voice A"});
  AssetId from_a = w.last_id();
  w.ok(kAdmin, ShareAsset{from_a, {b}});
  w.ok(kAdmin, CreateAsset{w.parent(), AssetKind::Template, "T"});
  AssetId to_a = w.last_id();
  w.ok(kAdmin, ShareAsset{to_a, {a, b}});
  w.ok(kSystem, RecordApiUsage{key.hash, key.last4, "/x", 50'00});  // 50 credits spent: not returned
  REQUIRE(w.seats() == 4);

  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  const Workspace& ws = w.ws(a);
  CHECK(ws.deleted_at == w.now);
  CHECK(w.s.key(kid)->status == KeyStatus::Revoked);
  CHECK(w.membership(a, "cy@x.io") == nullptr);
  CHECK(w.membership(a, "al@x.io")->status == MemberStatus::Suspended);
  CHECK(w.seats() == 2);  // admin and bo (still in Beta); al's seat freed, cy's invitation gone
  CHECK(w.s.asset(from_a)->shared_with.empty());
  CHECK(w.s.asset(to_a)->shared_with == std::vector<WorkspaceId>{b});
  CHECK(ws.balance == 0);
  CHECK(w.ws(w.parent()).balance == 1000'00 - 50'00);
  CHECK(ws.slots == 0);
  CHECK(w.ws(w.parent()).slots == 6);
  CHECK(ledger_sum(w.s) == 0);
  // Nothing can happen in a trashed workspace.
  CHECK(w.err(kAdmin, InviteMembers{a, {{"x@x.io", "", Role::Viewer}}}) == Err::workspace_in_trash);
  CHECK(w.err(kAdmin, AllocateCredits{a, 1}) == Err::workspace_in_trash);
  CHECK(w.err("al@x.io", CreateAsset{a, AssetKind::Voice, "v"}) == Err::workspace_not_found);
  CHECK(w.err(kAdmin, DeleteWorkspace{a, "Alpha"}) == Err::workspace_in_trash);
  CHECK(w.err(kAdmin, RecordApiUsage{key.hash, key.last4, "/x", 1}) == Err::invalid_api_key);
}

TEST_CASE("deletion needs the name typed exactly") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  CHECK(w.err(kAdmin, DeleteWorkspace{a, "alpha"}) == Err::confirmation_mismatch);
  CHECK(w.err(kAdmin, DeleteWorkspace{w.parent(), "Lumen"}) == Err::not_a_sub_workspace);
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
}

TEST_CASE("restore within 30 days brings back assets and members if the seats fit") {
  World w(3);
  WorkspaceId a = w.sub("Alpha", true, false, 100'00);
  w.member(a, "al@x.io");
  w.member(a, "bo@x.io");
  w.ok("al@x.io", CreateAsset{a, AssetKind::Voice, "Voice"});
  AssetId asset = w.last_id();
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  w.member(w.parent(), "cy@x.io");
  w.member(w.parent(), "dee@x.io");  // the seats are taken meanwhile
  w.now += 10 * kDayMs;
  ExecResult r = w.run(kAdmin, RestoreWorkspace{a});
  CHECK(r.error.code == Err::restore_seats_missing);
  CHECK(r.error.message.find("2 seats are missing") != std::string::npos);
  w.ok(kAdmin, RemoveMember{w.parent(), "dee@x.io"});
  CHECK(w.run(kAdmin, RestoreWorkspace{a}).error.message.find("1 seat is missing") != std::string::npos);
  w.ok(kAdmin, RemoveMember{w.parent(), "cy@x.io"});
  w.ok(kAdmin, RestoreWorkspace{a});
  CHECK(w.ws(a).live());
  CHECK(w.membership(a, "al@x.io")->status == MemberStatus::Active);
  CHECK(w.s.asset(asset));
  CHECK(w.ws(a).balance == 0);  // credits are not restored
  CHECK(w.seats() == 3);
  CHECK(w.err(kAdmin, RestoreWorkspace{a}) == Err::not_in_trash);
}

TEST_CASE("restore is refused after 30 days; purge is the system's, only after 30 days") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "al@x.io");
  w.ok("al@x.io", CreateAsset{a, AssetKind::Voice, "Voice"});
  AssetId asset = w.last_id();
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  w.now += 30 * kDayMs - 1;
  CHECK(w.err(kSystem, PurgeWorkspace{a}) == Err::purge_too_early);
  CHECK(w.err(kAdmin, PurgeWorkspace{a}) == Err::system_only);
  w.now += 2;
  CHECK(w.err(kAdmin, RestoreWorkspace{a}) == Err::restore_window_passed);
  w.ok(kSystem, PurgeWorkspace{a});
  CHECK_FALSE(w.s.workspace(a));
  CHECK_FALSE(w.s.asset(asset));
  CHECK(w.s.person_workspaces[w.person("al@x.io")].empty());
  w.sub("Alpha");  // the name is free again
  CHECK(w.err(kSystem, PurgeWorkspace{a}) == Err::workspace_not_found);
}
