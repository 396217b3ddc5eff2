// Members, invitations and seats (DESIGN.md "Members, invitations, seats").
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("an invitation normalises the email and reserves a seat until it expires") {
  World w(5);
  WorkspaceId a = w.sub("Alpha");
  REQUIRE(w.seats() == 1);  // the admin
  w.ok(kAdmin, InviteMembers{a, {{"  Grace.Hopper@Lumen.Example ", "Grace", Role::Developer}}});
  const Membership* m = w.membership(a, "grace.hopper@lumen.example");
  REQUIRE(m);
  CHECK(m->status == MemberStatus::Invited);
  CHECK(m->role == Role::Developer);
  CHECK(m->expires_at == w.now + 7 * kDayMs);
  CHECK(w.seats() == 2);
  CHECK(w.s.people[w.person("grace.hopper@lumen.example")].name == "Grace");

  w.now += 7 * kDayMs - 1;
  CHECK(w.seats() == 2);
  w.now += 1;  // expired: holds nothing
  CHECK(w.seats() == 1);
  CHECK(w.err("grace.hopper@lumen.example", AcceptInvitation{a}) == Err::invitation_expired);
}

TEST_CASE("accepting makes the person active; one person in three workspaces takes one seat") {
  World w(3);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.member(w.parent(), "al@x.io", Role::Viewer);
  w.member(a, "al@x.io", Role::Creator);
  w.member(b, "al@x.io", Role::Viewer);
  CHECK(w.membership(a, "al@x.io")->status == MemberStatus::Active);
  CHECK(w.seats() == 2);
  w.member(a, "bo@x.io");
  CHECK(w.seats() == 3);
  // The limit is reached: a new person is refused, with the exact message.
  ExecResult r = w.run(kAdmin, InviteMembers{b, {{"cy@x.io", "", Role::Viewer}}});
  CHECK(r.error.code == Err::seat_limit_reached);
  CHECK(r.error.message.rfind("Seat limit reached: remove a member or revoke an invitation first", 0) == 0);
  CHECK_FALSE(w.s.person("cy@x.io"));
  // Someone who already holds a seat can still be invited elsewhere.
  w.ok(kAdmin, InviteMembers{b, {{"bo@x.io", "", Role::Viewer}}});
  CHECK(w.seats() == 3);
}

TEST_CASE("removing a person's last membership frees the seat at once") {
  World w(2);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.member(a, "al@x.io");
  w.member(b, "al@x.io");
  CHECK(w.err(kAdmin, InviteMembers{a, {{"bo@x.io", "", Role::Viewer}}}) == Err::seat_limit_reached);
  w.ok(kAdmin, RemoveMember{a, "al@x.io"});
  CHECK(w.seats() == 2);  // still in Beta
  w.ok(kAdmin, RemoveMember{b, "al@x.io"});
  CHECK(w.seats() == 1);
  w.ok(kAdmin, InviteMembers{a, {{"bo@x.io", "", Role::Viewer}}});
}

TEST_CASE("revoking an invitation frees its seat; expired invitations can be resent") {
  World w(2);
  WorkspaceId a = w.sub("Alpha");
  w.invite(a, "al@x.io");
  CHECK(w.err(kAdmin, InviteMembers{a, {{"bo@x.io", "", Role::Viewer}}}) == Err::seat_limit_reached);
  w.ok(kAdmin, RevokeInvitation{a, "al@x.io"});
  CHECK(w.membership(a, "al@x.io") == nullptr);
  CHECK(w.seats() == 1);
  CHECK(w.err(kAdmin, RevokeInvitation{a, "al@x.io"}) == Err::invitation_not_found);

  w.invite(a, "bo@x.io");
  w.now += 8 * kDayMs;
  CHECK(w.seats() == 1);
  w.ok(kAdmin, ResendInvitation{a, "bo@x.io"});
  CHECK(w.membership(a, "bo@x.io")->expires_at == w.now + 7 * kDayMs);
  CHECK(w.seats() == 2);
  w.ok("bo@x.io", AcceptInvitation{a});
}

TEST_CASE("resending an expired invitation needs a free seat again") {
  World w(2);
  WorkspaceId a = w.sub("Alpha");
  w.invite(a, "al@x.io");
  w.now += 8 * kDayMs;
  w.invite(a, "bo@x.io");  // takes the seat al's expired invitation no longer holds
  CHECK(w.err(kAdmin, ResendInvitation{a, "al@x.io"}) == Err::seat_limit_reached);
  // An unexpired one is simply renewed.
  w.ok(kAdmin, ResendInvitation{a, "bo@x.io"});
}

TEST_CASE("a batch is all-or-nothing and reports every row that cannot go in") {
  World w(4);
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "al@x.io");
  w.invite(a, "bo@x.io");
  ExecResult r = w.run(kAdmin, InviteMembers{a,
                                             {{"cy@x.io", "", Role::Viewer},
                                              {"not an email", "", Role::Viewer},
                                              {"CY@x.io", "", Role::Viewer},
                                              {"al@x.io", "", Role::Viewer},
                                              {"bo@x.io", "", Role::Viewer}}});
  REQUIRE_FALSE(r.accepted());
  CHECK(r.error.code == Err::invalid_batch);
  REQUIRE(r.error.rows.size() == 4);
  CHECK(r.error.rows[0].row == 1);
  CHECK(r.error.rows[0].code == Err::invalid_email);
  CHECK(r.error.rows[1].code == Err::duplicate_in_batch);
  CHECK(r.error.rows[2].code == Err::already_member);
  CHECK(r.error.rows[3].code == Err::already_invited);
  CHECK_FALSE(w.s.person("cy@x.io"));  // nothing went in
  CHECK(w.seats() == 3);

  // The preview the UI shows says the same, row by row.
  InvitePreview p = preview_invites(w.s, &w.ws(a), std::nullopt,
                                    {{"cy@x.io", "", Role::Viewer}, {"dee@x.io", "", Role::Viewer}}, w.now);
  CHECK(p.rows[0].problem == Err::none);
  CHECK(p.rows[1].problem == Err::seat_limit_reached);  // only one seat left
  CHECK(p.new_seats == 1);
  CHECK(p.ok_count() == 1);
}

TEST_CASE("an expired invitation can be replaced by a new one in the same workspace") {
  World w(5);
  WorkspaceId a = w.sub("Alpha");
  w.invite(a, "al@x.io", Role::Viewer);
  w.now += 8 * kDayMs;
  w.ok(kAdmin, InviteMembers{a, {{"al@x.io", "", Role::Developer}}});
  CHECK(w.membership(a, "al@x.io")->role == Role::Developer);
  CHECK(w.membership(a, "al@x.io")->expires_at == w.now + 7 * kDayMs);
}

TEST_CASE("per-sub seat cap limits people active or invited in that sub") {
  World w(10);
  WorkspaceId a = w.sub("Alpha");
  w.ok(kAdmin, SetSeatCap{a, 2});
  w.member(a, "al@x.io");
  w.invite(a, "bo@x.io");
  CHECK(w.err(kAdmin, InviteMembers{a, {{"cy@x.io", "", Role::Viewer}}}) == Err::sub_seat_cap_reached);
  CHECK(w.err(kAdmin, SetSeatCap{a, 1}) == Err::seat_cap_below_usage);
  // A cap is a limit, not a reservation: the org's seats stay free for others.
  CHECK(w.seats() == 3);
  w.now += 8 * kDayMs;  // bo's invitation expired: the cap has room again
  w.ok(kAdmin, InviteMembers{a, {{"cy@x.io", "", Role::Viewer}}});
  CHECK(w.err(kAdmin, ResendInvitation{a, "bo@x.io"}) == Err::sub_seat_cap_reached);
  w.ok(kAdmin, SetSeatCap{a, std::nullopt});
  w.ok(kAdmin, ResendInvitation{a, "bo@x.io"});
}

TEST_CASE("roles: nobody changes their own role; sub admins cannot touch org admins") {
  World w(10);
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "sue@x.io", Role::SuperAdmin);
  w.member(a, "al@x.io", Role::Viewer);
  w.member(a, kAdmin, Role::Viewer);  // an org admin who is also a member of the sub
  CHECK(w.err("sue@x.io", ChangeRole{a, "sue@x.io", Role::Viewer}) == Err::own_role);
  w.ok("sue@x.io", ChangeRole{a, "al@x.io", Role::Creator});
  CHECK(w.membership(a, "al@x.io")->role == Role::Creator);
  CHECK(w.s.audit.back().detail == "al@x.io: Viewer -> Creator");
  // The role already held: accepted (a replay may repeat it), and the audit says nothing changed.
  w.ok("sue@x.io", ChangeRole{a, "al@x.io", Role::Creator});
  CHECK(w.membership(a, "al@x.io")->role == Role::Creator);
  CHECK(w.s.audit.back().detail == "al@x.io: already Creator; nothing changed");
  CHECK(w.err("sue@x.io", ChangeRole{a, kAdmin, Role::Creator}) == Err::org_admin_protected);
  CHECK(w.err("sue@x.io", RemoveMember{a, kAdmin}) == Err::org_admin_protected);
  CHECK(w.err("al@x.io", ChangeRole{a, "sue@x.io", Role::Viewer}) == Err::forbidden);
  CHECK(w.err("al@x.io", InviteMembers{a, {{"x@x.io", "", Role::Viewer}}}) == Err::forbidden);
  // Org admins run every sub, member there or not.
  w.ok(kAdmin, ChangeRole{a, "sue@x.io", Role::Developer});
  CHECK(w.err(kAdmin, ChangeRole{a, kAdmin, Role::SuperAdmin}) == Err::own_role);
  CHECK(w.err(kAdmin, ChangeRole{a, "nobody@x.io", Role::Viewer}) == Err::not_a_member);
}

TEST_CASE("the last Super Admin of the parent cannot be removed or demoted") {
  World w(10);
  WorkspaceId a = w.sub("Alpha");
  CHECK(w.err(kAdmin, RemoveMember{w.parent(), kAdmin}) == Err::last_super_admin);
  CHECK(w.err(kSystem, ChangeRole{w.parent(), kAdmin, Role::Viewer}) == Err::last_super_admin);
  w.member(w.parent(), "bea@x.io", Role::SuperAdmin);
  w.ok("bea@x.io", ChangeRole{w.parent(), kAdmin, Role::Developer});
  CHECK_FALSE(is_org_admin(w.s, w.person(kAdmin)));
  CHECK(w.err("bea@x.io", RemoveMember{w.parent(), "bea@x.io"}) == Err::last_super_admin);
  // A sub may have no Super Admin of its own.
  w.ok("bea@x.io", InviteMembers{a, {{"cy@x.io", "", Role::SuperAdmin}}});
  w.ok("cy@x.io", AcceptInvitation{a});
  w.ok("bea@x.io", RemoveMember{a, "cy@x.io"});
  CHECK(w.ws(a).members.empty());
}

TEST_CASE("accepting needs an invitation of one's own") {
  World w(10);
  WorkspaceId a = w.sub("Alpha");
  w.invite(a, "al@x.io");
  w.invite(w.parent(), "bo@x.io");
  CHECK(w.err("bo@x.io", AcceptInvitation{a}) == Err::workspace_not_found);  // cannot see it
  w.ok("al@x.io", AcceptInvitation{a});
  CHECK(w.err("al@x.io", AcceptInvitation{a}) == Err::invitation_not_found);
  CHECK(w.err("stranger@x.io", AcceptInvitation{a}) == Err::unknown_actor);
  CHECK(w.err(kSystem, AcceptInvitation{a}) == Err::forbidden);
}

TEST_CASE("the audit names whom a batch invited: one by role, a few by email, the rest counted") {
  World w(50);
  WorkspaceId a = w.sub("Sales");
  w.ok(kAdmin, InviteMembers{a, {{"one@x.io", "", Role::Viewer}}});
  CHECK(w.s.audit.back().detail == "invited one@x.io as Viewer");
  w.ok(kAdmin, InviteMembers{a, {{"b@x.io", "", Role::Viewer}, {"c@x.io", "", Role::Viewer}}});
  CHECK(w.s.audit.back().detail == "invited 2 people: b@x.io and c@x.io");
  std::vector<InviteRow> many;
  for (char ch : std::string("defgh")) many.push_back({std::string(1, ch) + "@x.io", "", Role::Creator});
  w.ok(kAdmin, InviteMembers{a, many});
  CHECK(w.s.audit.back().detail == "invited 5 people: d@x.io, e@x.io, f@x.io and 2 more");
}
