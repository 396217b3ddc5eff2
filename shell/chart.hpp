// Bar charts drawn with ImDrawList: axes, gridlines, labels and the hovered bar's value.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace subspace::ui {

struct Bar {
  std::string label;    // x-axis label (may be empty for crowded charts)
  double value = 0;     // bar height
  std::string tooltip;  // shown when hovered
};

// The y-axis labels of a bar chart whose highest bar is `max_value`: five, from 0 to a
// round top, with the decimals the step needs (0, 0.5, 1.0, ...).
std::vector<std::string> y_axis_labels(double max_value, const char* unit);

// Vertical bars over `size` (width -1 = fill). `unit` is appended to y-axis labels.
// Publishes the chart's rectangle under `id` and returns the hovered bar index or -1.
int bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit);

// Horizontal bars with their labels on the left (for per-workspace comparisons).
int hbar_chart(const char* id, const std::vector<Bar>& bars, float width, const char* unit);

}  // namespace subspace::ui
