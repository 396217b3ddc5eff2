// The UI fonts: Inter (cut to Latin) with a few DejaVu symbols, plus fallback fonts merged in
// for just the code points in use (CJK, emoji, other scripts: names are user data).
//
// The fallback fonts are far too big to rasterise whole, and in the browser too big for the
// first download: fallback.idx (made at build time, shell/font_index.py) tells which file
// holds which code points, a file is read (in the browser: fetched) only once a code point
// of it is wanted, and the atlas is rebuilt with the wanted code points merged.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "shell/theme.hpp"

namespace subspace::ui {
namespace {

constexpr ImWchar kBox = 0x25A1;  // drawn for a code point no font has (ImGui's default is '?')
constexpr char32_t kCodePoints = 0x110000;

struct FallbackFile {
  enum class Status : std::uint8_t { Unknown, Missing, Requested, Ready, Failed };
  std::string name;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // code points this file is used for
  Status status = Status::Unknown;
  bool wanted = false;               // a wanted code point is in this file
  std::vector<unsigned char> bytes;  // the font, once read (the atlas borrows it)
};

// Belongs to the atlas built last (the tests make many ImGui contexts, one after another):
// what the fallback fonts are and which of their code points the UI has asked for.
struct FontState {
  std::string dir;
  float ratio = 1;
  std::vector<FallbackFile> files;
  std::vector<bool> seen;          // code points already looked at (in the atlas, wanted or not to be had)
  std::vector<ImWchar> wanted;     // from fallback files, in the order first seen (at most kMaxFallbackGlyphs)
  ImVector<ImWchar> ranges;        // `wanted` as ImGui glyph ranges (the atlas reads them while building)
  bool dirty = false;              // wanted code points that a rebuild would add
  unsigned builds = 0;
};

Fonts g_fonts;
FontState g_state;

bool file_exists(const std::string& path) {
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
    return true;
  }
  return false;
}

bool read_file(const std::string& path, std::vector<unsigned char>& out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  out.clear();
  unsigned char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.insert(out.end(), buf, buf + n);
  std::fclose(f);
  return !out.empty();
}

// Splits `text` at `sep`, skipping empty parts.
std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    std::size_t end = std::min(text.find(sep), text.size());
    if (end > 0) parts.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return parts;
}

// fallback.idx: "<file> <lo>-<hi> ..." per line, hexadecimal (shell/font_index.py). Parsed
// by hand: iostreams would add some 80 KB to the wasm.
std::vector<FallbackFile> read_index(const std::string& path) {
  std::vector<FallbackFile> files;
  std::vector<unsigned char> bytes;
  if (!read_file(path, bytes)) return files;
  std::string text(bytes.begin(), bytes.end());
  for (std::string_view line : split(text, '\n')) {
    std::vector<std::string_view> words = split(line, ' ');
    FallbackFile f;
    f.name = std::string(words.front());
    for (std::size_t i = 1; i < words.size(); ++i) {
      std::string span(words[i]);
      char* end = nullptr;
      unsigned long lo = std::strtoul(span.c_str(), &end, 16);
      if (*end != '-') continue;
      unsigned long hi = std::strtoul(end + 1, &end, 16);
      if (*end == '\0' && lo <= hi && hi < kCodePoints) f.ranges.emplace_back(static_cast<char32_t>(lo), static_cast<char32_t>(hi));
    }
    files.push_back(std::move(f));
  }
  return files;
}

// Whether the current context's atlas is the one built here last. Compared by its fonts, not
// by the context's address: a new context may be made where a destroyed one was.
bool atlas_is_ours() {
  return g_fonts.body && ImGui::GetIO().Fonts->Fonts.contains(g_fonts.body);
}

// Another atlas (a new ImGui context) or font folder starts afresh; a new pixel ratio keeps
// what was wanted (the atlas is rebuilt with it).
void adopt(const std::string& dir, float ratio, bool same_atlas) {
  FontState& g = g_state;
  g.ratio = ratio;
  if (same_atlas && g.dir == dir) return;
  g = FontState{};
  g.dir = dir;
  g.ratio = ratio;
  g.files = read_index(dir + "/fallback.idx");
  g.seen.assign(kCodePoints, false);
}

int file_for(char32_t c) {
  const auto& files = g_state.files;
  for (std::size_t i = 0; i < files.size(); ++i)
    for (const auto& [lo, hi] : files[i].ranges)
      if (c >= lo && c <= hi) return static_cast<int>(i);
  return -1;
}

void want(char32_t c) {
  FontState& g = g_state;
  if (c < 0x80 || c >= kCodePoints || g.seen.empty() || g.seen[c] || !atlas_is_ours()) return;
  g.seen[c] = true;
  if (g_fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c))) return;
  int i = file_for(c);
  // A code point no fallback has, or one past the cap, stays the box: a hostile organisation
  // with 20,000 distinct CJK characters must not make an atlas of hundreds of megabytes.
  if (i < 0 || g.wanted.size() >= kMaxFallbackGlyphs) return;
  g.wanted.push_back(static_cast<ImWchar>(c));
  FallbackFile& f = g.files[static_cast<std::size_t>(i)];
  f.wanted = true;
  if (f.status == FallbackFile::Status::Unknown)
    f.status = file_exists(g.dir + "/" + f.name) ? FallbackFile::Status::Ready : FallbackFile::Status::Missing;
  if (f.status == FallbackFile::Status::Ready) g.dirty = true;
}

// The wanted code points as glyph ranges; made once per build (each font added points at them).
void build_ranges() {
  FontState& g = g_state;
  ImFontGlyphRangesBuilder builder;
  for (ImWchar c : g.wanted) builder.AddChar(c);
  g.ranges.clear();
  builder.BuildRanges(&g.ranges);
}

// The wanted code points of each fallback file that can be read, merged into the font just added.
void merge_fallbacks(float px) {
  FontState& g = g_state;
  if (g.wanted.empty()) return;
  ImGuiIO& io = ImGui::GetIO();
  for (FallbackFile& f : g.files) {
    if (!f.wanted || f.status != FallbackFile::Status::Ready) continue;
    if (f.bytes.empty() && !read_file(g.dir + "/" + f.name, f.bytes)) {
      f.status = FallbackFile::Status::Failed;
      continue;
    }
    ImFontConfig cfg;
    cfg.MergeMode = true;
    cfg.FontDataOwnedByAtlas = false;  // one copy for every size and rebuild
    cfg.OversampleH = 1;               // CJK glyphs are dense and many: no horizontal oversampling
    cfg.OversampleV = 1;
    io.Fonts->AddFontFromMemoryTTF(f.bytes.data(), static_cast<int>(f.bytes.size()), px, &cfg, g.ranges.Data);
  }
}

}  // namespace

const Fonts& fonts() { return g_fonts; }

bool build_fonts(const std::string& dir, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  bool same_atlas = atlas_is_ours();
  io.Fonts->Clear();
  if (pixel_ratio < 1.0f) pixel_ratio = 1.0f;
  adopt(dir, pixel_ratio, same_atlas);
  g_state.dirty = false;
  ++g_state.builds;
  build_ranges();
  const std::string text = dir + "/ui-text.otf", heading = dir + "/ui-heading.otf", symbols = dir + "/ui-symbols.ttf";
  if (!file_exists(text) || !file_exists(heading)) {
    g_fonts.body = g_fonts.heading = io.Fonts->AddFontDefault();
    io.FontGlobalScale = 1.0f;
    return false;
  }
  static const ImWchar kText[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2010, 0x203A, 0x20AC, 0x20AC,
                                  0x2122, 0x2122, 0x2190, 0x2193, 0x2212, 0x2212, 0};
  static const ImWchar kSymbols[] = {0x2026, 0x2026, 0x2191, 0x2191, 0x2193, 0x2193, 0x21BB, 0x21BB, 0x2197, 0x2197,
                                     0x22EE, 0x22EE, 0x2303, 0x2304, 0x25A1, 0x25A1, 0x25B2, 0x25B2, 0x25B6, 0x25B6,
                                     0x25BC, 0x25BC, 0x25CF, 0x25CF, 0x2630, 0x2630, 0x2699, 0x2699, 0x26A0, 0x26A0,
                                     0x2713, 0x2713, 0x2715, 0x2716, 0};
  auto add = [&](const std::string& path, float px) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), px * pixel_ratio, &cfg, kText);
    if (!f) return f;
    f->FallbackChar = kBox;  // kept by the build when the symbols have it
    if (file_exists(symbols)) {
      ImFontConfig merge;
      merge.MergeMode = true;
      merge.GlyphOffset = ImVec2(0, 1 * pixel_ratio);
      io.Fonts->AddFontFromFileTTF(symbols.c_str(), px * pixel_ratio, &merge, kSymbols);
    }
    merge_fallbacks(px * pixel_ratio);
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

void want_glyphs(std::string_view utf8) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII, nearly all text: always in the atlas
      ++p;
      continue;
    }
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    want(c);
  }
}

void want_glyphs(const ImWchar* text, int count) {
  for (int i = 0; i < count; ++i)
    if (text[i] >= 0x80) want(text[i]);
}

bool update_fonts() {
  FontState& g = g_state;
  if (!g.dirty || !atlas_is_ours()) return false;
  build_fonts(g.dir, g.ratio);
  return true;
}

std::vector<std::string> take_font_requests() {
  std::vector<std::string> names;
  for (FallbackFile& f : g_state.files) {
    if (f.status != FallbackFile::Status::Missing || !f.wanted) continue;
    f.status = FallbackFile::Status::Requested;
    names.push_back(f.name);
  }
  return names;
}

void font_file_arrived(std::string_view name, bool ok) {
  for (FallbackFile& f : g_state.files) {
    if (f.name != name) continue;
    f.status = ok ? FallbackFile::Status::Ready : FallbackFile::Status::Failed;
    if (ok && f.wanted) g_state.dirty = true;
  }
}

FontStats font_stats() {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return {atlas->TexWidth, atlas->TexHeight, g_state.wanted.size(), g_state.builds};
}

}  // namespace subspace::ui
