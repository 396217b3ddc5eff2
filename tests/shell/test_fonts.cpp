// Names in any script: characters the UI fonts lack are merged into the atlas from fallback
// fonts (shell/fonts.cpp), for just the code points in use, found by walking the state a
// slice a frame (shell/glyph_scan.cpp) and in what is being typed.
#include "tests/shell/headless.hpp"

#include <imgui_internal.h>

#include "shell/glyph_scan.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

bool in_atlas(ImFont* f, char32_t c) { return f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr; }
bool in_atlas(char32_t c) { return in_atlas(ui::fonts().body, c) && in_atlas(ui::fonts().heading, c); }
// What a character is drawn with: its own glyph, or the fallback (a box, U+25A1).
char32_t drawn_as(char32_t c) { return ui::fonts().body->FindGlyph(static_cast<ImWchar>(c))->Codepoint; }

void create(Headless& h, const std::string& name) {
  INFO(name);
  REQUIRE(h.app->dispatch(CreateWorkspace{name}).accepted());
}

std::string utf8(char32_t c) {
  char buf[5] = {};
  return ImTextCharToUtf8(buf, static_cast<unsigned>(c));
}

}  // namespace

TEST_CASE("a workspace named in CJK brings its characters into the atlas, and only those") {
  Headless h;
  REQUIRE_FALSE(in_atlas(U'東'));
  CHECK(drawn_as(U'東') == U'\u25A1');  // a box, not "?"
  const auto before = ui::font_stats();
  CHECK(before.fallback_glyphs == 0);
  WARN("atlas without fallback glyphs: " << before.atlas_width << " x " << before.atlas_height);

  create(h, "東京 Office");
  h.frame();
  h.frame();
  CHECK(in_atlas(U'東'));
  CHECK(in_atlas(U'京'));
  CHECK_FALSE(in_atlas(U'大'));  // not in use: not rasterised
  const auto after = ui::font_stats();
  CHECK(after.fallback_glyphs == 2);
  CHECK(after.builds == before.builds + 1);

  // Nothing new: no more builds, however many frames.
  for (int i = 0; i < 20; ++i) h.frame();
  CHECK(ui::font_stats().builds == after.builds);
}

TEST_CASE("a character no font has is drawn as a box and does not rebuild the atlas every frame") {
  Headless h;
  const unsigned builds = ui::font_stats().builds;
  create(h, "Lhasa \u0F40 Team");  // Tibetan: in none of the fallback fonts
  for (int i = 0; i < 20; ++i) h.frame();
  CHECK(ui::font_stats().builds == builds);
  CHECK(drawn_as(U'\u0F40') == U'\u25A1');

  // One that a fallback has is added with a single rebuild, however long it stays on screen.
  create(h, "Team \U0001F642 and \u0416");  // an emoji (monochrome) and Cyrillic
  for (int i = 0; i < 20; ++i) h.frame();
  CHECK(ui::font_stats().builds == builds + 1);
  CHECK(in_atlas(U'\U0001F642'));
  CHECK(in_atlas(U'\u0416'));
}

TEST_CASE("text being typed brings its characters in before it is saved anywhere") {
  Headless h;
  h.click("##subs-search");
  h.type("大阪");
  h.frame();
  CHECK(in_atlas(U'大'));
  CHECK(in_atlas(U'阪'));
}

TEST_CASE("the fallback glyphs are capped: past the cap, boxes, and the atlas stays bounded") {
  Headless h;
  std::string many;
  for (char32_t c = 0x4E00; c < 0x4E00 + ui::kMaxFallbackGlyphs + 500; ++c) many += utf8(c);
  ui::want_glyphs(many);
  h.frame();
  const auto stats = ui::font_stats();
  CHECK(stats.fallback_glyphs == ui::kMaxFallbackGlyphs);
  CHECK(in_atlas(0x4E00));
  CHECK_FALSE(in_atlas(0x4E00 + ui::kMaxFallbackGlyphs + 10));
  CHECK(drawn_as(0x4E00 + ui::kMaxFallbackGlyphs + 10) == U'\u25A1');
  // Bounded at the ratios screens have (WebGL2 guarantees 4096 x 4096 textures in practice).
  for (float ratio : {1.0f, 2.0f, 3.0f}) {
    ui::build_fonts(SUBSPACE_FONT_DIR, ratio);
    const auto at = ui::font_stats();
    CHECK(at.atlas_width <= 4096);
    CHECK(at.atlas_height <= 4096);
    WARN("atlas at ratio " << ratio << " with " << at.fallback_glyphs << " fallback glyphs: " << at.atlas_width << " x "
                           << at.atlas_height);
  }
  ui::build_fonts(SUBSPACE_FONT_DIR, 1.0f);
}

TEST_CASE("the state is walked a slice a frame, not all of a large organisation at once") {
  Headless h;
  State s;
  s.people.resize(3 * ui::GlyphScan::kItemsPerFrame);
  for (std::size_t i = 0; i < s.people.size(); ++i) s.people[i].email = "p" + std::to_string(i) + "@example.org";
  s.people.back().name = "山田 太郎";
  s.version = 1;
  ui::GlyphScan scan;
  scan.tick(s);
  CHECK(ui::font_stats().fallback_glyphs == 0);  // the walk has not reached the last person yet
  for (int i = 0; i < 3; ++i) scan.tick(s);
  CHECK(ui::font_stats().fallback_glyphs == 4);
  // A renamed person is found once the state's version changes.
  s.people.front().name = "佐藤";
  for (int i = 0; i < 4; ++i) scan.tick(s);
  CHECK(ui::font_stats().fallback_glyphs == 4);  // same version: the walk does not run again
  ++s.version;
  for (int i = 0; i < 4; ++i) scan.tick(s);
  CHECK(ui::font_stats().fallback_glyphs == 6);
}

TEST_CASE("a new pixel ratio keeps the merged characters") {
  Headless h;
  create(h, "東京 Office");
  h.frame();
  h.frame();
  REQUIRE(in_atlas(U'東'));
  const auto at1 = ui::font_stats();
  ui::build_fonts(SUBSPACE_FONT_DIR, 2.0f);
  CHECK(in_atlas(U'東'));
  const auto at2 = ui::font_stats();
  WARN("atlas with 2 CJK glyphs: " << at1.atlas_width << " x " << at1.atlas_height << " at ratio 1, " << at2.atlas_width << " x "
                                   << at2.atlas_height << " at ratio 2");
  ui::build_fonts(SUBSPACE_FONT_DIR, 1.0f);
}

TEST_CASE("names read from a member list or a pasted list are drawn before anyone is invited") {
  Headless h;
  REQUIRE_FALSE(in_atlas(U'王'));
  REQUIRE_FALSE(in_atlas(U'陈'));
  const State& s = h.state();
  h.app->go(ui::Route{ui::View::Members, s.parent});
  h.frame();
  h.click("Import CSV...##members");
  h.app->on_file_picked(ui::FilePurpose::InviteCsv, "team.csv", "name,email\n王芳,wang.fang@new.example\n");
  for (int i = 0; i < 4; ++i) h.frame();
  CHECK(in_atlas(U'王'));
  CHECK(in_atlas(U'芳'));
  h.key(ImGuiKey_Escape);

  h.click("+ Invite members##members");
  h.click("invite:paste");
  h.type("陈静 <chen.jing@new.example>");
  h.click("invite:add-pasted");
  h.frame();
  CHECK(in_atlas(U'陈'));
  CHECK(in_atlas(U'静'));
}
