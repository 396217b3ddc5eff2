// Runs the real App in ImGui without a renderer: frames, clicks and typing in memory.
#pragma once
#include <catch2/catch.hpp>
#include <imgui.h>

#include <map>
#include <memory>
#include <random>

#include "shell/app.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::test {

struct HeadlessPlatform final : ui::Platform {
  TimeMs clock = 1'764'000'000'000;
  std::mt19937_64 rng{42};
  std::string copied, route;
  std::map<std::string, std::string> downloads;
  int saves_requested = 0;
  std::uintptr_t next_texture = 1;

  TimeMs now() override { return clock; }
  void secure_random(std::uint8_t* out, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(rng());
  }
  void copy_text(std::string_view text) override { copied = text; }
  void download(std::string_view name, std::string_view, std::string_view bytes) override { downloads[std::string(name)] = bytes; }
  void set_route(std::string_view hash, bool) override { route = hash; }
  void pick_file(ui::FilePurpose, std::string_view) override {}
  void storage_changed() override { ++saves_requested; }
  std::uintptr_t create_texture(const std::uint8_t*, int, int) override { return next_texture++; }
};

struct Headless {
  HeadlessPlatform platform;
  MemoryStorage storage;
  std::unique_ptr<ui::App> app;
  ImGuiContext* ctx = nullptr;

  explicit Headless(ui::AppConfig cfg = {}, float width = 1280, float height = 800) {
    ctx = ImGui::CreateContext();
    // CreateContext keeps another current context current (test_views keeps one for the
    // whole run): each Headless draws in its own.
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    ui::apply_theme(cfg.dark.value_or(false));
    make_fonts(/*only_if_grown=*/false);
    app = std::make_unique<ui::App>(platform, storage, cfg);
    app->start();
    frame();
  }
  ~Headless() { ImGui::DestroyContext(ctx); }

  // This Headless's context, with its own fonts (another Headless may have built the shared
  // ui::fonts() into its atlas since).
  ImGuiIO& use() {
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    if (!io.Fonts->Fonts.contains(ui::fonts().body)) make_fonts(false);
    return io;
  }
  static void make_fonts(bool only_if_grown) {
    if (only_if_grown && !ui::update_fonts()) return;
    if (!only_if_grown) ui::build_fonts(SUBSPACE_FONT_DIR, 1.0f);
    unsigned char* pixels;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }

  void frame() {
    use();
    make_fonts(/*only_if_grown=*/true);  // between frames, as the web platform does
    ui::enter_activates(ImGui::GetIO());  // as the web platform does
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
    platform.clock += 16;
  }
  const ui::ItemRect& rect(const std::string& label) {
    const ui::ItemRect* r = app->items().find(label);
    INFO("no widget labelled " << label);
    REQUIRE(r);
    return *r;
  }
  bool has(const std::string& label) { return app->items().find(label) != nullptr; }
  // The pointer rests on the widget's centre for two frames (a tooltip shows on the second).
  void hover(const std::string& label) {
    const ui::ItemRect& r = rect(label);
    use().MousePos = ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    frame();
    frame();
  }
  void click(const std::string& label) {
    const ui::ItemRect& r = rect(label);
    ImGuiIO& io = use();
    io.MousePos = ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame();
  }
  void type(const std::string& text) {
    use().AddInputCharactersUTF8(text.c_str());
    frame();
    frame();
  }
  void key(ImGuiKey k) {
    ImGuiIO& io = use();
    int index = io.KeyMap[k];
    if (index < 0) {  // headless: map keys to their own enum values once
      for (int i = 0; i < ImGuiKey_COUNT; ++i) io.KeyMap[i] = i;
      index = k;
    }
    io.KeysDown[index] = true;
    frame();
    io.KeysDown[index] = false;
    frame();
  }
  const State& state() const { return app->state(); }
};

// The text a widget published with track_text under `key`.
inline std::string text_of(Headless& h, const std::string& key) {
  for (const auto& [label, rect] : h.app->items().all())
    if (label.rfind(key + "=", 0) == 0) return label.substr(key.size() + 1);
  return "";
}

inline const ui::Toast& last_toast(Headless& h) {
  REQUIRE_FALSE(h.app->ui().toasts.empty());
  return h.app->ui().toasts.back();
}

// Goes to a view as a link would, and draws it (twice: a table settles in its second frame).
inline void open_view(Headless& h, ui::View v, WorkspaceId ws = 0) {
  h.app->go(ui::Route{v, ws});
  h.frame();
  h.frame();
}

inline void open_members(Headless& h, WorkspaceId ws) { open_view(h, ui::View::Members, ws); }

}  // namespace subspace::test
