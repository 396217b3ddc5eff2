// The console driven headless, with clicks and typing, against the real core.
#include "core/queries.hpp"
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
  ImGui::GetIO().MousePos = ImVec2((next.x0 + next.x1) / 2, (next.y0 + next.y1) / 2);
  h.frame();
  h.frame();
  ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
  REQUIRE(tip);
  REQUIRE(tip->Active);
  ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  int text_vertices = 0;
  for (const ImDrawVert& v : tip->DrawList->VtxBuffer) text_vertices += v.col == text;
  CHECK(text_vertices > 20);  // the glyphs of "Give the sub-workspace a valid, unused name first."
}
