// Colours, spacing and fonts of the console, light and dark.
#pragma once
#include <imgui.h>

#include <string>

namespace subspace::ui {

struct Palette {
  ImU32 accent, accent_hover, on_accent;
  ImU32 danger, danger_hover, warning, success, muted;
  ImU32 badge_bg, badge_fg, badge_api_bg, badge_api_fg, badge_warn_bg, badge_warn_fg;
  ImU32 chart_bar, chart_bar_hover, chart_axis, chart_grid;
  ImU32 panel_bg, sidebar_bg;
};

void apply_theme(bool dark);
bool theme_is_dark();
const Palette& palette();

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
};
const Fonts& fonts();

// Loads the UI fonts from `dir` (ui-text.otf, ui-heading.otf, ui-symbols.ttf), rasterised
// for `pixel_ratio` (devicePixelRatio) and scaled back so layout stays in CSS pixels: text
// is sharp at any zoom. Falls back to ImGui's built-in font when the files are missing.
// The caller rebuilds its font texture afterwards.
bool build_fonts(const std::string& dir, float pixel_ratio);

}  // namespace subspace::ui
