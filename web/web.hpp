// The browser platform layer: one struct holds everything the page needs to run the App
// (Dear ImGui backend style: short direct functions over that state). Each module instance
// (MODULARIZE) has its own wasm memory, so one global per instance is enough even when a
// page hosts several instances.
//
// Only web/ sees Emscripten, SDL and GL headers; core/ and shell/ never do.
#pragma once
#ifndef __EMSCRIPTEN__
#error "web/ is the browser build: compile it with Emscripten"
#endif

#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "core/store/storage.hpp"
#include "shell/app.hpp"
#include "shell/platform.hpp"

// JavaScript the C++ side calls: web/library_subspace.js (linked with --js-library). Each
// forwards to the page's host object for this instance (web/subspace-web.js).
extern "C" {
void subspace_js_init();                 // binds "#canvas" to this instance's canvas
char* subspace_js_config();              // JSON config, malloc'd (the caller frees)
double subspace_js_now();                // Date.now()
void subspace_js_random(std::uint8_t* out, std::size_t n);  // crypto.getRandomValues
void subspace_js_copy_text(const char* text, std::size_t len);
void subspace_js_download(const char* name, const char* mime, const char* bytes, std::size_t len);
void subspace_js_set_route(const char* hash, int push);
void subspace_js_pick_file(int purpose, const char* accept);
void subspace_js_open_store(const char* name);  // mount IDBFS + load; answers subspace_store_loaded
void subspace_js_storage_changed();              // debounced save; answers subspace_save_finished
void subspace_js_emit(const char* event, const char* json);
void subspace_js_first_frame();                  // resolves the page's `ready` promise
void subspace_js_fatal(const char* message);     // the app cannot run (e.g. no WebGL2)
void subspace_js_canvas_size(double* css_w, double* css_h);  // the canvas's CSS size
void subspace_js_text_input(int on);             // an ImGui text field is active (or no longer)
void subspace_js_text_caret(int x, int y);       // its text cursor, CSS pixels in the canvas
// Fetches a fallback font file into the wasm file system's `dir`; answers subspace_font_fetched.
void subspace_js_fetch_font(const char* name, const char* dir);
// fetch(); answers subspace_http_response(id, status, body).
void subspace_js_http(unsigned id, const char* method, const char* url, const char* body, const char* bearer);
}

namespace subspace::web {

// The Platform the App talks to; every method is a thin call into JavaScript.
struct WebPlatform final : ui::Platform {
  TimeMs now() override;
  void secure_random(std::uint8_t* out, std::size_t n) override;
  void copy_text(std::string_view text) override;
  void download(std::string_view filename, std::string_view mime, std::string_view bytes) override;
  void set_route(std::string_view hash, bool push) override;
  void pick_file(ui::FilePurpose purpose, std::string_view accept) override;
  void storage_changed() override;
  std::uintptr_t create_texture(const std::uint8_t* rgba, int w, int h) override;
  void destroy_texture(std::uintptr_t texture) override;
  void emit(std::string_view event, std::string_view json) override;
  void http_request(std::uint64_t id, std::string_view method, std::string_view url, std::string_view body,
                    std::string_view bearer_token) override;
};

struct Backend {
  // Configuration from the page (subspace_js_config).
  std::string store_name = "default";
  ui::AppConfig config;
  bool mac = false;  // Cmd instead of Ctrl for shortcuts

  // The App and what it stands on. Created only after the store's first load finished.
  std::unique_ptr<FolderStorage> storage;
  WebPlatform platform;
  std::unique_ptr<ui::App> app;

  // SDL window and GL context (SDL only delivers input events and owns the context).
  SDL_Window* window = nullptr;
  SDL_GLContext gl_context = nullptr;

  // Canvas geometry, in CSS pixels and device pixels; fonts are rasterised for font_ratio.
  double css_w = 0, css_h = 0, dpr = 0;
  int fb_w = 0, fb_h = 0;
  int sdl_w = 0, sdl_h = 0;
  float font_ratio = 0;

  // Input events not yet handed to ImGui (see poll_events), and the modifier keys as of the
  // last key event handed over.
  std::deque<SDL_Event> events;
  std::uint16_t key_mods = 0;
  bool text_input = false;  // what the page was last told of io.WantTextInput

  // Clipboard: the last text copied or pasted; a paste from the browser waiting to be
  // replayed to ImGui as the paste shortcut.
  std::string clipboard;
  bool paste_pending = false;
  bool paste_key_down = false;

  // Frame pacing: draw every animation frame while something happens, slower when idle.
  double last_activity_ms = 0;
  unsigned frame_counter = 0;
  bool first_frame_drawn = false;
};

Backend& backend();
void wake();  // something changed outside ImGui's input: draw the next frames at full rate

// main.cpp
void on_store_loaded(bool ok, const std::string& message, const std::string& read_only_reason);
void shutdown();
// Text the page's hidden field received (a composition's result, an emoji, a mobile
// keyboard's word): joins the input events in order, for ImGui's text fields.
void queue_text(std::string_view utf8);

}  // namespace subspace::web
