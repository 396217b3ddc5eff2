// Audit log: every accepted command and every refused attempt, filterable by actor,
// workspace, kind and result, exportable as CSV. Filtering is incremental (only entries
// appended since the last frame are examined) so a million entries stay smooth.
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

struct Filter {
  bool whole_org;           // org admins auditing from the parent see every workspace
  WorkspaceId only;         // otherwise (or when chosen) one workspace
  int type, result;
  std::vector<bool> actor;  // by PersonIx; empty = any actor
  bool system_matches = true;

  bool match(const AuditEntry& e) const {
    if (only ? e.workspace != only : !whole_org) return false;
    if (type >= 0 && static_cast<int>(e.type) != type) return false;
    if (result == 1 && e.result != Err::none) return false;
    if (result == 2 && e.result == Err::none) return false;
    if (!actor.empty()) {
      if (e.actor == kSystemActor) return system_matches;
      if (e.actor >= actor.size() || !actor[e.actor]) return false;
    }
    return true;
  }
};

Filter make_filter(const State& s, const AuditState& st, const Workspace& ws, bool org_admin) {
  Filter f;
  f.whole_org = ws.is_parent && org_admin;
  f.only = f.whole_org ? st.workspace : ws.id;
  f.type = st.type;
  f.result = st.result;
  std::string needle = ascii_lower(trim(st.actor.view()));
  if (!needle.empty()) {
    f.actor.assign(s.people.size(), false);
    for (PersonIx p = 0; p < s.people.size(); ++p)
      f.actor[p] = s.people[p].email.find(needle) != std::string::npos || ascii_lower(s.people[p].name).find(needle) != std::string::npos;
    f.system_matches = std::string(kSystemEmail).find(needle) != std::string::npos;
  }
  return f;
}

void refresh_rows(const State& s, AuditState& st, const Workspace& ws, bool org_admin) {
  std::string key = std::to_string(ws.id) + "|" + std::string(st.actor.view()) + "|" + std::to_string(st.type) + "|" +
                    std::to_string(st.result) + "|" + std::to_string(st.workspace) + (org_admin ? "a" : "");
  bool rebuild = key != st.key || st.scanned > s.audit.size();
  if (!rebuild && st.scanned == s.audit.size()) return;
  if (rebuild) {
    st.rows.clear();
    st.scanned = 0;
    st.key = key;
  }
  Filter f = make_filter(s, st, ws, org_admin);
  for (std::size_t i = st.scanned; i < s.audit.size(); ++i)
    if (f.match(s.audit[i])) st.rows.push_back(static_cast<std::uint32_t>(i));
  st.scanned = s.audit.size();
}

std::string export_csv(const State& s, const AuditState& st) {
  std::string out = csv_line({"time_utc", "actor", "workspace", "action", "detail", "result"});
  for (auto it = st.rows.rbegin(); it != st.rows.rend(); ++it) {
    const AuditEntry& e = s.audit[*it];
    out += csv_line({format_datetime(e.time), std::string(s.email_of(e.actor)), workspace_label(s, e.workspace),
                     std::string(command_name(e.type)), detail_text(s, e), result_text(e)});
  }
  return out;
}

void draw_filters(App& app, AuditState& st, const Workspace& ws, bool whole_org) {
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
  if (ImGui::BeginCombo("##audit-type", st.type < 0 ? "All actions" : humanize(static_cast<CommandType>(st.type)).c_str(),
                        ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("All actions", st.type < 0)) st.type = -1;
    for (int t = 0; t < static_cast<int>(std::variant_size_v<Payload>) - 1; ++t) {
      std::string label = humanize(static_cast<CommandType>(t));
      if (ImGui::Selectable(label.c_str(), st.type == t)) st.type = t;
      track("audit-type:" + std::string(command_name(static_cast<CommandType>(t))));
    }
    ImGui::EndCombo();
  }
  track("audit:type");
  ImGui::SameLine();
  const char* results[] = {"All results", "Accepted", "Refused attempts"};
  for (int r = 0; r < 3; ++r) {
    ImGui::SameLine();
    std::string label = std::string(results[r]) + "##audit-result";
    if (selectable(label.c_str(), st.result == r, 0, ImVec2(ImGui::CalcTextSize(results[r]).x, 0))) st.result = r;
  }
  (void)ws;
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
  bool org_admin = is_org_admin(s, *me);
  bool whole_org = ws->is_parent && org_admin;
  text_muted(whole_org ? "Every accepted command and every refused attempt in the organisation."
                       : "Every accepted command and every refused attempt in this workspace.");
  draw_filters(app, st, *ws, whole_org);
  refresh_rows(s, st, *ws, org_admin);
  ImGui::AlignTextToFramePadding();
  std::string count = format_count(static_cast<long long>(st.rows.size())) + (st.rows.size() == 1 ? " entry" : " entries");
  ImGui::TextUnformatted(count.c_str());
  track_text("audit:count", count);
  ImGui::SameLine();
  if (button("Export CSV##audit", !st.rows.empty(), "Nothing to export.")) {
    std::string file = download_name("audit-log", ws->name, app.now(), "csv");
    app.platform().download(file, "text/csv", export_csv(s, st));
    app.toast("Downloaded " + file + " (" + count + ").");
  }
  if (st.rows.empty()) {
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
    clipper.Begin(static_cast<int>(st.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const AuditEntry& e = s.audit[st.rows[st.rows.size() - 1 - i]];  // newest first
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
