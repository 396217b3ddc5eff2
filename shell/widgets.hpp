// Thin wrappers over ImGui widgets that also publish the widget's rectangle (ItemRects)
// under its label, and show why a control is disabled. Panels use these for anything a
// user clicks or types into.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>

#include "shell/item_rects.hpp"
#include "shell/ui_state.hpp"

namespace subspace::ui {

// Set by the App for the duration of a frame.
void set_item_rects(ItemRects* rects);
// A read-only tab (another tab writes this store): the controls that change something,
// primary and danger buttons, keyed small buttons, checkboxes and role combos, are off with
// this reason on hover. "" when this tab may write.
void set_read_only(std::string_view reason);
const std::string& read_only_reason();  // "This tab is read-only: ...", or ""
// Within its scope those controls work even so: for the few that change nothing (copying).
struct AllowWhileReadOnly {
  AllowWhileReadOnly();
  ~AllowWhileReadOnly();
  AllowWhileReadOnly(const AllowWhileReadOnly&) = delete;
  AllowWhileReadOnly& operator=(const AllowWhileReadOnly&) = delete;
};
bool key_pressed(ImGuiKey key);
// Publishes the last item's rectangle under `label`.
void track(std::string_view label, bool enabled = true);
// Same, and also under "<key>=<text>": what the item shows, for tests that check what a
// user reads (the canvas has no text to query).
void track_text(std::string_view key, std::string_view text, bool enabled = true);

// A button that may be disabled; hovering a disabled one shows `why_not`.
bool button(const char* label, bool enabled = true, const char* why_not = nullptr, ImVec2 size = ImVec2(0, 0));
// A plain button that changes something: off in a read-only tab.
bool action_button(const char* label, bool enabled = true, const char* why_not = nullptr);
bool small_button(const char* label, bool enabled = true, const char* why_not = nullptr);
bool danger_button(const char* label, bool enabled = true, const char* why_not = nullptr);
bool primary_button(const char* label, bool enabled = true, const char* why_not = nullptr, ImVec2 size = ImVec2(0, 0));
bool checkbox(const char* label, bool* v, bool enabled = true, const char* why_not = nullptr);
bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags = 0, ImVec2 size = ImVec2(0, 0));
template <std::size_t N> bool input_text(const char* label, TextBuf<N>& buf, ImGuiInputTextFlags flags = 0) {
  bool changed = ImGui::InputText(label, buf.data, N, flags);
  track(label);
  return changed;
}
// A width for a field that shows all of its hint (and is never narrower than `at_least`).
float fit_hint(const char* hint, float at_least = 0);
template <std::size_t N> bool input_hint(const char* label, const char* hint, TextBuf<N>& buf, ImGuiInputTextFlags flags = 0) {
  bool changed = ImGui::InputTextWithHint(label, hint, buf.data, N, flags);
  track(label);
  return changed;
}
// A combo over the four roles.
bool role_combo(const char* label, Role& role, bool enabled = true, const char* why_not = nullptr);

// Same, published under `key` instead of the label (for per-row buttons inside PushID).
bool keyed_button(const char* label, const std::string& key, bool enabled = true, const char* why_not = nullptr);
bool keyed_small_button(const char* label, const std::string& key, bool enabled = true, const char* why_not = nullptr);

// The height a dialog's footer needs below its scrolling body: a separator, the reason of a
// refusal (if any, wrapped to the dialog's width) and a row of buttons.
float footer_height(const std::string& error = {});

// A modal "are you sure?" for destructive actions. Returns true once, when confirmed.
// Open it with ImGui::OpenPopup(id) in the same ID scope.
// Why a typed amount of credits cannot be read ("" when it can): empty, or not a number
// with at most two decimals. The same words wherever credits are typed; core still refuses
// amounts it does not take (zero, too large) with its own reason.
std::string credits_problem(std::string_view text);
// A download's file name: "<what>-<name>-<YYYY-MM-DD>.<ext>", the name in lower case with
// anything but letters, digits and '-' made '-', so several exports do not overwrite each other.
std::string download_name(std::string_view what, std::string_view name, TimeMs now, std::string_view ext);
// Enter presses the button the keyboard has moved to, as Space does (ImGui 1.86 gives Enter
// to text fields only). Called before ImGui::NewFrame, by each platform.
void enter_activates(ImGuiIO& io);
// Enter meant for a dialog's default action: not when the keyboard has moved to a button,
// which Enter presses instead.
bool enter_for_default();
// Escape, meant for the dialog rather than a field: the first Escape in a text field only
// leaves the field (ImGui lets go of the field before the dialog's check runs).
bool escape_closes();
// `destructive`: the confirm button is red; otherwise it is the primary colour (Restore).
bool confirm_modal(const char* id, const std::string& text, const char* confirm_label = "Confirm", bool destructive = true);

// Text helpers.
void text_muted(const char* fmt, ...) IM_FMTARGS(1);
void text_error(const char* fmt, ...) IM_FMTARGS(1);
void text_warning(const char* fmt, ...) IM_FMTARGS(1);
// A refusal or problem shown by the control it belongs to, published under `key`; nothing
// when `error` is empty.
void error_line(const std::string& error, std::string_view key);
// Wrapped text that breaks lines at spaces only: ImGui's own wrapping also breaks after
// '.', ',' and ';', which splits emails and amounts ("ada.quill@lumen." / "example"). A
// word longer than a line is still cut. break_at_spaces is the line breaking alone.
void text_wrapped(std::string_view text);
std::string break_at_spaces(std::string_view text, float width);
// One line of text in the space left on this line: cut with "..." when it does not fit (a
// narrow table column), the whole text on hover.
void text_fit(const std::string& text);
// A number in a table cell, against the cell's right edge so that digits line up.
void text_right(const std::string& text);
void help_marker(const char* text);
void heading(const char* text);
// The title of the current view (a heading published as "view:title").
void view_title(const std::string& text);
// A status line: a coloured dot, then muted text, both on the frame's baseline.
void status_dot_text(ImU32 dot, const char* text);
// Reads the current table's sort request, if the user changed it: true when the order changed.
bool table_sort_changed(int& column, bool& ascending);
// A short pill (badge) like "API" or "Billing: parent".
void badge(const char* text, ImU32 bg, ImU32 fg);
void disabled_tooltip(const char* why_not);

}  // namespace subspace::ui
