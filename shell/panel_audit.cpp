// Audit log: every accepted command and every refused attempt, filterable by actor,
// workspace, kind and result (core/audit_query.hpp), exportable as CSV. The rows are kept
// up to date incrementally (only entries appended since the last frame are examined), so
// a million entries stay smooth.
#include <imgui.h>

#include <algorithm>

#include "core/csv.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

std::string humanize(CommandType t) {
  std::string s(command_name(t));
  std::replace(s.begin(), s.end(), '_', ' ');
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  for (std::size_t at = s.find(" api"); at != std::string::npos; at = s.find(" api", at + 4))
    if (at + 4 == s.size() || s[at + 4] == ' ') s.replace(at + 1, 3, "API");  // "Record API usage"
  return s;
}

std::string workspace_label(const State& s, WorkspaceId id) {
  if (id == 0) return "Organisation";
  const Workspace* ws = s.workspace(id);
  return ws ? ws->name : "(purged workspace)";
}

// A refused attempt stores only its code: its detail is the code's sentence.
std::string detail_text(const State& s, const AuditEntry& e) {
  return e.result == Err::none ? audit_detail(s, e) : std::string(error_default_message(e.result));
}

// The result as exported and published for tests; on screen a refusal's code is in a tooltip.
std::string result_text(const AuditEntry& e) {
  return e.result == Err::none ? "accepted" : "refused: " + std::string(error_code(e.result));
}

// Digits differ in width in a proportional font: the column fits the widest.
float timestamp_width() {
  float digit = 0;
  for (char d = '0'; d <= '9'; ++d) digit = std::max(digit, ImGui::CalcTextSize(&d, &d + 1).x);
  float digits = ImGui::CalcTextSize("0000-00-00 00:00").x - 12 * ImGui::CalcTextSize("0").x;
  return std::max(digits + 12 * digit, ImGui::CalcTextSize("When (UTC)").x);
}

void draw_result(const AuditEntry& e) {
  if (e.result == Err::none) {
    ImGui::TextUnformatted("accepted");
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
  ImGui::TextUnformatted("refused");
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Code: %s", std::string(error_code(e.result)).c_str());
}

// What the viewer may audit, narrowed by what they chose: org admins auditing from the
// parent see the whole organisation (or the one workspace they pick); anyone else, this
// workspace only.
AuditFilter make_filter(const AuditState& st, const Workspace& ws, bool whole_org) {
  AuditFilter f;
  if (!whole_org) f.workspace = ws.id;
  else if (st.workspace) f.workspace = st.workspace;
  f.actor = std::string(st.actor.view());
  f.kind = st.type;
  f.result = st.result;
  f.hide_api_usage = st.hide_api_usage && !(st.type && *st.type == CommandType::RecordApiUsage);
  return f;
}

std::string export_csv(const State& s, const std::vector<std::uint32_t>& rows) {
  std::string out = std::string(kUtf8Bom) + csv_line({"time_utc", "actor", "workspace", "action", "detail", "result"});
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    const AuditEntry& e = s.audit[*it];
    out += csv_line({format_datetime(e.time), std::string(s.email_of(e.actor)), workspace_label(s, e.workspace),
                     std::string(command_name(e.type)), detail_text(s, e), result_text(e)});
  }
  return out;
}

void draw_filters(App& app, AuditState& st, bool whole_org) {
  const State& s = app.state();
  ImGui::SetNextItemWidth(200);
  input_hint("##audit-actor", "Actor (name or email)", st.actor);
  ImGui::SameLine();
  if (whole_org) {
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("##audit-ws", st.workspace ? workspace_label(s, st.workspace).c_str() : "All workspaces",
                          ImGuiComboFlags_HeightLarge)) {
      if (ImGui::Selectable("All workspaces", st.workspace == 0)) st.workspace = 0;
      for (const auto& w : s.workspaces) {
        ImGui::PushID(static_cast<int>(w.id & 0x7fffffff));
        if (ImGui::Selectable(w.name.c_str(), st.workspace == w.id)) st.workspace = w.id;
        track("audit-ws:" + w.name);
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    track("audit:workspace");
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("##audit-type", st.type ? humanize(*st.type).c_str() : "All actions", ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("All actions", !st.type)) st.type.reset();
    for (int t = 0; t < static_cast<int>(std::variant_size_v<Payload>) - 1; ++t) {
      auto type = static_cast<CommandType>(t);
      if (ImGui::Selectable(humanize(type).c_str(), st.type == type)) st.type = type;
      track("audit-type:" + std::string(command_name(type)));
    }
    ImGui::EndCombo();
  }
  track("audit:type");
  ImGui::SameLine();
  const std::pair<AuditResult, const char*> results[] = {
      {AuditResult::Any, "All results"}, {AuditResult::Accepted, "Accepted"}, {AuditResult::Refused, "Refused attempts"}};
  for (const auto& [result, text] : results) {
    ImGui::SameLine();
    std::string label = std::string(text) + "##audit-result";
    if (selectable(label.c_str(), st.result == result, 0, ImVec2(ImGui::CalcTextSize(text).x, 0))) st.result = result;
  }
}

}  // namespace

void draw_audit(App& app) {
  const State& s = app.state();
  AuditState& st = app.ui().audit;
  auto me = app.me();
  const Workspace* ws = app.route_workspace();
  if (!ws || !me) return;
  view_title(ws->name + " - Audit log");
  if (!can(s, *me, *ws, Perm::Billing)) {
    text_muted("The audit log is for this workspace's Super Admins.");
    return;
  }
  bool whole_org = ws->is_parent && is_org_admin(s, *me);
  text_muted("Every change made and every attempt refused in %s, and every API call recorded (Hide API calls leaves "
             "those out; the API page charts them by day). A refused API call is answered to its caller, not listed here.",
             whole_org ? "the organisation" : "this workspace");
  draw_filters(app, st, whole_org);
  st.found.refresh(s, make_filter(st, *ws, whole_org));
  const std::vector<std::uint32_t>& rows = st.found.rows();
  ImGui::AlignTextToFramePadding();
  std::string count = format_count(static_cast<long long>(rows.size())) + (rows.size() == 1 ? " entry" : " entries");
  ImGui::TextUnformatted(count.c_str());
  track_text("audit:count", count);
  ImGui::SameLine();
  if (button("Export CSV##audit", !rows.empty(), "Nothing to export.")) {
    std::string file = download_name("audit-log", ws->name, app.now(), "csv");
    app.platform().download(file, "text/csv", export_csv(s, rows));
    app.toast("Downloaded " + file + " (" + count + ").");
  }
  ImGui::SameLine(0, 20);
  // A filter, not a change: plain ImGui, so that it works in a read-only tab too. It takes
  // effect from the next frame's rows.
  ImGui::Checkbox("Hide API calls##audit", &st.hide_api_usage);
  track("Hide API calls##audit");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Leave out the recorded API calls (Record API usage), one entry per call.");
  if (rows.empty()) {
    text_muted("No entries match.");
    return;
  }
  if (ImGui::BeginTable("audit", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable |
                                        ImGuiTableFlags_NoBordersInBodyUntilResize)) {
    float pad = ImGui::GetStyle().CellPadding.x * 2;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("When (UTC)", ImGuiTableColumnFlags_WidthFixed, timestamp_width() + pad);
    ImGui::TableSetupColumn("Actor", 0, 2.4f);
    ImGui::TableSetupColumn("Workspace", 0, 1.5f);
    ImGui::TableSetupColumn("Action", 0, 1.5f);
    ImGui::TableSetupColumn("Detail", 0, 3.0f);
    float result = std::max(ImGui::CalcTextSize("accepted").x, ImGui::CalcTextSize("Result").x) + pad;
    ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthFixed, result);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const AuditEntry& e = s.audit[rows[rows.size() - 1 - i]];  // newest first
        std::string detail = detail_text(s, e);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_datetime(e.time).c_str());
        ImGui::TableNextColumn();
        text_fit(std::string(s.email_of(e.actor)));
        ImGui::TableNextColumn();
        text_fit(workspace_label(s, e.workspace));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(humanize(e.type).c_str());
        ImGui::TableNextColumn();
        // One line, never wrapped: the list clipper assumes rows of equal height.
        text_fit(detail);
        ImGui::TableNextColumn();
        draw_result(e);
        if (i == 0) {
          std::string row = format_datetime(e.time) + " | " + std::string(s.email_of(e.actor)) + " | " + workspace_label(s, e.workspace) +
                            " | " + humanize(e.type) + " | " + detail + " | " + result_text(e);
          track_text("audit:first-row", row);
        }
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace subspace::ui
