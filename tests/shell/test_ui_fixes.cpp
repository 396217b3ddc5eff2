// Small interface fixes a new user reported, driven headless with clicks and keys: what the
// audit log, toasts, members table, wizard, API page and sub-workspaces list say.
#include <imgui_internal.h>

#include "core/crypto.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "headless.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

const std::string kAdmin = "ada.quill@lumen.example";

// Deletes the first sub-workspace and opens the trash; returns its id.
WorkspaceId trash_first_sub(Headless& h) {
  const Workspace& sub = h.state().workspaces[1];
  WorkspaceId id = sub.id;
  REQUIRE(h.app->dispatch(DeleteWorkspace{id, sub.name}).accepted());
  h.app->go(ui::Route{ui::View::Trash, 0});
  h.frame();
  return id;
}

ImGuiTable* table_with_first_column(const char* name) {
  ImGuiContext& g = *GImGui;
  for (int n = 0; n < g.Tables.GetMapSize(); ++n)
    if (ImGuiTable* t = g.Tables.TryGetMapData(n); t && t->ColumnsCount > 0 && std::string(ImGui::TableGetColumnName(t, 0)) == name)
      return t;
  return nullptr;
}

// Leaves `free` seats in the organisation.
void leave_seats(Headless& h, int free) {
  PlanFields plan{seats_used(h.state(), h.platform.now()) + free, h.state().plan.avatar_slots, h.state().plan.video_cost_per_minute};
  REQUIRE(h.app->dispatch(SetPlan{plan}).accepted());
}

}  // namespace

TEST_CASE("a refused attempt reads as a sentence in the audit log, with a short result; the time fits its column") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  int used = workspace_seats_used(sub, h.platform.now());
  REQUIRE(used >= 2);
  REQUIRE_FALSE(h.app->dispatch(SetSeatCap{sub.id, used - 1}).accepted());
  h.app->go(ui::Route{ui::View::Audit, h.state().parent});
  h.frame();
  h.click("Refused attempts##audit-result");
  std::string row = text_of(h, "audit:first-row");
  INFO(row);
  CHECK(row.find(" | " + std::string(error_default_message(Err::seat_cap_below_usage)) + " | ") != std::string::npos);
  CHECK_THAT(row, Catch::EndsWith(" | refused: seat_cap_below_usage"));

  ImGuiTable* table = table_with_first_column("When (UTC)");
  REQUIRE(table);
  REQUIRE(table->ColumnsCount == 6);
  const ImGuiTableColumn& when = table->Columns[0];
  for (const char* stamp : {"2026-09-04 20:28", "2088-08-28 08:58", "2000-00-00 00:00"})
    CHECK(when.WorkMaxX - when.WorkMinX >= ImGui::CalcTextSize(stamp).x);
  CHECK(table->Columns[5].WidthGiven < table->Columns[1].WidthGiven);  // Result compact, Actor roomy
}

TEST_CASE("inviting past the seat limit: those left out stay in the dialog, and a neutral toast says so") {
  Headless h;
  const State& s = h.state();
  leave_seats(h, 2);
  open_members(h, s.parent);
  h.click("+ Invite members##members");
  h.click("invite:paste");
  h.type("one@new.example two@new.example, three@new.example;four@new.example");
  // What the list adds is said under the box, wrapped (the box itself does not wrap).
  CHECK(text_of(h, "invite:pasted-summary") ==
        "Found 4: one@new.example, two@new.example, three@new.example and four@new.example.");
  h.click("invite:add-pasted");
  CHECK(text_of(h, "invite:left-out-summary") == "2 rows marked \"Left out\" will not be invited.");
  h.click("invite:send");
  const ui::MembersState& st = h.app->ui().members;
  REQUIRE(st.invite_open);
  REQUIRE(st.invites.size() == 2);
  CHECK(st.invites[0].email.view() == "three@new.example");
  CHECK(st.invites[1].email.view() == "four@new.example");
  CHECK(text_of(h, "invite:note").rfind("Invited 2 people. The rows below were left out", 0) == 0);
  CHECK(text_of(h, "invite:left-out-summary") == "2 rows marked \"Left out\" will not be invited.");
  const ui::Toast& t = last_toast(h);
  CHECK(t.text == "Invited 2 people; 2 left out, still in the dialog.");
  CHECK_FALSE(t.error);
  CHECK(h.state().person("two@new.example"));
  CHECK_FALSE(h.state().person("three@new.example"));
  h.click("Cancel##invite");
  CHECK_FALSE(h.app->ui().members.invite_open);
}

TEST_CASE("a just-sent invitation expires in 7 d; bulk resend is off unless an invitation is selected") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = s.workspaces[1];
  REQUIRE(h.app->dispatch(InviteMembers{sub.id, {{"fresh@new.example", "", Role::Viewer}}}).accepted());
  open_members(h, sub.id);
  CHECK(text_of(h, "status:fresh@new.example") == "Invited (expires in 7 d)");

  std::string active;
  for (const auto& m : sub.members)
    if (m.status == MemberStatus::Active && s.people[m.person].email != kAdmin) active = s.people[m.person].email;
  REQUIRE_FALSE(active.empty());
  h.click("select:" + active);
  CHECK_FALSE(h.rect("Resend invitations##bulk").enabled);
  h.click("select:fresh@new.example");
  CHECK(h.rect("Resend invitations##bulk").enabled);
  h.click("Resend invitations##bulk");
  CHECK(last_toast(h).text == "Resent 1 invitation.");
}

TEST_CASE("restoring from the trash says so") {
  Headless h;
  std::string name = h.state().workspaces[1].name;
  WorkspaceId id = trash_first_sub(h);
  h.click("restore:" + name);
  h.click("Restore##confirm");
  CHECK(h.state().workspace(id)->live());
  const ui::Toast& t = last_toast(h);
  CHECK(t.text == "Restored '" + name + "' with its assets and members.");
  CHECK_FALSE(t.error);
}

TEST_CASE("a sub whose members no longer fit is not offered Restore, and the button says why") {
  Headless h;
  std::string name = h.state().workspaces[1].name;
  WorkspaceId id = trash_first_sub(h);
  leave_seats(h, 0);  // its members' seats went back on delete; none are left for them now
  h.frame();
  Error why = restore_error(h.state(), *h.state().workspace(id), h.platform.now());
  REQUIRE(why.code == Err::restore_seats_missing);
  CHECK_FALSE(h.rect("restore:" + name).enabled);
  h.click("restore:" + name);
  CHECK_FALSE(h.has("Restore##confirm"));
  CHECK_FALSE(h.state().workspace(id)->live());
  // Hovering the button shows the reason core gives.
  h.hover("restore:" + name);
  CHECK(text_of(h, "why-not") == why.message);
  CHECK(text_of(h, "restore-why:" + name) == why.message);  // in the row too, without hovering
  CHECK(why.message.find("seats are missing") != std::string::npos);
}

TEST_CASE("the wizard says which rows are left out, creates with a neutral toast, and Escape closes it") {
  Headless h;
  leave_seats(h, 1);
  h.click("+ Create Sub-workspace##open-wizard");
  h.click("##wizard-name");
  h.type("Field Sales");
  h.click("Next##wizard");
  h.click("wizard:paste");
  h.type("a@new.example b@new.example c@new.example d@new.example e@new.example f@new.example g@new.example "
         "h@new.example i@new.example j@new.example k@new.example l@new.example");
  h.click("wizard:add-pasted");
  h.frame();  // the body measures the longer list, then shows its scrollbar
  h.frame();
  CHECK(text_of(h, "wizard:left-out-summary") == "11 rows marked \"Left out\" will not be invited.");
  // The rows' remove buttons keep clear of the body's scrollbar.
  ImGuiWindow* body = nullptr;
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string name = w->Name; name.find("/wizard-body_") != std::string::npos && name.find("/##") == std::string::npos) body = w;
  REQUIRE(body);
  CHECK(body->ScrollbarY);
  CHECK(h.rect("wizard:remove:0").x1 + ImGui::GetStyle().ItemSpacing.x <= body->InnerRect.Max.x + 0.5f);
  CHECK(h.rect("wizard:left-out-summary").x1 <= body->InnerRect.Max.x + ImGui::GetStyle().ScrollbarSize);  // fits the footer
  h.click("Next##wizard");
  CHECK(text_of(h, "wizard:invite-summary") ==
        "Creating it invites 1 person; left out b@new.example: seat limit reached, and 10 more (see step 2).");
  h.click("Create Sub-workspace##wizard");
  const ui::Toast& t = last_toast(h);
  CHECK(t.text == "Created 'Field Sales' and invited 1 person; 11 rows were left out, kept in its invite dialog.");
  CHECK_FALSE(t.error);
  // Those left out are not lost: the new sub's invite dialog holds them, with what happened.
  h.frame();  // the route changes at the start of a frame; the dialog opens in the one after
  h.frame();
  const Workspace* made = h.state().workspace(h.state().workspace_by_name_key.at("field sales"));
  REQUIRE(made);
  CHECK(h.app->ui().route.view == ui::View::Members);
  CHECK(h.app->ui().route.ws == made->id);
  const ui::MembersState& st = h.app->ui().members;
  REQUIRE(st.invite_open);
  REQUIRE(st.invites.size() == 11);
  CHECK(std::string(st.invites.front().email.view()) == "b@new.example");
  CHECK(text_of(h, "invite:note") ==
        "Created 'Field Sales' and invited 1 person. 11 rows were left out and not invited: fix them, or free seats, and send; "
        "Cancel drops them.");
  h.click("Cancel##invite");
  CHECK_FALSE(h.app->ui().members.invite_open);
  h.app->go(ui::Route{ui::View::SubWorkspaces, 0});
  h.frame();
  h.frame();

  // Escape in a field cancels that field's edit (ImGui's way) and leaves the rest of the
  // wizard as it was; the next Escape asks before dropping what was typed.
  h.click("+ Create Sub-workspace##open-wizard");
  REQUIRE(h.app->ui().wizard.open);
  h.type("Draft");
  h.click("Next##wizard");
  h.click("wizard:email:0");
  h.type("half-typed@");
  h.key(ImGuiKey_Escape);
  REQUIRE(h.app->ui().wizard.open);
  CHECK(h.app->ui().wizard.name.view() == "Draft");
  h.key(ImGuiKey_Escape);
  REQUIRE(h.app->ui().wizard.open);
  h.frame();
  CHECK(h.has("wizard:discard-question"));
  h.click("Keep editing##wizard");
  CHECK_FALSE(h.has("wizard:discard-question"));
  CHECK(h.app->ui().wizard.name.view() == "Draft");
  // Cancel asks too.
  h.click("Cancel##wizard");
  h.click("Discard##wizard");
  CHECK_FALSE(h.app->ui().wizard.open);
  h.frame();
  CHECK_FALSE(h.has("Next##wizard"));
  // An empty wizard has nothing to lose: Cancel closes it at once.
  h.click("+ Create Sub-workspace##open-wizard");
  h.click("Cancel##wizard");
  CHECK_FALSE(h.app->ui().wizard.open);
}

TEST_CASE("one API call is \"1 call\"") {
  Headless h;
  h.app->go(ui::Route{ui::View::Api, h.state().parent});
  h.frame();
  h.click("##key-label");
  h.type("Solo");
  h.click("+ Create key##api");
  std::string key = h.app->ui().api.shown_key;
  REQUIRE_FALSE(key.empty());
  h.click("Done##shown-key");
  h.app->ui().api.filter_key = h.state().keys.back().id;  // the parent's own usage is the demo's
  h.frame();
  CHECK(text_of(h, "usage:total").rfind("0 calls, ", 0) == 0);
  KeyFingerprint f = fingerprint(key);
  REQUIRE(h.app->dispatch(RecordApiUsage{f.hash, f.last4, "/v2/video/generate", 25}).accepted());
  h.frame();
  CHECK(text_of(h, "usage:total").rfind("1 call, ", 0) == 0);
}

TEST_CASE("the sub-workspaces list counts expired invitations apart, as the members table shows them") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  REQUIRE(h.app->dispatch(InviteMembers{sub.id, {{"late@new.example", "", Role::Viewer}}}).accepted());
  h.platform.clock += kInvitationTtlMs + kDayMs;
  REQUIRE(h.app->dispatch(InviteMembers{sub.id, {{"soon@new.example", "", Role::Viewer}}}).accepted());
  h.app->go(ui::Route{ui::View::SubWorkspaces, 0});
  h.frame();
  h.frame();
  TimeMs now = h.platform.now();
  int invited = 0, expired = 0;
  for (const auto& m : sub.members)
    if (m.status == MemberStatus::Invited) ++(invitation_expired(m, now) ? expired : invited);
  REQUIRE(expired >= 1);
  std::string people = text_of(h, "people:" + sub.name);
  INFO(people);
  CHECK(people.find(std::to_string(invited) + " invited, " + std::to_string(expired) + " expired") != std::string::npos);
}

TEST_CASE("the wizard refuses initial credits over the parent's pool before Create is pressed") {
  Headless h;
  Cents pool = h.state().parent_workspace().balance;
  REQUIRE(pool >= 100);
  h.click("+ Create Sub-workspace##open-wizard");
  h.click("##wizard-name");
  h.type("Pool Check");
  h.click("Next##wizard");
  h.click("Next##wizard");
  h.click("##wizard-credits");
  // Whole credits: ten times the pool and a bit; one Backspace leaves what the pool holds.
  h.type(std::to_string(pool / 100) + "5");
  CHECK_FALSE(h.rect("Create Sub-workspace##wizard").enabled);
  h.key(ImGuiKey_Backspace);
  CHECK(h.rect("Create Sub-workspace##wizard").enabled);
  h.click("Create Sub-workspace##wizard");
  CHECK(h.state().workspaces.back().name == "Pool Check");
  CHECK(h.state().workspaces.back().balance == pool / 100 * 100);
}

TEST_CASE("bulk Set role changes only those who need it and says how many changed") {
  Headless h;
  const State& s = h.state();
  // A sub with a Viewer and a member of another role, neither of them an org admin.
  WorkspaceId id = 0;
  std::string other, viewer;
  for (const Workspace& ws : s.workspaces) {
    if (ws.is_parent || !ws.live()) continue;
    other.clear();
    viewer.clear();
    for (const Membership& m : ws.members) {
      if (is_org_admin(s, m.person) || m.status != MemberStatus::Active) continue;
      (m.role == Role::Viewer ? viewer : other) = s.people[m.person].email;
    }
    if (!other.empty() && !viewer.empty()) {
      id = ws.id;
      break;
    }
  }
  REQUIRE(id != 0);
  size_t audited = s.audit.size();
  h.app->go(ui::Route{ui::View::Members, id});
  h.frame();
  h.click("select:" + other);
  h.click("select:" + viewer);
  h.click("##bulk-role");
  h.click("Viewer####bulk-role");
  h.click("Set role##bulk");
  // Asked first, naming who changes and who is a Viewer already.
  std::string text = text_of(h, "confirm:text");
  std::string other_name = s.people[*s.person(other)].name, viewer_name = s.people[*s.person(viewer)].name;
  CHECK(text.rfind("Make 1 person Viewer in " + s.workspace(id)->name + ": " + other_name + "?", 0) == 0);
  CHECK(text.find("Already Viewer: " + viewer_name + ".") != std::string::npos);
  CHECK(h.state().workspace(id)->member(*h.state().person(other))->role != Role::Viewer);
  h.click("Make 1 person Viewer##confirm");
  CHECK(h.state().workspace(id)->member(*h.state().person(other))->role == Role::Viewer);
  CHECK(h.state().audit.size() == audited + 1);  // the one who was a Viewer already is left alone
  CHECK(last_toast(h).text == "1 person is now Viewer in " + s.workspace(id)->name + ".");
  h.click("select:" + other);
  h.click("select:" + viewer);
  h.click("Set role##bulk");
  CHECK_FALSE(h.has("Cancel##confirm"));
  CHECK(h.state().audit.size() == audited + 1);
  CHECK(last_toast(h).text == "Nobody selected needed to become Viewer.");
}

TEST_CASE("the gear says why a typed amount is not one, and what an accepted change did") {
  Headless h;
  const Workspace& sub = h.state().workspaces[1];
  WorkspaceId id = sub.id;
  Cents balance = sub.balance;
  h.click("gear:" + sub.name);
  h.click("Credits##gear-amount");
  h.type("1.234");
  CHECK_FALSE(h.rect("Allocate##gear").enabled);
  CHECK(text_of(h, "gear:amount-error") == "'1.234' is not an amount of credits: use a number with at most two decimals, e.g. 250.50.");
  for (int i = 0; i < 5; ++i) h.key(ImGuiKey_Backspace);
  h.type("12.5");
  CHECK(text_of(h, "gear:amount-error").empty());
  h.click("Allocate##gear");
  CHECK(h.state().workspace(id)->balance == balance + 1250);
  CHECK(text_of(h, "gear:done") == "Allocated 12.50 credits.");
}

TEST_CASE("with the keyboard, Enter presses the button moved to: a confirmation's Cancel is not taken for its action") {
  Headless h;
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < ImGuiKey_COUNT; ++i) io.KeyMap[i] = i;  // headless keys are their own codes
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;       // as in the browser
  std::string name = h.state().workspaces[1].name;
  WorkspaceId id = trash_first_sub(h);
  h.click("restore:" + name);
  REQUIRE(h.has("Cancel##confirm"));
  h.key(ImGuiKey_RightArrow);  // the keyboard moves from Restore to Cancel
  h.key(ImGuiKey_Enter);
  h.frame();
  CHECK_FALSE(h.has("Cancel##confirm"));
  CHECK_FALSE(h.state().workspace(id)->live());
  h.click("restore:" + name);
  h.key(ImGuiKey_RightArrow);
  h.key(ImGuiKey_LeftArrow);  // back to Restore
  h.key(ImGuiKey_Enter);
  h.frame();
  CHECK(h.state().workspace(id)->live());
}

TEST_CASE("rows pasted from a spreadsheet keep their names and roles; the rows left out go in one click") {
  Headless h;
  const State& s = h.state();
  open_members(h, s.parent);
  h.click("+ Invite members##members");
  h.click("invite:paste");
  // As a spreadsheet puts it on the clipboard: cells separated by tabs, a header row.
  h.type("Name\tEmail\tRole\nJos\xC3\xA9 M\xC3\xBCller\tjose@new.example\tDeveloper\nBad Row\tnot-an-email\tViewer\n"
         "Ann Lee <ann@new.example>, bob@new.example");
  CHECK(text_of(h, "invite:pasted-summary") ==
        "Found 4: Jos\xC3\xA9 M\xC3\xBCller <jose@new.example> (Developer), Bad Row <not-an-email> (Viewer), "
        "Ann Lee <ann@new.example> and bob@new.example.");
  h.click("invite:add-pasted");
  const auto& drafts = h.app->ui().members.invites;
  REQUIRE(drafts.size() >= 4);
  CHECK(std::string(drafts[0].email.view()) == "jose@new.example");
  CHECK(std::string(drafts[0].name.view()) == "Jos\xC3\xA9 M\xC3\xBCller");
  CHECK(drafts[0].role == Role::Developer);
  CHECK(drafts[2].role == Role::Creator);  // no role given: the form's default
  REQUIRE(h.has("invite:left-out:1"));
  CHECK(text_of(h, "invite:left-out:1").rfind("Left out: ", 0) == 0);
  h.click("invite:remove-left-out");
  std::vector<std::string> emails;
  for (const auto& d : h.app->ui().members.invites)
    if (!d.email.empty()) emails.emplace_back(d.email.view());
  CHECK(emails == std::vector<std::string>{"jose@new.example", "ann@new.example", "bob@new.example"});
  CHECK_FALSE(h.has("invite:remove-left-out"));
}

TEST_CASE("wrapped text breaks at spaces only: an email or an amount stays on one line") {
  Headless h;  // for the font
  h.frame();
  std::string text = "Invited ada.quill@lumen.example, bob.smith@lumen.example and 1,250.00 credits went to Finance Brazil.";
  // ImGui alone breaks after the first '.' of an email at some width: find one where it does.
  float width = 0;
  for (float w = 60; w < 400 && width == 0; w += 5) {
    const char* cut = ImGui::GetFont()->CalcWordWrapPositionA(1.0f, text.c_str(), text.c_str() + text.size(), w);
    if (cut > text.c_str() && cut[-1] == '.' && cut[0] != ' ') width = w;
  }
  REQUIRE(width > 0);

  std::string broken = ui::break_at_spaces(text, width);
  std::string rejoined = broken;
  std::replace(rejoined.begin(), rejoined.end(), '\n', ' ');
  CHECK(rejoined == text);  // only spaces became line breaks
  size_t start = 0;
  while (start <= broken.size()) {
    size_t end = std::min(broken.find('\n', start), broken.size());
    std::string line = broken.substr(start, end - start);
    INFO(line);
    // Every line fits, unless it is one word longer than a line.
    CHECK((ImGui::CalcTextSize(line.c_str()).x <= width || line.find(' ') == std::string::npos));
    start = end + 1;
  }
  CHECK(broken.find("ada.quill@lumen.example") != std::string::npos);
  CHECK(broken.find("bob.smith@lumen.example") != std::string::npos);
  CHECK(ui::break_at_spaces("one\ntwo", 1000) == "one\ntwo");  // its own line breaks stay
  CHECK(ui::break_at_spaces("a  -  b", 1000) == "a  -  b");    // and runs of spaces
}

TEST_CASE("a pasted role that names none is said under the row, not added to the name, until a role is picked") {
  Headless h;
  open_members(h, h.state().parent);
  h.click("+ Invite members##members");
  h.click("invite:paste");
  h.type("Alan Kay\talan.kay@parc.example\tAdmin");
  CHECK(text_of(h, "invite:pasted-summary") == "Found 1: Alan Kay <alan.kay@parc.example> (role 'Admin'? not one of ours).");
  h.click("invite:add-pasted");
  const auto& d = h.app->ui().members.invites.front();
  CHECK(std::string(d.name.view()) == "Alan Kay");
  CHECK(d.role == Role::Creator);
  REQUIRE(h.has("invite:role-note:0"));
  CHECK(text_of(h, "invite:role-note:0") == "'Admin' is not a role here: Creator for now. Roles: Super Admin, Developer, Creator, Viewer.");
  h.click("invite:role:0");
  h.click("Super Admin####role-invite0");
  CHECK(h.app->ui().members.invites.front().role == Role::SuperAdmin);
  CHECK_FALSE(h.has("invite:role-note:0"));
}

TEST_CASE("a sub made while the list is searched is not hidden by that search") {
  Headless h;  // it opens on the Sub-workspaces list
  h.click("##subs-search");
  h.type("brazil");
  h.click("+ Create Sub-workspace##open-wizard");
  h.click("##wizard-name");
  h.type("Marketing EMEA");
  h.click("Next##wizard");
  h.click("Next##wizard");
  h.click("Create Sub-workspace##wizard");
  h.frame();
  CHECK(h.app->ui().subs.search.empty());
  CHECK(h.has("open:Marketing EMEA"));
}

TEST_CASE("an asset name already used is refused beside the field, and a simulated API call answers in its line only") {
  Headless h;
  const State& s = h.state();
  const Workspace& parent = s.parent_workspace();
  const Asset* voice = nullptr;
  for (AssetId id : parent.assets)
    if (const Asset* a = s.asset(id); a && a->kind == AssetKind::Voice) voice = a;
  REQUIRE(voice);
  open_view(h, ui::View::Assets, parent.id);
  h.click("+ New asset##assets");
  h.click("asset-create:kind");
  h.click("asset-kind:voice");
  h.click("##asset-create-name");
  std::string shouted;
  for (char c : voice->name) shouted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  h.type(shouted);
  std::size_t toasts = h.app->ui().toasts.size();
  h.click("Create##asset-create");
  h.frame();
  CHECK(h.app->ui().toasts.size() == toasts);
  CHECK(text_of(h, "asset-create:error").find("already has a voice named") != std::string::npos);

  open_view(h, ui::View::Api, parent.id);
  h.click("##try-key");
  h.type("sk_" + std::string(43, 'A'));
  h.click("Send##try");
  h.frame();
  CHECK(text_of(h, "try:result").rfind("Refused: ", 0) == 0);
  CHECK(h.app->ui().toasts.size() == toasts);
}

TEST_CASE("inviting an org admin to a sub says they are a Super Admin there whatever the role") {
  Headless h;
  const State& s = h.state();
  WorkspaceId sub = 0;
  for (const auto& ws : s.workspaces)
    if (!ws.is_parent && ws.live()) sub = ws.id;
  REQUIRE(sub);
  open_members(h, sub);
  h.click("+ Invite members##members");
  h.click("invite:email:0");
  h.type(h.app->ui().acting_as);  // the org admin the console acts as
  h.frame();
  CHECK(text_of(h, "invite:org-admin:0") == "An org admin: a Super Admin there whatever role is given here.");
  h.click("invite:add");
  h.click("invite:email:1");
  h.type("someone.new@new.example");
  h.frame();
  CHECK(h.has("invite:email:1"));
  CHECK_FALSE(h.has("invite:org-admin:1"));
}

TEST_CASE("the audit log can leave out recorded API calls, which outnumber the rest") {
  Headless h;
  const State& s = h.state();
  std::size_t calls = std::count_if(s.audit.begin(), s.audit.end(), [](const AuditEntry& e) { return e.type == CommandType::RecordApiUsage; });
  REQUIRE(calls > 0);
  open_view(h, ui::View::Audit, s.parent);
  CHECK(text_of(h, "audit:count") == format_count(static_cast<long long>(s.audit.size())) + " entries");
  h.click("Hide API calls##audit");
  h.frame();
  CHECK(text_of(h, "audit:count") == format_count(static_cast<long long>(s.audit.size() - calls)) + " entries");
}
