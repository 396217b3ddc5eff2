// Bulk invitations from a CSV file or pasted CSV: the file is read a slice per frame with a
// progress bar, every row is previewed with core's verdict (bad email, duplicate, already a
// member, unknown role, over the seat limit or the sub's cap), and the chosen valid rows go
// in as one batch.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

constexpr std::size_t kBytesPerFrame = 512 * 1024;
constexpr std::size_t kMaxBatch = 10000;  // core's limit for one batch of invitations

void refresh_preview(App& app, CsvImportView& v, const Workspace& ws) {
  const State& s = app.state();
  if (v.preview_version == s.version && v.preview_generation == v.generation) return;
  v.preview_version = s.version;
  v.preview_generation = v.generation;
  std::vector<InviteRow> rows;
  v.preview_row.assign(v.rows.size(), -1);
  for (std::size_t i = 0; i < v.rows.size(); ++i) {
    const ImportedMember& m = v.rows[i];
    if (!v.chosen[i] || m.code != Err::none) continue;
    v.preview_row[i] = static_cast<int>(rows.size());
    rows.push_back({m.email, m.name, m.role.value_or(v.default_role)});
  }
  v.preview = preview_invites(s, &ws, ws.seat_cap, rows, app.now());
}

// The row's verdict: its own problem from the file, else core's, else fine.
const std::string* row_problem(const CsvImportView& v, std::size_t i) {
  if (v.rows[i].code != Err::none) return &v.rows[i].problem;
  int p = v.preview_row[i];
  if (p >= 0 && v.preview.rows[p].problem != Err::none) return &v.preview.rows[p].message;
  return nullptr;
}

}  // namespace

void App::start_csv_import(std::string_view name, std::string_view bytes) {
  CsvImportView& v = ui_.csv;
  WorkspaceId ws = v.ws ? v.ws : ui_.route.ws;
  Role role = v.default_role;
  std::string paste(v.paste.view());  // kept: after a refusal the text is still there to fix
  v = CsvImportView{};
  v.open = true;
  v.ws = ws;
  v.default_role = role;
  v.paste.set(paste);
  v.source = name;
  v.reading = true;
  csv_reader_ = std::make_unique<MemberCsvReader>(std::string(bytes));
}

void App::csv_tick() {
  if (!csv_reader_) return;
  CsvImportView& v = ui_.csv;
  bool more = csv_reader_->step(kBytesPerFrame);
  v.progress = csv_reader_->progress();
  if (more) return;
  MemberImport result = csv_reader_->take();
  csv_reader_.reset();
  v.reading = false;
  v.error = result.error;
  v.rows = std::move(result.rows);
  v.chosen.assign(v.rows.size(), 1);
  for (std::size_t i = 0; i < v.rows.size(); ++i) v.chosen[i] = v.rows[i].code == Err::none;
  // Names from the file are in no workspace yet: the fonts learn their characters now, so
  // the preview does not show boxes for them (a 王芳 in the list is drawn as 王芳).
  for (const ImportedMember& m : v.rows) {
    want_glyphs(m.name);
    want_glyphs(m.email);
    want_glyphs(m.role_text);
  }
  ++v.generation;
  if (v.error.empty() && v.rows.empty()) v.error = "The file has a header but no rows.";
}

void open_csv_import(App& app, WorkspaceId ws) {
  CsvImportView& v = app.ui().csv;
  Role role = v.default_role;
  v = CsvImportView{};
  v.open = true;
  v.ws = ws;
  v.default_role = role;
}

void draw_csv_import(App& app) {
  CsvImportView& v = app.ui().csv;
  if (!v.open) return;
  const State& s = app.state();
  const Workspace* ws = s.workspace(v.ws);
  auto me = app.me();
  if (!ws || !me || !can(s, *me, *ws, Perm::ManageMembers)) {
    v.open = false;
    return;
  }
  const char* title = "Invite from CSV###csv-import";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(860.0f, vp->WorkSize.x - 40), std::min(600.0f, vp->WorkSize.y - 40)), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, &v.open, ImGuiWindowFlags_NoSavedSettings)) {
    v.open = false;
    return;
  }
  ImGui::Text("Invite people to %s from a member list", ws->name.c_str());
  text_muted("CSV with a header such as email, \"Email Address\" or \"Primary Email\"; a name, or first and last names; an "
             "optional role column. Commas, semicolons or tabs (rows copied from a spreadsheet), UTF-8.");
  if (button("Choose a CSV file...##csv")) app.platform().pick_file(FilePurpose::InviteCsv, ".csv,text/csv,text/plain");
  ImGui::SameLine();
  text_muted("or paste it:");
  // Tabs kept: a spreadsheet's rows on the clipboard are tab-separated.
  ImGui::InputTextMultiline("##csv-paste", v.paste.data, sizeof v.paste.data, ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f),
                            ImGuiInputTextFlags_AllowTabInput);
  track("csv:paste");
  if (button("Read pasted text##csv", !v.paste.empty(), "Paste a member list first.")) {
    std::string text(v.paste.view());
    app.start_csv_import("pasted text", text);
  }

  if (v.reading) {
    ImGui::Spacing();
    ImGui::Text("Reading %s...", v.source.c_str());
    ImGui::ProgressBar(static_cast<float>(v.progress), ImVec2(-1, 0));
    track("csv:progress");
  } else if (!v.error.empty()) {
    text_error("%s: %s", v.source.c_str(), v.error.c_str());
    track("csv:error");
  }

  if (!v.reading && !v.rows.empty()) {
    refresh_preview(app, v, *ws);
    ImGui::Spacing();
    ImGui::SetNextItemWidth(160);
    if (role_combo("Role for rows without one##csv", v.default_role)) ++v.generation;
    // Every row is one of: will be invited, cannot be (its Result says why), or not chosen.
    std::size_t good = 0, bad = 0, unchosen = 0;
    for (std::size_t i = 0; i < v.rows.size(); ++i) {
      if (row_problem(v, i)) ++bad;
      else if (!v.chosen[i]) ++unchosen;
      else ++good;
    }
    std::string summary = v.source + ": " + std::to_string(v.rows.size()) + (v.rows.size() == 1 ? " row; " : " rows; ") +
                          std::to_string(good) + " will be invited, " + std::to_string(bad) + " cannot be (see Result)" +
                          (unchosen ? ", " + std::to_string(unchosen) + " not chosen" : "") + ". Seats left: " +
                          std::to_string(seats_left(s, app.now())) + ".";
    ImGui::TextUnformatted(summary.c_str());
    track("csv:summary");
    track_text("csv:summary-text", summary);
    track("csv:summary");
    float footer = ImGui::GetFrameHeightWithSpacing() + 8;
    if (ImGui::BeginTable("csv-rows", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                             ImGuiTableFlags_SizingStretchProp, ImVec2(0, -footer))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 26.0f);
      ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthFixed, 50.0f);
      ImGui::TableSetupColumn("Email", 0, 2.4f);
      ImGui::TableSetupColumn("Name (role)", 0, 2.0f);
      ImGui::TableSetupColumn("Result", 0, 3.0f);
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(v.rows.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const ImportedMember& m = v.rows[i];
          ImGui::PushID(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          bool on = v.chosen[i] != 0;
          if (m.code == Err::none && ImGui::Checkbox("##choose", &on)) {
            v.chosen[i] = on;
            ++v.generation;
          }
          ImGui::TableNextColumn();
          ImGui::Text("%d", m.line);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(m.email.c_str());
          ImGui::TableNextColumn();
          // A role the file does not give is the chosen default, and says so; an unknown one is shown as written.
          std::string role = m.role ? std::string(role_label(*m.role))
                             : m.role_text.empty() ? std::string(role_label(v.default_role)) + " (default)"
                                                   : "'" + m.role_text + "'?";
          if (m.name.empty()) ImGui::TextUnformatted(role.c_str());
          else ImGui::Text("%s (%s)", m.name.c_str(), role.c_str());
          ImGui::TableNextColumn();
          if (const std::string* problem = row_problem(v, i)) text_error("%s", problem->c_str());
          else if (!v.chosen[i]) text_muted("not chosen");
          else ImGui::TextUnformatted("will be invited");
          track("csv-row:" + std::to_string(i));
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
    }
    std::string label = "Invite " + std::to_string(good) + (good == 1 ? " person" : " people") + "##csv-send";
    const char* why = good == 0 ? "No chosen row can be invited." : good > kMaxBatch ? "At most 10,000 people in one batch." : nullptr;
    if (primary_button(label.c_str(), why == nullptr, why)) {
      InviteMembers cmd{ws->id, {}};
      for (std::size_t i = 0; i < v.rows.size(); ++i)
        if (v.chosen[i] && !row_problem(v, i))
          cmd.invites.push_back({v.rows[i].email, v.rows[i].name, v.rows[i].role.value_or(v.default_role)});
      ExecResult r = app.dispatch(std::move(cmd), App::Refusal::ShownInPlace);
      if (r.accepted()) {
        // The rows not invited are named in number, so nobody takes the file as done.
        std::size_t skipped = v.rows.size() - good;
        app.toast("Invited " + std::to_string(good) + (good == 1 ? " person" : " people") + " from " + v.source +
                  (skipped ? "; " + std::to_string(skipped) + (skipped == 1 ? " row was" : " rows were") +
                                 " not invited (a problem, or not chosen): fix them in the file and import it again."
                           : "."));
        v.open = false;
      } else {
        v.send_error = r.error.message;
      }
    }
    if (!v.send_error.empty()) {
      ImGui::SameLine();
      text_error("%s", v.send_error.c_str());
    }
    ImGui::SameLine();
  }
  if (button("Close##csv") || escape_closes()) v.open = false;
  if (!v.open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace subspace::ui
