// Colours, spacing and fonts of the console, light and dark.
#pragma once
#include <imgui.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// Code points the UI fonts lack (CJK, emoji, other scripts) are merged into the atlas from
// fallback fonts (listed in `dir`/fallback.idx), for just the code points in use. Beyond
// this many, and for code points no fallback font has, a box (U+25A1) is drawn: a hostile
// organisation with 20,000 distinct CJK characters cannot make an enormous atlas. With 2,000
// (enough for the kanji of most Japanese names) the atlas is at most 1024 x 1024 at pixel
// ratio 1, 2048 x 2048 at 2 and 2048 x 4096 at 3 (measured in tests/shell/test_fonts.cpp;
// 512 x 512 without them).
constexpr std::size_t kMaxFallbackGlyphs = 2000;
// Notes the code points of text the UI draws or edits; cheap for ASCII and for code points
// seen before, so it may be called often.
void want_glyphs(std::string_view utf8);
void want_glyphs(const ImWchar* text, int count);
// Between frames: rebuilds the atlas when wanted code points can be added. True when it did:
// the caller makes its font texture again.
bool update_fonts();
// Fallback font files that are wanted but not in the font folder (the browser fetches them
// there, then calls font_file_arrived); each is returned once.
std::vector<std::string> take_font_requests();
void font_file_arrived(std::string_view name, bool ok);
struct FontStats {
  int atlas_width = 0, atlas_height = 0;
  std::size_t fallback_glyphs = 0;  // code points wanted from fallback fonts
  unsigned builds = 0;              // atlas builds so far (for this ImGui context)
};
FontStats font_stats();

}  // namespace subspace::ui
