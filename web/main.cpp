// Start-up and the frame loop of the browser app.
//
// Order matters: IDBFS is mounted and loaded from IndexedDB
// before anything reads or writes the store, because a save begun before the first load
// finished would mirror an empty folder over the stored data. So main() only asks the page
// to open the store; the App is created in the load callback, and only then does the frame
// loop start.
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <nlohmann/json.hpp>

#include <bitset>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "core/command_json.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"
#include "web/web.hpp"

namespace subspace::web {
namespace {

Backend g_backend;

constexpr double kIdleAfterMs = 1000;  // full frame rate this long after the last activity
constexpr unsigned kIdleFrameDivider = 8;  // then draw one animation frame in 8 (~7 fps)
constexpr const char* kFontDir = "/assets";

void read_config(Backend& b) {
  char* text = subspace_js_config();
  auto j = subspace::parse_json(text ? text : "{}");
  std::free(text);
  if (!j.is_object()) return;  // the page validated it; defaults otherwise
  auto str = [&](const char* key, std::string& out) {
    if (j.contains(key) && j[key].is_string()) out = j[key].get<std::string>();
  };
  str("store", b.store_name);
  str("demo", b.config.demo);
  str("actingAs", b.config.acting_as);
  str("route", b.config.start_route);
  str("server", b.config.server);
  str("org", b.config.org);
  str("pageUrl", b.config.page_url);
  if (j.contains("dark") && j["dark"].is_boolean()) b.config.dark = j["dark"].get<bool>();
  if (j.contains("demoAsked") && j["demoAsked"].is_boolean()) b.config.demo_asked = j["demoAsked"].get<bool>();
  if (j.contains("mac") && j["mac"].is_boolean()) b.mac = j["mac"].get<bool>();
}

// ImGui's clipboard is ours, not SDL's (SDL's stays inside the app): copying writes the
// browser clipboard through the page, pasting replays what the page's paste event gave us.
void set_clipboard(void*, const char* text) {
  Backend& b = backend();
  b.clipboard = text ? text : "";
  subspace_js_copy_text(b.clipboard.data(), b.clipboard.size());
}
const char* get_clipboard(void*) { return backend().clipboard.c_str(); }

void remake_font_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// The canvas fills its container; its drawing buffer is CSS size x devicePixelRatio, read
// every frame (zooming changes the ratio). Returns true when anything changed.
bool update_canvas_geometry(Backend& b) {
  double css_w = 0, css_h = 0;
  subspace_js_canvas_size(&css_w, &css_h);
  double dpr = emscripten_get_device_pixel_ratio();
  if (!(dpr > 0)) dpr = 1;
  css_w = std::max(css_w, 1.0);
  css_h = std::max(css_h, 1.0);
  if (css_w == b.css_w && css_h == b.css_h && dpr == b.dpr) return false;
  b.css_w = css_w;
  b.css_h = css_h;
  b.dpr = dpr;

  // SDL scales mouse coordinates by (its window width / the canvas's CSS width). Keeping
  // its window size equal to the CSS size makes them plain CSS pixels, which is what ImGui
  // lays out in. SDL_SetWindowSize also resizes the canvas buffer, so ours comes after.
  int sdl_w = static_cast<int>(std::lround(css_w)), sdl_h = static_cast<int>(std::lround(css_h));
  if (sdl_w != b.sdl_w || sdl_h != b.sdl_h) {
    SDL_SetWindowSize(b.window, sdl_w, sdl_h);
    b.sdl_w = sdl_w;
    b.sdl_h = sdl_h;
  }
  b.fb_w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  b.fb_h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  emscripten_set_canvas_element_size("#canvas", b.fb_w, b.fb_h);

  // Glyphs are rasterised at device pixels (shell/fonts.cpp), so a new ratio needs a new
  // atlas and a new GL font texture.
  if (static_cast<float>(dpr) != b.font_ratio) {
    b.font_ratio = static_cast<float>(dpr);
    ui::build_fonts(kFontDir, b.font_ratio);
    remake_font_texture();
  }
  return true;
}

// Characters the fonts lack were seen (a CJK name, an emoji): the fallback font files they
// need are fetched into kFontDir by the page, and the atlas grows once they are there.
void grow_fonts() {
  for (const std::string& name : ui::take_font_requests()) subspace_js_fetch_font(name.c_str(), kFontDir);
  if (ui::update_fonts()) remake_font_texture();
}

// SDL's wheel events carry the browser's fine-grained delta (100 CSS px = 1 step); the
// 1.86 backend would round each event to a whole step, so trackpads scrolled far too fast.
void on_wheel(const SDL_MouseWheelEvent& e) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheel += e.preciseY;
  io.MouseWheelH -= e.preciseX;  // ImGui scrolls left for positive values, the browser right
}

// Keys with the modifiers of their own event: the 1.86 backend reads SDL_GetModState(),
// i.e. the state after every event received so far, so a Ctrl+A whose Ctrl was already
// released when the frame ran came out as a plain "a".
void on_key(const SDL_KeyboardEvent& k) {
  ImGuiIO& io = ImGui::GetIO();
  int sc = k.keysym.scancode;
  if (sc <= SDL_SCANCODE_UNKNOWN || sc >= IM_ARRAYSIZE(io.KeysDown)) return;
  io.KeysDown[sc] = k.type == SDL_KEYDOWN;
  backend().key_mods = k.keysym.mod;
  io.KeyShift = (k.keysym.mod & KMOD_SHIFT) != 0;
  io.KeyCtrl = (k.keysym.mod & KMOD_CTRL) != 0;
  io.KeyAlt = (k.keysym.mod & KMOD_ALT) != 0;
  io.KeySuper = (k.keysym.mod & KMOD_GUI) != 0;
}

// ImGui 1.86 reads key state once a frame, so a key pressed and released between two frames
// is never seen as down (fast typists, password managers, automated input): Ctrl+A, Enter
// or Backspace got lost. Events are queued and handed over in order, but a key's release
// waits for the next frame when its press was handed over in this one.
bool poll_events(Backend& b) {
  SDL_Event e;
  while (SDL_PollEvent(&e)) b.events.push_back(e);
  if (b.events.empty()) return false;
  // ImGui 1.86 sees a key press as "up last frame, down this frame": a key must not go down
  // and up (or up and down again) within one frame, or the press is lost. Such an event waits.
  std::bitset<SDL_NUM_SCANCODES> pressed, released;
  while (!b.events.empty()) {
    const SDL_Event& ev = b.events.front();
    if (ev.type == SDL_KEYUP && pressed.test(ev.key.keysym.scancode)) break;
    if (ev.type == SDL_KEYDOWN && released.test(ev.key.keysym.scancode)) break;
    if (ev.type == SDL_KEYDOWN) pressed.set(ev.key.keysym.scancode);
    if (ev.type == SDL_KEYUP) released.set(ev.key.keysym.scancode);
    if (ev.type == SDL_MOUSEWHEEL) on_wheel(ev.wheel);
    else if (ev.type == SDL_KEYDOWN || ev.type == SDL_KEYUP) on_key(ev.key);
    else if (ev.type == SDL_TEXTINPUT) ImGui::GetIO().AddInputCharactersUTF8(ev.text.text);
    else ImGui_ImplSDL2_ProcessEvent(&ev);
    b.events.pop_front();
  }
  return true;
}

// The page moves the keyboard to its hidden text field while an ImGui text field is active
// (so that compositions reach us) and back to the canvas after; it is told on each change.
void sync_text_input(Backend& b) {
  bool want = ImGui::GetIO().WantTextInput;
  if (want == b.text_input) return;
  b.text_input = want;
  subspace_js_text_input(want ? 1 : 0);
}

// ImGui reports where its text cursor is when it moves: an input method's candidate window
// opens there (the hidden field follows it).
void set_ime_position(int x, int y) { subspace_js_text_caret(x, y); }

// A paste reached us as a browser `paste` event (the page kept Ctrl/Cmd+V away from SDL so
// that the browser would fire it). Replay the shortcut to ImGui for one frame: it then asks
// get_clipboard(), which returns the pasted text.
void press_paste_shortcut(Backend& b) {
  if (!b.paste_pending) return;
  ImGuiIO& io = ImGui::GetIO();
  b.paste_pending = false;
  b.paste_key_down = true;
  if (io.ConfigMacOSXBehaviors) io.KeySuper = true;
  else io.KeyCtrl = true;
  io.KeysDown[SDL_SCANCODE_V] = true;
}
void release_paste_shortcut(Backend& b) {
  if (!b.paste_key_down) return;
  ImGuiIO& io = ImGui::GetIO();
  b.paste_key_down = false;
  io.KeysDown[SDL_SCANCODE_V] = false;
  io.KeyCtrl = (b.key_mods & KMOD_CTRL) != 0;  // as the last key event left them
  io.KeySuper = (b.key_mods & KMOD_GUI) != 0;
}

void frame(void*) {
  Backend& b = backend();
  double now = emscripten_get_now();
  bool active = poll_events(b);
  active |= update_canvas_geometry(b);
  ImGuiIO& io = ImGui::GetIO();
  active |= b.paste_pending || !b.events.empty() || io.WantTextInput || ImGui::IsAnyMouseDown();
  if (active) b.last_activity_ms = now;
  // Nothing happening: skip most animation frames (saves battery; the 2D state is static).
  if (b.first_frame_drawn && now - b.last_activity_ms > kIdleAfterMs && ++b.frame_counter % kIdleFrameDivider != 0) return;

  grow_fonts();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // After the SDL backend, which sets these from SDL's window (CSS size, ratio 1). The scale
  // is the devicePixelRatio, made exact for the buffer's whole-pixel size.
  io.DisplaySize = ImVec2(static_cast<float>(b.css_w), static_cast<float>(b.css_h));
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(b.fb_w / b.css_w), static_cast<float>(b.fb_h / b.css_h));
  press_paste_shortcut(b);
  subspace::ui::enter_activates(io);

  ImGui::NewFrame();
  b.app->frame();
  ImGui::Render();

  glViewport(0, 0, b.fb_w, b.fb_h);
  ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(b.window);
  release_paste_shortcut(b);
  sync_text_input(b);

  if (!b.first_frame_drawn) {
    b.first_frame_drawn = true;
    subspace_js_first_frame();
  }
}

// SDL (input events, GL context), Dear ImGui and its backends. Returns an error text.
std::string init_graphics(Backend& b) {
  // Keys are read from this instance's own element only (its canvas and hidden text field,
  // mapped to this selector by web/library_subspace.js), so the host page's inputs, other
  // instances and the browser's shortcuts keep theirs when embedded.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#subspace-keys");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) return std::string("SDL_Init failed: ") + SDL_GetError();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  double css_w = 0, css_h = 0;
  subspace_js_canvas_size(&css_w, &css_h);
  // Neither SDL_WINDOW_RESIZABLE nor SDL_WINDOW_ALLOW_HIGHDPI: with them SDL resizes the
  // canvas itself on window resize and scales by its own idea of the pixel ratio. We size
  // the canvas every frame from its container instead (update_canvas_geometry).
  b.window = SDL_CreateWindow("Subspace", 0, 0, std::max(1, static_cast<int>(css_w)), std::max(1, static_cast<int>(css_h)),
                              SDL_WINDOW_OPENGL);
  if (!b.window) return std::string("Could not create the window: ") + SDL_GetError();
  b.gl_context = SDL_GL_CreateContext(b.window);
  if (!b.gl_context) return "This browser could not start WebGL2, which Subspace needs to draw (" + std::string(SDL_GetError()) + ").";
  SDL_GL_MakeCurrent(b.window, b.gl_context);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // window layout is the app's, not a file in the wasm file system
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigMacOSXBehaviors = b.mac;
  ui::apply_theme(b.config.dark.value_or(false));
  ImGui_ImplSDL2_InitForOpenGL(b.window, b.gl_context);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // After the SDL backend's init, which installs SDL's clipboard.
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  io.ClipboardUserData = nullptr;
  io.ImeSetInputScreenPosFn = set_ime_position;

  // Device objects now (shaders, buffers and a first font texture): the backend would make
  // them at the first NewFrame and overwrite, i.e. leak, a font texture made before that.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  b.font_ratio = 0;  // the first geometry update builds the fonts for this ratio
  update_canvas_geometry(b);
  return {};
}

}  // namespace

Backend& backend() { return g_backend; }

void wake() { g_backend.last_activity_ms = emscripten_get_now(); }

void on_store_loaded(bool ok, const std::string& message, const std::string& read_only_reason) {
  Backend& b = backend();
  if (b.app) return;  // one load per instance
  if (std::string err = init_graphics(b); !err.empty()) {
    subspace_js_fatal(err.c_str());
    return;
  }
  b.storage = std::make_unique<FolderStorage>("/data/" + b.store_name);
  if (Error e = b.storage->open()) {
    subspace_js_fatal(("Could not open the store: " + e.message).c_str());
    return;
  }
  b.app = std::make_unique<ui::App>(b.platform, *b.storage, b.config);
  if (!read_only_reason.empty()) b.app->set_read_only(true, read_only_reason);  // before it could write
  b.app->start();
  // Without a first load nothing may be saved (it would overwrite what could not be read):
  // the page keeps saves off and the App says so.
  if (!ok) b.app->on_save_finished(false, message);
  wake();
  emscripten_set_main_loop_arg(frame, nullptr, 0, false);
}

// SDL_TEXTINPUT events hold at most 31 bytes: longer text is split between code points.
// SDL's own queue is drained first, so the text comes after the keys typed before it.
void queue_text(std::string_view utf8) {
  Backend& b = backend();
  SDL_Event e;
  while (SDL_PollEvent(&e)) b.events.push_back(e);
  while (!utf8.empty()) {
    SDL_Event t{};
    t.type = SDL_TEXTINPUT;
    std::size_t n = std::min(utf8.size(), sizeof t.text.text - 1);
    while (n > 0 && n < utf8.size() && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(utf8.size(), sizeof t.text.text - 1);  // not UTF-8: ImGui replaces it
    std::memcpy(t.text.text, utf8.data(), n);
    b.events.push_back(t);
    utf8.remove_prefix(n);
  }
}

// Unmounting: the frame loop stops, ImGui and its backends are shut down, the GL context and
// the SDL window are released, and the App (with its store) is dropped. The page then
// removes the canvas and forgets the module.
void shutdown() {
  Backend& b = backend();
  emscripten_cancel_main_loop();
  b.app.reset();
  b.storage.reset();
  if (ImGui::GetCurrentContext()) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (b.gl_context) SDL_GL_DeleteContext(b.gl_context);
  if (b.window) SDL_DestroyWindow(b.window);
  b.gl_context = nullptr;
  b.window = nullptr;
  SDL_Quit();
}

}  // namespace subspace::web

int main() {
  using namespace subspace::web;
  subspace_js_init();
  read_config(backend());
  subspace_js_open_store(backend().store_name.c_str());
  return 0;  // the runtime stays alive (no EXIT_RUNTIME); the load callback carries on
}
