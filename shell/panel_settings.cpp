// Settings of a workspace: its name and image (its Super Admins), the organisation's plan
// (on the parent, org admins), and the acting person's own display name.
#include <imgui.h>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

// A field shows the current value until the user edits it; an untouched field follows
// changes made elsewhere (another tab, the server, an undo of a refusal).
template <std::size_t N> void follow(SettingsField<N>& f, const std::string& current) {
  if (f.buf.view() == f.shown && current != f.shown) {
    f.buf.set(current);
    f.shown = current;
  }
}
template <std::size_t N> bool edited(const SettingsField<N>& f) { return f.buf.view() != f.shown; }

void section(const char* title) {
  ImGui::Spacing();
  ImGui::Separator();
  heading(title);
}

void draw_workspace_section(App& app, SettingsState& st, const Workspace& ws, bool admin) {
  const char* why_not = "Only the workspace's Super Admins and org admins change its name and image.";
  heading(ws.is_parent ? "Parent workspace" : "Sub-workspace");
  if (!admin) text_muted("%s", why_not);
  ImGui::TextUnformatted("Name");
  ImGui::SetNextItemWidth(360);
  ImGui::BeginDisabled(!admin);
  input_text("##settings-name", st.name.buf);
  ImGui::EndDisabled();
  ImGui::SameLine();
  std::string name = trim(st.name.buf.view());
  bool changed = name != ws.name;
  // Said while typing, as the wizard does: the button stays off for a name core would refuse.
  std::string problem = changed ? workspace_name_error(app.state(), name, ws.id, app.me().value_or(kNoPerson)).message : "";
  if (primary_button("Rename##settings", admin && changed && problem.empty(),
                     !admin ? why_not : !changed ? "Type a new name." : problem.c_str())) {
    std::string old = ws.name;  // copied: the dispatch changes the state `ws` lives in
    if (app.dispatch_here(RenameWorkspace{ws.id, name}, st.name_error)) {
      st.name = {};  // follow the stored (normalised) name
      app.toast("Renamed '" + old + "' to '" + name + "'.");
    }
  }
  if (ws.is_parent) text_muted("The parent workspace's name is the organisation's name.");
  error_line(problem.empty() ? st.name_error : problem, "settings:name-error");

  ImGui::Spacing();
  ImGui::TextUnformatted("Image");
  if (std::uintptr_t tex = app.image_texture(ws.image)) {
    ImGui::Image(reinterpret_cast<ImTextureID>(tex), ImVec2(48, 48));
    track("settings:image");
    ImGui::SameLine();
  } else {
    text_muted("No image.");
    ImGui::SameLine();
  }
  if (action_button("Choose image...##settings", admin, why_not)) {
    st.image_error.clear();
    app.ui().image_target = ws.id;
    app.platform().pick_file(FilePurpose::WorkspaceImage, "image/png,image/jpeg");
  }
  ImGui::SameLine();
  if (action_button("Remove image##settings", admin && !ws.image.blob.empty(), admin ? "There is no image." : why_not))
    app.dispatch_here(SetWorkspaceImage{ws.id, std::nullopt}, st.image_error);
  text_muted("PNG or JPEG up to 512 KB; a small thumbnail is kept.");
  error_line(st.image_error, "settings:image-error");
}

// Why a plan field's text is not a count, in words; empty when it is one.
std::string count_problem(const char* field, std::string_view text) {
  std::string t = trim(text);
  if (t.empty()) return std::string(field) + ": enter a number.";
  if (parse_whole(t)) return "";
  if (t.find_first_not_of("0123456789") == std::string::npos) return std::string(field) + ": '" + t + "' is too large.";
  return std::string(field) + ": a whole number, e.g. 50 ('" + t + "' is not one).";
}

void draw_plan_section(App& app, SettingsState& st, bool org_admin) {
  const State& s = app.state();
  section("Plan");
  int used = seats_used(s, app.now());
  std::string usage = format_count(used) + " of " + format_count(s.plan.seat_limit) +
                      " seats in use (members and unexpired invitations, each person once).";
  ImGui::TextUnformatted(usage.c_str());
  track_text("settings:seats", usage);
  const char* why_not = "Only org admins (Super Admins of the parent workspace) change the plan.";
  if (!org_admin) text_muted("%s", why_not);
  follow(st.seat_limit, std::to_string(s.plan.seat_limit));
  follow(st.slots, std::to_string(s.plan.avatar_slots));
  follow(st.cost, format_credits(s.plan.video_cost_per_minute));
  ImGui::BeginDisabled(!org_admin);
  ImGui::SetNextItemWidth(140);
  // An edit retires the refusal the old values got.
  bool typed = input_text("Seat limit##plan", st.seat_limit.buf);
  ImGui::SetNextItemWidth(140);
  typed |= input_text("Avatar slots##plan", st.slots.buf);
  ImGui::SetNextItemWidth(140);
  typed |= input_text("Credits per video minute##plan", st.cost.buf);
  if (typed) st.plan_error.clear();
  ImGui::EndDisabled();
  auto seats = parse_whole(st.seat_limit.buf.view());
  auto slots = parse_whole(st.slots.buf.view());
  auto cost = parse_credits(st.cost.buf.view());
  bool valid = seats && slots && cost;
  bool dirty = edited(st.seat_limit) || edited(st.slots) || edited(st.cost);
  // Said as it is typed, naming the field.
  std::string problem = count_problem("Seat limit", st.seat_limit.buf.view());
  if (problem.empty()) problem = count_problem("Avatar slots", st.slots.buf.view());
  if (problem.empty() && !cost) problem = "Credits per video minute: " + credits_problem(st.cost.buf.view());
  const char* hint = !org_admin ? why_not : !valid ? problem.c_str() : "Nothing changed.";
  if (primary_button("Save plan##plan", org_admin && valid && dirty, hint) &&
      app.dispatch_here(SetPlan{PlanFields{*seats, *slots, *cost}}, st.plan_error)) {
    st.seat_limit = {}, st.slots = {}, st.cost = {};  // follow the saved plan
    app.toast("Plan saved.");
  }
  if (dirty) {
    ImGui::SameLine();
    if (button("Discard##plan")) {
      st.seat_limit = {}, st.slots = {}, st.cost = {};
      st.plan_error.clear();
    }
  }
  error_line(st.plan_error, "settings:plan-error");
  if (dirty && !valid) error_line(problem, "settings:plan-problem");
}

// A sub's billing, API access, seats, credits and deletion are org admins' and live in its
// gear dialog; its settings point there rather than repeat them.
void draw_resources_section(App& app, const Workspace& ws, bool org_admin) {
  section("Billing, API access and resources");
  text_muted("%s. %s.", ws.billing_by_parent ? "The parent manages its billing" : "It manages its own billing",
             ws.api_access ? "It has API access of its own" : "It has no API access of its own");
  if (button("Billing, API access, seats and credits...##settings", org_admin,
             "Only org admins change a sub-workspace's billing, API access, seats and credits."))
    open_gear(app, ws.id);
}

void draw_profile_section(App& app, SettingsState& st, PersonIx me) {
  const Person& p = app.state().people[me];
  section("Your profile");
  ImGui::Text("Email: %s", p.email.c_str());
  follow(st.my_name, p.name);
  ImGui::TextUnformatted("Display name (optional)");
  ImGui::SetNextItemWidth(360);
  input_hint("##settings-my-name", "e.g. Ada Quill", st.my_name.buf);
  ImGui::SameLine();
  if (primary_button("Save name##settings", edited(st.my_name), "Type a new name.")) {
    std::string email = p.email, name = trim(st.my_name.buf.view());
    if (app.dispatch_here(UpdatePerson{email, name}, st.profile_error)) {
      st.my_name = {};
      // A name is optional (invitees often have none); an empty one is said plainly.
      app.toast(name.empty() ? "Your name is cleared: people see your email instead." : "Your name is saved.");
    }
  }
  error_line(st.profile_error, "settings:profile-error");
}

}  // namespace

void draw_settings(App& app) {
  const Workspace* ws = app.route_workspace();
  auto me = app.me();
  if (!ws || !me) return;
  const State& s = app.state();
  SettingsState& st = app.ui().settings;
  if (st.ws != ws->id || st.actor != app.ui().acting_as) st = SettingsState{ws->id, app.ui().acting_as};
  follow(st.name, ws->name);
  view_title("Settings");
  draw_workspace_section(app, st, *ws, can(s, *me, *ws, Perm::Administer));
  if (ws->is_parent) draw_plan_section(app, st, is_org_admin(s, *me));
  else draw_resources_section(app, *ws, is_org_admin(s, *me));
  draw_profile_section(app, st, *me);
}

}  // namespace subspace::ui
