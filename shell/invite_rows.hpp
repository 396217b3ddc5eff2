// The invitation editor shared by the Create Sub-workspace wizard and the Members view:
// rows of email, name and role, a paste box for lists, and each row's verdict from core.
#pragma once
#include <string>
#include <vector>

#include "core/queries.hpp"
#include "shell/ui_state.hpp"

namespace subspace::ui {
class App;

// The drafts that have an email, as core rows (empty rows are ignored, not refused).
std::vector<InviteRow> invite_rows(const std::vector<InviteDraft>& drafts);
// Adds the people of a pasted list (core/paste_list.hpp) as drafts; `role` where the list
// names none.
void add_pasted(std::vector<InviteDraft>& drafts, std::string_view text, Role role);
// Splits a batch by core's verdict: the rows that can go in (returned) and, in `left_out`,
// drafts of those that cannot, kept for the user to fix and send again.
std::vector<InviteRow> rows_that_go_in(const std::vector<InviteRow>& rows, const InvitePreview& preview,
                                       std::vector<InviteDraft>& left_out);
// Who a batch leaves out and why, for a toast after the dialog has closed: "left out
// x@y.z: seat limit reached" (and "and N more"); "" when nobody is.
std::string left_out_note(const InvitePreview& preview);
// After a dialog's send button, on its line (always in view, however long the list):
// how many rows will not be invited. Nothing when all can be.
void draw_left_out_summary(const InvitePreview& preview, const char* scope);
// "Seats left: N of M - these invitations take K", tracked as `<scope>:seats`.
void draw_seats_line(const State& s, const InvitePreview& preview, TimeMs now, const char* scope);
// Draws the editor. `preview` is core's verdict on invite_rows(drafts); `scope` keeps the
// widget ids of two editors apart.
void draw_invite_editor(App& app, std::vector<InviteDraft>& drafts, TextBuf<8192>& paste, const InvitePreview& preview,
                        const char* scope);

}  // namespace subspace::ui
