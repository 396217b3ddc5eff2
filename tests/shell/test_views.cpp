// Every view drawn headless over the large demo (1,000 subs, 100,000 people, 1,000,000 usage
// events and audit entries), as an org admin and as a sub-workspace member, at two window
// sizes. ImGui's own asserts are live here (shell/imgui_checked.hpp) and fail the test.
#include "core/rights.hpp"
#include "headless.hpp"
#include "shell/chart.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

Headless& large() {
  static Headless h([] {
    ui::AppConfig c;
    c.demo = "large";
    return c;
  }());
  h.use();  // it outlives the other tests' Headless: its context is current again
  return h;
}

const std::vector<ui::View> kWorkspaceViews = {ui::View::Members, ui::View::Assets, ui::View::Videos, ui::View::Api,
                                               ui::View::Billing, ui::View::Audit, ui::View::Settings};

void draw_all(Headless& h, WorkspaceId ws) {
  for (ui::View v : {ui::View::SubWorkspaces, ui::View::Trash}) {
    h.app->go(ui::Route{v, 0});
    h.frame();
    h.frame();
  }
  for (ui::View v : kWorkspaceViews) {
    h.app->go(ui::Route{v, ws});
    h.frame();
    h.frame();
    INFO("view " << static_cast<int>(v));
    CHECK(h.app->ui().route.view == v);
  }
}

}  // namespace

TEST_CASE("every view draws over the large demo, for an org admin and for a sub member") {
  Headless& h = large();
  const State& s = h.state();
  REQUIRE(s.people.size() >= 100000);
  REQUIRE(s.workspaces.size() == 1001);
  REQUIRE(s.usage.size() == 1000000);
  REQUIRE(s.audit.size() >= 1000000);
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    ImGui::GetIO().DisplaySize = size;
    draw_all(h, s.parent);
    draw_all(h, s.workspaces[500].id);
  }
  // The members table of the parent and the audit log of the whole org are big: clipped.
  h.app->go(ui::Route{ui::View::Members, s.parent});
  h.frame();
  h.frame();
  CHECK(h.has("+ Invite members##members"));
  h.app->go(ui::Route{ui::View::Audit, s.parent});
  h.frame();
  h.frame();
  CHECK(h.app->ui().audit.found.rows().size() == s.audit.size());
  CHECK(h.has("audit:first-row"));

  // As a Creator of one sub: only that sub is visible, and its views draw.
  const Workspace& sub = s.workspaces[42];
  std::string creator;
  for (const auto& m : sub.members)
    if (m.status == MemberStatus::Active && m.role == Role::Creator && !is_org_admin(s, m.person)) creator = s.people[m.person].email;
  REQUIRE_FALSE(creator.empty());
  h.app->ui().acting_as = creator;
  h.app->on_route("#/subs");  // not an org admin: sent to their own workspace
  h.frame();
  CHECK(h.app->ui().route.view == ui::View::Members);
  CHECK(h.app->ui().route.ws == sub.id);
  for (ui::View v : kWorkspaceViews) {
    h.app->go(ui::Route{v, sub.id});
    h.frame();
    h.frame();
  }
  CHECK_FALSE(h.has("Trash##nav"));
  CHECK_FALSE(h.has("Audit log##nav"));
  h.app->ui().acting_as = "ada.quill@lumen.example";
}

TEST_CASE("every dialog draws over the large demo: wizard, gear, invitations, CSV import, share and move") {
  Headless& h = large();
  const State& s = h.state();
  WorkspaceId sub = s.workspaces[500].id;
  auto frames = [&] {
    h.frame();
    h.frame();
  };
  h.app->go(ui::Route{ui::View::SubWorkspaces, 0});
  frames();
  ui::open_create_wizard(*h.app);
  for (int step = 0; step < 3; ++step) {
    h.app->ui().wizard.step = step;
    frames();
    CHECK(h.has("Create Sub-workspace##wizard"));
  }
  h.key(ImGuiKey_Escape);
  CHECK_FALSE(h.app->ui().wizard.open);

  ui::open_gear(*h.app, sub);
  frames();
  CHECK(h.app->ui().gear.ws == sub);
  h.key(ImGuiKey_Escape);
  CHECK_FALSE(h.app->ui().gear.open);

  h.app->go(ui::Route{ui::View::Members, s.parent});
  frames();
  h.click("+ Invite members##members");
  CHECK(h.has("invite:send"));
  h.key(ImGuiKey_Escape);
  CHECK_FALSE(h.app->ui().members.invite_open);
  ui::open_csv_import(*h.app, s.parent);
  frames();
  CHECK(h.app->ui().csv.open);
  h.key(ImGuiKey_Escape);
  CHECK_FALSE(h.app->ui().csv.open);

  // The share and move dialogs list every sub-workspace (1,000 of them).
  h.app->go(ui::Route{ui::View::Assets, s.parent});
  frames();
  REQUIRE_FALSE(s.parent_workspace().assets.empty());
  h.app->ui().assets.share_asset = s.parent_workspace().assets.front();
  frames();
  h.key(ImGuiKey_Escape);
  CHECK(h.app->ui().assets.share_asset == 0);
  h.app->ui().assets.move_asset = s.parent_workspace().assets.front();
  frames();
  h.key(ImGuiKey_Escape);
  CHECK(h.app->ui().assets.move_asset == 0);
}

TEST_CASE("a chart's y labels share the decimals of their step") {
  using V = std::vector<std::string>;
  CHECK(ui::y_axis(1.7, "").labels == V{"0.0", "0.5", "1.0", "1.5", "2.0"});
  CHECK(ui::y_axis(10, "").labels == V{"0.0", "2.5", "5.0", "7.5", "10.0"});
  CHECK(ui::y_axis(350, "").labels == V{"0", "100", "200", "300", "400"});
  CHECK(ui::y_axis(350, "").top == 400);
  CHECK(ui::y_axis(0, "").labels == V{"0", "1", "2", "3", "4"});
  CHECK(ui::y_axis(0.07, "").labels == V{"0.00", "0.02", "0.04", "0.06", "0.08"});
  CHECK(ui::y_axis(70000, "").labels == V{"0", "20k", "40k", "60k", "80k"});
}

TEST_CASE("API usage by day: one bar per day of the period, empty days included, and the totals") {
  UsageByDay by_day;
  by_day[100] = DayUsage{3, 125};
  by_day[98] = DayUsage{1, 5};
  by_day[90] = DayUsage{50, 5000};  // before the period
  ui::UsageDays u = ui::usage_days(by_day, 100, 7);
  REQUIRE(u.bars.size() == 7);
  CHECK(u.calls == 4);
  CHECK(u.credits == 130);
  CHECK(u.bars.back().value == 1.25);
  CHECK(u.bars[4].value == 0.05);
  CHECK(u.bars[5].value == 0);
  CHECK(u.bars.back().tooltip.find("3 calls\n1.25 credits") != std::string::npos);
  // Today is not over: its bar says so, the others are whole days.
  CHECK(u.bars.back().partial);
  CHECK(u.bars.back().label == "today");
  CHECK(u.bars.back().tooltip.find("today so far") != std::string::npos);
  CHECK_FALSE(u.bars[5].partial);
  CHECK(u.bars[5].label.size() == 5);  // MM-DD
  CHECK(ui::calls_text(1) == "1 call");
}

TEST_CASE("a typed amount that is not one says why: empty, below zero, a decimal comma, too many decimals") {
  CHECK(ui::credits_problem("") == "Enter an amount of credits, e.g. 250.50.");
  CHECK(ui::credits_problem("-5") == "'-5' is below zero: enter a positive amount of credits, e.g. 250.50.");
  CHECK(ui::credits_problem("12,5") ==
        "'12,5' is not an amount of credits: decimals take a point (12.50); a comma only groups thousands (1,250.00).");
  CHECK(ui::credits_problem("1.234") ==
        "'1.234' is not an amount of credits: use a number with at most two decimals, e.g. 250.50.");
  CHECK(ui::credits_problem(" 1,250.00 ").empty());
  CHECK(ui::credits_problem("900000000000000") ==
        "'900000000000000' is more credits than can be moved at once: at most 10,000,000,000.00.");
  CHECK(ui::credits_problem("10,000,000,000").empty());
}
