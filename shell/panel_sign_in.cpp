// With a sync server: signing in with a token, who is signed in, the sync state, and the
// invitation links the server made for the people just invited.
#include <imgui.h>

#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {

void draw_sign_in(App& app) {
  SyncState& s = app.sync_ui();
  heading("Sign in");
  if (!s.blocked.empty()) {
    ImGui::PushTextWrapPos(0);
    text_error("%s", s.blocked.c_str());
    ImGui::PopTextWrapPos();
    track("sync-blocked");
    return;
  }
  text_muted("This console is connected to %s (organisation '%s'). Paste the sign-in token your administrator gave you "
             "(subspace-server issue-token), or open the invitation link you received.",
             s.server.c_str(), s.org.c_str());
  ImGui::Spacing();
  ImGui::SetNextItemWidth(420);
  bool enter = ImGui::InputTextWithHint("##sign-in-token", "st_...", s.token_input.data, sizeof s.token_input.data,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_Password);
  track("sign-in:token");
  ImGui::SameLine();
  bool waiting = !s.in_flight.empty();
  if ((primary_button("Sign in##sign-in", !s.token_input.empty() && !waiting, waiting ? "Checking..." : "Paste a token first.") || enter) &&
      !s.token_input.empty()) {
    app.sign_in(trim(s.token_input.view()));
  }
  if (waiting) text_muted("Checking with the server...");
  if (!s.sign_in_error.empty()) {
    text_error("%s", s.sign_in_error.c_str());
    track_text("sign-in:error", s.sign_in_error);
  }
}

namespace {

// Signing out forgets the token, and someone who joined through an invitation link never
// saw theirs: they are offered a copy before it goes.
void draw_sign_out_confirm(App& app) {
  if (!ImGui::BeginPopupModal("Sign out?##sync", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  const SyncState& s = app.sync();
  std::string text = "Sign out of " + s.server + "? To sign in again, in this browser or another, you need your sign-in "
                     "token. Copy it now and keep it somewhere safe (a password manager), or ask an org admin for a new one.";
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  track_text("sign-out:text", text);
  ImGui::Spacing();
  {
    AllowWhileReadOnly copying_changes_nothing;
    if (primary_button("Copy my token##sign-out")) {
      app.platform().copy_text(s.token);
      app.toast("Your sign-in token is copied to the clipboard.");
    }
  }
  ImGui::SameLine();
  if (danger_button("Sign out##sign-out-confirmed")) {
    ImGui::CloseCurrentPopup();
    app.sign_out();
  }
  ImGui::SameLine();
  if (button("Cancel##sign-out") || escape_closes()) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace

void draw_signed_in(App& app) {
  const State& st = app.state();
  const SyncState& s = app.sync();
  if (!s.signed_in()) return;  // the status beside it says "not signed in"
  auto me = app.me();
  ImGui::AlignTextToFramePadding();
  text_muted("Signed in as");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  std::string who = me && !st.people[*me].name.empty() ? st.people[*me].name : s.email;
  ImGui::TextUnformatted(who.c_str());
  track("signed-in-as");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s on %s", s.email.c_str(), s.server.c_str());
  ImGui::SameLine();
  if (small_button("Sign out##sync")) ImGui::OpenPopup("Sign out?##sync");
  draw_sign_out_confirm(app);
}

void draw_sync_status(App& app) {
  const SyncState& s = app.sync();
  const Palette& p = palette();
  size_t waiting = app.session_pending();
  std::string text;
  ImU32 dot = p.success;
  if (!s.signed_in()) text = "not signed in", dot = p.muted;
  else if (s.offline) text = "offline, " + std::to_string(waiting) + (waiting == 1 ? " change waiting" : " changes waiting"), dot = p.warning;
  else if (!s.problem.empty()) text = "sync problem", dot = p.danger;
  else if (waiting) text = std::to_string(waiting) + (waiting == 1 ? " change waiting" : " changes waiting"), dot = p.muted;
  else if (s.syncing()) text = "syncing", dot = p.muted;
  else text = "synced";
  status_dot_text(dot, text.c_str());
  track("sync-status");
  if (ImGui::IsItemHovered() && !s.problem.empty()) ImGui::SetTooltip("%s", s.problem.c_str());
}

void draw_invite_links(App& app) {
  SyncState& s = app.sync_ui();
  if (s.links.empty()) return;
  const char* title = "Invitation links###invite-links";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGui::SetNextWindowSize(ImVec2(640, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("Send each person their link: it works once and signs them in. The links are not shown again "
                       "(resend an invitation to get a new one).");
    ImGui::Spacing();
    for (size_t i = 0; i < s.links.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      std::string url = app.invite_url(s.links[i]);
      ImGui::TextUnformatted(s.links[i].email.c_str());
      ImGui::SetNextItemWidth(520);
      ImGui::InputText("##link", url.data(), url.size() + 1, ImGuiInputTextFlags_ReadOnly);
      track("invite-link:" + s.links[i].email);
      ImGui::SameLine();
      bool copy;
      {
        AllowWhileReadOnly copying_changes_nothing;
        copy = keyed_small_button("Copy", "copy-link:" + s.links[i].email);
      }
      if (copy) {
        app.platform().copy_text(url);
        app.toast("Link for " + s.links[i].email + " copied.");
      }
      ImGui::PopID();
    }
    ImGui::Spacing();
    if (button("Done##invite-links")) {
      s.links.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace subspace::ui
