// The console driven headless, with clicks and typing, against the real core.
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "headless.hpp"
#include <imgui_internal.h>

using namespace subspace;
using namespace subspace::test;

TEST_CASE("the console opens on the sub-workspaces list of the demo, as an org admin") {
  Headless h;
  CHECK(h.platform.route == "#/subs");
  CHECK(h.app->ui().acting_as == "ada.quill@lumen.example");
  CHECK(h.has("+ Create Sub-workspace##open-wizard"));
  CHECK(h.has("acting-as"));
  CHECK(h.has("Trash##nav"));
}

TEST_CASE("create a sub-workspace through the wizard with clicks and typing") {
  Headless h;
  size_t subs_before = h.state().workspaces.size();
  h.click("+ Create Sub-workspace##open-wizard");
  h.click("##wizard-name");
  h.type("Marketing North");
  h.click("Next##wizard");
  h.click("wizard:email:0");
  h.type("grace@lumen.example");
  h.click("wizard:add");
  h.click("wizard:email:1");
  h.type("linus@lumen.example");
  h.click("Next##wizard");
  h.click("Sub-workspace can view API settings##wizard");
  h.click("Create Sub-workspace##wizard");
  const State& s = h.state();
  REQUIRE(s.workspaces.size() == subs_before + 1);
  const Workspace& ws = s.workspaces.back();
  CHECK(ws.name == "Marketing North");
  CHECK(ws.api_access);
  CHECK(ws.billing_by_parent);
  REQUIRE(ws.members.size() == 2);
  CHECK(ws.members[0].status == MemberStatus::Invited);
  CHECK(s.people[ws.members[1].person].email == "linus@lumen.example");
  CHECK_FALSE(h.app->ui().wizard.open);
}

// A disabled coloured button says why on hover, in the text colour: drawn under the button's
// own white-on-accent colours the reason would be invisible on the tooltip's background.
TEST_CASE("the reason of a disabled coloured button is drawn readable") {
  Headless h;
  h.click("+ Create Sub-workspace##open-wizard");
  const ui::ItemRect& next = h.rect("Next##wizard");
  CHECK_FALSE(next.enabled);
  h.hover("Next##wizard");
  ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  REQUIRE(tip);
  REQUIRE(tip->Active);
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  int text_vertices = 0;
  for (const ImDrawVert& v : tip->DrawList->VtxBuffer) text_vertices += v.col == text;
  CHECK(text_vertices > 20);  // the glyphs of "Give the sub-workspace a valid, unused name first."
}

namespace {
// Acts as a Viewer of the first sub who then tries an admin's change (refused, with a toast).
std::string act_as_refused_viewer(Headless& h) {
  const State& s = h.state();
  std::string viewer;
  for (const auto& m : s.workspaces[1].members)
    if (m.role == Role::Viewer && m.status == MemberStatus::Active && !is_org_admin(s, m.person)) viewer = s.people[m.person].email;
  REQUIRE_FALSE(viewer.empty());
  h.app->act_as(viewer);
  REQUIRE_FALSE(h.app->dispatch(SetSeatCap{s.workspaces[1].id, 50}).accepted());
  return viewer;
}
}  // namespace

TEST_CASE("a refusal's toast goes when someone else acts; other errors stay until dismissed") {
  Headless h;
  std::string viewer = act_as_refused_viewer(h);
  h.app->toast("Could not save: the disk is full.", true);
  h.frame();
  REQUIRE(h.app->ui().toasts.size() == 2);
  CHECK(h.app->ui().toasts[0].actor == viewer);

  h.app->act_as(viewer);  // the same person again: still theirs
  CHECK(h.app->ui().toasts.size() == 2);
  h.app->act_as("ada.quill@lumen.example");
  REQUIRE(h.app->ui().toasts.size() == 1);
  CHECK(h.app->ui().toasts[0].text == "Could not save: the disk is full.");
}

TEST_CASE("text too long for its column is cut to the column, and shown whole on hover") {
  Headless h;
  const std::string longer = "12 active, 3 invited, 2 expired / cap 102 and a good deal more besides";
  auto draw = [&](const std::string& text, ImVec2 mouse) {
    ImGui::GetIO().MousePos = mouse;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(200, 100));
    ImGui::Begin("narrow", nullptr, ImGuiWindowFlags_NoDecoration);
    float avail = ImGui::GetContentRegionAvail().x;
    ui::text_fit(text);
    ImVec2 size = ImGui::GetItemRectSize();
    ImGui::End();
    ImGui::Render();
    return std::make_pair(size.x, avail);
  };
  auto [cut, avail] = draw(longer, ImVec2(-1, -1));
  CHECK(ImGui::CalcTextSize(longer.c_str()).x > avail);
  CHECK(cut == avail);
  auto [whole, avail2] = draw("3 active", ImVec2(-1, -1));
  CHECK(whole == ImGui::CalcTextSize("3 active").x);
  CHECK(whole < avail2);
  draw(longer, ImVec2(40, 12));
  draw(longer, ImVec2(40, 12));
  ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  REQUIRE(tip);
  CHECK(tip->Active);
  CHECK(tip->Size.x > avail);  // the whole text, wider than the column
}

TEST_CASE("someone with invitations only is in no workspace yet, and the switcher says so") {
  Headless h;
  WorkspaceId sub = h.state().workspaces[1].id;
  REQUIRE(h.app->dispatch(InviteMembers{sub, {{"newcomer@new.example", "New Comer", Role::Viewer}}}).accepted());
  CHECK(text_of(h, "workspace-switcher:shown") == h.state().org_name);
  h.app->act_as("newcomer@new.example");
  h.frame();
  h.frame();
  CHECK(text_of(h, "workspace-switcher:shown") == "No workspace yet");
  // The address it shows opens again after a reload, without "There is no page at ...".
  std::size_t toasts = h.app->ui().toasts.size();
  REQUIRE(ui::Route::parse(h.platform.route));
  h.app->on_route(h.platform.route);
  h.frame();
  CHECK(h.app->ui().toasts.size() == toasts);
  REQUIRE(h.app->dispatch(AcceptInvitation{sub}).accepted());
  h.app->act_as("newcomer@new.example");
  h.frame();
  h.frame();
  CHECK(text_of(h, "workspace-switcher:shown") == h.state().workspace(sub)->name);
}

TEST_CASE("a half-filled form stays with its person and workspace: another person or workspace starts afresh") {
  Headless h;
  const State& s = h.state();
  WorkspaceId sub = s.workspaces[1].id, other = s.workspaces[2].id;
  h.app->go(ui::Route{ui::View::Videos, sub});
  h.frame();
  h.click("+ Create video##videos");
  REQUIRE(h.app->ui().videos.create_open);
  h.app->ui().videos.title.set("Half done");
  // Another person: the form is gone.
  std::string someone;
  for (const auto& m : s.workspaces[1].members)
    if (m.status == MemberStatus::Active && !is_org_admin(s, m.person)) someone = s.people[m.person].email;
  REQUIRE_FALSE(someone.empty());
  h.app->act_as(someone);
  h.frame();
  CHECK_FALSE(h.app->ui().videos.create_open);
  CHECK(h.app->ui().videos.title.view().empty());

  // Another workspace, same person: the invite dialog does not follow.
  h.app->act_as("ada.quill@lumen.example");
  open_members(h, sub);
  h.click("+ Invite members##members");
  REQUIRE(h.app->ui().members.invite_open);
  open_members(h, other);
  CHECK_FALSE(h.app->ui().members.invite_open);
  CHECK_FALSE(h.has("invite:send"));
  // Another view of the same workspace keeps it.
  h.click("+ Invite members##members");
  h.app->go(ui::Route{ui::View::Assets, other});
  h.frame();
  CHECK(h.app->ui().members.invite_open);
}

TEST_CASE("notes fade after 5 s and refusals after 12 s; an error of storage stays; errors sit below the notes") {
  Headless h;
  std::string viewer = act_as_refused_viewer(h);
  h.app->toast("Could not save: the disk is full.", true);
  h.app->toast("A note.");
  h.frame();
  h.frame();  // a new auto-sized window is measured before it is shown
  auto& toasts = h.app->ui().toasts;
  REQUIRE(toasts.size() == 3);
  CHECK(h.rect("toast:2=A note.").y0 < h.rect("toast:1=Could not save: the disk is full.").y0);
  auto run_for = [&](double seconds) {
    for (double t = 0; t < seconds; t += 1.0 / 60) h.frame();
  };
  run_for(6);
  CHECK(toasts.size() == 2);  // the note went
  run_for(7);
  REQUIRE(toasts.size() == 1);  // then the refusal
  CHECK(toasts[0].text == "Could not save: the disk is full.");
  run_for(30);
  CHECK(toasts.size() == 1);
}

TEST_CASE("Acting as: the list tells people apart by email, and Enter picks the first match") {
  Headless h;
  const State& s = h.state();
  std::string target;
  for (const auto& p : s.people)
    if (!p.name.empty() && p.email != "ada.quill@lumen.example") {
      target = p.email;
      break;
    }
  REQUIRE_FALSE(target.empty());
  h.frame();  // the top bar's right-hand group is placed from the last frame's width
  h.click("acting-as");
  h.type(target);
  REQUIRE(h.has("actor:" + target));
  h.key(ImGuiKey_Enter);
  h.frame();
  CHECK(h.app->ui().acting_as == target);
  CHECK_FALSE(h.has("##actor-filter"));
}

TEST_CASE("the workspace switcher lists the parent, then the subs by name, and searches them") {
  Headless h;
  const State& s = h.state();
  h.frame();
  h.click("workspace-switcher");
  const auto& rows = h.app->ui().switcher.rows;
  REQUIRE(rows.size() == s.workspaces.size());
  CHECK(rows.front() == s.parent);
  for (size_t i = 2; i < rows.size(); ++i)
    CHECK(natural_compare(s.workspace(rows[i - 1])->name, s.workspace(rows[i])->name) < 0);
  const Workspace& target = s.workspaces.back();
  std::string name = target.name;
  WorkspaceId id = target.id;
  h.type(name);
  REQUIRE(h.app->ui().switcher.rows.size() >= 1);
  CHECK(h.app->ui().switcher.rows.front() == id);
  h.key(ImGuiKey_Enter);
  h.frame();
  CHECK(h.app->ui().route.ws == id);
  CHECK(h.app->ui().route.view == ui::View::Members);
}

TEST_CASE("a link to the Sub-workspaces list or the trash says why someone who is not an org admin lands elsewhere") {
  Headless h;
  const State& s = h.state();
  std::string member;
  for (const auto& m : s.workspaces[1].members)
    if (m.status == MemberStatus::Active && !is_org_admin(s, m.person)) member = s.people[m.person].email;
  REQUIRE_FALSE(member.empty());
  h.app->act_as(member);
  h.frame();
  size_t toasts = h.app->ui().toasts.size();
  h.app->on_route("");  // the bare address: no page was named, nothing to explain
  CHECK(h.app->ui().toasts.size() == toasts);
  CHECK(h.app->ui().route.view == ui::View::Members);
  h.app->on_route("#/subs");
  CHECK(last_toast(h).text == "The Sub-workspaces list is for org admins; " + member +
                                  " is not one, so their own workspace is shown instead.");
  CHECK(h.app->ui().route.view == ui::View::Members);
  h.app->on_route("#/trash");
  CHECK(last_toast(h).text.rfind("The trash is for org admins", 0) == 0);
  CHECK(h.app->ui().route.view == ui::View::Members);
}

TEST_CASE("?as= names the person to act as; someone not in the organisation is said, not silently replaced") {
  ui::AppConfig odd;
  odd.acting_as = " Ada.Quill@Lumen.Example ";  // as typed in a link: case and spaces do not matter
  Headless h(odd);
  CHECK(h.app->ui().acting_as == "ada.quill@lumen.example");
  CHECK(h.app->ui().toasts.empty());

  ui::AppConfig unknown;
  unknown.acting_as = "nobody@nowhere.example";
  Headless g(unknown);
  REQUIRE_FALSE(g.app->ui().toasts.empty());
  CHECK(g.app->ui().toasts.back().text ==
        "Nobody with the email 'nobody@nowhere.example' is in this organisation; acting as " + g.app->ui().acting_as + ".");
  CHECK(g.state().person(g.app->ui().acting_as));
}

TEST_CASE("a read-only tab offers no control that would change anything, and says why; reading still works") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = s.workspaces[1];
  std::string reason = "Another tab is editing this organisation.";
  h.app->set_read_only(true, reason);
  h.app->go(ui::Route{ui::View::SubWorkspaces, 0});
  h.frame();
  h.frame();
  CHECK_FALSE(h.rect("+ Create Sub-workspace##open-wizard").enabled);
  CHECK_FALSE(h.rect("gear:" + sub.name).enabled);
  h.hover("+ Create Sub-workspace##open-wizard");
  CHECK(text_of(h, "why-not") == "This tab is read-only: " + reason);
  h.click("+ Create Sub-workspace##open-wizard");
  CHECK_FALSE(h.app->ui().wizard.open);

  open_members(h, sub.id);
  CHECK_FALSE(h.rect("+ Invite members##members").enabled);
  CHECK_FALSE(h.rect("Import CSV...##members").enabled);
  for (const auto& m : sub.members) CHECK_FALSE(h.rect("role:" + s.people[m.person].email).enabled);
  h.app->ui().members.selected.insert(sub.members.front().person);  // ticking a box changes nothing
  h.frame();
  h.frame();
  CHECK_FALSE(h.rect("Set role##bulk").enabled);
  CHECK_FALSE(h.rect("Resend invitations##bulk").enabled);
  h.app->ui().members.selected.clear();
  // Searching changes nothing: it still works.
  size_t all = h.app->ui().members.rows.size();
  h.click("##members-search");
  h.type(s.people[sub.members.front().person].email);
  CHECK(h.app->ui().members.rows.size() < all);

  h.app->go(ui::Route{ui::View::Billing, s.parent});
  h.frame();
  h.frame();
  CHECK_FALSE(h.rect("Buy credits##billing").enabled);

  // A refusal while read-only (a command from the page API) is shown, and goes once writable.
  CHECK_FALSE(h.app->dispatch(CreateWorkspace{"Nope"}).accepted());
  CHECK(last_toast(h).text.rfind("This tab is read-only", 0) == 0);
  h.app->set_read_only(false, "");
  for (const auto& t : h.app->ui().toasts) CHECK(t.text.rfind("This tab is read-only", 0) != 0);
  h.app->go(ui::Route{ui::View::SubWorkspaces, 0});
  h.frame();
  h.frame();
  CHECK(h.rect("+ Create Sub-workspace##open-wizard").enabled);
  CHECK(h.rect("gear:" + sub.name).enabled);
}
