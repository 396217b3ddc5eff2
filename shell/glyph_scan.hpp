// Finds the characters the organisation's names use, so that the fonts can add those they
// lack (shell/fonts.cpp, want_glyphs): a workspace named "東京 Office" is drawn in CJK, not as
// boxes. The state is walked a slice a frame, and again only after it changed: a
// 100,000-person organisation never costs a whole walk in one frame, nor one every frame.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/model.hpp"

namespace subspace::ui {

class GlyphScan {
 public:
  // Items (a person, a workspace...) a frame. Measured natively on the large demo (100,000
  // people, 1.09 million audit entries): under 1 ms a frame; a walk takes about 10 frames,
  // the first reading of the audit log about 110.
  static constexpr std::size_t kItemsPerFrame = 10000;

  // The state was replaced (loaded, reset): walk it from the start.
  void restart();
  // Once a frame, inside it: a slice of the state's strings and the active text field.
  void tick(const State& s);
  // Every string of `s` has been read (the next frames only look at the active field).
  bool idle(const State& s) const {
    return &s == state_ && !walking_ && s.version == done_version_ && audit_read_ >= s.audit.size();
  }

 private:
  void walk(const State& s, std::size_t budget);
  bool note_item(const State& s, std::size_t part, std::size_t i) const;

  const State* state_ = nullptr;
  std::uint64_t done_version_ = ~0ull;  // the version the last finished walk started at
  std::uint64_t walk_version_ = 0;      // the version the current walk started at
  bool walking_ = false;
  std::size_t part_ = 0, index_ = 0;  // where the walk is
  std::size_t audit_read_ = 0;  // audit entries are only ever appended: each is read once
};

}  // namespace subspace::ui
