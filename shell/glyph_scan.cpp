#include "shell/glyph_scan.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "shell/theme.hpp"

namespace subspace::ui {
namespace {
constexpr std::size_t kParts = 7;  // see note_item
}

void GlyphScan::restart() {
  state_ = nullptr;
  walking_ = false;
  audit_read_ = 0;
}

void GlyphScan::tick(const State& s) {
  // What is being typed (keys, an input method, a paste), before it is in any name.
  ImGuiID active = ImGui::GetActiveID();
  if (const ImGuiInputTextState* t = active ? ImGui::GetInputTextState(active) : nullptr) want_glyphs(t->TextW.Data, t->CurLenW);

  if (&s != state_ || s.audit.size() < audit_read_) {  // another state object (rebase, reload)
    restart();
    state_ = &s;
  }
  std::size_t budget = kItemsPerFrame;
  for (; audit_read_ < s.audit.size() && budget > 0; ++audit_read_, --budget) want_glyphs(s.audit[audit_read_].detail);
  if (!walking_ && s.version == done_version_) return;
  if (!walking_) {
    walking_ = true;
    walk_version_ = s.version;
    part_ = index_ = 0;
  }
  walk(s, budget);
}

// The walk goes on where it stopped; a change meanwhile makes another walk follow this one.
void GlyphScan::walk(const State& s, std::size_t budget) {
  while (budget > 0 && part_ < kParts) {
    if (!note_item(s, part_, index_)) {
      ++part_;
      index_ = 0;
      continue;
    }
    ++index_;
    --budget;
  }
  if (part_ < kParts) return;
  walking_ = false;
  done_version_ = walk_version_;
}

// The strings of item i of one part of the state the views draw; false past its end.
bool GlyphScan::note_item(const State& s, std::size_t part, std::size_t i) const {
  switch (part) {
    case 0:
      if (i > 0) return false;
      want_glyphs(s.org_name);
      return true;
    case 1:
      if (i >= s.workspaces.size()) return false;
      want_glyphs(s.workspaces[i].name);
      return true;
    case 2:
      if (i >= s.people.size()) return false;
      want_glyphs(s.people[i].name);
      want_glyphs(s.people[i].email);
      return true;
    case 3:
      if (i >= s.assets.size()) return false;
      want_glyphs(s.assets[i].name);
      return true;
    case 4: {
      if (i >= s.videos.size()) return false;
      const Video& v = s.videos[i];
      for (const std::string* t : {&v.title, &v.avatar_name, &v.voice_name, &v.template_name}) want_glyphs(*t);
      return true;
    }
    case 5:
      if (i >= s.keys.size()) return false;
      want_glyphs(s.keys[i].label);
      return true;
    case 6:
      if (i >= s.endpoints.size()) return false;
      want_glyphs(s.endpoints[i]);
      return true;
    default:
      return false;
  }
}

}  // namespace subspace::ui
