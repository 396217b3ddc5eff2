// The Members view, driven headless with clicks and keys: the invite dialog starts afresh,
// taking admin rights away is asked first, the last Super Admin cannot be offered Leave,
// each confirmed action says what it did, and the order of the table is stable.
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "headless.hpp"
#include <imgui_internal.h>

#include <unordered_set>

using namespace subspace;
using namespace subspace::test;

namespace {

const std::string kAdmin = "ada.quill@lumen.example";

// Another active Super Admin of the parent than Ada (the small demo has some).
PersonIx other_parent_admin(const State& s) {
  for (const auto& m : s.parent_workspace().members)
    if (m.status == MemberStatus::Active && m.role == Role::SuperAdmin && s.people[m.person].email != kAdmin) return m.person;
  return kNoPerson;
}

const Membership& member(const State& s, const std::string& email) {
  auto p = s.person(email);
  REQUIRE(p);
  const Membership* m = s.parent_workspace().member(*p);
  REQUIRE(m);
  return *m;
}

void pick_role(Headless& h, const std::string& email, const char* role) {
  h.click("role:" + email);
  h.click(std::string(role) + "####role");
}

}  // namespace

TEST_CASE("the invite dialog starts afresh each time: a cancelled list is not kept") {
  Headless h;
  open_members(h, h.state().parent);
  h.click("+ Invite members##members");
  h.click("invite:email:0");
  h.type("someone@new.example");
  CHECK(h.app->ui().members.invites[0].email.view() == "someone@new.example");
  CHECK(text_of(h, "invite:seats").find("- these invitations take 1") != std::string::npos);
  h.click("Cancel##invite");
  CHECK_FALSE(h.app->ui().members.invite_open);

  h.click("+ Invite members##members");
  REQUIRE(h.app->ui().members.invites.size() == 1);
  CHECK(h.app->ui().members.invites[0].email.view().empty());
  CHECK(text_of(h, "invite:seats").find("- these invitations take 0") != std::string::npos);
  CHECK_FALSE(h.state().person("someone@new.example"));
}

TEST_CASE("demoting a Super Admin is asked first; Cancel keeps the role, Confirm changes it and says so") {
  Headless h;
  PersonIx other = other_parent_admin(h.state());
  REQUIRE(other != kNoPerson);
  const std::string email = h.state().people[other].email;
  open_members(h, h.state().parent);

  pick_role(h, email, "Viewer");
  REQUIRE(h.has("Cancel##confirm"));
  CHECK(h.app->ui().members.confirm_text.find("They lose their Super Admin and org admin rights.") != std::string::npos);
  CHECK(member(h.state(), email).role == Role::SuperAdmin);  // nothing yet
  h.click("Cancel##confirm");
  CHECK(member(h.state(), email).role == Role::SuperAdmin);

  pick_role(h, email, "Viewer");
  h.click("Make Viewer##confirm");
  CHECK(member(h.state(), email).role == Role::Viewer);
  CHECK_FALSE(is_org_admin(h.state(), other));
  CHECK(last_toast(h).text.find("is now Viewer in Lumen Studios.") != std::string::npos);

  // Other role changes are not asked: Viewer to Developer happens at once.
  pick_role(h, email, "Developer");
  CHECK_FALSE(h.has("Cancel##confirm"));
  CHECK(member(h.state(), email).role == Role::Developer);
}

TEST_CASE("the parent's last Super Admin is offered neither Leave nor another role") {
  Headless h;
  // Every other parent admin becomes a Viewer, so Ada is the last one.
  for (PersonIx p = other_parent_admin(h.state()); p != kNoPerson; p = other_parent_admin(h.state()))
    REQUIRE(h.app->dispatch(ChangeRole{h.state().parent, h.state().people[p].email, Role::Viewer}).accepted());
  REQUIRE(sole_parent_super_admin(h.state()) == *h.state().person(kAdmin));
  open_members(h, h.state().parent);
  CHECK_FALSE(h.rect("remove:" + kAdmin).enabled);
  CHECK_FALSE(h.rect("role:" + kAdmin).enabled);
  h.click("remove:" + kAdmin);  // the pointer stays on it: its reason shows
  CHECK(text_of(h, "why-not") == error_default_message(Err::last_super_admin));
  CHECK_FALSE(h.has("Cancel##confirm"));
  CHECK(member(h.state(), kAdmin).role == Role::SuperAdmin);

  // With a second admin, Leave is offered again (and asked).
  PersonIx viewer = kNoPerson;
  for (const auto& m : h.state().parent_workspace().members)
    if (m.status == MemberStatus::Active && m.role == Role::Viewer) viewer = m.person;
  REQUIRE(viewer != kNoPerson);
  REQUIRE(h.app->dispatch(ChangeRole{h.state().parent, h.state().people[viewer].email, Role::SuperAdmin}).accepted());
  h.frame();
  CHECK(h.rect("remove:" + kAdmin).enabled);
}

TEST_CASE("removing people, one or several, names them and says what was done once confirmed") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  WorkspaceId id = sub.id;
  std::vector<std::string> emails;
  for (const auto& m : sub.members)
    if (!is_org_admin(h.state(), m.person) && m.status == MemberStatus::Active) emails.push_back(h.state().people[m.person].email);
  REQUIRE(emails.size() >= 3);
  auto name_of = [&](const std::string& e) { return h.state().people[*h.state().person(e)].name; };
  std::string first = name_of(emails[0]);
  open_members(h, id);

  h.click("remove:" + emails[0]);
  CHECK(text_of(h, "confirm:text").rfind("Remove " + first + " (" + emails[0] + ") from ", 0) == 0);
  h.click("Remove##confirm");
  CHECK_FALSE(h.state().workspace(id)->member(*h.state().person(emails[0])));
  CHECK(last_toast(h).text == "Removed " + first + " from " + h.state().workspace(id)->name + ".");

  // The bulk bar keeps its line: ticking the first box does not move the rows.
  float row_y = h.rect("select:" + emails[1]).y0;
  h.click("select:" + emails[1]);
  CHECK(h.rect("select:" + emails[2]).y0 - h.rect("select:" + emails[1]).y0 > 0);
  CHECK(h.rect("select:" + emails[1]).y0 == row_y);
  h.click("select:" + emails[2]);
  h.click("Remove##bulk");
  std::string text = text_of(h, "confirm:text");
  CHECK(text.find(name_of(emails[1])) != std::string::npos);
  CHECK(text.find(name_of(emails[2])) != std::string::npos);
  h.click("Remove 2 people##confirm");
  CHECK(last_toast(h).text == "Removed 2 people from " + h.state().workspace(id)->name + ".");
  for (int i : {1, 2}) CHECK_FALSE(h.state().workspace(id)->member(*h.state().person(emails[i])));
}

TEST_CASE("a bulk removal keeps, and names, those who may not be removed: yourself and the last Super Admin") {
  Headless h;
  for (PersonIx p = other_parent_admin(h.state()); p != kNoPerson; p = other_parent_admin(h.state()))
    REQUIRE(h.app->dispatch(ChangeRole{h.state().parent, h.state().people[p].email, Role::Viewer}).accepted());
  const State& s = h.state();
  std::string viewer;
  for (const auto& m : s.parent_workspace().members)
    if (m.role == Role::Viewer && m.status == MemberStatus::Active) viewer = s.people[m.person].email;
  REQUIRE_FALSE(viewer.empty());
  open_members(h, s.parent);
  h.click("select:" + kAdmin);
  h.click("select:" + viewer);
  h.click("Remove##bulk");
  std::string text = text_of(h, "confirm:text");
  CHECK(text.find("Staying, as you may not remove them: Ada Quill.") != std::string::npos);
  h.click("Remove 1 person##confirm");
  CHECK_FALSE(s.parent_workspace().member(*s.person(viewer)));
  CHECK(s.parent_workspace().member(*s.person(kAdmin)));
  CHECK_FALSE(last_toast(h).error);

  // Only people you may not remove selected: the button says so.
  h.click("select:" + kAdmin);
  CHECK_FALSE(h.rect("Remove##bulk").enabled);
}

TEST_CASE("people without a name are listed by email in natural order, whatever the order they were invited in") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  std::vector<InviteRow> rows;
  for (const char* e : {"temp2@new.example", "temp11@new.example", "temp1@new.example", "temp10@new.example"})
    rows.push_back({e, "", Role::Viewer});
  REQUIRE(h.app->dispatch(InviteMembers{parent, rows}).accepted());
  open_members(h, parent);
  std::vector<std::string> unnamed;
  for (PersonIx p : h.app->ui().members.rows)
    if (const Person& person = h.state().people[p]; person.email.find("@new.example") != std::string::npos)
      unnamed.push_back(person.email);
  // Numbers by value: temp2 before temp10, as people count.
  CHECK(unnamed == std::vector<std::string>{"temp1@new.example", "temp2@new.example", "temp10@new.example", "temp11@new.example"});
}

TEST_CASE("an invitation's days left are rounded to the nearest day") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  REQUIRE(h.app->dispatch(InviteMembers{parent, {{"later@new.example", "", Role::Viewer}}}).accepted());
  open_members(h, parent);
  CHECK(text_of(h, "status:later@new.example") == "Invited (expires in 7 d)");
  h.platform.clock += kDayMs + 22 * 3'600'000LL;  // 5 d 2 h left
  h.frame();
  h.frame();
  CHECK(text_of(h, "status:later@new.example") == "Invited (expires in 5 d)");
  h.platform.clock += 4 * kDayMs + 14 * 3'600'000LL;  // 12 h left
  h.frame();
  h.frame();
  CHECK(text_of(h, "status:later@new.example") == "Invited (expires in 12 h)");
}

TEST_CASE("the members view counts who is listed; a new sort order starts at its top") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  std::vector<InviteRow> rows;
  for (int i = 0; i < 80; ++i) rows.push_back({"bulk" + std::to_string(i) + "@new.example", "", Role::Viewer});
  PlanFields plan{h.state().plan.seat_limit + 80, h.state().plan.avatar_slots, h.state().plan.video_cost_per_minute};
  REQUIRE(h.app->dispatch(SetPlan{plan}).accepted());
  REQUIRE(h.app->dispatch(InviteMembers{parent, rows}).accepted());
  open_members(h, parent);
  size_t n = h.state().parent_workspace().members.size();
  CHECK(text_of(h, "members:count") == std::to_string(n) + " people listed here, invitations included");

  ImGuiTable* table = nullptr;
  for (int i = 0; i < GImGui->Tables.GetMapSize(); ++i)
    if (ImGuiTable* t = GImGui->Tables.TryGetMapData(i); t && t->ColumnsCount == 7) table = t;
  REQUIRE(table);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2((table->OuterRect.Min.x + table->OuterRect.Max.x) / 2, table->OuterRect.Max.y - 20);
  io.MouseWheel = -20;
  h.frame();
  h.frame();
  REQUIRE(table->InnerWindow->Scroll.y > 0);
  // Click the Email header.
  const ImGuiTableColumn& email = table->Columns[2];
  io.MousePos = ImVec2((email.MinX + email.MaxX) / 2, table->OuterRect.Min.y + ImGui::GetFrameHeight() / 2);
  h.frame();
  io.MouseDown[0] = true;
  h.frame();
  io.MouseDown[0] = false;
  h.frame();
  h.frame();
  CHECK(h.app->ui().members.sort_column == 2);
  CHECK(table->InnerWindow->Scroll.y == 0);
}

TEST_CASE("the members table keeps its sort order when someone else acts and back") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  open_members(h, parent);
  h.app->ui().members.sort_column = 2;  // Email, as a header click leaves it
  h.frame();
  std::string other;
  for (const auto& m : h.state().parent_workspace().members)
    if (m.status == MemberStatus::Active && h.state().people[m.person].email != kAdmin) other = h.state().people[m.person].email;
  h.app->act_as(other);
  h.app->act_as(kAdmin);
  open_members(h, parent);
  CHECK(h.app->ui().members.sort_column == 2);
  const auto& rows = h.app->ui().members.rows;
  REQUIRE(rows.size() > 2);
  for (size_t i = 1; i < rows.size(); ++i) CHECK(h.state().people[rows[i - 1]].email < h.state().people[rows[i]].email);
}

TEST_CASE("the header box selects every listed person, and only those the search lists") {
  Headless h;
  const Workspace& parent = h.state().parent_workspace();
  open_members(h, parent.id);
  auto& st = h.app->ui().members;
  REQUIRE(st.rows.size() >= 3);
  h.click("select:all");
  CHECK(st.selected.size() == st.rows.size());
  h.hover("select:all");
  CHECK(h.app->ui().members.selected.size() == st.rows.size());
  h.click("select:all");  // ticked: clears
  CHECK(st.selected.empty());

  // Narrowed by a search: the box takes the listed people only.
  std::string email = h.state().people[st.rows[1]].email;
  h.click("##members-search");
  h.type(email);
  REQUIRE(st.rows.size() == 1);
  h.frame();
  CHECK(text_of(h, "members:count") == "1 of " + std::to_string(parent.members.size()) + " people listed here, invitations included (search)");
  h.click("select:all");
  CHECK(st.selected == std::unordered_set<PersonIx>{*h.state().person(email)});

  // Everyone ticked, then a search hides some: they leave the selection, so a bulk action
  // never reaches someone the table does not show.
  h.click("select:all");
  st.search.clear();
  h.frame();
  REQUIRE(st.rows.size() == parent.members.size());
  h.click("select:all");
  REQUIRE(st.selected.size() == st.rows.size());
  h.click("##members-search");
  h.type(email);
  CHECK(st.selected.size() == 1);
}

TEST_CASE("a sub's only Super Admin is told, before leaving, that only org admins will run it") {
  Headless h;
  const State& s = h.state();
  const Workspace* sub = nullptr;
  PersonIx only = kNoPerson;
  for (const auto& ws : s.workspaces) {
    if (ws.is_parent || !ws.live()) continue;
    std::vector<PersonIx> admins;
    for (const auto& m : ws.members)
      if (m.role == Role::SuperAdmin && m.status == MemberStatus::Active) admins.push_back(m.person);
    if (admins.size() == 1 && !is_org_admin(s, admins[0])) {
      sub = &ws;
      only = admins[0];
      break;
    }
  }
  if (!sub) {  // make one: the first sub's first active non-admin member becomes its only Super Admin
    sub = &s.workspaces[1];
    for (const auto& m : sub->members)
      if (m.role == Role::SuperAdmin && m.status == MemberStatus::Active)
        REQUIRE(h.app->dispatch(ChangeRole{sub->id, s.people[m.person].email, Role::Creator}).accepted());
    for (const auto& m : sub->members)
      if (only == kNoPerson && m.status == MemberStatus::Active && !is_org_admin(s, m.person)) only = m.person;
    REQUIRE(only != kNoPerson);
    REQUIRE(h.app->dispatch(ChangeRole{sub->id, s.people[only].email, Role::SuperAdmin}).accepted());
  }
  std::string email = s.people[only].email;
  h.app->act_as(email);
  open_members(h, sub->id);
  h.click("remove:" + email);
  std::string text = text_of(h, "confirm:text");
  CHECK(text.rfind("Leave " + sub->name + "? You will lose access to it.", 0) == 0);
  CHECK(text.find(sub->name + " will have no Super Admin of its own") != std::string::npos);
  h.click("Cancel##confirm");
  CHECK(sub->member(only));
}
