#include "shell/invite_rows.hpp"

#include <imgui.h>

#include "core/paste_list.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

// core's verdicts are whole sentences for the row they stand beside; a toast names the
// person first and needs only the gist.
std::string short_reason(const InviteVerdict& v) {
  switch (v.problem) {
    case Err::invalid_email: return "not a valid email address";
    case Err::duplicate_in_batch: return "listed more than once";
    case Err::invalid_field: return "the name is not accepted";
    case Err::already_member: return "already a member";
    case Err::already_invited: return "already invited";
    case Err::workspace_in_trash: return "suspended with this workspace";
    case Err::seat_limit_reached: return "seat limit reached";
    case Err::sub_seat_cap_reached: return "the sub-workspace's seat cap is reached";
    default: return v.message;
  }
}

// Keeps the editor's right-hand buttons clear of the dialog body's scrollbar.
float right_margin() { return ImGui::GetStyle().ItemSpacing.x; }

// "Found 3: Ann Lee <ann@x.io>, bob@x.io and 1 more": what a pasted list will add, wrapped
// under the box (a pasted line is wider than the box, which ImGui 1.86 does not wrap).
std::string pasted_summary(const std::vector<PastedPerson>& people) {
  std::string out = "Found " + format_count(static_cast<long long>(people.size())) + ": ";
  constexpr size_t kShown = 6;
  for (size_t i = 0; i < people.size() && i < kShown; ++i) {
    const PastedPerson& p = people[i];
    if (i) out += i + 1 == people.size() ? " and " : ", ";
    out += p.name.empty() ? p.email : p.name + " <" + p.email + ">";
    if (p.role) out += " (" + std::string(role_label(*p.role)) + ")";
    else if (!p.unknown_role.empty()) out += " (role '" + p.unknown_role + "'? not one of ours)";
  }
  if (people.size() > kShown) out += " and " + format_count(static_cast<long long>(people.size() - kShown)) + " more";
  return out + ".";
}

}  // namespace

std::vector<InviteRow> invite_rows(const std::vector<InviteDraft>& drafts) {
  std::vector<InviteRow> rows;
  for (const auto& d : drafts)
    if (!trim(d.email.view()).empty()) rows.push_back({std::string(d.email.view()), trim(d.name.view()), d.role});
  return rows;
}

std::vector<InviteRow> rows_that_go_in(const std::vector<InviteRow>& rows, const InvitePreview& preview,
                                       std::vector<InviteDraft>& left_out) {
  std::vector<InviteRow> in;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (preview.rows[i].problem == Err::none) {
      in.push_back(rows[i]);
      continue;
    }
    InviteDraft& d = left_out.emplace_back();
    d.email.set(rows[i].email);
    d.name.set(rows[i].name);
    d.role = rows[i].role;
  }
  return in;
}

std::string left_out_note(const InvitePreview& preview) {
  const InviteVerdict* first = nullptr;
  int count = 0;
  for (const InviteVerdict& v : preview.rows) {
    if (v.problem == Err::none) continue;
    if (!first) first = &v;
    ++count;
  }
  if (!first) return "";
  std::string note = "left out " + first->email + ": " + short_reason(*first);
  if (count > 1) note += ", and " + std::to_string(count - 1) + " more";
  return note;
}

void draw_left_out_summary(const InvitePreview& preview, const char* scope) {
  int out = static_cast<int>(preview.rows.size()) - preview.ok_count();
  if (out == 0) return;
  std::string summary = std::to_string(out) + (out == 1 ? " row" : " rows") + " marked \"Left out\" will not be invited.";
  ImGui::SameLine(0, 12);
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
  ImGui::TextUnformatted(summary.c_str());
  ImGui::PopStyleColor();
  track_text(std::string(scope) + ":left-out-summary", summary);
}

void draw_seats_line(const State& s, const InvitePreview& preview, TimeMs now, const char* scope) {
  std::string seats = "Seats left: " + format_count(seats_left(s, now)) + " of " + format_count(s.plan.seat_limit);
  std::string takes = "- these invitations take " + format_count(preview.new_seats);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(seats.c_str());
  ImGui::SameLine(0, ImGui::CalcTextSize(" ").x);  // one sentence: a space apart, not a gap
  text_muted("%s", takes.c_str());
  ImGui::EndGroup();
  track_text(std::string(scope) + ":seats", seats + " " + takes);
}

void add_pasted(std::vector<InviteDraft>& drafts, std::string_view text, Role role) {
  // Drop trailing empty rows first so pasted people come right after the typed ones.
  while (!drafts.empty() && drafts.back().email.empty() && drafts.back().name.empty()) drafts.pop_back();
  for (const PastedPerson& p : parse_pasted_people(text)) {
    want_glyphs(p.name);  // in no workspace yet: the fonts learn its characters now
    InviteDraft& d = drafts.emplace_back();
    d.email.set(p.email);
    d.name.set(p.name);
    d.role = p.role.value_or(role);
    if (!p.unknown_role.empty())
      d.role_note = "'" + p.unknown_role + "' is not a role here: " + std::string(role_label(d.role)) +
                    " for now. Roles: Super Admin, Developer, Creator, Viewer.";
  }
  drafts.emplace_back();
}

void draw_invite_editor(App& app, std::vector<InviteDraft>& drafts, TextBuf<8192>& paste, const InvitePreview& preview,
                        const char* scope) {
  const Palette& pal = palette();
  ImGui::PushID(scope);
  int remove = -1;
  std::vector<size_t> left_out;  // drafts core leaves out
  size_t row = 0;  // index into preview.rows (drafts without an email have no verdict)
  if (ImGui::BeginTable("invites", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH, ImVec2(-right_margin(), 0))) {
    ImGui::TableSetupColumn("Email", 0, 3.0f);
    ImGui::TableSetupColumn("Name (optional)", 0, 2.0f);
    ImGui::TableSetupColumn("Role", 0, 1.4f);
    // As wide as the remove button, which would otherwise stick out of its column.
    float remove_width = ImGui::CalcTextSize("\xE2\x9C\x95").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, remove_width);
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
        left_out.push_back(i);
        ImGui::PushStyleColor(ImGuiCol_Text, pal.danger);
        text_wrapped("\xE2\x9C\x95 Left out: " + v->message);
        ImGui::PopStyleColor();
        track_text(std::string(scope) + ":left-out:" + std::to_string(i), "Left out: " + v->message);
      } else if (v) {
        // Inviting an org admin changes nothing they may do there: say so before it is sent.
        auto who = app.state().person(v->email);
        if (who && is_org_admin(app.state(), *who)) {
          std::string note = "An org admin: a Super Admin there whatever role is given here.";
          text_muted("%s", note.c_str());
          track_text(std::string(scope) + ":org-admin:" + std::to_string(i), note);
        }
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##name", "Full name", d.name.data, sizeof d.name.data);
      track(std::string(scope) + ":name:" + std::to_string(i));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      if (role_combo((std::string("##role-") + scope + std::to_string(i)).c_str(), d.role)) d.role_note.clear();
      track(std::string(scope) + ":role:" + std::to_string(i));
      if (!d.role_note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.warning);
        text_wrapped(d.role_note);
        ImGui::PopStyleColor();
        track_text(std::string(scope) + ":role-note:" + std::to_string(i), d.role_note);
      }
      ImGui::TableNextColumn();
      if (keyed_small_button("\xE2\x9C\x95", std::string(scope) + ":remove:" + std::to_string(i))) remove = static_cast<int>(i);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (remove >= 0) drafts.erase(drafts.begin() + remove);
  if (button("+ Add person")) drafts.emplace_back();
  track(std::string(scope) + ":add");
  if (!left_out.empty()) {
    ImGui::SameLine();
    std::string label = "Remove the " + std::to_string(left_out.size()) + (left_out.size() == 1 ? " row" : " rows") +
                        " left out###remove-left-out";
    if (button(label.c_str()))
      for (auto it = left_out.rbegin(); it != left_out.rend(); ++it) drafts.erase(drafts.begin() + static_cast<long>(*it));
    track(std::string(scope) + ":remove-left-out");
  }

  ImGui::Spacing();
  text_muted("Or paste a list: emails, \"Name <email>\" as mail programs copy them, or rows copied from a spreadsheet.");
  // Tabs kept: they separate the cells of rows copied from a spreadsheet.
  ImGui::InputTextMultiline("##paste", paste.data, sizeof paste.data, ImVec2(-right_margin(), ImGui::GetTextLineHeight() * 3.2f),
                            ImGuiInputTextFlags_AllowTabInput);
  track(std::string(scope) + ":paste");
  std::vector<PastedPerson> found = parse_pasted_people(paste.view());
  if (!found.empty()) {
    std::string summary = pasted_summary(found);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - right_margin());
    text_muted("%s", summary.c_str());
    ImGui::PopTextWrapPos();
    track_text(std::string(scope) + ":pasted-summary", summary);
  }
  std::string add = !found.empty() ? "Add these " + format_count(static_cast<long long>(found.size())) +
                                         (found.size() == 1 ? " person" : " people") + "###add-pasted"
                                   : std::string("Add these people###add-pasted");
  if (button(add.c_str(), !found.empty(), "Paste some emails first")) {
    add_pasted(drafts, paste.view(), Role::Creator);
    paste.clear();
  }
  track(std::string(scope) + ":add-pasted", !paste.empty());
  ImGui::PopID();
}

}  // namespace subspace::ui
