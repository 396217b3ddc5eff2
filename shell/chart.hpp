// Bar charts drawn with ImDrawList: axes, gridlines, labels and the hovered bar's value.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "core/model.hpp"

namespace subspace::ui {

struct Bar {
  std::string label;    // x-axis label (may be empty for crowded charts)
  double value = 0;     // bar height
  std::string tooltip;  // shown when hovered
  bool partial = false;  // a period still running (today): drawn hollow, so it does not read as a drop
};

// The y axis of a bar chart whose highest bar is `max_value`: a round top and five labels
// from 0 to it, with the decimals the step needs (0, 0.5, 1.0, ...).
struct YAxis {
  double top = 0;
  std::vector<std::string> labels;
};
YAxis y_axis(double max_value, const char* unit);

// Vertical bars over `size` (width -1 = fill). `unit` is appended to y-axis labels.
// Publishes the chart's rectangle under `id` and returns the hovered bar index or -1.
int bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit);

// Horizontal bars with their labels on the left (for per-workspace comparisons).
int hbar_chart(const char* id, const std::vector<Bar>& bars, float width, const char* unit);

// API usage over the last `days` days to `today` (UTC days): a bar of credits per day, its
// calls on hover, and the totals. Today's bar is partial: the day is not over. The API and billing views both chart it.
std::string calls_text(std::int64_t n);  // "1 call", "12 calls"
struct UsageDays {
  std::vector<Bar> bars;
  std::int64_t calls = 0;
  Cents credits = 0;
};
UsageDays usage_days(const UsageByDay& by_day, std::int64_t today, int days);
void draw_usage_chart(const char* id, const UsageDays& usage, float height);

}  // namespace subspace::ui
