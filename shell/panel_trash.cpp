// Trash: deleted sub-workspaces, restorable for 30 days, then purged for good.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {

void draw_trash(App& app) {
  const State& s = app.state();
  TimeMs now = app.now();
  view_title("Trash");
  text_muted("Deleted sub-workspaces stay here for 30 days. Restoring brings back the workspace, its assets and its "
             "members, once the organisation has seats for them all (Restore says when it has not); credits, API keys, shares and invitations are not restored.");
  ImGui::Spacing();
  std::vector<const Workspace*> rows;
  for (const auto& ws : s.workspaces)
    if (ws.deleted_at) rows.push_back(&ws);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return *a->deleted_at > *b->deleted_at; });
  if (rows.empty()) {
    text_muted("The trash is empty.");
    return;
  }
  WorkspaceId& pending_restore = app.ui().trash_restore;
  bool org_admin = app.me() && is_org_admin(s, *app.me());
  if (ImGui::BeginTable("trash", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Deleted", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Purged in", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 90.0f);
    ImGui::TableHeadersRow();
    for (const Workspace* ws : rows) {
      ImGui::PushID(static_cast<int>(ws->id & 0x7fffffff));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(ws->name.c_str());
      // Why it cannot come back yet, in the row (and on the greyed button).
      std::string why = org_admin ? restore_error(s, *ws, now).message : "Only org admins can restore a sub-workspace.";
      if (org_admin && !why.empty()) {
        text_warning("%s", why.c_str());
        track_text("restore-why:" + ws->name, why);
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(format_datetime(*ws->deleted_at).c_str());
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      TimeMs left = *ws->deleted_at + kTrashRetentionMs - now;
      if (left > 0) ImGui::Text("%lld days", static_cast<long long>((left + kDayMs - 1) / kDayMs));
      else text_muted("due now");
      ImGui::TableNextColumn();
      if (keyed_small_button("Restore", "restore:" + ws->name, why.empty(), why.c_str())) {
        pending_restore = ws->id;
        ImGui::OpenPopup("Restore sub-workspace?");
      }
      if (pending_restore == ws->id &&
          confirm_modal("Restore sub-workspace?", "Restore '" + ws->name + "' with its assets and members?", "Restore", false)) {
        std::string name = ws->name;  // copied: the dispatch changes the state `ws` points into
        if (app.dispatch(RestoreWorkspace{ws->id}).accepted()) app.toast("Restored '" + name + "' with its assets and members.");
        pending_restore = 0;
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace subspace::ui
