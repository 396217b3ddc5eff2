// API settings of a workspace that may view them: keys (created from the platform's secure
// random source, shown exactly once, copy to clipboard), rotate, revoke, last used; usage
// per UTC day as a bar chart, per key and in total; and a test request with a pasted key.
#include <imgui.h>

#include <array>

#include "core/crypto.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/chart.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

std::string new_key(App& app) {
  std::array<std::uint8_t, kKeyBytes> bytes;
  app.platform().secure_random(bytes.data(), bytes.size());
  std::string key = format_api_key(bytes);
  bytes.fill(0);
  return key;
}

// Creates or rotates a key; on success the plain key is kept only to be shown once. The
// label is a copy: a rotation adds a key, and the vector the caller's key lives in may move.
void issue_key(App& app, ApiState& st, std::string label, std::optional<KeyId> rotate, WorkspaceId ws) {
  std::string key = new_key(app);
  KeyFingerprint f = fingerprint(key);
  ExecResult r = rotate ? app.dispatch(RotateApiKey{*rotate, f.hash, f.last4}) : app.dispatch(CreateApiKey{ws, label, f.hash, f.last4});
  if (!r.accepted()) return;
  st.shown_key = key;
  st.shown_for = std::move(label);
}

void draw_shown_key(App& app, ApiState& st) {
  if (st.shown_key.empty()) return;
  const char* title = "Your new API key###shown-key";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    std::string which = "Key '" + st.shown_for + "'";
    ImGui::TextUnformatted(which.c_str());
    track_text("shown-key:label", which);
    text_warning("Copy it now: you will not see this key again. Only a fingerprint of it is stored.");
    ImGui::Spacing();
    ImGui::SetNextItemWidth(520);
    ImGui::InputText("##shown-key", st.shown_key.data(), st.shown_key.size() + 1, ImGuiInputTextFlags_ReadOnly);
    track("shown-key");
    bool copy;
    {
      AllowWhileReadOnly copying_changes_nothing;
      copy = primary_button("Copy to clipboard##shown-key");
    }
    if (copy) {
      app.platform().copy_text(st.shown_key);
      app.toast("API key copied to the clipboard.");
    }
    ImGui::SameLine();
    if (button("Done##shown-key")) {
      // Forget the plain key for good.
      std::fill(st.shown_key.begin(), st.shown_key.end(), '\0');
      st.shown_key.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void draw_keys(App& app, const Workspace& ws, ApiState& st) {
  const State& s = app.state();
  std::vector<const ApiKey*> keys;
  for (const auto& k : s.keys)
    if (k.workspace == ws.id) keys.push_back(&k);
  ImGui::SetNextItemWidth(220);
  input_hint("##key-label", "Label, e.g. Production", st.new_label);
  ImGui::SameLine();
  bool labelled = !trim(st.new_label.view()).empty();
  if (primary_button("+ Create key##api", labelled, "Give the key a label.")) {
    issue_key(app, st, trim(st.new_label.view()), std::nullopt, ws.id);
    st.new_label.clear();
  }
  ImGui::Spacing();
  if (keys.empty()) {
    text_muted("No keys yet.");
    return;
  }
  if (!ImGui::BeginTable("keys", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  for (const char* c : {"Label", "Key", "Status", "Created", "Last used"}) ImGui::TableSetupColumn(c);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 130.0f);
  ImGui::TableHeadersRow();
  const Palette& pal = palette();
  for (const ApiKey* k : keys) {
    ImGui::PushID(static_cast<int>(k->id & 0x7fffffff));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(k->label.c_str());
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("sk_...%s", k->last4.c_str());
    ImGui::TableNextColumn();
    std::string status = k->status == KeyStatus::Active ? "active" : k->status == KeyStatus::Rotated ? "rotated (invalid)" : "revoked (invalid)";
    badge(status.c_str(), k->status == KeyStatus::Active ? pal.badge_api_bg : pal.badge_warn_bg,
          k->status == KeyStatus::Active ? pal.badge_api_fg : pal.badge_warn_fg);
    track_text("key-status:" + k->last4, status);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(format_date(k->created_at).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("by %s", std::string(s.email_of(k->created_by)).c_str());
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(k->last_used ? format_datetime(k->last_used).c_str() : "never");
    ImGui::TableNextColumn();
    if (k->status == KeyStatus::Active) {
      if (keyed_small_button("Rotate", "rotate:" + k->label + ":" + k->last4)) {
        st.confirm_key = k->id;
        st.confirm_rotate = true;
      }
      ImGui::SameLine();
      if (keyed_small_button("Revoke", "revoke-key:" + k->label + ":" + k->last4)) {
        st.confirm_key = k->id;
        st.confirm_rotate = false;
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void draw_confirm(App& app, ApiState& st) {
  const ApiKey* k = app.state().key(st.confirm_key);
  if (!k) return;
  if (!ImGui::IsPopupOpen("Change API key?")) ImGui::OpenPopup("Change API key?");
  std::string text = st.confirm_rotate
                         ? "Rotate '" + k->label + "' (sk_..." + k->last4 + ")? A new key is issued and this one stops working at once."
                         : "Revoke '" + k->label + "' (sk_..." + k->last4 + ")? It stops working at once.";
  if (confirm_modal("Change API key?", text, st.confirm_rotate ? "Rotate" : "Revoke")) {
    if (st.confirm_rotate) issue_key(app, st, k->label, k->id, k->workspace);
    else app.dispatch(RevokeApiKey{k->id});
    st.confirm_key = 0;
  } else if (!ImGui::IsPopupOpen("Change API key?")) {
    st.confirm_key = 0;
  }
}

void draw_usage(App& app, const Workspace& ws, ApiState& st) {
  const State& s = app.state();
  const ApiKey* key = s.key(st.filter_key);
  if (key && key->workspace != ws.id) key = nullptr, st.filter_key = 0;
  ImGui::SetNextItemWidth(240);
  std::string preview = key ? key->label + " (sk_..." + key->last4 + ")" : "All keys";
  if (ImGui::BeginCombo("##usage-key", preview.c_str())) {
    if (ImGui::Selectable("All keys", !key)) st.filter_key = 0;
    for (const auto& k : s.keys) {
      if (k.workspace != ws.id) continue;
      ImGui::PushID(static_cast<int>(k.id & 0x7fffffff));
      if (ImGui::Selectable((k.label + " (sk_..." + k.last4 + ")").c_str(), key == &k)) st.filter_key = k.id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  track("usage:key");
  for (int days : {7, 30, 90}) {
    std::string label = std::to_string(days) + " days##usage-days";
    ImGui::SameLine();
    if (selectable(label.c_str(), st.days == days, 0, ImVec2(ImGui::CalcTextSize(label.c_str(), nullptr, true).x, 0))) st.days = days;
  }
  const UsageByDay& by_day = key ? key->usage_by_day : ws.usage_by_day;
  UsageDays usage = usage_days(by_day, utc_day(app.now()), st.days);
  std::string total = calls_text(usage.calls) + ", " + format_credits(usage.credits) + " credits in the last " +
                      std::to_string(st.days) + " days (UTC)";
  ImGui::TextUnformatted(total.c_str());
  track_text("usage:total", total);
  draw_usage_chart("usage-chart", usage, 220);
}

void draw_try(App& app, ApiState& st) {
  if (app.sync().enabled) {
    // The server is the only way usage reaches the books: a call is made with the key itself.
    std::string how = "Calls are made to the server with the key: POST " + app.sync().server +
                      "/v1/usage with the header X-Api-Key and {\"endpoint\": \"/v2/video/generate\", \"credits\": 25} "
                      "(credits in hundredths: 25 is 0.25 credits). GET /v1/quota tells what is left.";
    ImGui::PushTextWrapPos(0);
    text_muted("%s", how.c_str());
    ImGui::PopTextWrapPos();
    track_text("try:server", how);
    return;
  }
  text_muted("Try a request: paste a key to simulate one API call against it (charged like a real call).");
  // Empty fields take the defaults, and the hints say so: a bare "0.25" reads as typed in.
  const char* endpoint_hint = "default /v2/video/generate";
  const char* credits_hint = "default 0.25";
  ImGui::SetNextItemWidth(320);
  input_hint("##try-key", "paste a key: sk_...", st.try_key);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fit_hint(endpoint_hint));
  input_hint("##try-endpoint", endpoint_hint, st.try_endpoint);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fit_hint(credits_hint));
  input_hint("##try-credits", credits_hint, st.try_credits);
  ImGui::SameLine();
  std::string key = trim(st.try_key.view());
  if (action_button("Send##try", !key.empty(), "Paste a key first.")) {
    KeyFingerprint f = fingerprint(key);
    std::string endpoint = trim(st.try_endpoint.view());
    Cents credits = st.try_credits.empty() ? 25 : parse_credits(st.try_credits.view()).value_or(-1);
    if (!looks_like_api_key(key)) {
      st.try_ok = false;
      st.try_result = "That does not look like a Subspace API key (sk_ followed by 43 letters and digits).";
    } else {
      // Answered in its result line, as an API call is answered to its caller: not a toast too.
      ExecResult r = app.dispatch(RecordApiUsage{f.hash, f.last4, endpoint.empty() ? "/v2/video/generate" : endpoint, credits},
                                  App::Refusal::ShownInPlace);
      st.try_ok = r.accepted();
      st.try_result = r.accepted() ? "200 OK: the call was recorded and charged." : "Refused: " + r.error.message;
    }
  }
  if (!st.try_result.empty()) {
    if (st.try_ok) ImGui::TextUnformatted(st.try_result.c_str());
    else text_error("%s", st.try_result.c_str());
    track_text("try:result", st.try_result);
  }
}

}  // namespace

void draw_api(App& app) {
  const State& s = app.state();
  ApiState& st = app.ui().api;
  auto me = app.me();
  const Workspace* ws = app.route_workspace();
  if (!ws || !me) return;
  view_title(ws->name + " - API");
  if (!workspace_has_api(s, *ws)) {
    text_muted("This sub-workspace cannot view API settings: it has no keys of its own, and usage through the parent's "
               "keys counts against the parent. An org admin can turn API access on in its Settings view (Billing, API access and resources).");
    return;
  }
  if (!can(s, *me, *ws, Perm::Api)) {
    text_muted("API settings, keys and usage are for Super Admins and Developers.");
    return;
  }
  draw_keys(app, *ws, st);
  ImGui::Spacing();
  ImGui::Separator();
  heading("Usage");
  draw_credit_alert(*ws, "api:alert");
  draw_usage(app, *ws, st);
  ImGui::Spacing();
  ImGui::Separator();
  draw_try(app, st);
  draw_confirm(app, st);
  draw_shown_key(app, st);
}

}  // namespace subspace::ui
