// The console's frame: top bar (workspace switcher, who am I / acting as, save state),
// sidebar navigation, the current view, banners and toasts.
#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "core/demo.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

constexpr float kTopBarHeight = 52.0f;
constexpr float kSidebarWidth = 214.0f;
constexpr float kSidebarMinWidth = 176.0f;


// A combo whose list opens on a search field holding the keyboard (cleared each time);
// `enter`: Enter was pressed in it, to take the first match.
bool begin_search_combo(const char* id, const char* preview, float width, float list_width, const char* filter_id,
                        const char* hint, TextBuf<128>& filter, bool& enter) {
  ImGui::SetNextItemWidth(width);
  ImGui::SetNextWindowSizeConstraints(ImVec2(list_width, 0), ImVec2(FLT_MAX, ImGui::GetTextLineHeightWithSpacing() * 20));
  if (!ImGui::BeginCombo(id, preview, ImGuiComboFlags_HeightLarge)) return false;
  if (ImGui::IsWindowAppearing()) {
    filter.clear();
    ImGui::SetKeyboardFocusHere();
  }
  ImGui::SetNextItemWidth(-1);
  enter = input_hint(filter_id, hint, filter, ImGuiInputTextFlags_EnterReturnsTrue);
  return true;
}

void refresh_actor_rows(const State& s, ActorPickerState& picker) {
  std::string key(picker.filter.view());
  if (picker.version == s.version && picker.key == key && picker.rows.size() <= s.people.size()) return;
  picker.version = s.version;
  picker.key = key;
  picker.rows.clear();
  std::string needle = search_fold(trim(key));
  for (PersonIx p = 0; p < s.people.size(); ++p) {
    const Person& person = s.people[p];
    if (needle.empty() || person.email.find(needle) != std::string::npos ||
        search_fold(person.name).find(needle) != std::string::npos)
      picker.rows.push_back(p);
  }
}

void draw_actor_picker(App& app) {
  const State& s = app.state();
  ActorPickerState& picker = app.ui().actor_picker;
  auto me = app.me();
  std::string current = me ? (s.people[*me].name.empty() ? s.people[*me].email : s.people[*me].name) : "nobody";
  ImGui::AlignTextToFramePadding();
  text_muted("Acting as");
  ImGui::SameLine();
  // Wider than the combo: people of the same name are told apart by their email.
  bool enter = false;
  if (begin_search_combo("##acting-as", current.c_str(), 230, 440, "##actor-filter", "Search people (Enter picks the first)",
                         picker.filter, enter)) {
    refresh_actor_rows(s, picker);
    if (enter && !picker.rows.empty()) {
      app.act_as(s.people[picker.rows.front()].email);
      ImGui::CloseCurrentPopup();
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(picker.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        PersonIx p = picker.rows[i];
        const Person& person = s.people[p];
        ImGui::PushID(static_cast<int>(p));
        bool admin = is_org_admin(s, p);
        std::string label = (person.name.empty() ? person.email : person.name + "  -  " + person.email) + (admin ? "  (org admin)" : "");
        if (ImGui::Selectable(label.c_str(), me && *me == p)) app.act_as(person.email);
        track("actor:" + person.email);
        ImGui::PopID();
      }
    }
    ImGui::EndCombo();
  }
  track("acting-as");
  if (ImGui::IsItemHovered() && me)
    ImGui::SetTooltip("Every change is made as %s, with their real rights.", s.people[*me].email.c_str());
}

void refresh_switcher_rows(const State& s, PersonIx me, SwitcherState& sw) {
  std::string key = std::string(sw.filter.view()) + "|" + std::to_string(me);
  if (sw.cached_version == s.version && sw.cached_key == key) return;
  sw.cached_version = s.version;
  sw.cached_key = key;
  sw.rows.clear();
  std::string needle = search_fold(trim(sw.filter.view()));
  for (WorkspaceId id : visible_workspaces(s, me))
    if (needle.empty() || search_fold(s.workspace(id)->name).find(needle) != std::string::npos) sw.rows.push_back(id);
  // The parent first, then the subs in the Sub-workspaces list's order (Team 2 before Team 10).
  std::sort(sw.rows.begin(), sw.rows.end(), [&](WorkspaceId a, WorkspaceId b) {
    const Workspace &x = *s.workspace(a), &y = *s.workspace(b);
    return x.is_parent != y.is_parent ? x.is_parent : natural_less(x.name, y.name);
  });
}

void draw_workspace_switcher(App& app, float width) {
  const State& s = app.state();
  auto me = app.me();
  if (!me) return;
  WorkspaceId current = app.ui().route.ws ? app.ui().route.ws : s.parent;
  const Workspace* cur = s.workspace(current);
  if (cur && !can_see(s, *me, *cur)) cur = nullptr;  // someone with invitations only is in no workspace yet
  std::string shown = cur ? cur->name : "No workspace yet";
  SwitcherState& sw = app.ui().switcher;
  bool enter = false;
  bool open = begin_search_combo("##workspace", shown.c_str(), width, 320, "##switch-filter",
                                 "Search workspaces (Enter opens the first)", sw.filter, enter);
  // A long name is cut by the closed combo: the whole of it on hover.
  if (!open && ImGui::IsItemHovered() && ImGui::CalcTextSize(shown.c_str()).x > width - ImGui::GetFrameHeight() - 8)
    ImGui::SetTooltip("%s", shown.c_str());
  if (open) {
    refresh_switcher_rows(s, *me, sw);
    auto open = [&](WorkspaceId id) {
      View v = app.ui().route.view;
      if (v == View::SubWorkspaces || v == View::Trash) v = View::Members;
      app.go(Route{v, id});
    };
    if (enter && !sw.rows.empty()) {
      open(sw.rows.front());
      ImGui::CloseCurrentPopup();
    }
    if (sw.rows.empty()) text_muted("No workspace matches.");
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(sw.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Workspace* ws = s.workspace(sw.rows[i]);
        ImGui::PushID(i);
        std::string label = ws->is_parent ? ws->name + "  (parent)" : ws->name;
        if (ImGui::Selectable(label.c_str(), ws->id == current)) open(ws->id);
        track("switch:" + ws->name);
        ImGui::PopID();
      }
    }
    ImGui::EndCombo();
  }
  track("workspace-switcher");
  track_text("workspace-switcher:shown", shown);
}

// A demo replaces everything in this store: asked first, with what it holds and what comes.
void draw_demo_confirm(App& app) {
  std::string& size = app.ui().confirm_demo;
  if (size.empty()) return;
  const char* title = "Reset to a demo?";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  auto d = demo_size(size);
  const State& s = app.state();
  std::string what = !d ? size
                     : d->subs == 0 ? "an empty organisation (only its admin)"
                                    : "the " + size + " demo (" + std::to_string(d->subs) + " sub-workspaces, " +
                                          std::to_string(d->people) + " people)";
  std::string text = "Replace " + (s.has_org ? "'" + s.org_name + "'" : std::string("this store")) + " with " + what +
                     "? Everything in this browser store is replaced; export the organisation first (menu) to keep a copy.";
  if (confirm_modal(title, text, "Replace")) {
    app.ui().pending_demo = size;
    size.clear();
  } else if (!ImGui::IsPopupOpen(title)) {
    size.clear();
  }
}

void draw_app_menu(App& app) {
  if (button("\xE2\x98\xB0 Menu##app-menu")) ImGui::OpenPopup("app-menu");
  if (ImGui::BeginPopup("app-menu")) {
    if (ImGui::MenuItem("Export organisation (JSON)")) {
      std::string file = download_name("subspace", app.state().org_name, app.now(), "json");
      app.platform().download(file, "application/json", app.state_json());
      app.toast("Downloaded " + file + ": the whole organisation, to import here or elsewhere.");
    }
    track("menu:export");
    if (ImGui::MenuItem("Import organisation (JSON)...", nullptr, false, !app.sync().enabled && !app.ui().read_only))
      app.platform().pick_file(FilePurpose::ImportOrg, ".json,application/json");
    track("menu:import");
    if (ImGui::BeginMenu("Reset to a demo organisation", !app.ui().read_only)) {
      for (const char* size : {"small", "medium", "large", "empty"}) {
        std::string label = std::string(size) + "##demo";
        if (ImGui::MenuItem(label.c_str())) app.ui().confirm_demo = size;
        track(std::string("demo:") + size);
      }
      ImGui::EndMenu();
    }
    track("menu:demo");
    bool dark = theme_is_dark();
    if (ImGui::MenuItem("Dark theme", nullptr, &dark)) app.set_dark(dark);
    track("menu:theme");
    ImGui::EndPopup();
  }
}

void draw_save_status(App& app, bool compact) {
  const UiState& ui = app.ui();
  const Palette& p = palette();
  ImU32 dot = ui.read_only ? p.warning : ui.save_failed ? p.danger : ui.save_status == "saved" ? p.success : p.muted;
  std::string text = ui.read_only ? "read-only" : ui.save_failed ? "save failed" : ui.save_status;
  bool evictable = ui.storage_persistent == false;
  if (evictable && !compact && !ui.read_only && !ui.save_failed) text += " (may be evicted)";
  status_dot_text(dot, text.c_str());
  track("save-status");
  if (ImGui::IsItemHovered()) {
    std::string tip = ui.read_only ? ui.read_only_reason : ui.save_status;
    if (evictable)
      tip += "\nThe browser did not grant persistent storage: it may clear this data when disk space runs low. "
             "Export the organisation (menu) to keep a copy.";
    ImGui::SetTooltip("%s", tip.c_str());
  }
}

// Invitations waiting for the acting person: accepting is how they join (offline, by
// acting as them).
void draw_my_invitations(App& app, PersonIx me) {
  const State& s = app.state();
  TimeMs now = app.now();
  bool any = false;
  for (WorkspaceId id : s.person_workspaces[me]) {
    const Workspace* ws = s.workspace(id);
    const Membership* m = ws ? ws->member(me) : nullptr;
    if (!m || m->status != MemberStatus::Invited || !ws->live()) continue;
    if (!any) text_muted("INVITATIONS FOR YOU");
    any = true;
    ImGui::PushID(static_cast<int>(id & 0x7fffffff));
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(ws->name.c_str());
    ImGui::PopTextWrapPos();
    if (invitation_expired(*m, now)) {
      text_warning("Expired: ask for it to be resent.");
    } else {
      text_muted("as %s", std::string(role_label(m->role)).c_str());
      if (keyed_small_button("Accept", "accept:" + ws->name) && app.dispatch(AcceptInvitation{id}).accepted())
        app.go(Route{View::Members, id});
    }
    ImGui::PopID();
  }
  if (any) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
  }
}

}  // namespace

void draw_top_bar(App& app) {
  const State& s = app.state();
  // A narrow console (an embed in a portal's column) drops what is said elsewhere too: the
  // org name (the switcher lists the parent) and the storage caveat (the status tooltip).
  float avail = ImGui::GetContentRegionAvail().x;
  bool compact = avail < 1000;
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Subspace");
  ImGui::PopFont();
  if (!compact) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_muted("%s", s.has_org ? s.org_name.c_str() : "no organisation");
  }
  ImGui::SameLine(0, 24);

  // The right-hand group sits against the right edge: its width is last frame's. The
  // switcher gives up width before anything overlaps.
  float& right = app.ui().top_bar_right_width;
  float pad = ImGui::GetStyle().WindowPadding.x;
  float right_x = ImGui::GetWindowContentRegionMax().x - right - pad * 0.5f;
  draw_workspace_switcher(app, std::clamp(right_x - ImGui::GetCursorPosX() - 24, 120.0f, 250.0f));
  float left_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  ImGui::SameLine(std::max(left_end + 16, right_x));
  float start = ImGui::GetCursorScreenPos().x;
  if (app.sync().enabled) {
    draw_sync_status(app);
    ImGui::SameLine(0, 16);
    draw_signed_in(app);
  } else {
    draw_save_status(app, compact);
    ImGui::SameLine(0, 16);
    draw_actor_picker(app);
  }
  ImGui::SameLine();
  draw_app_menu(app);
  right = ImGui::GetItemRectMax().x - start;
}

void draw_sidebar(App& app) {
  const State& s = app.state();
  auto me = app.me();
  UiState& ui = app.ui();
  if (!me) return;
  auto nav = [&](const char* label, Route r) {
    bool selected = ui.route == r;
    if (selectable(label, selected)) app.go(r);
  };
  float top = ImGui::GetCursorPosY();
  draw_my_invitations(app, *me);
  if (is_org_admin(s, *me)) {
    text_muted("MANAGE WORKSPACE");
    nav("Sub-workspaces##nav", Route{View::SubWorkspaces, 0});
    nav("Trash##nav", Route{View::Trash, 0});
    ImGui::Spacing();
  }
  WorkspaceId wsid = ui.route.ws ? ui.route.ws : s.parent;
  const Workspace* ws = s.workspace(wsid);
  if (!ws || !can_see(s, *me, *ws)) return;
  if (ImGui::GetCursorPosY() > top) {  // a line between sections, not above the first
    ImGui::Separator();
    ImGui::Spacing();
  }
  text_muted("%s", ws->is_parent ? "PARENT WORKSPACE" : "SUB-WORKSPACE");
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ImGui::TextUnformatted(ws->name.c_str());
  ImGui::PopTextWrapPos();
  if (auto role = effective_role(s, *me, *ws)) text_muted("You: %s", std::string(role_label(*role)).c_str());
  ImGui::Spacing();
  nav("Members##nav", Route{View::Members, wsid});
  nav("Assets##nav", Route{View::Assets, wsid});
  nav("Videos##nav", Route{View::Videos, wsid});
  // Views a role cannot use are not offered (the view itself also says why).
  if (can(s, *me, *ws, Perm::Api) || (!workspace_has_api(s, *ws) && is_org_admin(s, *me)))
    nav(workspace_has_api(s, *ws) ? "API##nav" : "API (off)##nav", Route{View::Api, wsid});
  if (can(s, *me, *ws, Perm::Billing)) {
    nav("Usage & billing##nav", Route{View::Billing, wsid});
    nav("Audit log##nav", Route{View::Audit, wsid});
  }
  nav("Settings##nav", Route{View::Settings, wsid});
}

void draw_banners(App& app) {
  UiState& ui = app.ui();
  if (!ui.storage_problem.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().badge_warn_bg);
    ImGui::BeginChild("storage-problem", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().badge_warn_fg);
    text_wrapped("\xE2\x9A\xA0 Stored data was damaged. " + ui.storage_problem);
    ImGui::PopStyleColor();
    if (small_button("Dismiss##storage-problem")) ui.storage_problem.clear();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  if (ui.read_only) text_warning("Read-only: %s", ui.read_only_reason.c_str());
}

void draw_toasts(App& app) {
  auto& toasts = app.ui().toasts;
  double now = ImGui::GetTime();
  for (auto& t : toasts)
    if (t.shown_at < 0) t.shown_at = now;
  // Notes fade after five seconds and refusals after twelve; other errors (storage, sync)
  // stay until dismissed.
  auto expired = [&](const Toast& t) {
    double age = now - t.shown_at;
    return !t.error ? age > 5.0 : !t.actor.empty() && age > 12.0;
  };
  toasts.erase(std::remove_if(toasts.begin(), toasts.end(), expired), toasts.end());
  if (toasts.empty()) return;
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16, vp->WorkPos.y + vp->WorkSize.y - 16), ImGuiCond_Always,
                          ImVec2(1, 1));
  ImGui::SetNextWindowSizeConstraints(ImVec2(260, 0), ImVec2(460, 400));
  ImGui::Begin("##toasts", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
  int remove = -1;
  // Errors last, against the anchored bottom edge: notes fading above them do not move
  // their Dismiss buttons.
  for (bool errors : {false, true}) {
    for (int i = 0; i < static_cast<int>(toasts.size()); ++i) {
      if (toasts[i].error != errors) continue;
      ImGui::PushID(i);
      ImGui::PushTextWrapPos(440);
      if (errors) text_error("%s", toasts[i].text.c_str());
      else text_wrapped(toasts[i].text);
      track_text("toast:" + std::to_string(i), toasts[i].text);
      ImGui::PopTextWrapPos();
      if (errors && small_button("Dismiss##toast")) remove = i;
      ImGui::PopID();
    }
  }
  track("toasts");
  ImGui::End();
  if (remove >= 0) toasts.erase(toasts.begin() + remove);
}

void App::frame() {
  set_item_rects(&items_);
  ui::set_read_only(ui_.read_only ? ui_.read_only_reason : std::string());
  items_.begin_frame();
  glyphs_.tick(state());
  if (!ui_.pending_demo.empty()) {
    std::string size = std::move(ui_.pending_demo);
    ui_.pending_demo.clear();
    reset_demo(size);
  }
  housekeeping();
  sync_tick();
  csv_tick();
  if (pending_route_ && (pending_route_->ws == 0 || state().workspace(pending_route_->ws))) {
    Route r = *pending_route_;
    pending_route_.reset();
    on_route(r.to_hash());
    if (ui_.route == r) platform_.set_route(r.to_hash(), false);  // the URL follows a route the app chose
  }

  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##console", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::BeginChild("topbar", ImVec2(0, kTopBarHeight - 12), false, ImGuiWindowFlags_NoScrollbar);
  draw_top_bar(*this);
  ImGui::EndChild();
  ImGui::Separator();

  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().sidebar_bg);
  // Narrow windows (a portal's side panel, a half screen) give the tables the room.
  float sidebar = std::clamp(vp->WorkSize.x * 0.17f, kSidebarMinWidth, kSidebarWidth);
  ImGui::BeginChild("sidebar", ImVec2(sidebar, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  draw_sidebar(*this);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::SameLine();

  ImGui::BeginChild("main", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  draw_banners(*this);
  if (sync_.enabled && !sync_.signed_in()) {
    draw_sign_in(*this);
  } else if (sync_.enabled && !state().has_org) {
    text_muted(sync_.offline ? "The server cannot be reached yet; retrying..." : "Loading the organisation from the server...");
  } else if (!state().has_org) {
    text_muted("There is no organisation in this store.");
  } else if (!me()) {
    text_muted("Choose who you are acting as (top right).");
  } else {
    switch (ui_.route.view) {
      case View::SubWorkspaces: draw_subworkspaces(*this); break;
      case View::Trash: draw_trash(*this); break;
      case View::Members: draw_members(*this); break;
      case View::Assets: draw_assets(*this); break;
      case View::Videos: draw_videos(*this); break;
      case View::Api: draw_api(*this); break;
      case View::Billing: draw_billing(*this); break;
      case View::Audit: draw_audit(*this); break;
      case View::Settings: draw_settings(*this); break;
    }
  }
  ImGui::EndChild();
  ImGui::End();

  draw_create_wizard(*this);
  draw_gear_dialog(*this);
  draw_invite_links(*this);
  draw_import_dialog(*this);
  draw_demo_confirm(*this);
  draw_csv_import(*this);
  draw_toasts(*this);
  items_.end_frame();
  set_item_rects(nullptr);
}

}  // namespace subspace::ui
