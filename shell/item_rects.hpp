// Screen rectangles of labelled widgets from the last frame, published so that end-to-end
// tests (and only they) can find where to click on the canvas. Coordinates are ImGui's:
// CSS pixels from the canvas's top-left corner.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

namespace subspace::ui {

struct ItemRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool enabled = true;
};

class ItemRects {
 public:
  void begin_frame() { current_.clear(); }
  void end_frame() { last_.swap(current_); }
  void record(std::string_view label, ItemRect r) { current_[std::string(label)] = r; }
  const ItemRect* find(std::string_view label) const {
    auto it = last_.find(std::string(label));
    return it == last_.end() ? nullptr : &it->second;
  }
  const std::unordered_map<std::string, ItemRect>& all() const { return last_; }

 private:
  std::unordered_map<std::string, ItemRect> last_, current_;
};

}  // namespace subspace::ui
