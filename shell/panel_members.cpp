// Members of one workspace: search, sort, role changes, removal, invitations (resend,
// revoke, invite more), bulk actions, CSV export, seat meter. Large tables are clipped.
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiItemFlags_MixedValue: the select-all box when some are ticked

#include <algorithm>
#include <unordered_set>

#include "core/csv.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/invite_rows.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

enum Column { kSelect, kName, kEmail, kRole, kStatus, kSince, kActions };

std::string status_text(const Membership& m, TimeMs now) {
  switch (m.status) {
    case MemberStatus::Active: return "Active";
    case MemberStatus::Suspended: return "Suspended";
    case MemberStatus::Invited: {
      if (m.expires_at <= now) return "Invitation expired";
      TimeMs left = m.expires_at - now;
      // Whole days, rounded to the nearest (a just-sent 7-day invitation says 7 d, 5 d 1 h
      // says 5 d); under a day, hours rounded up (never "0 h" while it still holds).
      constexpr TimeMs kHourMs = 3'600'000;
      if (left < kDayMs) return "Invited (expires in " + std::to_string((left + kHourMs - 1) / kHourMs) + " h)";
      return "Invited (expires in " + std::to_string((left + kDayMs / 2) / kDayMs) + " d)";
    }
  }
  return "";
}

int status_rank(const Membership& m, TimeMs now) {
  if (m.status == MemberStatus::Active) return 0;
  if (m.status == MemberStatus::Invited) return m.expires_at > now ? 1 : 2;
  return 3;
}

void refresh_rows(App& app, const Workspace& ws, MembersState& st) {
  const State& s = app.state();
  std::string key = std::string(st.search.view()) + "|" + std::to_string(st.sort_column) + (st.sort_ascending ? "a" : "d");
  if (st.cached_version == s.version && st.cached_ws == ws.id && st.cached_key == key) return;
  if (st.cached_ws != ws.id) st.selected.clear();
  st.cached_version = s.version;
  st.cached_ws = ws.id;
  st.cached_key = key;
  st.sole_admin = ws.is_parent ? sole_parent_super_admin(s) : kNoPerson;
  st.rows.clear();
  std::string needle = search_fold(trim(st.search.view()));
  for (const auto& m : ws.members) {
    const Person& p = s.people[m.person];
    if (needle.empty() || p.email.find(needle) != std::string::npos || search_fold(p.name).find(needle) != std::string::npos)
      st.rows.push_back(m.person);
  }
  TimeMs now = app.now();
  // Ties (people without a name, one role) fall back to the email, so the order is stable.
  // Numbers in names and emails sort by value (temp2 before temp10).
  auto less = [&](PersonIx a, PersonIx b) {
    const Membership &x = *ws.member(a), &y = *ws.member(b);
    int by_email = natural_compare(s.people[a].email, s.people[b].email);
    switch (st.sort_column) {
      case kEmail: return by_email < 0;
      case kRole: return x.role != y.role ? x.role < y.role : by_email < 0;
      case kStatus: return status_rank(x, now) != status_rank(y, now) ? status_rank(x, now) < status_rank(y, now) : by_email < 0;
      case kSince: return x.since != y.since ? x.since < y.since : by_email < 0;
      default: {
        int by_name = natural_compare(s.people[a].name, s.people[b].name);
        return by_name != 0 && !iequals_ascii(s.people[a].name, s.people[b].name) ? by_name < 0 : by_email < 0;
      }
    }
  };
  std::stable_sort(st.rows.begin(), st.rows.end(), [&](PersonIx a, PersonIx b) {
    return st.sort_ascending ? less(a, b) : less(b, a);
  });
  // Only listed people stay selected: a bulk action never reaches someone the search hides.
  if (!st.selected.empty()) {
    std::unordered_set<PersonIx> listed(st.rows.begin(), st.rows.end());
    for (auto it = st.selected.begin(); it != st.selected.end();) it = listed.count(*it) ? std::next(it) : st.selected.erase(it);
  }
}

// The header row, with a box in the selection column that ticks every listed person (or
// none). The selection holds listed people only, so comparing sizes is enough.
void draw_header_row(MembersState& st, bool manage) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    ImGui::PushID(c);
    if (c == kSelect && manage) {
      bool all = !st.rows.empty() && st.selected.size() == st.rows.size();
      bool some = !st.selected.empty() && !all;
      bool ticked = all;
      if (some) ImGui::PushItemFlag(ImGuiItemFlags_MixedValue, true);
      if (ImGui::Checkbox("##select-all", &ticked)) {
        if (all || some) st.selected.clear();
        else st.selected.insert(st.rows.begin(), st.rows.end());
      }
      if (some) ImGui::PopItemFlag();
      track("select:all");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip(all || some ? "Clear the selection." : "Select all %s listed.", format_count(static_cast<long long>(st.rows.size())).c_str());
    } else {
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
    }
    ImGui::PopID();
  }
}

// Why `me` may not change or remove `target` here (empty: they may).
std::string why_not_manage(const State& s, PersonIx me, const Workspace& ws, PersonIx target) {
  if (!can(s, me, ws, Perm::ManageMembers)) return "Only Super Admins can change members.";
  if (me == target) return "Nobody can change their own role.";
  if (!ws.is_parent && is_org_admin(s, target) && !is_org_admin(s, me)) return "Only org admins can change an org admin.";
  return "";
}

// Asks "are you sure?" before `commands` run; `done` is the toast once all of them are
// accepted. The popup is opened at the panel's ID level (rows push their own IDs), on the
// next pass through draw_members.
void ask(MembersState& st, std::string text, std::vector<Payload> commands, std::string done, std::string label) {
  st.confirm_text = std::move(text);
  st.confirm_commands = std::move(commands);
  st.confirm_done = std::move(done);
  st.confirm_label = std::move(label);
  st.confirm_open = true;
}

void run_confirmed(App& app, MembersState& st) {
  size_t accepted = 0, total = st.confirm_commands.size();
  for (auto& c : st.confirm_commands) accepted += app.dispatch(std::move(c)).accepted();
  // Each refusal has its own toast; a partly done batch says how far it got.
  if (accepted == total) app.toast(st.confirm_done);
  else if (accepted > 0) app.toast(std::to_string(accepted) + " of " + std::to_string(total) + " done; the others were refused.");
  st.confirm_commands.clear();
  st.selected.clear();
}

std::string who(const Person& p) { return p.name.empty() ? p.email : p.name; }
// Said before someone leaves or is removed: a sub with no Super Admin of its own is run by
// the org admins alone (the parent's last Super Admin cannot go at all).
std::string last_admin_note(const Workspace& ws, PersonIx person) {
  if (ws.is_parent) return "";
  const Membership* m = ws.member(person);
  if (!m || m->role != Role::SuperAdmin || m->status != MemberStatus::Active) return "";
  for (const auto& other : ws.members)
    if (other.person != person && other.role == Role::SuperAdmin && other.status == MemberStatus::Active) return "";
  return " " + ws.name + " will have no Super Admin of its own: only org admins will manage its members and settings.";
}

std::string who_with_email(const Person& p) { return p.name.empty() ? p.email : p.name + " (" + p.email + ")"; }

// "a, b, c and 2 more": the people a batch is about, named.
std::string name_list(const State& s, const std::vector<PersonIx>& people) {
  constexpr size_t kNamed = 8;
  std::string out;
  for (size_t i = 0; i < people.size() && i < kNamed; ++i) {
    if (i > 0) out += i + 1 == people.size() ? " and " : ", ";
    out += who(s.people[people[i]]);
  }
  if (people.size() > kNamed) out += " and " + std::to_string(people.size() - kNamed) + " more";
  return out;
}

// What removing `p` from `ws` does to their seat (the app knows, so it says which): it is
// kept by an active membership or a pending invitation anywhere else, workspaces the viewer
// cannot see included (a synced projection carries those as counts).
std::string seat_note(const State& s, const Workspace& ws, PersonIx p, TimeMs now) {
  return keeps_seat_without(s, p, ws.id, now) ? " They keep their seat: they are in other workspaces."
                                               : " Their seat is freed: this is their only workspace.";
}

void draw_seats(App& app, const Workspace& ws) {
  const State& s = app.state();
  TimeMs now = app.now();
  int used = seats_used(s, now);
  ImGui::AlignTextToFramePadding();
  std::string text = "Org seats: " + format_count(used) + " of " + format_count(s.plan.seat_limit) + " used";
  ImGui::TextUnformatted(text.c_str());
  track_text("members:seats", text);
  if (ws.seat_cap) {
    ImGui::SameLine(0, 16);
    ImGui::Text("This sub: %d of %d (cap)", workspace_seats_used(ws, now), *ws.seat_cap);
  }
  ImGui::SameLine(0, 16);
  std::string count = format_count(static_cast<long long>(ws.members.size())) + (ws.members.size() == 1 ? " person" : " people") +
                      " listed here, invitations included";
  // A search shows part of them: say how many.
  const MembersState& st = app.ui().members;
  if (!trim(st.search.view()).empty() && st.rows.size() != ws.members.size())
    count = format_count(static_cast<long long>(st.rows.size())) + " of " + count + " (search)";
  text_muted("%s", count.c_str());
  track_text("members:count", count);
}

void draw_invite_dialog(App& app, const Workspace& ws, MembersState& st) {
  if (!st.invite_open) return;
  const char* title = "Invite members###invite";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, vp->WorkSize.x - 40), std::min(520.0f, vp->WorkSize.y - 40)), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, &st.invite_open, ImGuiWindowFlags_NoSavedSettings)) {
    st.invite_open = false;
    return;
  }
  const State& s = app.state();
  std::vector<InviteRow> rows = invite_rows(st.invites);
  InvitePreview preview = preview_invites(s, &ws, ws.seat_cap, rows, app.now());
  ImGui::Text("Invite people to %s", ws.name.c_str());
  if (!st.invite_note.empty()) {
    text_warning("%s", st.invite_note.c_str());
    track_text("invite:note", st.invite_note);
  }
  draw_seats_line(s, preview, app.now(), "invite");
  if (int cap_left = workspace_cap_left(ws, app.now()); cap_left >= 0) {
    ImGui::SameLine(0, 16);
    ImGui::Text("Places under this sub's cap: %d", cap_left);
  }
  ImGui::BeginChild("invite-body", ImVec2(0, -footer_height(st.invite_error)));
  draw_invite_editor(app, st.invites, st.paste, preview, "invite");
  ImGui::EndChild();
  ImGui::Separator();
  if (!st.invite_error.empty()) text_error("%s", st.invite_error.c_str());
  int ok = preview.ok_count();
  if (button("Cancel##invite") || escape_closes()) st.invite_open = false;
  ImGui::SameLine();
  std::string label = "Invite " + std::to_string(ok) + (ok == 1 ? " person" : " people") + "##invite-send";
  if (primary_button(label.c_str(), ok > 0, "Add at least one person who can be invited.")) {
    std::vector<InviteDraft> left_out;
    InviteMembers cmd{ws.id, rows_that_go_in(rows, preview, left_out)};
    ExecResult r = app.dispatch(std::move(cmd), App::Refusal::ShownInPlace);
    std::string invited = "Invited " + std::to_string(ok) + (ok == 1 ? " person" : " people");
    if (r.accepted() && left_out.empty()) {
      app.toast(invited + ".");
      st.invite_open = false;
      st.invites.clear();
    } else if (r.accepted()) {
      // Those left out stay in the dialog, nothing lost: fix them or free seats and send again.
      st.invite_note = invited + ". The rows below were left out and not invited: fix them, or free seats, and send "
                                 "again; Cancel drops them.";
      st.invites = std::move(left_out);
      st.invite_error.clear();
      app.toast(invited + "; " + std::to_string(st.invites.size()) + " left out, still in the dialog.");
    } else {
      st.invite_error = r.error.message;
    }
  }
  track("invite:send", ok > 0);
  draw_left_out_summary(preview, "invite");
  if (!st.invite_open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_bulk_bar(App& app, const Workspace& ws, MembersState& st, PersonIx me) {
  const State& s = app.state();
  if (!can(s, me, ws, Perm::ManageMembers)) return;
  // The bar keeps its line when nothing is selected: ticking a box must not move the rows.
  ImGui::AlignTextToFramePadding();
  if (st.selected.empty()) {
    text_muted("Tick people to change their role, resend invitations or remove several at once.");
    return;
  }
  ImGui::Text("%zu selected:", st.selected.size());
  Role& bulk_role = st.bulk_role;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150);
  role_combo("##bulk-role", bulk_role);
  ImGui::SameLine();
  std::vector<PersonIx> people(st.selected.begin(), st.selected.end());
  std::sort(people.begin(), people.end(), [&](PersonIx a, PersonIx b) { return natural_less(s.people[a].email, s.people[b].email); });
  if (action_button("Set role##bulk")) {
    // Asked first, naming who changes: those who hold the role already, or whom you may
    // not change, are named as staying.
    std::vector<PersonIx> change, same, kept;
    for (PersonIx p : people) {
      if (ws.member(p)->role == bulk_role) same.push_back(p);
      else (p != st.sole_admin && why_not_manage(s, me, ws, p).empty() ? change : kept).push_back(p);
    }
    std::string role = std::string(role_label(bulk_role));
    std::string n = std::to_string(change.size()) + (change.size() == 1 ? " person" : " people");
    if (change.empty()) {
      app.toast("Nobody selected needed to become " + role + (kept.empty() ? "." : " whom you may change."));
    } else {
      std::vector<Payload> cmds;
      for (PersonIx p : change) cmds.push_back(ChangeRole{ws.id, s.people[p].email, bulk_role});
      std::string text = "Make " + n + " " + role + " in " + ws.name + ": " + name_list(s, change) + "?";
      if (!same.empty()) text += "\n\nAlready " + role + ": " + name_list(s, same) + ".";
      if (!kept.empty()) text += "\n\nStaying as they are, as you may not change them: " + name_list(s, kept) + ".";
      ask(st, text, cmds, n + (change.size() == 1 ? " is" : " are") + " now " + role + " in " + ws.name + ".", "Make " + n + " " + role);
    }
  }
  ImGui::SameLine();
  bool any_invited = std::any_of(people.begin(), people.end(), [&](PersonIx p) { return ws.member(p)->status == MemberStatus::Invited; });
  if (action_button("Resend invitations##bulk", any_invited, "None of the selected people has an invitation.")) {
    int resent = 0;
    for (PersonIx p : people)
      if (ws.member(p)->status == MemberStatus::Invited) resent += app.dispatch(ResendInvitation{ws.id, s.people[p].email}).accepted();
    if (resent) app.toast("Resent " + std::to_string(resent) + (resent == 1 ? " invitation." : " invitations."));
  }
  ImGui::SameLine();
  // Those core would refuse (yourself, the last Super Admin, an org admin you may not
  // touch) are named and kept, rather than refused one by one after the confirmation.
  std::vector<PersonIx> removable, kept;
  for (PersonIx p : people)
    (p != me && p != st.sole_admin && why_not_manage(s, me, ws, p).empty() ? removable : kept).push_back(p);
  if (danger_button("Remove##bulk", !removable.empty(), "You may not remove any of the selected people.")) {
    std::vector<Payload> cmds;
    for (PersonIx p : removable) cmds.push_back(RemoveMember{ws.id, s.people[p].email});
    std::string n = std::to_string(removable.size()) + (removable.size() == 1 ? " person" : " people");
    std::string text = "Remove " + n + " from " + ws.name + ": " + name_list(s, removable) + "? Pending invitations are revoked.";
    if (!kept.empty()) text += "\n\nStaying, as you may not remove them: " + name_list(s, kept) + ".";
    ask(st, text, cmds, "Removed " + n + " from " + ws.name + ".", "Remove " + n);
  }
  ImGui::SameLine();
  if (button("Clear selection##bulk")) st.selected.clear();
}

// Org admins rename people in place: double-click the name, Enter saves, Escape cancels.
void draw_name_cell(App& app, MembersState& st, PersonIx me, PersonIx person) {
  const State& s = app.state();
  const Person& p = s.people[person];
  if (st.renaming == person) {
    if (st.rename_focus == 2) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##rename-person", st.rename.data, sizeof st.rename.data, ImGuiInputTextFlags_EnterReturnsTrue);
    track("rename:" + p.email);
    bool active = ImGui::IsItemActive() || st.rename_focus > 0;  // focus takes a frame to arrive
    if (st.rename_focus > 0) --st.rename_focus;
    if (enter) {
      std::string email = p.email;  // copied: the dispatch changes the state `p` lives in
      if (app.dispatch(UpdatePerson{email, trim(st.rename.view())}).accepted()) app.toast(email + " is now called " + trim(st.rename.view()) + ".");
      st.renaming = kNoPerson;
    } else if (!active || key_pressed(ImGuiKey_Escape)) {
      st.renaming = kNoPerson;  // clicking elsewhere or Escape leaves the name as it was
    }
    return;
  }
  bool editable = is_org_admin(s, me);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(p.name.empty() ? "-" : p.name.c_str());
  if (!editable) return;
  track("name:" + p.email);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Double-click to change the name.");
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      st.renaming = person;
      st.rename.set(p.name);
      st.rename_focus = 2;
    }
  }
}

void draw_row(App& app, const Workspace& ws, MembersState& st, PersonIx me, PersonIx person) {
  const State& s = app.state();
  const Membership& m = *ws.member(person);
  const Person& p = s.people[person];
  TimeMs now = app.now();
  bool manage = can(s, me, ws, Perm::ManageMembers);
  std::string why = why_not_manage(s, me, ws, person);
  // Said before the click: core refuses to remove or demote the parent's last Super Admin.
  std::string why_last = person == st.sole_admin ? std::string(error_default_message(Err::last_super_admin)) : "";
  if (why.empty()) why = why_last;

  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  bool sel = st.selected.count(person) > 0;
  if (manage && ImGui::Checkbox("##sel", &sel)) {
    if (sel) st.selected.insert(person);
    else st.selected.erase(person);
  }
  if (manage) track("select:" + p.email);

  ImGui::TableNextColumn();
  draw_name_cell(app, st, me, person);
  if (is_org_admin(s, person)) {
    ImGui::SameLine();
    badge("org admin", palette().badge_api_bg, palette().badge_api_fg);
    if (ImGui::IsItemHovered() && !ws.is_parent)
      ImGui::SetTooltip("A Super Admin of the parent: acts as a Super Admin here whatever the role or status shown.");
  }
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  text_fit(p.email);

  ImGui::TableNextColumn();
  Role role = m.role;
  ImGui::SetNextItemWidth(-1);
  if (role_combo("##role", role, manage && why.empty(), why.empty() ? nullptr : why.c_str())) {
    // Worded before the dispatch, which changes the state `p` and `ws` live in.
    std::string done = who(p) + " is now " + std::string(role_label(role)) + " in " + ws.name + ".";
    if (m.role == Role::SuperAdmin && role != Role::SuperAdmin) {
      // Taking admin rights away is asked first, like a removal.
      std::string lose = ws.is_parent ? " They lose their Super Admin and org admin rights." : " They lose their Super Admin rights here.";
      ask(st, "Make " + who_with_email(p) + " " + std::string(role_label(role)) + " in " + ws.name + "?" + lose,
          {ChangeRole{ws.id, p.email, role}}, done, "Make " + std::string(role_label(role)));
    } else if (app.dispatch(ChangeRole{ws.id, p.email, role}).accepted()) {
      app.toast(done);
    }
  }
  track("role:" + p.email, manage && why.empty());

  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  std::string status = status_text(m, now);
  // One line, never wrapped: the list clipper assumes rows of equal height.
  if (invitation_expired(m, now)) ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
  text_fit(status);
  if (invitation_expired(m, now)) ImGui::PopStyleColor();
  track_text("status:" + p.email, status);

  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(format_date(m.since).c_str());

  ImGui::TableNextColumn();
  if (m.status == MemberStatus::Invited) {
    if (keyed_small_button("Resend", "resend:" + p.email, manage, "Only Super Admins can resend invitations.") &&
        app.dispatch(ResendInvitation{ws.id, p.email}).accepted())
      app.toast("Sent the invitation to " + p.email + " again; it is good for another 7 days.");
    ImGui::SameLine();
    if (keyed_small_button("Revoke", "revoke:" + p.email, manage, "Only Super Admins can revoke invitations."))
      ask(st, "Revoke the invitation of " + who_with_email(p) + " to " + ws.name + "?", {RevokeInvitation{ws.id, p.email}},
          "Revoked the invitation of " + p.email + ".", "Revoke");
  } else {
    bool self_leave = person == me;
    // Leaving needs only the right to manage members; the last admin may not leave either.
    std::string why_remove = self_leave ? why_last : why;
    const char* reason = !manage ? (self_leave ? "Only a Super Admin can take you off this workspace; ask one of them."
                                               : "Only Super Admins can remove members.")
                                 : why_remove.c_str();
    if (keyed_small_button(self_leave ? "Leave" : "Remove", "remove:" + p.email, manage && why_remove.empty(), reason))
      ask(st, self_leave ? "Leave " + ws.name + "? You will lose access to it." + last_admin_note(ws, person)
                         : "Remove " + who_with_email(p) + " from " + ws.name + "?" + seat_note(s, ws, person, now) +
                               last_admin_note(ws, person),
          {RemoveMember{ws.id, p.email}}, self_leave ? "You have left " + ws.name + "." : "Removed " + who(p) + " from " + ws.name + ".",
          self_leave ? "Leave" : "Remove");
  }
}

}  // namespace

void draw_members(App& app) {
  const State& s = app.state();
  UiState& ui = app.ui();
  MembersState& st = ui.members;
  auto me = app.me();
  const Workspace* ws = s.workspace(ui.route.ws ? ui.route.ws : s.parent);
  if (!me || !ws || !can_see(s, *me, *ws) || !ws->live()) {
    text_muted("You are not a member of any workspace yet. Pending invitations are listed on the left.");
    return;
  }
  if (ui.carried_invites.ws == ws->id) {
    st.invite_open = true;
    st.invites = std::move(ui.carried_invites.drafts);
    st.invite_note = std::move(ui.carried_invites.note);
    st.invite_error.clear();
    ui.carried_invites = {};
  }
  view_title(ws->name + " - Members");
  draw_seats(app, *ws);
  ImGui::Spacing();

  ImGui::SetNextItemWidth(260);
  input_hint("##members-search", "Search name or email", st.search);
  ImGui::SameLine();
  bool manage = can(s, *me, *ws, Perm::ManageMembers);
  if (primary_button("+ Invite members##members", manage, "Only Super Admins can invite members.")) {
    // Each opening starts afresh: a cancelled list is never sent later by mistake.
    st.invite_open = true;
    st.invite_error.clear();
    st.invite_note.clear();
    st.invites.assign(1, InviteDraft{});
    st.paste.clear();
  }
  ImGui::SameLine();
  if (action_button("Import CSV...##members", manage, "Only Super Admins can invite members.")) open_csv_import(app, ws->id);
  ImGui::SameLine();
  if (button("Export CSV##members")) {
    std::string file = download_name("members", ws->name, app.now(), "csv");
    app.platform().download(file, "text/csv", members_csv(s, *ws, app.now()));
    app.toast("Downloaded " + file + ".");
  }
  draw_bulk_bar(app, *ws, st, *me);

  refresh_rows(app, *ws, st);
  if (ws->members.empty()) {
    text_muted("Nobody here yet. %s", manage ? "Invite people to give them access." : "");
  } else if (st.rows.empty()) {
    text_muted("Nobody matches \"%s\".", st.search.data);
  } else {
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                            ImGuiTableFlags_NoBordersInBodyUntilResize;
    if (ImGui::BeginTable("members", 7, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, 26.0f, kSelect);
      ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 1.9f, kName);
      ImGui::TableSetupColumn("Email", 0, 2.9f, kEmail);  // long generated addresses tell namesakes apart
      ImGui::TableSetupColumn("Role", 0, 1.5f, kRole);
      ImGui::TableSetupColumn("Status", 0, 1.8f, kStatus);
      ImGui::TableSetupColumn("Since", 0, 1.0f, kSince);
      // Wide enough for the widest pair of buttons ("Resend" and "Revoke"), whatever the page width.
      const ImGuiStyle& style = ImGui::GetStyle();
      float actions = ImGui::CalcTextSize("Resend").x + ImGui::CalcTextSize("Revoke").x + style.FramePadding.x * 4 +
                      style.ItemSpacing.x + style.CellPadding.x * 2;
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, actions, kActions);
      draw_header_row(st, manage);
      if (table_sort_changed(st.sort_column, st.sort_ascending)) {
        refresh_rows(app, *ws, st);
        ImGui::SetScrollY(0.0f);  // a new order starts at its top, not mid-list
      }
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(st.rows.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          ImGui::PushID(static_cast<int>(st.rows[i]));
          draw_row(app, *ws, st, *me, st.rows[i]);
          ImGui::PopID();
        }
      }
      ImGui::EndTable();
    }
  }
  if (st.confirm_open) {
    ImGui::OpenPopup("Are you sure?##members");
    st.confirm_open = false;
  }
  // Nothing to confirm once the drafts were dropped (another person or workspace).
  if (!st.confirm_commands.empty() && confirm_modal("Are you sure?##members", st.confirm_text, st.confirm_label.c_str()))
    run_confirmed(app, st);
  draw_invite_dialog(app, *ws, st);
}

}  // namespace subspace::ui
