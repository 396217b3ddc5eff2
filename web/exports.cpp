// C functions the page calls (through web/library_subspace.js). Strings returned are
// malloc'd; the JavaScript side copies and frees them.
#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

#include "shell/theme.hpp"
#include "web/web.hpp"

using subspace::web::backend;
using subspace::web::wake;
using Json = nlohmann::json;

namespace {

char* to_c(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

subspace::ui::App* app() { return backend().app.get(); }

std::string not_ready() {
  return Json({{"ok", false},
               {"error", {{"code", "not_ready"}, {"message", "Subspace has not finished loading yet; wait for Subspace.ready."}}}})
      .dump();
}

Json rect_json(const subspace::ui::ItemRect& r) {
  return {{"x", r.x0}, {"y", r.y0}, {"w", r.x1 - r.x0}, {"h", r.y1 - r.y0}, {"enabled", r.enabled}};
}

// The font atlas: its size, the code points merged from fallback fonts, builds so far.
Json fonts_json() {
  auto f = subspace::ui::font_stats();
  return {{"atlasWidth", f.atlas_width}, {"atlasHeight", f.atlas_height}, {"fallbackGlyphs", f.fallback_glyphs}, {"builds", f.builds}};
}

bool valid_purpose(int p) { return p >= 0 && p <= static_cast<int>(subspace::ui::FilePurpose::InviteCsv); }

}  // namespace

extern "C" {

// The store's first load finished (ok = 0: IndexedDB could not be read; message says why).
EMSCRIPTEN_KEEPALIVE void subspace_store_loaded(int ok, const char* message, const char* read_only_reason) {
  subspace::web::on_store_loaded(ok != 0, message ? message : "", read_only_reason ? read_only_reason : "");
}

// Another tab writes this store (Web Locks): this one is read-only until it takes over.
EMSCRIPTEN_KEEPALIVE void subspace_set_read_only(int on, const char* reason) {
  if (!app()) return;
  app()->set_read_only(on != 0, reason ? reason : "");
  wake();
}

// The browser answered navigator.storage.persist(): whether the store may be evicted.
EMSCRIPTEN_KEEPALIVE void subspace_set_persistent(int granted) {
  if (!app()) return;
  app()->ui().storage_persistent = granted != 0;
  wake();
}

// The page unmounts this instance.
EMSCRIPTEN_KEEPALIVE void subspace_shutdown() { subspace::web::shutdown(); }

// The store's files changed under this tab (the writing tab saved): read them again.
EMSCRIPTEN_KEEPALIVE void subspace_reload_store() {
  if (!app()) return;
  app()->reload_store();
  wake();
}

EMSCRIPTEN_KEEPALIVE void subspace_save_finished(int ok, const char* message) {
  if (!app()) return;
  app()->on_save_finished(ok != 0, message ? message : "");
  wake();
}

// One command {type, ...fields} as JSON; answers {"ok":..,"error":{code,message}}.
EMSCRIPTEN_KEEPALIVE char* subspace_dispatch_json(const char* json) {
  if (!app()) return to_c(not_ready());
  wake();
  return to_c(app()->dispatch_json(json ? json : ""));
}

EMSCRIPTEN_KEEPALIVE char* subspace_state_json() { return app() ? to_c(app()->state_json()) : nullptr; }

// The interface's own state the page may show or test: save status, acting person, route.
EMSCRIPTEN_KEEPALIVE char* subspace_status_json() {
  if (!app()) return nullptr;
  const auto& ui = app()->ui();
  const auto& b = backend();
  return to_c(Json({{"saveStatus", ui.save_status},
                    {"saveFailed", ui.save_failed},
                    {"readOnly", ui.read_only},
                    {"readOnlyReason", ui.read_only_reason},
                    {"storageProblem", ui.storage_problem},
                    {"actingAs", ui.acting_as},
                    {"dark", subspace::ui::theme_is_dark()},
                    {"route", ui.route.to_hash()},
                    {"store", b.store_name},
                    {"sync",
                     {{"enabled", app()->sync().enabled},
                      {"signedIn", app()->sync().signed_in()},
                      {"email", app()->sync().email},
                      {"offline", app()->sync().offline},
                      {"pending", app()->session_pending()},
                      {"lastSeq", app()->confirmed_seq()},
                      {"problem", app()->sync().problem}}},
                    {"display",
                     {{"width", b.css_w}, {"height", b.css_h}, {"pixelRatio", b.dpr}, {"fontPixelRatio", b.font_ratio}}},
                    {"fonts", fonts_json()}})
                  .dump());
}

// Where a labelled widget was drawn in the last frame, in CSS pixels from the canvas's
// top-left corner ({x,y,w,h,enabled}); null when it was not drawn.
EMSCRIPTEN_KEEPALIVE char* subspace_item_rect(const char* label) {
  if (!app() || !label) return nullptr;
  const auto* r = app()->items().find(label);
  return r ? to_c(rect_json(*r).dump()) : nullptr;
}

EMSCRIPTEN_KEEPALIVE char* subspace_items_json() {
  if (!app()) return to_c("{}");
  Json all = Json::object();
  for (const auto& [label, r] : app()->items().all()) all[label] = rect_json(r);
  return to_c(all.dump());
}

// The answer to a WebPlatform::http_request (status 0: the server could not be reached).
EMSCRIPTEN_KEEPALIVE void subspace_http_response(unsigned id, int status, const char* body) {
  if (!app()) return;
  wake();
  app()->on_http_response(id, status, body ? body : "");
}

// The URL hash changed by the user (back/forward, a typed URL, a link).
EMSCRIPTEN_KEEPALIVE void subspace_route_changed(const char* hash) {
  if (!app()) return;
  app()->on_route(hash ? hash : "");
  wake();
}

// Text from a browser paste event: becomes ImGui's clipboard, then the paste shortcut is
// replayed to ImGui at the next frame.
EMSCRIPTEN_KEEPALIVE void subspace_paste(const char* text) {
  auto& b = backend();
  b.clipboard = text ? text : "";
  b.paste_pending = true;
  wake();
}

// Text typed through the page's hidden field rather than keypress: composition (dead keys,
// input methods), emoji pickers, mobile keyboards.
EMSCRIPTEN_KEEPALIVE void subspace_insert_text(const char* text) {
  if (!text || !*text) return;
  subspace::web::queue_text(text);
  wake();
}

// A fallback font file asked for by subspace_js_fetch_font is in the file system (ok) or
// could not be fetched (its characters stay boxes).
EMSCRIPTEN_KEEPALIVE void subspace_font_fetched(const char* name, int ok) {
  subspace::ui::font_file_arrived(name ? name : "", ok != 0);
  wake();
}

EMSCRIPTEN_KEEPALIVE void subspace_file_picked(int purpose, const char* name, const char* bytes, std::size_t len) {
  if (!app() || !valid_purpose(purpose)) return;
  app()->on_file_picked(static_cast<subspace::ui::FilePurpose>(purpose), name ? name : "", std::string_view(bytes, bytes ? len : 0));
  wake();
}

EMSCRIPTEN_KEEPALIVE void subspace_image_picked(const char* name, std::size_t original_bytes, const std::uint8_t* rgba, int w, int h) {
  if (!app() || !rgba || w <= 0 || h <= 0) return;
  app()->on_image_picked(name ? name : "", original_bytes, rgba, w, h);
  wake();
}

EMSCRIPTEN_KEEPALIVE void subspace_file_error(int purpose, const char* message) {
  if (!app() || !valid_purpose(purpose)) return;
  app()->on_file_error(static_cast<subspace::ui::FilePurpose>(purpose), message ? message : "");
  wake();
}

// Something outside ImGui's input changed what should be drawn (e.g. the page resized).
EMSCRIPTEN_KEEPALIVE void subspace_wake() { wake(); }

}  // extern "C"
