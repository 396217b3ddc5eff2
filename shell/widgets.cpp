#include "shell/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>

#include "core/text.hpp"
#include "shell/theme.hpp"

namespace subspace::ui {
namespace {
ItemRects* g_rects = nullptr;
std::string g_read_only;  // why nothing may change in this tab ("" when it may)
int g_read_only_exempt = 0;

// Controls that change the organisation are off in a read-only tab, with the reason.
void unless_read_only(bool& enabled, const char*& why_not) {
  if (g_read_only.empty() || g_read_only_exempt) return;
  enabled = false;
  why_not = g_read_only.c_str();
}

template <class F> bool maybe_disabled(bool enabled, const char* why_not, F draw) {
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = draw();
  if (!enabled) {
    ImGui::EndDisabled();
    disabled_tooltip(why_not);
  }
  return pressed && enabled;
}

// The colours wrap the button alone: a "why not" tooltip drawn under them would be white on
// white.
bool coloured_button(const char* label, ImU32 colour, ImU32 hover, bool enabled, const char* why_not, ImVec2 size) {
  unless_read_only(enabled, why_not);
  bool pressed = maybe_disabled(enabled, why_not, [&] {
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, hover);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().on_accent);
    bool down = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return down;
  });
  track(label, enabled);
  return pressed;
}
}  // namespace

void set_item_rects(ItemRects* rects) { g_rects = rects; }

void set_read_only(std::string_view reason) {
  g_read_only = reason.empty() ? std::string() : "This tab is read-only: " + std::string(reason);
}
const std::string& read_only_reason() { return g_read_only; }
AllowWhileReadOnly::AllowWhileReadOnly() { ++g_read_only_exempt; }
AllowWhileReadOnly::~AllowWhileReadOnly() { --g_read_only_exempt; }

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

void track(std::string_view label, bool enabled) {
  if (!g_rects) return;
  // A popup is laid out hidden in its first frame, away from where it then shows: a click at
  // that rectangle would land elsewhere. Publish only what is on screen.
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->Hidden || window->RootWindow->Hidden) return;
  // Nor what is scrolled out of its window (e.g. the lower items of a long combo).
  if (!ImGui::IsItemVisible()) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  enabled = enabled && !(ImGui::GetItemFlags() & ImGuiItemFlags_Disabled);  // inside BeginDisabled()
  g_rects->record(label, {a.x, a.y, b.x, b.y, enabled});
}

void track_text(std::string_view key, std::string_view text, bool enabled) {
  track(key, enabled);
  std::string labelled(key);
  labelled += '=';
  labelled += text;
  track(labelled, enabled);
}

void disabled_tooltip(const char* why_not) {
  if (!why_not || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::SetTooltip("%s", why_not);
  track_text("why-not", why_not);  // what the pointer is shown, for tests and the page API
}

bool button(const char* label, bool enabled, const char* why_not, ImVec2 size) {
  bool pressed = maybe_disabled(enabled, why_not, [&] { return ImGui::Button(label, size); });
  track(label, enabled);
  return pressed;
}

bool action_button(const char* label, bool enabled, const char* why_not) {
  unless_read_only(enabled, why_not);
  return button(label, enabled, why_not);
}

bool small_button(const char* label, bool enabled, const char* why_not) {
  bool pressed = maybe_disabled(enabled, why_not, [&] { return ImGui::SmallButton(label); });
  track(label, enabled);
  return pressed;
}

bool keyed_button(const char* label, const std::string& key, bool enabled, const char* why_not) {
  bool pressed = maybe_disabled(enabled, why_not, [&] { return ImGui::Button(label); });
  track(key, enabled);
  return pressed;
}

bool keyed_small_button(const char* label, const std::string& key, bool enabled, const char* why_not) {
  unless_read_only(enabled, why_not);
  bool pressed = maybe_disabled(enabled, why_not, [&] { return ImGui::SmallButton(label); });
  track(key, enabled);
  return pressed;
}

float footer_height(const std::string& error) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float h = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 1;
  if (!error.empty())
    h += ImGui::CalcTextSize(error.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y + style.ItemSpacing.y;
  return h;
}

std::string credits_problem(std::string_view text) {
  std::string t = trim(text);
  if (t.empty()) return "Enter an amount of credits, e.g. 250.50.";
  if (parse_credits(text)) return "";
  if (t[0] == '-') return "'" + t + "' is below zero: enter a positive amount of credits, e.g. 250.50.";
  // Digits only (a comma may group them): too many to be an amount any command takes.
  std::string whole = t.substr(0, t.find('.'));
  bool digits_only = whole.find_first_not_of("0123456789,") == std::string::npos;
  if (digits_only && std::count_if(whole.begin(), whole.end(), ::isdigit) > 10)
    return "'" + t + "' is more credits than can be moved at once: at most " + format_credits(kMaxAmount) + ".";
  if (t.find(',') != std::string::npos)
    return "'" + t + "' is not an amount of credits: decimals take a point (12.50); a comma only groups thousands (1,250.00).";
  return "'" + t + "' is not an amount of credits: use a number with at most two decimals, e.g. 250.50.";
}

std::string download_name(std::string_view what, std::string_view name, TimeMs now, std::string_view ext) {
  std::string slug;
  for (char c : ascii_lower(name)) {
    // Letters beyond ASCII (Zürich, 東京) stay: every file system takes UTF-8 names.
    bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
    if (keep) slug += c;
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return std::string(what) + (slug.empty() ? "" : "-" + slug) + "-" + format_date(now) + "." + std::string(ext);
}

void enter_activates(ImGuiIO& io) {
  int enter = io.KeyMap[ImGuiKey_Enter], keypad = io.KeyMap[ImGuiKey_KeyPadEnter];
  if ((enter >= 0 && io.KeysDown[enter]) || (keypad >= 0 && io.KeysDown[keypad])) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
}

bool enter_for_default() {
  const ImGuiContext& g = *GImGui;
  // Typing in a field and pressing Enter is meant for the dialog; the field let go of the
  // keyboard in this frame, so it is the previous frame's active item.
  bool on_button = (g.IO.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) && g.NavId != 0 && !g.NavDisableHighlight &&
                   g.ActiveIdPreviousFrame != g.NavId;
  return key_pressed(ImGuiKey_Enter) && !on_button;
}

bool escape_closes() {
  return key_pressed(ImGuiKey_Escape) && GImGui->ActiveIdPreviousFrame == 0 && !ImGui::IsAnyItemActive();
}

bool confirm_modal(const char* id, const std::string& text, const char* confirm_label, bool destructive) {
  bool confirmed = false;
  ImGui::SetNextWindowSizeConstraints(ImVec2(360, 0), ImVec2(560, 600));
  if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushTextWrapPos(520);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    track_text("confirm:text", text);
    ImGui::Spacing();
    std::string label = std::string(confirm_label) + "##confirm";
    if ((destructive ? danger_button(label.c_str()) : primary_button(label.c_str())) || enter_for_default()) {
      confirmed = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("Cancel##confirm") || key_pressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  return confirmed;
}

bool danger_button(const char* label, bool enabled, const char* why_not) {
  const Palette& p = palette();
  return coloured_button(label, p.danger, p.danger_hover, enabled, why_not, ImVec2(0, 0));
}

bool primary_button(const char* label, bool enabled, const char* why_not, ImVec2 size) {
  const Palette& p = palette();
  return coloured_button(label, p.accent, p.accent_hover, enabled, why_not, size);
}

bool checkbox(const char* label, bool* v, bool enabled, const char* why_not) {
  unless_read_only(enabled, why_not);
  bool changed = maybe_disabled(enabled, why_not, [&] { return ImGui::Checkbox(label, v); });
  track(label, enabled);
  return changed;
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, ImVec2 size) {
  bool pressed = ImGui::Selectable(label, selected, flags, size);
  track(label);
  return pressed;
}

float fit_hint(const char* hint, float at_least) {
  return std::max(at_least, ImGui::CalcTextSize(hint).x + ImGui::GetStyle().FramePadding.x * 2 + 4);
}

bool role_combo(const char* label, Role& role, bool enabled, const char* why_not) {
  unless_read_only(enabled, why_not);
  bool changed = false;
  if (!enabled) ImGui::BeginDisabled();
  if (ImGui::BeginCombo(label, std::string(role_label(role)).c_str())) {
    for (int i = 0; i < kRoleCount; ++i) {
      Role r = static_cast<Role>(i);
      // Published as "<Role>##<label>", but the ImGui id must differ per item: labels such
      // as "##role" would make "Viewer####role" an id-only label ("###...") shared by all
      // four items, and a click on any but the first was lost.
      std::string item = std::string(role_label(r)) + "##" + label;
      ImGui::PushID(i);
      // Picking the role already held is not a change: nothing is dispatched or audited.
      if (ImGui::Selectable(std::string(role_label(r)).c_str(), r == role) && r != role) {
        role = r;
        changed = true;
      }
      track(item);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  if (!enabled) {
    ImGui::EndDisabled();
    disabled_tooltip(why_not);
  }
  track(label, enabled);
  return changed && enabled;
}

std::string break_at_spaces(std::string_view text, float width) {
  std::string out;
  out.reserve(text.size() + 8);
  // Each word is measured once: ImGui adds glyph advances without kerning, and rounds each
  // measure up, so the sum never underestimates a line.
  const float space = ImGui::CalcTextSize(" ").x;
  bool line_empty = true;
  float line = 0;
  for (size_t i = 0; i < text.size();) {
    size_t end = text.find_first_of(" \n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    float w = ImGui::CalcTextSize(word.data(), word.data() + word.size()).x;
    // The word joins the line if the line still fits; an overlong first word stays put.
    if (line_empty) {
      line = w;
    } else if (line + space + w <= width) {
      out += ' ';
      line += space + w;
    } else {
      out += '\n';
      line = w;
    }
    out.append(word);
    line_empty = false;
    if (end < text.size() && text[end] == '\n') {
      out += '\n';
      line_empty = true;
    }
    i = end + 1;
  }
  return out;
}

void text_wrapped(std::string_view text) {
  // Where TextWrapped would wrap: the pushed wrap position, else the region's right edge.
  float wrap_pos = std::max(0.0f, ImGui::GetCurrentWindow()->DC.TextWrapPos);
  float width = ImGui::CalcWrapWidthForPos(ImGui::GetCursorScreenPos(), wrap_pos);
  // Pre-broken lines fit, so ImGui's own wrapping only cuts a word longer than a line.
  ImGui::PushTextWrapPos(wrap_pos);
  ImGui::TextUnformatted(break_at_spaces(text, width).c_str());
  ImGui::PopTextWrapPos();
}

namespace {

void text_coloured_v(ImU32 colour, const char* fmt, va_list args) {
  va_list again;
  va_copy(again, args);
  std::string text(static_cast<size_t>(std::max(0, std::vsnprintf(nullptr, 0, fmt, args))), '\0');
  std::vsnprintf(text.data(), text.size() + 1, fmt, again);
  va_end(again);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text_wrapped(text);
  ImGui::PopStyleColor();
}

}  // namespace

void error_line(const std::string& error, std::string_view key) {
  if (error.empty()) return;
  text_error("%s", error.c_str());
  track_text(key, error);
}

void text_muted(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  text_coloured_v(palette().muted, fmt, args);
  va_end(args);
}

void text_error(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  text_coloured_v(palette().danger, fmt, args);
  va_end(args);
}

void text_warning(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  text_coloured_v(palette().warning, fmt, args);
  va_end(args);
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void heading(const char* text) {
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void view_title(const std::string& text) {
  heading(text.c_str());
  track_text("view:title", text);
}

void status_dot_text(ImU32 dot, const char* text) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float h = ImGui::GetFrameHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + 5, pos.y + h / 2), 4.5f, dot);
  ImGui::Dummy(ImVec2(12, h));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  text_muted("%s", text);
}

bool table_sort_changed(int& column, bool& ascending) {
  ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs();
  if (!sort || !sort->SpecsDirty) return false;
  if (sort->SpecsCount > 0) {
    column = static_cast<int>(sort->Specs[0].ColumnUserID);
    ascending = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
  }
  sort->SpecsDirty = false;
  return true;
}

void text_right(const std::string& text) {
  float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(text.c_str()).x;
  if (room > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room);
  ImGui::TextUnformatted(text.c_str());
}

void text_fit(const std::string& text) {
  float avail = ImGui::GetContentRegionAvail().x;
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  if (size.x <= avail || avail <= 0) {
    ImGui::TextUnformatted(text.c_str());
    return;
  }
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  // As TextUnformatted places it: on the line's text baseline (AlignTextToFramePadding).
  ImVec2 pos(w->DC.CursorPos.x, w->DC.CursorPos.y + w->DC.CurrLineTextBaseOffset);
  ImRect bb(pos, ImVec2(pos.x + avail, pos.y + size.y));
  ImGui::ItemSize(ImVec2(avail, size.y), 0.0f);
  if (!ImGui::ItemAdd(bb, 0)) return;
  ImGui::RenderTextEllipsis(w->DrawList, bb.Min, bb.Max, bb.Max.x, bb.Max.x, text.c_str(), nullptr, &size);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

void badge(const char* text, ImU32 bg, ImU32 fg) {
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 pad(6, 1);
  // Sit on the same baseline as framed widgets and aligned text in the row, and take a
  // framed widget's height: a row with a badge is as tall as the others (list clippers
  // assume equal rows), and the cursor is not moved (that made the row taller).
  float frame_pad = ImGui::GetStyle().FramePadding.y;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  pos.y += frame_pad - pad.y;
  float h = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad.x, pos.y + h + 2 * pad.y), bg, h);
  dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), fg, text);
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, ImGui::GetFrameHeight()));
}

}  // namespace subspace::ui
