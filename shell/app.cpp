#include "shell/app.hpp"

#include <algorithm>

#include "core/demo.hpp"
#include "core/rights.hpp"
#include "core/state_json.hpp"
#include "core/text.hpp"
#include "shell/theme.hpp"

namespace subspace::ui {
namespace {

// Command ids from the platform's secure random source: unique across tabs and devices
// without coordination, and below 2^53 so JavaScript keeps them exact.
struct PlatformIds final : IdSource {
  Platform& p;
  explicit PlatformIds(Platform& platform) : p(platform) {}
  Id next() override {
    for (;;) {
      std::uint64_t v = 0;
      p.secure_random(reinterpret_cast<std::uint8_t*>(&v), sizeof v);
      v &= kMaxId;
      if (v != 0) return v;
    }
  }
};

std::string result_json(const ExecResult& r) {
  Json j = {{"ok", r.accepted()}};
  if (!r.accepted()) j["error"] = error_to_json(r.error);
  if (r.event) j["id"] = r.event->command.env.id;
  return j.dump();
}

}  // namespace

App::App(Platform& platform, Storage& storage, AppConfig config)
    : platform_(platform), storage_(storage), config_(std::move(config)) {}

App::~App() = default;

std::optional<PersonIx> App::me() const { return state().person(ui_.acting_as); }

const Workspace* App::route_workspace() const {
  const State& s = state();
  auto p = me();
  const Workspace* ws = s.workspace(ui_.route.ws ? ui_.route.ws : s.parent);
  if (!p || !ws || !ws->live() || !can_see(s, *p, *ws)) return nullptr;
  return ws;
}

void App::start() {
  store_ = std::make_unique<Store>(storage_);
  load_store();
  if (!config_.server.empty()) start_sync();
  load_prefs();
  bool asked_unknown = !config_.acting_as.empty() && !state().person(normalize_email(config_.acting_as).value_or(""));
  if (!config_.acting_as.empty() && !asked_unknown) ui_.acting_as = *normalize_email(config_.acting_as);
  choose_default_actor();
  // A link that names someone who is not here says so, rather than quietly acting as another.
  if (asked_unknown && !sync_.enabled)
    toast("Nobody with the email '" + config_.acting_as + "' is in this organisation; acting as " + ui_.acting_as + ".", true);
  on_route(config_.start_route);
}

void App::touch_storage() {
  if (!ui_.read_only) platform_.storage_changed();  // a read-only tab never writes
}

void App::set_read_only(bool on, std::string reason) {
  follower_reason_ = on ? std::move(reason) : std::string();
  ui_.read_only = !follower_reason_.empty() || !locked_reason_.empty();
  ui_.read_only_reason = !locked_reason_.empty() ? locked_reason_ : follower_reason_;
  // Writable again: refusals that said it was not are out of date.
  if (!ui_.read_only) {
    auto& t = ui_.toasts;
    t.erase(std::remove_if(t.begin(), t.end(), [](const Toast& x) { return x.text.rfind("This tab is read-only", 0) == 0; }), t.end());
  }
}

void App::reload_store() {
  load_store();
  choose_default_actor();
  on_route(ui_.route.to_hash());
}

void App::load_store() {
  State loaded;
  LoadReport report;
  if (Error e = store_->load(loaded, report)) {
    // Nothing trustworthy to load (e.g. data from a newer version): show it, write nothing.
    locked_reason_ = e.message;
    ui_.read_only = true;
    ui_.read_only_reason = e.message;
    session_.reset(State{});
    glyphs_.restart();
    return;
  }
  if (report.damaged()) {
    ui_.storage_problem = report.problem;
    touch_storage();  // the quarantine files
  }
  // An empty store gets a demo, unless the org comes from a server or another tab writes.
  if (!loaded.has_org && config_.server.empty() && !ui_.read_only) {
    auto size = demo_size(config_.demo.empty() ? "empty" : config_.demo);
    loaded = make_demo(size ? *size : *demo_size("small"), config_.demo_seed, platform_.now()).state;
    if (Error e = store_->reset(loaded)) toast("Could not save the new organisation: " + e.message, true);
    touch_storage();
  } else if (loaded.has_org && config_.demo_asked) {
    toast("This store already holds '" + loaded.org_name + "': ?demo= makes a demo in an empty store only. "
          "Menu > Reset to a demo organisation replaces it (or open another ?store=).");
  }
  session_.reset(std::move(loaded));
  glyphs_.restart();
  session_.set_sink([this](const Event& e) { persist(e); });
}

void App::choose_default_actor() {
  const State& s = state();
  if (!s.has_org) return;
  if (auto p = s.person(ui_.acting_as); p) return;
  for (const auto& m : s.parent_workspace().members) {
    if (m.status == MemberStatus::Active && m.role == Role::SuperAdmin) {
      ui_.acting_as = s.people[m.person].email;
      return;
    }
  }
  if (!s.people.empty()) ui_.acting_as = s.people.front().email;
}

void App::persist(const Event& e) {
  if (Error err = store_->append(e)) {
    ui_.save_failed = true;
    ui_.save_status = "save failed: " + err.message;
    platform_.emit("error", Json({{"code", error_code(err.code)}, {"message", err.message}}).dump());
    return;
  }
  if (store_->compaction_due()) {
    if (Error err = store_->compact(session_.confirmed())) toast("Compacting storage failed: " + err.message, true);
  }
  ui_.save_status = "saving";
  touch_storage();
}

void App::on_save_finished(bool ok, std::string_view message) {
  ui_.save_failed = !ok;
  ui_.save_status = ok ? "saved" : "save failed: " + std::string(message);
  platform_.emit("saved", Json({{"ok", ok}, {"message", message}}).dump());
  // A host listening for errors only hears of a failed save too.
  if (!ok) platform_.emit("error", Json({{"code", "save_failed"}, {"message", message}}).dump());
}

ExecResult App::send(Payload p, std::string actor) {
  ExecResult r;
  if (ui_.read_only) {
    r.error = Error(Err::storage_failed, "This tab is read-only: " + ui_.read_only_reason);
    return r;
  }
  PlatformIds ids(platform_);
  Command c{{ids.next(), std::move(actor), platform_.now()}, std::move(p)};
  r = session_.dispatch(c);
  if (sync_.enabled && r.event) {
    save_pending();
    sync_.next_attempt = 0;  // send it now
  }
  platform_.emit("state", Json({{"accepted", r.accepted()}, {"type", command_name(c.type())}}).dump());
  return r;
}

ExecResult App::dispatch(Payload p, Refusal shown) {
  ExecResult r = send(std::move(p), ui_.acting_as);
  if (!r.accepted() && shown == Refusal::Toast) refusal_toast(r.error.message);
  return r;
}

std::string App::dispatch_json(std::string_view json) {
  Command c;
  ExecResult r;
  if (Error e = command_from_text(json, c, /*with_envelope=*/false)) r.error = e;
  else r = send(std::move(c.payload), ui_.acting_as);
  return result_json(r);
}

std::string App::state_json() const { return state_to_text(state()); }

void App::go(Route r, bool push) {
  take_route(r);
  platform_.set_route(r.to_hash(), push);
}

void App::take_route(Route r) {
  if (r.ws != ui_.route.ws) ui_.forget_workspace_drafts();
  ui_.route = r;
}

void App::on_route(std::string_view hash, bool explain) {
  constexpr std::string_view kInvite = "#/invite/";
  if (hash.substr(0, kInvite.size()) == kInvite) {
    // An invitation link: accepted through the server, which signs the invitee in.
    if (sync_.enabled) sync_.invite_token = std::string(hash.substr(kInvite.size()));
    else toast("Invitation links work when the app is connected to a server.", true);
    go(Route{View::SubWorkspaces, 0}, false);
    return;
  }
  auto r = Route::parse(hash);
  if (!r && hash.size() > 1) toast("There is no page at " + std::string(hash) + ".", true);
  const State& s = state();
  auto p = me();
  if (r && r->ws != 0) {
    const Workspace* ws = s.workspace(r->ws);
    if (!ws || !p || !can_see(s, *p, *ws) || !ws->live()) {
      if (explain) refusal_toast("That workspace does not exist or is not visible to " + ui_.acting_as + ".");
      r.reset();
    }
  }
  if (r && (r->view == View::SubWorkspaces || r->view == View::Trash) && !(p && is_org_admin(s, *p))) {
    // A bare address lands there by default: only a link that names the page is answered.
    bool named = hash.find("subs") != std::string_view::npos || hash.find("trash") != std::string_view::npos;
    if (explain && named)
      refusal_toast(std::string(r->view == View::Trash ? "The trash" : "The Sub-workspaces list") + " is for org admins; " +
                    ui_.acting_as + " is not one, so their own workspace is shown instead.");
    r.reset();
  }
  if (!r) {
    // Somewhere this person may be: the sub-workspaces list for org admins, else their first workspace.
    Route fallback{View::SubWorkspaces, 0};
    if (p && !is_org_admin(s, *p)) {
      auto visible = visible_workspaces(s, *p);
      fallback = visible.empty() ? Route{View::Members, 0} : Route{View::Members, visible.front()};
    }
    go(fallback, false);
    return;
  }
  take_route(*r);
  if (r->to_hash() != hash) platform_.set_route(r->to_hash(), false);  // canonical form in the URL
}

// The app's own upkeep, as the system actor: sub-workspaces 30 days in the trash are purged.
void App::housekeeping() {
  TimeMs t = now();
  if (t < next_housekeeping_ || ui_.read_only || sync_.enabled) return;  // a server does its own
  next_housekeeping_ = t + 60 * kSecondMs;
  std::vector<WorkspaceId> due;
  for (const auto& ws : state().workspaces)
    if (ws.deleted_at && t - *ws.deleted_at >= kTrashRetentionMs) due.push_back(ws.id);
  for (WorkspaceId id : due) send(PurgeWorkspace{id}, std::string(kSystemEmail));
}

void App::act_as(const std::string& email) {
  if (!state().person(email)) return;
  if (email != ui_.acting_as) ui_.forget_drafts();
  ui_.acting_as = email;
  // What someone else was refused does not concern the new person (errors of storage stay).
  auto& t = ui_.toasts;
  t.erase(std::remove_if(t.begin(), t.end(), [&](const Toast& x) { return !x.actor.empty() && x.actor != email; }), t.end());
  save_prefs();
  on_route(ui_.route.to_hash(), /*explain=*/false);
}

void App::set_dark(bool dark) {
  apply_theme(dark);
  save_prefs();
}

// Preferences of this browser, kept next to the store: not part of the organisation, so
// not in its snapshot, its export or a server's copy.
constexpr const char* kPrefsFile = "prefs.json";

void App::load_prefs() {
  Json j = parse_json(storage_.read(kPrefsFile).value_or("{}"));
  if (!j.is_object()) j = Json::object();  // unreadable preferences are only preferences: defaults
  // What the page asks for wins over what was remembered.
  if (config_.dark) apply_theme(*config_.dark);
  else if (j.contains("dark") && j["dark"].is_boolean()) apply_theme(j["dark"].get<bool>());
  if (!sync_.enabled && j.contains("acting_as") && j["acting_as"].is_string()) {
    std::string who = j["acting_as"].get<std::string>();
    if (state().person(who)) ui_.acting_as = who;
  }
}

void App::save_prefs() {
  if (ui_.read_only) return;
  Json j = {{"dark", theme_is_dark()}};
  if (!sync_.enabled) j["acting_as"] = ui_.acting_as;
  if (!storage_.write(kPrefsFile, j.dump())) touch_storage();
}

void App::toast(std::string text, bool error) { ui_.toasts.push_back({std::move(text), error, -1, {}}); }
void App::refusal_toast(std::string text) { ui_.toasts.push_back({std::move(text), true, -1, ui_.acting_as}); }

void App::reset_demo(std::string_view size) {
  if (ui_.read_only) {  // it would replace the store under the tab that writes it
    toast("This tab is read-only: " + ui_.read_only_reason, true);
    return;
  }
  auto d = demo_size(size);
  if (!d) {
    toast("Unknown demo size '" + std::string(size) + "'.", true);
    return;
  }
  DemoResult demo = make_demo(*d, config_.demo_seed, platform_.now());
  if (Error e = store_->reset(demo.state)) {
    toast("Could not save the demo: " + e.message, true);
    return;
  }
  session_.reset(std::move(demo.state));
  glyphs_.restart();
  ui_ = UiState{};
  ui_.acting_as = demo.admin_email;
  touch_storage();
  go(Route{View::SubWorkspaces, 0}, true);
  toast("Loaded the " + std::string(size) + " demo organisation.");
}

void App::on_file_error(FilePurpose purpose, std::string_view message) {
  if (purpose == FilePurpose::WorkspaceImage) {
    // Shown where the image was being chosen: the wizard or a workspace's settings.
    (ui_.image_target ? ui_.settings.image_error : ui_.wizard.image_error) = std::string(message);
  }
  toast(std::string(message), true);
}

}  // namespace subspace::ui
