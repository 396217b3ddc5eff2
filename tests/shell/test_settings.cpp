// The Settings view (rename, plan, own name) and what this browser remembers (theme, the
// person acted as), driven headless with clicks and keys.
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "headless.hpp"
#include "shell/panels.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

const std::string kAdmin = "ada.quill@lumen.example";

void open_settings(Headless& h, WorkspaceId ws) {
  h.app->go(ui::Route{ui::View::Settings, ws});
  h.frame();
  h.frame();
}

// Clicks a field and replaces what it holds by `text`.
void retype(Headless& h, const std::string& field, const std::string& text) {
  h.click(field);
  h.key(ImGuiKey_End);
  for (int i = 0; i < 40; ++i) h.key(ImGuiKey_Backspace);
  h.type(text);
}

// A member of a sub-workspace only, with the given role there: someone who cannot see the parent.
const Person* sub_only_member(const State& s, Role role, WorkspaceId* where = nullptr) {
  for (const auto& ws : s.workspaces) {
    if (ws.is_parent || !ws.live()) continue;
    for (const auto& m : ws.members) {
      if (m.status != MemberStatus::Active || m.role != role || is_org_admin(s, m.person)) continue;
      if (can_see(s, m.person, s.parent_workspace())) continue;
      if (where) *where = ws.id;
      return &s.people[m.person];
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the settings route has its own address") {
  auto r = ui::Route::parse("#/ws/3/settings");
  REQUIRE(r);
  CHECK(r->view == ui::View::Settings);
  CHECK(r->ws == 3);
  CHECK(r->to_hash() == "#/ws/3/settings");
}

TEST_CASE("an org admin renames a sub-workspace from its settings; a taken name is said while typing") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  WorkspaceId id = sub.id;
  std::string old = sub.name;
  open_settings(h, id);
  h.click("##settings-name");
  h.type(" Two");
  h.click("Rename##settings");
  CHECK(h.state().workspace(id)->name == old + " Two");
  CHECK(h.app->ui().toasts.back().text == "Renamed '" + old + "' to '" + old + " Two'.");

  std::string other = h.state().workspaces[2].name;
  retype(h, "##settings-name", other);
  // Before any click: the reason under the field, and Rename off with it.
  std::string taken = "A workspace named '" + other + "' already exists (the trash counts too).";
  CHECK(text_of(h, "settings:name-error") == taken);
  CHECK_FALSE(h.rect("Rename##settings").enabled);
  h.click("Rename##settings");
  CHECK(h.state().workspace(id)->name == old + " Two");
  retype(h, "##settings-name", std::string(66, 'x'));
  CHECK(text_of(h, "settings:name-error") == "A workspace name has at most 64 characters; this one has 66.");
  CHECK_FALSE(h.rect("Rename##settings").enabled);
}

TEST_CASE("a Viewer sees the settings but cannot rename") {
  Headless h;
  WorkspaceId where = 0;
  const Person* viewer = sub_only_member(h.state(), Role::Viewer, &where);
  REQUIRE(viewer);
  std::string name = h.state().workspace(where)->name;
  h.app->act_as(viewer->email);
  open_settings(h, where);
  CHECK_FALSE(h.rect("Rename##settings").enabled);
  CHECK_FALSE(h.rect("Choose image...##settings").enabled);
  CHECK_FALSE(h.has("Save plan##plan"));  // the plan is shown on the parent only
  CHECK(h.state().workspace(where)->name == name);
}

TEST_CASE("an org admin raises the seat limit from the parent's settings; below the seats in use is refused") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  open_settings(h, parent);
  int used = seats_used(h.state(), h.platform.now());
  CHECK(text_of(h, "settings:seats").rfind(std::to_string(used) + " of " + std::to_string(h.state().plan.seat_limit), 0) == 0);
  CHECK_FALSE(h.rect("Save plan##plan").enabled);  // nothing changed yet

  retype(h, "Seat limit##plan", std::to_string(used + 25));
  h.click("Save plan##plan");
  CHECK(h.state().plan.seat_limit == used + 25);
  CHECK(seats_left(h.state(), h.platform.now()) == 25);

  retype(h, "Seat limit##plan", std::to_string(used - 1));
  h.click("Save plan##plan");
  CHECK(h.state().plan.seat_limit == used + 25);
  CHECK(text_of(h, "settings:plan-error") == std::to_string(used) + " seats are in use: the seat limit cannot go below that.");
  // Typing again retires that refusal; what is wrong with the new text is said at once.
  retype(h, "Seat limit##plan", "99999999999999");
  h.frame();
  CHECK_FALSE(h.has("settings:plan-error"));
  CHECK(text_of(h, "settings:plan-problem") == "Seat limit: '99999999999999' is too large.");
  CHECK_FALSE(h.rect("Save plan##plan").enabled);
  retype(h, "Seat limit##plan", "ten");
  h.frame();
  CHECK(text_of(h, "settings:plan-problem") == "Seat limit: a whole number, e.g. 50 ('ten' is not one).");
}

TEST_CASE("someone who is not an org admin cannot change the plan") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  const std::string dev = "dev.parent@lumen.example";
  REQUIRE(h.app->dispatch(InviteMembers{parent, {{dev, "", Role::Developer}}}).accepted());
  h.app->act_as(dev);
  REQUIRE(h.app->dispatch(AcceptInvitation{parent}).accepted());
  open_settings(h, parent);
  CHECK_FALSE(h.rect("Save plan##plan").enabled);
  CHECK_FALSE(h.rect("Seat limit##plan").enabled);
}

TEST_CASE("anyone changes their own display name in settings") {
  Headless h;
  WorkspaceId where = 0;
  const Person* viewer = sub_only_member(h.state(), Role::Viewer, &where);
  REQUIRE(viewer);
  std::string email = viewer->email;
  h.app->act_as(email);
  open_settings(h, where);
  retype(h, "##settings-my-name", "Robin Vale");
  h.click("Save name##settings");
  CHECK(h.state().people[*h.state().person(email)].name == "Robin Vale");
}

TEST_CASE("acting as someone who cannot see this workspace lands quietly on one they can") {
  Headless h;
  WorkspaceId where = 0;
  const Person* viewer = sub_only_member(h.state(), Role::Viewer, &where);
  REQUIRE(viewer);
  h.app->go(ui::Route{ui::View::Members, h.state().parent});
  h.frame();
  std::size_t toasts = h.app->ui().toasts.size();
  h.app->act_as(viewer->email);
  h.frame();
  CHECK(h.app->ui().toasts.size() == toasts);
  CHECK(h.app->route_workspace() != nullptr);
  CHECK(h.platform.route.rfind("#/ws/", 0) == 0);
  CHECK(h.platform.route != "#/ws/0/members");
}

TEST_CASE("the theme and the person acted as are remembered in this browser's store") {
  std::string other;
  {
    Headless h;
    const State& s = h.state();
    for (const auto& p : s.people)
      if (p.email != kAdmin) other = p.email;
    h.app->act_as(other);
    h.app->set_dark(true);
    CHECK(ui::theme_is_dark());
    // A second start on the same store, with no theme or person asked for.
    ui::apply_theme(false);
    ui::App again(h.platform, h.storage, {});
    again.start();
    CHECK(ui::theme_is_dark());
    CHECK(again.ui().acting_as == other);
    // What the page asks for wins over what was remembered.
    ui::AppConfig light;
    light.dark = false;
    light.acting_as = kAdmin;
    ui::App asked(h.platform, h.storage, light);
    asked.start();
    CHECK_FALSE(ui::theme_is_dark());
    CHECK(asked.ui().acting_as == kAdmin);
  }
}

TEST_CASE("unreadable preferences are ignored, not fatal") {
  Headless h;
  REQUIRE_FALSE(h.storage.write("prefs.json", "{not json"));
  ui::App again(h.platform, h.storage, {});
  again.start();
  CHECK(again.state().has_org);
  CHECK(again.ui().acting_as == kAdmin);
}

TEST_CASE("an org admin renames a member in place: double-click, type, Enter; Escape leaves it") {
  Headless h;
  const Workspace& parent = h.state().parent_workspace();
  std::string email;
  for (const auto& m : parent.members)
    if (m.status == MemberStatus::Active && h.state().people[m.person].email != kAdmin) email = h.state().people[m.person].email;
  REQUIRE_FALSE(email.empty());
  h.app->go(ui::Route{ui::View::Members, parent.id});
  h.frame();
  h.frame();
  auto double_click = [&](const std::string& label) {
    h.click(label);
    h.click(label);
  };
  double_click("name:" + email);
  REQUIRE(h.has("rename:" + email));
  for (int i = 0; i < 60; ++i) h.key(ImGuiKey_Backspace);
  h.type("Noor Haddad");
  h.key(ImGuiKey_Enter);
  CHECK(h.state().people[*h.state().person(email)].name == "Noor Haddad");
  CHECK_FALSE(h.has("rename:" + email));

  double_click("name:" + email);
  h.type(" Jr");
  h.key(ImGuiKey_Escape);
  CHECK(h.state().people[*h.state().person(email)].name == "Noor Haddad");
  CHECK_FALSE(h.has("rename:" + email));
}

TEST_CASE("someone who is not an org admin cannot rename others in the members table") {
  Headless h;
  WorkspaceId where = 0;
  const Person* viewer = sub_only_member(h.state(), Role::Viewer, &where);
  REQUIRE(viewer);
  h.app->act_as(viewer->email);
  h.app->go(ui::Route{ui::View::Members, where});
  h.frame();
  h.frame();
  for (const auto& m : h.state().workspace(where)->members) CHECK_FALSE(h.has("name:" + h.state().people[m.person].email));
}

TEST_CASE("a sub's settings open its gear for org admins; its own Super Admins see why not") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = s.workspaces[1];
  WorkspaceId id = sub.id;
  std::string boss;
  for (const Membership& m : sub.members)
    if (m.role == Role::SuperAdmin && m.status == MemberStatus::Active && !is_org_admin(s, m.person)) boss = s.people[m.person].email;
  open_settings(h, id);
  h.click("Billing, API access, seats and credits...##settings");
  CHECK(h.app->ui().gear.open);
  CHECK(h.app->ui().gear.ws == id);
  h.click("Close##gear");
  REQUIRE_FALSE(boss.empty());
  h.app->act_as(boss);
  open_settings(h, id);
  CHECK_FALSE(h.rect("Billing, API access, seats and credits...##settings").enabled);
}

TEST_CASE("a sub's billing page opens its gear to allocate; the parent's points to the list; sub admins see neither") {
  Headless h;
  const State& s = h.state();
  WorkspaceId id = s.workspaces[1].id;
  h.app->go(ui::Route{ui::View::Billing, id});
  h.frame();
  h.click("Allocate or reclaim credits and slots...##billing");
  CHECK(h.app->ui().gear.open);
  CHECK(h.app->ui().gear.ws == id);
  h.click("Close##gear");

  h.app->go(ui::Route{ui::View::Billing, s.parent});
  h.frame();
  h.click("Open the Sub-workspaces list##billing");
  CHECK(h.app->ui().route.view == ui::View::SubWorkspaces);

  std::string boss;
  for (const Membership& m : s.workspaces[1].members)
    if (m.role == Role::SuperAdmin && m.status == MemberStatus::Active && !is_org_admin(s, m.person)) boss = s.people[m.person].email;
  REQUIRE_FALSE(boss.empty());
  h.app->act_as(boss);
  h.app->go(ui::Route{ui::View::Billing, id});
  h.frame();
  h.frame();
  CHECK(h.has("Buy credits##billing"));
  CHECK_FALSE(h.has("Allocate or reclaim credits and slots...##billing"));
}

TEST_CASE("creating an asset says so; without a free avatar slot the button says where slots come from") {
  Headless h;
  const State& s = h.state();
  WorkspaceId id = s.workspaces[1].id;
  REQUIRE(s.workspaces[1].billing_by_parent);
  h.app->go(ui::Route{ui::View::Assets, id});
  h.frame();
  h.click("+ New asset##assets");
  h.click("##asset-create-name");
  h.type("  Spring campaign ");
  h.click("Create##asset-create");
  CHECK(last_toast(h).text.rfind("Created the ", 0) == 0);
  CHECK(last_toast(h).text.find(" 'Spring campaign' in " + s.workspaces[1].name + ".") != std::string::npos);

  // Every slot of the sub in use: an avatar cannot be made here.
  for (int i = 0; free_avatar_slots(h.state(), *h.state().workspace(id)) > 0; ++i)
    REQUIRE(h.app->dispatch(CreateAsset{id, AssetKind::Avatar, "Face " + std::to_string(i)}).accepted());
  h.click("+ New asset##assets");
  h.click("asset-create:kind");
  h.click("asset-kind:avatar");
  h.click("##asset-create-name");
  h.type("One more");
  const ui::ItemRect& create = h.rect("Create##asset-create");
  CHECK_FALSE(create.enabled);
  h.hover("Create##asset-create");
  CHECK(text_of(h, "why-not") ==
        "No free avatar slot here: an org admin allocates one from the parent (this sub's gear on the Sub-workspaces list).");
}

TEST_CASE("an amount to buy that is not one is said under the field, and nothing is bought") {
  Headless h;
  WorkspaceId parent = h.state().parent;
  Cents before = h.state().parent_workspace().balance;
  h.app->go(ui::Route{ui::View::Billing, parent});
  h.frame();
  h.click("##buy-credits");
  h.type("12.345");
  CHECK(text_of(h, "billing:amount-error") ==
        "'12.345' is not an amount of credits: use a number with at most two decimals, e.g. 250.50.");
  CHECK_FALSE(h.rect("Buy credits##billing").enabled);
  h.click("##buy-slots");
  h.type("-5");
  CHECK(text_of(h, "billing:slots-error") == "'-5' is not a number of slots: use a whole number above 0, e.g. 2.");
  CHECK_FALSE(h.rect("Buy avatar slots##billing").enabled);
  CHECK(h.state().parent_workspace().balance == before);
  h.click("##buy-credits");
  for (int i = 0; i < 6; ++i) h.key(ImGuiKey_Backspace);
  h.type("12.5");
  CHECK(text_of(h, "billing:amount-error").empty());
  h.click("Buy credits##billing");
  // A purchase cannot be undone: it is asked first, naming the amount and the workspace.
  CHECK(text_of(h, "confirm:text").rfind("Buy 12.50 credits for " + h.state().parent_workspace().name + "?", 0) == 0);
  CHECK(h.state().parent_workspace().balance == before);
  h.click("Cancel##confirm");
  CHECK(h.state().parent_workspace().balance == before);
  CHECK_FALSE(h.has("confirm:text"));
  h.click("Buy credits##billing");
  h.click("Buy##confirm");
  CHECK(h.state().parent_workspace().balance == before + 1250);
  CHECK(last_toast(h).text == "Bought 12.50 credits (recorded purchase).");
}

TEST_CASE("the delete step of the gear says what deleting does to this sub, in numbers") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  WorkspaceId id = sub.id;
  int active = sub.active_count;
  int invited = workspace_seats_used(sub, h.platform.now()) - active;
  open_gear(*h.app, id);
  h.frame();
  h.frame();
  // The danger zone ends the dialog's scrolling body: wheel down to it.
  const ui::ItemRect& close = h.rect("Close##gear");
  ImGui::GetIO().MousePos = ImVec2(close.x0, close.y0 - 80);
  ImGui::GetIO().MouseWheel = -40;
  h.frame();
  h.frame();
  h.click("Delete sub-workspace...##gear");
  std::string effect = text_of(h, "gear:delete-effect");
  CHECK(effect.rfind("Deleting suspends " + std::to_string(active) + (active == 1 ? " member, " : " members, ") + "revokes " +
                         std::to_string(invited),
                     0) == 0);
  CHECK(effect.find("returns " + format_credits(sub.balance) + " credits to the parent.") != std::string::npos);
}
