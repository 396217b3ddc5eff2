// Manage Workspace > Sub-workspaces: the list (search, sort; seats, credits, billing mode,
// API badge, gear) and the button that opens the Create Sub-workspace wizard.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

enum Column { kName, kMembers, kCredits, kBilling, kApi, kGear };

// Rebuilds the filtered, sorted order only when the org, the search or the sort changed.
void refresh_rows(App& app, SubsListState& st) {
  const State& s = app.state();
  std::string key = std::string(st.search.view()) + "|" + std::to_string(st.sort_column) + (st.sort_ascending ? "a" : "d");
  if (st.cached_version == s.version && st.cached_key == key) return;
  st.cached_version = s.version;
  st.cached_key = key;
  st.rows.clear();
  std::string needle = search_fold(trim(st.search.view()));
  for (const auto& ws : s.workspaces)
    if (!ws.is_parent && ws.live() && (needle.empty() || search_fold(ws.name).find(needle) != std::string::npos))
      st.rows.push_back(ws.id);
  TimeMs now = app.now();
  auto less = [&](WorkspaceId a, WorkspaceId b) {
    const Workspace &x = *s.workspace(a), &y = *s.workspace(b);
    switch (st.sort_column) {
      case kMembers: return workspace_seats_used(x, now) < workspace_seats_used(y, now);
      case kCredits: return x.balance < y.balance;
      case kBilling: return x.billing_by_parent < y.billing_by_parent;
      case kApi: return x.api_access < y.api_access;
      default: return natural_less(x.name, y.name);  // Team 2 before Team 10
    }
  };
  std::stable_sort(st.rows.begin(), st.rows.end(), [&](WorkspaceId a, WorkspaceId b) {
    return st.sort_ascending ? less(a, b) : less(b, a);
  });
}

void draw_seat_meter(App& app) {
  const State& s = app.state();
  int used = seats_used(s, app.now());
  float frac = s.plan.seat_limit > 0 ? static_cast<float>(used) / s.plan.seat_limit : 1.0f;
  // A thin bar, centred on the line of the text beside it.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 p = ImGui::GetCursorScreenPos();
  float line = ImGui::GetFrameHeight(), bar = 8, width = 180, y = p.y + (line - bar) / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + width, y + bar), ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  if (frac > 0)
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + width * std::min(frac, 1.0f), y + bar), frac >= 1.0f ? palette().danger : palette().accent,
                      style.FrameRounding);
  if (style.FrameBorderSize > 0)
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + width, y + bar), ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding, 0, style.FrameBorderSize);
  ImGui::Dummy(ImVec2(width, line));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  std::string text = format_count(used) + " of " + format_count(s.plan.seat_limit) + " seats used";
  ImGui::TextUnformatted(text.c_str());
  track_text("seat-meter", text);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Seats count distinct people, across the parent and every sub-workspace,\n"
                      "who are active or hold an unexpired invitation.");
}

void draw_row(App& app, const Workspace& ws) {
  const State& s = app.state();
  const Palette& pal = palette();
  TimeMs now = app.now();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (std::uintptr_t tex = app.image_texture(ws.image)) {
    ImGui::Image(reinterpret_cast<ImTextureID>(tex), ImVec2(22, 22));
    track("image:" + ws.name);
    ImGui::SameLine();
  }
  ImGui::AlignTextToFramePadding();
  float room = ImGui::GetContentRegionAvail().x;
  if (ImGui::Selectable(ws.name.c_str(), false)) app.go(Route{View::Members, ws.id});
  // A name the column cuts is shown whole on hover.
  if (ImGui::IsItemHovered() && ImGui::CalcTextSize(ws.name.c_str()).x > room) ImGui::SetTooltip("%s", ws.name.c_str());
  track("open:" + ws.name);

  ImGui::TableNextColumn();
  int active = ws.active_count;
  int invited = workspace_seats_used(ws, now) - active;
  // Expired invitations are still rows of the members table: count them, apart.
  auto expired = std::distance(ws.invitation_expiries.begin(), ws.invitation_expiries.upper_bound(now));
  std::string people = std::to_string(active) + " active, " + std::to_string(invited) + " invited" +
                       (expired ? ", " + std::to_string(expired) + " expired" : "") +
                       (ws.seat_cap ? " / cap " + std::to_string(*ws.seat_cap) : "");
  ImGui::AlignTextToFramePadding();
  text_fit(people);
  track_text("people:" + ws.name, people);

  ImGui::TableNextColumn();
  // The alert first: the amounts line up on the right.
  if (over_alert_threshold(ws)) {
    badge("\xE2\x9A\xA0 alert", pal.badge_warn_bg, pal.badge_warn_fg);
    track("alert:" + ws.name);
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("It has used %d%% of its credits: %s consumed, %s left (alert at %d%%).\nClick for its usage & billing.",
                        consumed_percent(ws), format_credits(ws.consumed_total).c_str(), format_credits(ws.balance).c_str(),
                        ws.alert_percent);
    }
    if (ImGui::IsItemClicked()) app.go(Route{View::Billing, ws.id});
    ImGui::SameLine();
  }
  ImGui::AlignTextToFramePadding();
  text_right(format_credits(ws.balance));

  ImGui::TableNextColumn();
  badge(ws.billing_by_parent ? "Parent pays" : "Self-managed", pal.badge_bg, pal.badge_fg);

  ImGui::TableNextColumn();
  if (ws.api_access) badge("API", pal.badge_api_bg, pal.badge_api_fg);
  else text_muted("-");

  ImGui::TableNextColumn();
  if (keyed_small_button("\xE2\x9A\x99", "gear:" + ws.name)) open_gear(app, ws.id);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Settings and allocated resources");
  (void)s;
}

}  // namespace

void draw_subworkspaces(App& app) {
  const State& s = app.state();
  SubsListState& st = app.ui().subs;
  view_title("Sub-workspaces");
  text_muted("Separate environments inside %s, each with its own members, roles, settings and credits.", s.org_name.c_str());
  ImGui::Spacing();
  draw_seat_meter(app);
  ImGui::SameLine(0, 20);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("Org pool: %s credits", format_credits(s.parent_workspace().balance).c_str());
  ImGui::Spacing();

  ImGui::SetNextItemWidth(280);
  input_hint("##subs-search", "Search sub-workspaces", st.search);
  ImGui::SameLine();
  if (primary_button("+ Create Sub-workspace##open-wizard")) open_create_wizard(app);
  ImGui::Spacing();

  refresh_rows(app, st);
  if (st.rows.empty()) {
    ImGui::Spacing();
    if (st.search.empty()) text_muted("No sub-workspaces yet. Create one to give a team, a department or a client a space of its own.");
    else text_muted("No sub-workspace matches \"%s\".", st.search.data);
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                          ImGuiTableFlags_NoBordersInBodyUntilResize;
  if (ImGui::BeginTable("subs", 6, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // Members holds the longest text ("81 active, 0 invited, 9 expired / cap 120").
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 2.8f, kName);
    ImGui::TableSetupColumn("Members", 0, 3.0f, kMembers);
    ImGui::TableSetupColumn("Credits", 0, 1.3f, kCredits);
    // The badges' columns fit their badges: a narrow window shrinks the text columns, whose
    // cut text shows whole on hover, rather than cutting "Self-managed" in two.
    float badge_pad = 12.0f + ImGui::GetStyle().CellPadding.x * 2;
    ImGui::TableSetupColumn("Billing", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Self-managed").x + badge_pad, kBilling);
    ImGui::TableSetupColumn("API", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("API").x + badge_pad + 8.0f, kApi);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, 34.0f, kGear);
    ImGui::TableHeadersRow();
    if (table_sort_changed(st.sort_column, st.sort_ascending)) refresh_rows(app, st);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(st.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        ImGui::PushID(static_cast<int>(st.rows[i] & 0x7fffffff));
        if (const Workspace* ws = s.workspace(st.rows[i])) draw_row(app, *ws);
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace subspace::ui
