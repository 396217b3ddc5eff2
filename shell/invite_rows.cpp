#include "shell/invite_rows.hpp"

#include <imgui.h>

#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {

std::vector<InviteRow> invite_rows(const std::vector<InviteDraft>& drafts) {
  std::vector<InviteRow> rows;
  for (const auto& d : drafts)
    if (!trim(d.email.view()).empty()) rows.push_back({std::string(d.email.view()), trim(d.name.view()), d.role});
  return rows;
}

void add_pasted(std::vector<InviteDraft>& drafts, std::string_view text, Role role) {
  // Drop trailing empty rows first so pasted people come right after the typed ones.
  while (!drafts.empty() && drafts.back().email.empty() && drafts.back().name.empty()) drafts.pop_back();
  std::string token;
  auto flush = [&] {
    std::string t = trim(token);
    token.clear();
    if (t.empty()) return;
    InviteDraft d;
    d.email.set(t);
    d.role = role;
    drafts.push_back(d);
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == ' ' || c == '\t') flush();
    else token += c;
  }
  flush();
  drafts.emplace_back();
}

void draw_invite_editor(App& app, std::vector<InviteDraft>& drafts, TextBuf<8192>& paste, const InvitePreview& preview,
                        const char* scope) {
  const Palette& pal = palette();
  ImGui::PushID(scope);
  int remove = -1;
  size_t row = 0;  // index into preview.rows (drafts without an email have no verdict)
  if (ImGui::BeginTable("invites", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("Email", 0, 3.0f);
    ImGui::TableSetupColumn("Name (optional)", 0, 2.0f);
    ImGui::TableSetupColumn("Role", 0, 1.4f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 28.0f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < drafts.size(); ++i) {
      InviteDraft& d = drafts[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##email", "name@company.com", d.email.data, sizeof d.email.data);
      track(std::string(scope) + ":email:" + std::to_string(i));
      const InviteVerdict* v = nullptr;
      if (!trim(d.email.view()).empty() && row < preview.rows.size()) v = &preview.rows[row++];
      if (v && v->problem != Err::none) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.danger);
        ImGui::TextWrapped("%s Left out: %s", "\xE2\x9C\x95", v->message.c_str());
        ImGui::PopStyleColor();
        track_text(std::string(scope) + ":left-out:" + std::to_string(i), "Left out: " + v->message);
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##name", "Full name", d.name.data, sizeof d.name.data);
      track(std::string(scope) + ":name:" + std::to_string(i));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      role_combo((std::string("##role-") + scope + std::to_string(i)).c_str(), d.role);
      track(std::string(scope) + ":role:" + std::to_string(i));
      ImGui::TableNextColumn();
      if (keyed_small_button("\xE2\x9C\x95", std::string(scope) + ":remove:" + std::to_string(i))) remove = static_cast<int>(i);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) drafts.erase(drafts.begin() + remove);
  if (button("+ Add person")) drafts.emplace_back();
  track(std::string(scope) + ":add");

  ImGui::Spacing();
  text_muted("Or paste a list of emails (separated by commas, spaces or new lines):");
  ImGui::InputTextMultiline("##paste", paste.data, sizeof paste.data, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f));
  track(std::string(scope) + ":paste");
  if (button("Add these people", !paste.empty(), "Paste some emails first")) {
    add_pasted(drafts, paste.view(), Role::Creator);
    paste.clear();
  }
  track(std::string(scope) + ":add-pasted", !paste.empty());
  ImGui::PopID();
  (void)app;
}

}  // namespace subspace::ui
