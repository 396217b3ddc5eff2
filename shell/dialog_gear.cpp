// The gear of a sub-workspace: its settings and allocated resources (credits, seat cap,
// avatar slots, alert threshold), and deletion with a typed confirmation.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

// Runs a command from the dialog; the footer says what it did, or why it was refused.
bool run(App& app, GearState& g, Payload p, std::string done) {
  bool ok = app.dispatch_here(std::move(p), g.error);
  g.done = ok ? std::move(done) : "";
  return ok;
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::Separator();
  heading(title);
}

void draw_settings(App& app, GearState& g, const Workspace& ws) {
  section("Settings");
  bool parent_pays = ws.billing_by_parent;
  if (checkbox("Parent workspace manages billing##gear", &parent_pays)) run(app, g, SetBillingMode{ws.id, parent_pays}, parent_pays ? "The parent now manages billing." : "The sub now manages its own billing.");
  text_muted(parent_pays ? "On: the parent pays; this sub cannot purchase and spends what org admins allocate."
                         : "Off: this sub's Super Admins can buy credits and avatar slots for it; org admins may still allocate.");
  bool api = ws.api_access;
  if (checkbox("Sub-workspace can view API settings##gear", &api)) {
    if (api) run(app, g, SetApiAccess{ws.id, true}, "API access is on.");
    else ImGui::OpenPopup("Turn off API access?");
  }
  int active_keys = 0;
  for (const auto& k : app.state().keys) active_keys += (k.workspace == ws.id && k.status == KeyStatus::Active);
  if (confirm_modal("Turn off API access?",
                    "Turning API access off revokes this sub-workspace's " + std::to_string(active_keys) +
                        (active_keys == 1 ? " active API key" : " active API keys") +
                        " at once. Usage will then go through the parent's keys.",
                    "Turn off"))
    run(app, g, SetApiAccess{ws.id, false}, "API access is off; its keys are revoked.");
  text_muted(api ? "On: it has API keys of its own and its usage is tracked on its own."
                 : "Off: no keys of its own; usage through the parent's keys counts against the parent.");
}

void draw_credits(App& app, GearState& g, const Workspace& ws) {
  const State& s = app.state();
  section("Credits");
  std::string balance = "Balance " + format_credits(ws.balance) + "  (allocated and unspent " + format_credits(ws.allocated_unspent) +
                        ", consumed " + format_credits(ws.consumed_total) + ": " + std::to_string(consumed_percent(ws)) +
                        "% of its credits used)";
  ImGui::TextUnformatted(balance.c_str());
  track_text("gear:balance", balance);
  text_muted("The parent's pool has %s credits.", format_credits(s.parent_workspace().balance).c_str());
  ImGui::SetNextItemWidth(140);
  if (input_hint("Credits##gear-amount", "e.g. 250.00", g.allocate)) {  // a new amount, a new attempt
    g.error.clear();
    g.done.clear();
  }
  auto amount = parse_credits(g.allocate.view());
  std::string why = credits_problem(g.allocate.view());
  ImGui::SameLine();
  if (action_button("Allocate##gear", amount.has_value(), why.c_str()) &&
      run(app, g, AllocateCredits{ws.id, *amount}, "Allocated " + format_credits(*amount) + " credits."))
    g.allocate.clear();
  ImGui::SameLine();
  if (action_button("Reclaim##gear", amount.has_value(), why.c_str()) &&
      run(app, g, ReclaimCredits{ws.id, *amount}, "Reclaimed " + format_credits(*amount) + " credits."))
    g.allocate.clear();
  ImGui::SameLine();
  help_marker("Reclaim takes back at most the allocated credits that are unspent; a sub's own purchases stay with it.");
  if (!g.allocate.empty() && !amount) {
    text_error("%s", why.c_str());
    track_text("gear:amount-error", why);
  }
}

void draw_limits(App& app, GearState& g, const Workspace& ws) {
  const State& s = app.state();
  TimeMs now = app.now();
  section("Seats and alerts");
  ImGui::AlignTextToFramePadding();
  int here = workspace_seats_used(ws, now);
  ImGui::Text("%d %s active or invited here.", here, here == 1 ? "person" : "people");
  ImGui::SetNextItemWidth(140);
  // Hints say "now": a bare number reads as a value typed in, while the button stays off.
  std::string cap_hint = ws.seat_cap ? "now " + std::to_string(*ws.seat_cap) : "no cap now";
  input_hint("Seat cap##gear", cap_hint.c_str(), g.seat_cap);
  ImGui::SameLine();
  auto cap = parse_whole(g.seat_cap.view());
  if (action_button("Set cap##gear", cap.has_value(), "Enter a whole number") && run(app, g, SetSeatCap{ws.id, *cap}, "The seat cap is " + std::to_string(*cap) + ".")) g.seat_cap.clear();
  ImGui::SameLine();
  if (action_button("Remove cap##gear", ws.seat_cap.has_value(), "There is no cap")) run(app, g, SetSeatCap{ws.id, std::nullopt}, "The seat cap is removed.");
  ImGui::SameLine();
  help_marker("A cap is a limit on this sub, not a reservation: unused places stay free for the rest of the organisation.");

  ImGui::SetNextItemWidth(140);
  input_hint("Alert at % used##gear", ("now " + std::to_string(ws.alert_percent)).c_str(), g.threshold);
  ImGui::SameLine();
  auto pct = parse_whole(g.threshold.view());
  if (action_button("Set alert##gear", pct.has_value(), "Enter a percentage") && run(app, g, SetAlertThreshold{ws.id, *pct}, "The alert is at " + std::to_string(*pct) + "%."))
    g.threshold.clear();
  ImGui::SameLine();
  help_marker("The sub is flagged (alert) once it has used this share of its credits: what it consumed, out of what it "
              "consumed plus what it still holds. Credits reclaimed or returned to the parent do not count.");

  section("Avatar slots");
  ImGui::Text("%d %s (%d allocated by the parent), %d free. The parent has %d free.", ws.slots, ws.slots == 1 ? "slot" : "slots",
              ws.slots_allocated, free_avatar_slots(s, ws), free_avatar_slots(s, s.parent_workspace()));
  ImGui::SetNextItemWidth(140);
  input_hint("Slots##gear", "e.g. 2", g.slots);
  auto n = parse_whole(g.slots.view());
  ImGui::SameLine();
  if (action_button("Allocate slots##gear", n.has_value(), "Enter a number of slots") && run(app, g, AllocateAvatarSlots{ws.id, *n}, "Allocated " + std::to_string(*n) + (*n == 1 ? " avatar slot." : " avatar slots.")))
    g.slots.clear();
  ImGui::SameLine();
  if (action_button("Reclaim slots##gear", n.has_value(), "Enter a number of slots") && run(app, g, ReclaimAvatarSlots{ws.id, *n}, "Reclaimed " + std::to_string(*n) + (*n == 1 ? " avatar slot." : " avatar slots.")))
    g.slots.clear();
}

void draw_danger_zone(App& app, GearState& g, const Workspace& ws) {
  section("Delete");
  if (!g.confirm_delete) {
    if (danger_button("Delete sub-workspace...##gear")) g.confirm_delete = g.scroll_to_delete = true;
    text_muted("It goes to the trash for 30 days. Its keys and invitations are revoked, its members suspended, its "
               "shares dropped and its unspent credits and avatar slots returned to the parent at once.");
    return;
  }
  // What this deletion does to this sub, in numbers, while the name is typed.
  const State& s = app.state();
  int active = ws.active_count, invited = workspace_seats_used(ws, app.now()) - ws.active_count, keys = 0;
  for (const ApiKey& k : s.keys) keys += k.workspace == ws.id && k.status == KeyStatus::Active;
  std::string effect = "Deleting suspends " + format_count(active) + (active == 1 ? " member" : " members") + ", revokes " +
                       format_count(invited) + (invited == 1 ? " pending invitation" : " pending invitations") + " and " +
                       format_count(keys) + (keys == 1 ? " API key" : " API keys") +
                       " (a restore brings the members back, not the invitations or keys), and returns " +
                       format_credits(ws.balance) + " credits to the parent.";
  text_warning("%s", effect.c_str());
  track_text("gear:delete-effect", effect);
  ImGui::TextWrapped("Type the name '%s' to confirm.", ws.name.c_str());
  ImGui::SetNextItemWidth(280);
  if (g.scroll_to_delete) ImGui::SetKeyboardFocusHere();
  input_text("##gear-confirm-name", g.confirm_name);
  bool matches = g.confirm_name.view() == ws.name;
  ImGui::SameLine();
  if (danger_button("Delete##gear-confirmed", matches, "Type the name exactly") && run(app, g, DeleteWorkspace{ws.id, ws.name}, "")) {
    g.open = false;
    app.toast("'" + ws.name + "' is in the trash for 30 days.");
  }
  ImGui::SameLine();
  if (button("Cancel##gear-delete")) g.confirm_delete = false;
  if (g.scroll_to_delete) {  // the confirmation is at the bottom of a scrolling body: show it
    ImGui::SetScrollHereY(1.0f);
    g.scroll_to_delete = false;
  }
}

}  // namespace

void open_gear(App& app, WorkspaceId ws) {
  app.ui().gear = GearState{};
  app.ui().gear.open = true;
  app.ui().gear.ws = ws;
}

void draw_gear_dialog(App& app) {
  GearState& g = app.ui().gear;
  if (!g.open) return;
  const Workspace* ws = app.state().workspace(g.ws);
  if (!ws || !ws->live()) {
    g.open = false;
    return;
  }
  const char* title = "Sub-workspace settings###gear";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGuiViewport* vp = ImGui::GetMainViewport();
  // A fixed height (what the sections need, less on a short screen): the sections scroll
  // and the footer (a refusal's reason, Close) stays in view.
  ImGui::SetNextWindowSize(ImVec2(640, std::min(740.0f, vp->WorkSize.y - 40)), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(480, 240), ImVec2(760, vp->WorkSize.y - 40));
  if (ImGui::BeginPopupModal(title, &g.open, ImGuiWindowFlags_NoSavedSettings)) {
    heading(ws->name.c_str());
    ImGui::BeginChild("gear-body", ImVec2(0, -footer_height(g.error.empty() ? g.done : g.error)), false, ImGuiWindowFlags_NavFlattened);
    draw_settings(app, g, *ws);
    draw_credits(app, g, *ws);
    draw_limits(app, g, *ws);
    draw_danger_zone(app, g, *ws);
    ImGui::EndChild();
    ImGui::Separator();
    if (!g.error.empty()) {
      text_error("%s", g.error.c_str());
      track_text("gear:error", g.error);
    } else if (!g.done.empty()) {
      text_wrapped(g.done);
      track_text("gear:done", g.done);
    }
    if (button("Close##gear") || escape_closes()) g.open = false;
    if (!g.open) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  } else {
    g.open = false;
  }
}

}  // namespace subspace::ui
