#include <cstdio>

#include "shell/theme.hpp"

namespace subspace::ui {
namespace {
Fonts g_fonts;

bool file_exists(const std::string& path) {
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
    return true;
  }
  return false;
}
}  // namespace

const Fonts& fonts() { return g_fonts; }

bool build_fonts(const std::string& dir, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  if (pixel_ratio < 1.0f) pixel_ratio = 1.0f;
  const std::string text = dir + "/ui-text.otf", heading = dir + "/ui-heading.otf", symbols = dir + "/ui-symbols.ttf";
  if (!file_exists(text) || !file_exists(heading)) {
    g_fonts.body = g_fonts.heading = io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f;
    return false;
  }
  static const ImWchar kText[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2010, 0x203A, 0x20AC, 0x20AC,
                                  0x2122, 0x2122, 0x2190, 0x2193, 0x2212, 0x2212, 0};
  static const ImWchar kSymbols[] = {0x2026, 0x2026, 0x2191, 0x2191, 0x2193, 0x2193, 0x21BB, 0x21BB, 0x2197, 0x2197,
                                     0x22EE, 0x22EE, 0x2303, 0x2304, 0x25B2, 0x25B2, 0x25B6, 0x25B6, 0x25BC, 0x25BC,
                                     0x25CF, 0x25CF, 0x2630, 0x2630, 0x2699, 0x2699, 0x26A0, 0x26A0, 0x2713, 0x2713,
                                     0x2715, 0x2716, 0};
  auto add = [&](const std::string& path, float px) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), px * pixel_ratio, &cfg, kText);
    if (f && file_exists(symbols)) {
      ImFontConfig merge;
      merge.MergeMode = true;
      merge.GlyphOffset = ImVec2(0, 1 * pixel_ratio);
      io.Fonts->AddFontFromFileTTF(symbols.c_str(), px * pixel_ratio, &merge, kSymbols);
    }
    return f;
  };
  g_fonts.body = add(text, 15.0f);
  g_fonts.heading = add(heading, 19.0f);
  if (!g_fonts.body || !g_fonts.heading) {
    io.Fonts->Clear();
    g_fonts.body = g_fonts.heading = io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f;
    return false;
  }
  // Rasterised at device pixels, laid out in CSS pixels.
  io.FontGlobalScale = 1.0f / pixel_ratio;
  io.FontDefault = g_fonts.body;
  return io.Fonts->Build();
}

}  // namespace subspace::ui
