// Create Sub-workspace: name and image, then members with roles (seats left shown, rows
// that cannot go in left out with the reason), then the billing and API switches and the
// initial credits. One core command creates it all, or nothing.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/invite_rows.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

constexpr const char* kTitle = "Create Sub-workspace###wizard";
constexpr const char* kSteps[] = {"1  Details", "2  Members", "3  Settings"};
constexpr const char* kDiscardQuestion = "Discard this sub-workspace? Nothing has been created; what you typed is lost.";

// Why the name cannot be used, or empty.
std::string name_problem(const State& s, std::string_view raw) { return workspace_name_error(s, raw).message; }

void draw_steps(int step) {
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine(0, 18);
    if (i == step) ImGui::TextUnformatted(kSteps[i]);
    else ImGui::TextDisabled("%s", kSteps[i]);
  }
  ImGui::Separator();
  ImGui::Spacing();
}

void draw_details(App& app, WizardState& w) {
  ImGui::TextUnformatted("Name");
  ImGui::SetNextItemWidth(-1);
  if (w.focus_name) {
    ImGui::SetKeyboardFocusHere();
    w.focus_name = false;
  }
  input_hint("##wizard-name", "e.g. Marketing EMEA", w.name);
  std::string problem = name_problem(app.state(), w.name.view());
  if (!w.name.empty() && !problem.empty()) text_error("%s", problem.c_str());
  ImGui::Spacing();
  ImGui::TextUnformatted("Image (optional)");
  if (w.image.texture) {
    ImGui::Image(reinterpret_cast<ImTextureID>(w.image.texture), ImVec2(48, 48));
    track("wizard:image");
    ImGui::SameLine();
  } else if (!w.image.rgba.empty()) {
    text_muted("(image ready)");
    ImGui::SameLine();
  }
  if (button("Choose image...##wizard")) {
    app.ui().image_target = 0;
    app.platform().pick_file(FilePurpose::WorkspaceImage, "image/png,image/jpeg");
  }
  if (!w.image.rgba.empty()) {
    ImGui::SameLine();
    if (button("Remove image##wizard")) w.image = Thumbnail{};
  }
  text_muted("PNG or JPEG up to 512 KB; a small thumbnail is kept.");
  if (!w.image_error.empty()) text_error("%s", w.image_error.c_str());
}

void draw_members_step(App& app, WizardState& w) {
  const State& s = app.state();
  std::vector<InviteRow> rows = invite_rows(w.invites);
  InvitePreview preview = preview_invites(s, nullptr, std::nullopt, rows, app.now());
  draw_seats_line(s, preview, app.now(), "wizard");
  text_muted("Invite people by email and pick each one's role. They join when they accept.");
  ImGui::Spacing();
  draw_invite_editor(app, w.invites, w.paste, preview, "wizard");
}

// Step 3 ends with the Create button: say once more who goes in and who is left out.
void draw_invite_summary(App& app, const WizardState& w) {
  std::vector<InviteRow> rows = invite_rows(w.invites);
  if (rows.empty()) return;
  InvitePreview preview = preview_invites(app.state(), nullptr, std::nullopt, rows, app.now());
  int ok = preview.ok_count();
  std::string left_out = left_out_note(preview);
  std::string text = "Creating it invites " + std::to_string(ok) + (ok == 1 ? " person" : " people") +
                     (left_out.empty() ? "." : "; " + left_out + " (see step 2).");
  ImGui::Spacing();
  if (left_out.empty()) text_muted("%s", text.c_str());
  else text_warning("%s", text.c_str());
  track_text("wizard:invite-summary", text);
}

// What is wrong with the initial credits typed in, said before Create is pressed.
std::string initial_credits_problem(const State& s, std::string_view text) {
  if (text.empty()) return "";
  auto amount = parse_credits(text);
  if (!amount) return credits_problem(text);
  return initial_credits_error(s, *amount).message;
}

void draw_settings_step(App& app, WizardState& w) {
  const State& s = app.state();
  checkbox("Parent workspace manages billing##wizard", &w.billing_by_parent);
  text_muted(w.billing_by_parent ? "The parent pays. The sub cannot purchase; it spends the credits org admins allocate."
                                 : "The sub's Super Admins can buy credits and avatar slots for it. Org admins may still allocate.");
  ImGui::Spacing();
  checkbox("Sub-workspace can view API settings##wizard", &w.api_access);
  text_muted(w.api_access ? "It gets API keys of its own and its usage is tracked on its own."
                          : "No keys of its own; usage through the parent's keys counts against the parent.");
  ImGui::Spacing();
  ImGui::TextUnformatted("Initial credits");
  ImGui::SetNextItemWidth(160);
  input_hint("##wizard-credits", "optional, e.g. 250", w.credits);
  ImGui::SameLine();
  text_muted("from the parent's %s", format_credits(s.parent_workspace().balance).c_str());
  if (std::string why = initial_credits_problem(s, w.credits.view()); !why.empty()) text_error("%s", why.c_str());
  draw_invite_summary(app, w);
}

void create(App& app, WizardState& w) {
  const State& s = app.state();
  CreateWorkspace c;
  c.name = w.name.view();
  c.billing_by_parent = w.billing_by_parent;
  c.api_access = w.api_access;
  c.initial_credits = w.credits.empty() ? 0 : parse_credits(w.credits.view()).value_or(-1);
  std::vector<InviteRow> rows = invite_rows(w.invites);
  InvitePreview preview = preview_invites(s, nullptr, std::nullopt, rows, app.now());
  std::vector<InviteDraft> left_out;
  c.invites = rows_that_go_in(rows, preview, left_out);
  if (!w.image.rgba.empty()) {
    std::string blob = app.save_image_blob(w.image);
    if (blob.empty()) {
      w.error = "The image could not be stored.";
      return;
    }
    c.image = ImageFields{blob, w.image.width, w.image.height};
  }
  std::string name = trim(c.name);
  size_t invited = c.invites.size();
  ExecResult r = app.dispatch(std::move(c), App::Refusal::ShownInPlace);
  if (!r.accepted()) {
    w.error = r.error.message;
    return;
  }
  std::string note = "Created '" + name + "'";
  if (invited) note += " and invited " + std::to_string(invited) + (invited == 1 ? " person" : " people");
  if (w.image.texture) app.platform().destroy_texture(w.image.texture);
  w = WizardState{};
  // A search typed in the list before would hide the new sub: it looks as if nothing was made.
  TextBuf<128>& search = app.ui().subs.search;
  if (!search.empty() && search_fold(name).find(search_fold(trim(search.view()))) == std::string::npos) search.clear();
  if (left_out.empty()) {
    app.toast(note + ".");
    return;
  }
  // Those left out go on in the new sub's invite dialog: fixed or sent once seats are freed.
  const State& after = app.state();
  auto it = after.workspace_by_name_key.find(workspace_name_key(name));
  if (it == after.workspace_by_name_key.end()) return;
  std::string out = std::to_string(left_out.size()) + (left_out.size() == 1 ? " row was" : " rows were");
  app.ui().carried_invites = {it->second, std::move(left_out),
                              note + ". " + out + " left out and not invited: fix them, or free seats, and send; Cancel drops them."};
  app.toast(note + "; " + out + " left out, kept in its invite dialog.");
  app.go(Route{View::Members, it->second});
}

bool has_work(const WizardState& w) {
  if (!trim(w.name.view()).empty() || w.image.texture || !trim(w.paste.view()).empty() || !trim(w.credits.view()).empty())
    return true;
  return std::any_of(w.invites.begin(), w.invites.end(), [](const InviteDraft& d) { return !d.email.empty() || !d.name.empty(); });
}

// In place of the footer's buttons: the wizard stays, greyed, behind the question.
void draw_discard_question(WizardState& w) {
  text_warning("%s", kDiscardQuestion);
  track("wizard:discard-question");
  {
    AllowWhileReadOnly changes_nothing;  // closing a form: a tab made read-only meanwhile may too
    if (danger_button("Discard##wizard")) w.open = false;
  }
  ImGui::SameLine();
  if (button("Keep editing##wizard") || escape_closes()) w.confirm_discard = false;
}

}  // namespace

void open_create_wizard(App& app) {
  WizardState& w = app.ui().wizard;
  if (w.image.texture) app.platform().destroy_texture(w.image.texture);
  w = WizardState{};
  w.open = true;
  w.focus_name = true;
  w.invites.emplace_back();
}

void draw_create_wizard(App& app) {
  WizardState& w = app.ui().wizard;
  if (!w.open) return;
  if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, vp->WorkSize.x - 40), std::min(560.0f, vp->WorkSize.y - 40)), ImGuiCond_Appearing);
  bool stays = true;  // false: its close button was pressed (ImGui has closed it already)
  if (!ImGui::BeginPopupModal(kTitle, &stays, ImGuiWindowFlags_NoSavedSettings)) {
    // With work in it, it opens again at the next frame, asking first.
    if (has_work(w)) w.confirm_discard = true;
    else w.open = false;
    return;
  }
  draw_steps(w.step);
  // Flattened for keyboard navigation: the arrows go on from the body to the footer's buttons.
  ImGui::BeginChild("wizard-body", ImVec2(0, -footer_height(w.confirm_discard ? kDiscardQuestion : w.error)), false,
                    ImGuiWindowFlags_NavFlattened);
  ImGui::BeginDisabled(w.confirm_discard);  // the question is answered first
  if (w.step == 0) draw_details(app, w);
  else if (w.step == 1) draw_members_step(app, w);
  else draw_settings_step(app, w);
  ImGui::EndDisabled();
  ImGui::EndChild();

  ImGui::Separator();
  if (!w.error.empty()) text_error("%s", w.error.c_str());
  bool name_ok = name_problem(app.state(), w.name.view()).empty();
  bool credits_ok = initial_credits_problem(app.state(), w.credits.view()).empty();
  if (w.confirm_discard) {
    draw_discard_question(w);
    if (!w.open) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  // Escape closes it, as it does the other dialogs; what was typed is not dropped unasked.
  if (button("Cancel##wizard") || escape_closes()) {
    if (has_work(w)) w.confirm_discard = true;
    else w.open = false;
  }
  ImGui::SameLine();
  if (w.step > 0) {
    if (button("Back##wizard")) w.step--;
    ImGui::SameLine();
  }
  if (w.step < 2) {
    if (primary_button("Next##wizard", name_ok, "Give the sub-workspace a valid, unused name first.") ||
        (name_ok && enter_for_default() && w.step == 0))
      w.step++;
  }
  ImGui::SameLine();
  if (primary_button("Create Sub-workspace##wizard", name_ok && credits_ok,
                     name_ok ? "Fix the initial credits first." : "Give the sub-workspace a valid, unused name first."))
    create(app, w);
  draw_left_out_summary(preview_invites(app.state(), nullptr, std::nullopt, invite_rows(w.invites), app.now()), "wizard");
  if (!w.open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace subspace::ui
