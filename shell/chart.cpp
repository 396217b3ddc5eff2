#include "shell/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

// A "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above `v`.
double nice_ceiling(double v) {
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

// `decimals` < 0: as many as the value needs (0 or 2). An axis passes its step's, so that
// its labels agree: 0, 0.5, 1.0, 1.5 rather than 0, 0.50, 1, 1.50.
std::string axis_label(double v, const char* unit, int decimals = -1) {
  char buf[48];
  if (decimals < 0) decimals = v == std::floor(v) ? 0 : 2;
  if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.1fM%s", v / 1e6, unit);
  else if (v >= 1e4) std::snprintf(buf, sizeof buf, "%.0fk%s", v / 1e3, unit);
  else std::snprintf(buf, sizeof buf, "%.*f%s", decimals, v, unit);
  return buf;
}

int decimals_for(double step) {
  for (int d = 0; d < 2; ++d, step *= 10)
    if (std::abs(step - std::round(step)) < 1e-9) return d;
  return 2;
}

}  // namespace

YAxis y_axis(double max_value, const char* unit) {
  // Four gridline steps of a nice size, so every label is a round number.
  double step = nice_ceiling(max_value / 4);
  YAxis axis{4 * step, {}};
  for (int i = 0; i <= 4; ++i) axis.labels.push_back(axis_label(step * i, unit, decimals_for(step)));
  return axis;
}

std::string calls_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " call" : " calls"); }

UsageDays usage_days(const UsageByDay& by_day, std::int64_t today, int days) {
  UsageDays out;
  for (std::int64_t d = today - days + 1; d <= today; ++d) {
    auto it = by_day.find(d);
    DayUsage u = it == by_day.end() ? DayUsage{} : it->second;
    out.calls += u.calls;
    out.credits += u.credits;
    std::string day = format_day(d);
    bool today_ = d == today;
    out.bars.push_back({today_ ? "today" : day.substr(5), static_cast<double>(u.credits) / 100.0,
                        day + (today_ ? " (UTC), today so far" : " (UTC)") + "\n" + calls_text(u.calls) + "\n" +
                            format_credits(u.credits) + " credits",
                        today_});
  }
  return out;
}

void draw_usage_chart(const char* id, const UsageDays& usage, float height) {
  text_muted("Bars: credits consumed per UTC day; today's, outlined, is the day so far. Hover a bar for its calls.");
  bar_chart(id, usage.bars, ImVec2(-1, height), "");
}

int bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit) {
  const Palette& pal = palette();
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  track(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double max_value = 0;
  for (const auto& b : bars) max_value = std::max(max_value, b.value);
  YAxis axis = y_axis(max_value, unit);
  double top = axis.top;
  const std::vector<std::string>& labels = axis.labels;

  float line = ImGui::GetTextLineHeight();
  float left = 0;  // room for the widest y label
  for (const auto& l : labels) left = std::max(left, ImGui::CalcTextSize(l.c_str()).x);
  left += 10;
  ImVec2 plot_min(origin.x + left, origin.y + line * 0.5f);
  ImVec2 plot_max(origin.x + size.x - 4, origin.y + size.y - line - 8);
  float plot_h = plot_max.y - plot_min.y;

  // Gridlines and y labels at quarters.
  for (int i = 0; i <= 4; ++i) {
    float y = plot_max.y - plot_h * i / 4.0f;
    dl->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), i == 0 ? pal.chart_axis : pal.chart_grid);
    const std::string& label = labels[i];
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(plot_min.x - ts.x - 6, y - ts.y / 2), pal.muted, label.c_str());
  }
  dl->AddLine(plot_min, ImVec2(plot_min.x, plot_max.y), pal.chart_axis);
  bool all_zero = std::all_of(bars.begin(), bars.end(), [](const Bar& b) { return b.value == 0; });
  if (all_zero) {
    const char* empty = "Nothing in this period";
    ImVec2 ts = ImGui::CalcTextSize(empty);
    dl->AddText(ImVec2((plot_min.x + plot_max.x - ts.x) / 2, (plot_min.y + plot_max.y - ts.y) / 2), pal.muted, empty);
    return -1;
  }

  float slot = (plot_max.x - plot_min.x) / static_cast<float>(bars.size());
  float gap = std::min(6.0f, slot * 0.2f);
  int hovered = -1;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  bool inside = ImGui::IsItemHovered();
  // X labels: as many as fit without overlapping.
  float label_w = ImGui::CalcTextSize("00-00").x + 12;
  int every = std::max(1, static_cast<int>(std::ceil(label_w / std::max(1.0f, slot))));
  for (size_t i = 0; i < bars.size(); ++i) {
    float x0 = plot_min.x + slot * i + gap / 2, x1 = plot_min.x + slot * (i + 1) - gap / 2;
    float h = top > 0 ? static_cast<float>(bars[i].value / top) * plot_h : 0;
    bool hot = inside && mouse.x >= plot_min.x + slot * i && mouse.x < plot_min.x + slot * (i + 1);
    if (hot) hovered = static_cast<int>(i);
    ImU32 fill = hot ? pal.chart_bar_hover : pal.chart_bar;
    if (h > 0 && bars[i].partial) {
      // Outlined with a faint fill: a day still running is not a drop.
      dl->AddRectFilled(ImVec2(x0, plot_max.y - h), ImVec2(x1, plot_max.y), (fill & ~IM_COL32_A_MASK) | (0x50u << IM_COL32_A_SHIFT), 2.0f);
      dl->AddRect(ImVec2(x0, plot_max.y - h), ImVec2(x1, plot_max.y), fill, 2.0f, 0, 1.5f);
    } else if (h > 0) {
      dl->AddRectFilled(ImVec2(x0, plot_max.y - h), ImVec2(x1, plot_max.y), fill, 2.0f);
    }
    // The last label always shows (it says where the period ends); one too close to it gives way.
    bool last = i + 1 == bars.size();
    bool clear_of_last = bars.size() - 1 - i >= static_cast<size_t>(every);
    if (!bars[i].label.empty() && (last || (i % every == 0 && clear_of_last))) {
      ImVec2 ts = ImGui::CalcTextSize(bars[i].label.c_str());
      dl->AddText(ImVec2((x0 + x1 - ts.x) / 2, plot_max.y + 4), pal.muted, bars[i].label.c_str());
    }
  }
  if (hovered >= 0 && !bars[hovered].tooltip.empty()) ImGui::SetTooltip("%s", bars[hovered].tooltip.c_str());
  return hovered;
}

int hbar_chart(const char* id, const std::vector<Bar>& bars, float width, const char* unit) {
  const Palette& pal = palette();
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  float row = ImGui::GetTextLineHeight() + 8;
  ImVec2 size(width, std::max(row, row * bars.size()));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  track(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double max_value = 0;
  float label_w = 0;
  for (const auto& b : bars) {
    max_value = std::max(max_value, b.value);
    label_w = std::max(label_w, ImGui::CalcTextSize(b.label.c_str()).x);
  }
  label_w = std::min(label_w + 12, width * 0.4f);
  float value_w = ImGui::CalcTextSize(axis_label(max_value, unit).c_str()).x + 12;
  float bar_w = width - label_w - value_w;
  int hovered = -1;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  for (size_t i = 0; i < bars.size(); ++i) {
    float y = origin.y + row * i;
    bool hot = ImGui::IsItemHovered() && mouse.y >= y && mouse.y < y + row;
    if (hot) hovered = static_cast<int>(i);
    ImGui::PushClipRect(ImVec2(origin.x, y), ImVec2(origin.x + label_w - 8, y + row), true);
    dl->AddText(ImVec2(origin.x, y + 4), ImGui::GetColorU32(ImGuiCol_Text), bars[i].label.c_str());
    ImGui::PopClipRect();
    float w = max_value > 0 ? static_cast<float>(bars[i].value / max_value) * bar_w : 0;
    dl->AddRectFilled(ImVec2(origin.x + label_w, y + 3), ImVec2(origin.x + label_w + std::max(w, 1.0f), y + row - 3),
                      hot ? pal.chart_bar_hover : pal.chart_bar, 2.0f);
    std::string v = axis_label(bars[i].value, unit);
    dl->AddText(ImVec2(origin.x + label_w + w + 6, y + 4), pal.muted, v.c_str());
  }
  if (hovered >= 0 && !bars[hovered].tooltip.empty()) ImGui::SetTooltip("%s", bars[hovered].tooltip.c_str());
  return hovered;
}

}  // namespace subspace::ui
