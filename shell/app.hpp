// The App owns everything the interface draws from: the core Session, the store, and the
// state of the panels. Panels are draw functions over it (shell/panel_*.cpp); they change
// the organisation only through App::dispatch, which sends a core command as the person
// the user is acting as.
#pragma once
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "core/session.hpp"
#include "core/store/store.hpp"
#include "shell/glyph_scan.hpp"
#include "shell/item_rects.hpp"
#include "shell/platform.hpp"
#include "shell/sync_state.hpp"
#include "shell/ui_state.hpp"

namespace subspace::ui {

struct AppConfig {
  std::string demo = "small";  // demo to create when the store is empty ("" = empty org)
  bool demo_asked = false;     // the URL named the demo: say so when the store is not empty
  std::uint64_t demo_seed = 7;
  std::string acting_as;       // start acting as this person (default: the first org admin)
  std::string start_route;     // e.g. "#/ws/12/members"
  std::optional<bool> dark;  // unset: this browser's last choice (prefs.json), else light
  std::string server;  // sync server URL ("" = offline, the app is its own authority)
  std::string org;     // the organisation's id on that server
  std::string page_url;  // this page without query and hash, for invitation links
};

class App {
 public:
  App(Platform& platform, Storage& storage, AppConfig config);
  ~App();

  // Loads the store (the caller has made sure the storage finished its first load), and
  // creates the demo organisation when there is nothing yet.
  void start();
  // Draws one frame of the console. The caller owns ImGui's NewFrame/Render.
  void frame();

  // --- commands ---
  // Dispatches `p` as the acting person; a refusal is returned and, unless the caller shows
  // it in place (a dialog's own error line), also shown as a toast.
  enum class Refusal : std::uint8_t { Toast, ShownInPlace };
  ExecResult dispatch(Payload p, Refusal shown = Refusal::Toast);
  // For a control that shows its own refusal: `error` gets the reason, or is cleared.
  bool dispatch_here(Payload p, std::string& error) {
    ExecResult r = dispatch(std::move(p), Refusal::ShownInPlace);
    error = r.accepted() ? "" : r.error.message;
    return r.accepted();
  }
  // The embedding API: one command as JSON {type, ...}; answers {"ok":..,"error":{code,message}}.
  std::string dispatch_json(std::string_view json);
  std::string state_json() const;

  // --- events from the platform ---
  // `explain`: say so when the route is not there for this person (a typed or followed link);
  // off when the person changed under the route, who simply lands somewhere they may be.
  void on_route(std::string_view hash, bool explain = true);
  void on_file_picked(FilePurpose purpose, std::string_view name, std::string_view bytes);
  void on_image_picked(std::string_view name, std::size_t original_bytes, const std::uint8_t* rgba, int w, int h);
  void on_file_error(FilePurpose purpose, std::string_view message);
  void on_save_finished(bool ok, std::string_view message);
  void on_http_response(std::uint64_t id, int status, std::string_view body);
  void reset_demo(std::string_view size);
  // Another tab writes this store: read-only until it goes away (web/, Web Locks).
  void set_read_only(bool on, std::string reason);
  // The store's files changed under this tab: load them again.
  void reload_store();

  // --- sync with a server (shell/app_sync.cpp) ---
  const SyncState& sync() const { return sync_; }
  std::size_t session_pending() const { return session_.pending().size(); }
  // The last sequence number the authority confirmed (with a server: the server's).
  std::uint64_t confirmed_seq() const { return session_.confirmed().last_seq; }
  SyncState& sync_ui() { return sync_; }
  void sign_in(std::string token);
  void sign_out();
  std::string invite_url(const InviteLink& link) const;

  // --- for panels ---
  const State& state() const { return session_.state(); }
  // The names of the organisation have all been read for the fonts (scripts/bench waits
  // for it: the reading is spread over the first frames after a load).
  bool glyph_scan_idle() const { return glyphs_.idle(state()); }
  UiState& ui() { return ui_; }
  Platform& platform() { return platform_; }
  ItemRects& items() { return items_; }
  TimeMs now() { return platform_.now(); }
  std::optional<PersonIx> me() const;  // the acting person
  // The live workspace of the current route, if the acting person may see it.
  const Workspace* route_workspace() const;
  void go(Route r, bool push = true);
  // The person commands go out as (remembered in this browser); the view follows their rights.
  void act_as(const std::string& email);
  // The light or dark theme, remembered in this browser.
  void set_dark(bool dark);
  void toast(std::string text, bool error = false);
  void refusal_toast(std::string text);  // an error about what the person acting tried
  Store& store() { return *store_; }
  // The GPU texture of a workspace image (loaded from its blob once), or 0.
  std::uintptr_t image_texture(const ImageRef& image);
  // Stores a picked thumbnail as a blob; returns its name, or "" on failure.
  std::string save_image_blob(const Thumbnail& t);
  // Import of a whole organisation (shell/app_files.cpp): checked, then confirmed.
  void apply_import();
  void cancel_import();
  // Members from a CSV file or pasted CSV, read a slice per frame (shell/dialog_csv_import.cpp).
  void start_csv_import(std::string_view name, std::string_view bytes);

 private:
  ExecResult send(Payload p, std::string actor);
  void prepare_import(std::string_view name, std::string_view bytes);
  void csv_tick();
  void housekeeping();
  void start_sync();
  void sync_tick();
  std::string unreachable_hint() const;
  void send_sync();
  void request(Request kind, std::string_view method, std::string_view path, const std::string& body);
  void on_sync_answer(int status, std::string_view body);
  void save_sync_file();
  void save_pending();
  void persist(const Event& e);
  void touch_storage();  // the store's files changed: have the platform save them
  void take_route(Route r);  // the route itself, without the URL: another workspace's views start afresh
  void load_store();
  void choose_default_actor();
  void load_prefs();
  void save_prefs();

  Platform& platform_;
  Storage& storage_;
  AppConfig config_;
  std::unique_ptr<Store> store_;
  Session session_;
  UiState ui_;
  ItemRects items_;
  GlyphScan glyphs_;  // characters in names, for the fonts
  TimeMs next_housekeeping_ = 0;
  SyncState sync_;
  std::unique_ptr<State> import_candidate_;
  std::unique_ptr<MemberCsvReader> csv_reader_;  // a member list being read  // checked, waiting for "replace?"
  std::string follower_reason_;  // another tab writes this store
  std::string locked_reason_;    // the stored data cannot be used by this version
  std::optional<Route> pending_route_;  // where to go once the next frame starts
  std::unordered_map<std::string, std::uintptr_t> textures_;  // blob name -> texture (0: unreadable)
};

}  // namespace subspace::ui
