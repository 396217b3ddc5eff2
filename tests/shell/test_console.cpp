// The console driven headless, with clicks and typing, against the real core.
#include "core/queries.hpp"
#include "headless.hpp"

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
