// A sub's gear (seat cap, alert threshold, avatar slots), the alerts it raises across the
// console, the ledger's kind filter, the sub-workspaces list's sort orders, and the offline
// purge of the trash: driven headless with clicks and keys.
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "headless.hpp"
#include "shell/panels.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// A live sub that has consumed credits and still holds some (the small demo has several).
const Workspace& consuming_sub(const State& s) {
  for (const auto& ws : s.workspaces)
    if (!ws.is_parent && ws.live() && ws.consumed_total > 0 && ws.balance > 0) return ws;
  FAIL("the demo has no sub that consumed credits");
  return s.workspaces.front();
}

void type_into(Headless& h, const std::string& field, const std::string& text) {
  h.click(field);
  h.type(text);
}

}  // namespace

TEST_CASE("the gear sets a seat cap, refuses one below the people there, and removes it") {
  Headless h;
  const Workspace& sub = consuming_sub(h.state());
  WorkspaceId id = sub.id;
  int used = workspace_seats_used(sub, h.platform.now());
  REQUIRE(used >= 2);
  open_view(h, ui::View::SubWorkspaces);
  ui::open_gear(*h.app, id);
  h.frame();
  h.frame();

  type_into(h, "Seat cap##gear", std::to_string(used - 1));
  h.click("Set cap##gear");
  CHECK_FALSE(h.state().workspace(id)->seat_cap.has_value());
  CHECK(h.app->ui().gear.error == std::to_string(used) + " people are active or invited there; the cap cannot be lower.");

  h.click("Seat cap##gear");
  h.key(ImGuiKey_Backspace);
  h.type(std::to_string(used + 3));
  h.click("Set cap##gear");
  REQUIRE(h.state().workspace(id)->seat_cap);
  CHECK(*h.state().workspace(id)->seat_cap == used + 3);
  CHECK(h.app->ui().gear.done == "The seat cap is " + std::to_string(used + 3) + ".");

  h.click("Remove cap##gear");
  CHECK_FALSE(h.state().workspace(id)->seat_cap.has_value());
  CHECK_FALSE(h.rect("Remove cap##gear").enabled);  // nothing left to remove
}

TEST_CASE("an alert threshold set in the gear raises the alert on the list, the sub's billing and the parent's") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = consuming_sub(s);
  WorkspaceId id = sub.id;
  std::string name = sub.name;
  int pct = consumed_percent(sub);
  REQUIRE(pct < 100);
  open_view(h, ui::View::SubWorkspaces);
  ui::open_gear(*h.app, id);
  h.frame();
  h.frame();

  type_into(h, "Alert at % used##gear", "0");
  h.click("Set alert##gear");
  CHECK(h.app->ui().gear.error == error_default_message(Err::invalid_threshold));

  // Just above what it consumed: no alert yet.
  h.click("Alert at % used##gear");
  h.key(ImGuiKey_Backspace);
  h.type(std::to_string(pct + 1));
  h.click("Set alert##gear");
  REQUIRE(s.workspace(id)->alert_percent == pct + 1);
  h.key(ImGuiKey_Escape);
  h.frame();
  CHECK_FALSE(h.has("alert:" + name));

  // At what it consumed: the alert shows in all three places.
  REQUIRE(h.app->dispatch(SetAlertThreshold{id, std::max(1, pct)}).accepted());
  h.frame();
  CHECK(h.has("alert:" + name));
  h.click("alert:" + name);  // the badge leads to the sub's usage & billing
  CHECK(h.app->ui().route.view == ui::View::Billing);
  CHECK(h.app->ui().route.ws == id);
  CHECK(h.has("billing:alert"));
  // Where its credits are spent, too.
  open_view(h, ui::View::Videos, id);
  CHECK(h.has("videos:alert"));
  open_view(h, ui::View::Api, id);
  REQUIRE(workspace_has_api(s, *s.workspace(id)));  // it spent on API calls
  CHECK(h.has("api:alert"));
  open_view(h, ui::View::Billing, s.parent);
  CHECK(h.has("billing:alert:" + name));
}

TEST_CASE("the gear allocates avatar slots from the parent and reclaims at most the free ones") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = consuming_sub(s);
  WorkspaceId id = sub.id;
  int slots = sub.slots, parent_free = free_avatar_slots(s, s.parent_workspace());
  REQUIRE(parent_free >= 2);
  open_view(h, ui::View::SubWorkspaces);
  ui::open_gear(*h.app, id);
  h.frame();
  h.frame();

  type_into(h, "Slots##gear", "2");
  h.click("Allocate slots##gear");
  CHECK(s.workspace(id)->slots == slots + 2);
  CHECK(free_avatar_slots(s, s.parent_workspace()) == parent_free - 2);
  CHECK(h.app->ui().gear.done == "Allocated 2 avatar slots.");

  int free_here = free_avatar_slots(s, *s.workspace(id));
  type_into(h, "Slots##gear", std::to_string(free_here + 1));
  h.click("Reclaim slots##gear");
  CHECK(s.workspace(id)->slots == slots + 2);  // refused: more than are free
  int reclaimable = std::min(s.workspace(id)->slots_allocated, free_here);
  CHECK(h.app->ui().gear.error == "At most " + std::to_string(reclaimable) +
                                      (reclaimable == 1 ? " allocated avatar slot is free." : " allocated avatar slots are free."));
}

TEST_CASE("the ledger's kind filter lists only movements of that kind") {
  Headless h;
  const State& s = h.state();
  open_view(h, ui::View::Billing, s.parent);
  size_t all = h.app->ui().billing.rows.size();
  REQUIRE(all > 0);
  h.click("ledger:kind");
  h.click("ledger-kind:Allocate");
  const auto& rows = h.app->ui().billing.rows;
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.size() < all);
  for (std::uint32_t i : rows) CHECK(s.ledger[i].kind == Movement::Allocate);
}

TEST_CASE("the sub-workspaces list sorts by name in natural order, by credits and by people") {
  Headless h;
  const State& s = h.state();
  for (const char* name : {"Team 10", "Team 9", "team 1"}) REQUIRE(h.app->dispatch(CreateWorkspace{name}).accepted());
  open_view(h, ui::View::SubWorkspaces);
  auto& st = h.app->ui().subs;
  auto position = [&](const char* name) {
    WorkspaceId id = s.workspace_by_name_key.at(ascii_lower(name));
    return std::find(st.rows.begin(), st.rows.end(), id) - st.rows.begin();
  };
  CHECK(position("team 1") < position("Team 9"));
  CHECK(position("Team 9") < position("Team 10"));

  st.sort_column = 2;  // Credits, as a header click leaves it
  st.sort_ascending = false;
  h.frame();
  for (size_t i = 1; i < st.rows.size(); ++i) CHECK(s.workspace(st.rows[i - 1])->balance >= s.workspace(st.rows[i])->balance);
  st.sort_column = 1;  // People
  st.sort_ascending = true;
  h.frame();
  TimeMs now = h.platform.now();
  for (size_t i = 1; i < st.rows.size(); ++i)
    CHECK(workspace_seats_used(*s.workspace(st.rows[i - 1]), now) <= workspace_seats_used(*s.workspace(st.rows[i]), now));
}

TEST_CASE("offline, the app purges a sub 30 days after it went to the trash, as the system actor") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = consuming_sub(s);
  WorkspaceId id = sub.id;
  std::string name = sub.name;
  REQUIRE(h.app->dispatch(DeleteWorkspace{id, name}).accepted());
  h.platform.clock += 29 * kDayMs;
  h.frame();
  REQUIRE(s.workspace(id));
  CHECK(s.workspace(id)->deleted_at.has_value());  // still in the trash, restorable

  h.platform.clock += 2 * kDayMs;
  h.frame();
  h.frame();
  CHECK(s.workspace(id) == nullptr);
  const AuditEntry& last = s.audit.back();
  CHECK(last.actor == kSystemActor);
  CHECK(last.type == CommandType::PurgeWorkspace);
  CHECK(last.detail == "purged '" + name + "'");
  CHECK(s.workspace_by_name_key.count(ascii_lower(name)) == 0);  // the name is free again
}
