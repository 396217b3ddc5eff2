// Members: invitations, acceptance, roles and removal, under the org seat limit and the
// per-sub seat cap.
#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

Error find_member(Ctx& c, const Workspace& ws, const std::string& raw_email, PersonIx& out, const Membership*& m) {
  auto email = normalize_email(raw_email);
  auto p = email ? c.s.person(*email) : std::nullopt;
  m = p ? ws.member(*p) : nullptr;
  if (!m) return Error(Err::not_a_member, "'" + trim(raw_email) + "' is not a member of '" + ws.name + "'.");
  out = *p;
  return {};
}

// A sub's own Super Admins cannot touch an org admin; only org admins can.
Error protect_org_admin(Ctx& c, const Workspace& ws, PersonIx target) {
  if (!ws.is_parent && is_org_admin(c.s, target) && !c.org_admin()) return Err::org_admin_protected;
  return {};
}

// The parent must keep at least one active Super Admin.
Error protect_last_admin(Ctx& c, const Workspace& ws, const Membership& m) {
  // The role test first: counting the parent's admins walks all its members.
  if (ws.is_parent && m.status == MemberStatus::Active && m.role == Role::SuperAdmin && m.person == sole_parent_super_admin(c.s))
    return Err::last_super_admin;
  return {};
}

}  // namespace

void apply_invites(Ctx& c, Workspace& ws, const std::vector<InviteRow>& rows) {
  for (const InviteRow& row : rows) {
    std::string email = *normalize_email(row.email);
    PersonIx p = mut::ensure_person(c.s, email, *normalize_display_name(row.name));
    mut::set_membership(c.s, ws, {p, row.role, MemberStatus::Invited, c.now(), c.now() + kInvitationTtlMs, c.actor});
  }
}

Error exec(Ctx& c, const InviteMembers& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::ManageMembers)) return e;
  if (p.invites.empty()) return Err::empty_batch;
  if (p.invites.size() > 10000) return Err::batch_too_large;
  InvitePreview preview = preview_invites(c.s, ws, ws->seat_cap, p.invites, c.now());
  if (Error e = batch_error(preview)) return e;
  apply_invites(c, mut::workspace(c.s, ws->id), p.invites);
  if (p.invites.size() == 1) {
    c.detail = "invited " + preview.rows[0].email + " as " + std::string(role_label(p.invites[0].role));
  } else {
    // Whom, in a few names: an audit reader looks for a person (a batch may hold 10,000).
    constexpr size_t kNamed = 3;
    c.detail = "invited " + std::to_string(p.invites.size()) + " people: ";
    for (size_t i = 0; i < preview.rows.size() && i < kNamed; ++i)
      c.detail += (i ? (i + 1 == preview.rows.size() ? " and " : ", ") : "") + preview.rows[i].email;
    if (preview.rows.size() > kNamed) c.detail += " and " + std::to_string(preview.rows.size() - kNamed) + " more";
  }
  return {};
}

Error exec(Ctx& c, const AcceptInvitation& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (c.system()) return Error(Err::forbidden, "Only the invited person can accept an invitation.");
  const Membership* m = ws->member(c.actor);
  if (!m || m->status != MemberStatus::Invited) return Err::invitation_not_found;
  if (invitation_expired(*m, c.now())) return Err::invitation_expired;
  // The unexpired invitation already holds the seat and the cap place: nothing to check.
  Membership active = *m;
  active.status = MemberStatus::Active;
  active.since = c.now();
  active.expires_at = 0;
  mut::set_membership(c.s, mut::workspace(c.s, ws->id), active);
  c.detail = "joined as " + std::string(role_label(active.role));
  return {};
}

Error exec(Ctx& c, const RevokeInvitation& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::ManageMembers)) return e;
  PersonIx target;
  const Membership* m;
  if (find_member(c, *ws, p.email, target, m) || m->status != MemberStatus::Invited) return Err::invitation_not_found;
  mut::remove_membership(c.s, mut::workspace(c.s, ws->id), target);
  c.detail = "revoked the invitation of " + c.s.people[target].email;
  return {};
}

Error exec(Ctx& c, const ResendInvitation& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::ManageMembers)) return e;
  PersonIx target;
  const Membership* m;
  if (find_member(c, *ws, p.email, target, m) || m->status != MemberStatus::Invited) return Err::invitation_not_found;
  // An expired invitation held nothing; resending it takes a seat and a cap place again.
  if (invitation_expired(*m, c.now())) {
    if (!holds_seat(c.s, target, c.now()) && seats_left(c.s, c.now()) <= 0) return Err::seat_limit_reached;
    if (workspace_cap_left(*ws, c.now()) == 0) return Err::sub_seat_cap_reached;
  }
  Membership renewed = *m;
  renewed.since = c.now();
  renewed.expires_at = c.now() + kInvitationTtlMs;
  renewed.invited_by = c.actor;
  mut::set_membership(c.s, mut::workspace(c.s, ws->id), renewed);
  c.detail = "resent the invitation of " + c.s.people[target].email;
  return {};
}

Error exec(Ctx& c, const ChangeRole& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::ManageMembers)) return e;
  PersonIx target;
  const Membership* m;
  if (Error e = find_member(c, *ws, p.email, target, m)) return e;
  if (target == c.actor) return Err::own_role;
  if (Error e = protect_org_admin(c, *ws, target)) return e;
  if (p.role != Role::SuperAdmin)
    if (Error e = protect_last_admin(c, *ws, *m)) return e;
  if (m->role == p.role) {  // nothing to change; still accepted (a replay may repeat it), and audited as such
    c.detail = c.s.people[target].email + ": already " + std::string(role_label(m->role)) + "; nothing changed";
    return {};
  }
  c.detail = c.s.people[target].email + ": " + std::string(role_label(m->role)) + " -> " + std::string(role_label(p.role));
  Membership changed = *m;
  changed.role = p.role;
  mut::set_membership(c.s, mut::workspace(c.s, ws->id), changed);
  return {};
}

Error exec(Ctx& c, const RemoveMember& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::ManageMembers)) return e;
  PersonIx target;
  const Membership* m;
  if (Error e = find_member(c, *ws, p.email, target, m)) return e;
  if (target != c.actor)
    if (Error e = protect_org_admin(c, *ws, target)) return e;
  if (Error e = protect_last_admin(c, *ws, *m)) return e;
  c.detail = "removed " + c.s.people[target].email;
  mut::remove_membership(c.s, mut::workspace(c.s, ws->id), target);
  return {};
}

}  // namespace subspace
