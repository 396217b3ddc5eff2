#include "core/rights.hpp"

namespace subspace {

bool role_allows(Role role, Perm perm) {
  switch (perm) {
    case Perm::View: return true;
    case Perm::CreateContent: return role != Role::Viewer;
    case Perm::Api: return role == Role::SuperAdmin || role == Role::Developer;
    case Perm::EditAnyAsset:
    case Perm::ManageMembers:
    case Perm::Billing:
    case Perm::Purchase:
    case Perm::Administer: return role == Role::SuperAdmin;
  }
  return false;
}

bool is_org_admin(const State& s, PersonIx p) {
  if (p == kSystemActor) return true;  // the server's and the app's own housekeeping
  if (!s.has_org || p >= s.people.size()) return false;
  const Membership* m = s.parent_workspace().member(p);
  return m && m->status == MemberStatus::Active && m->role == Role::SuperAdmin;
}

std::optional<Role> effective_role(const State& s, PersonIx p, const Workspace& ws) {
  if (is_org_admin(s, p)) return Role::SuperAdmin;
  if (!ws.live()) return std::nullopt;
  const Membership* m = ws.member(p);
  if (!m || m->status != MemberStatus::Active) return std::nullopt;
  return m->role;
}

bool workspace_has_api(const State&, const Workspace& ws) { return ws.is_parent || ws.api_access; }

bool can(const State& s, PersonIx p, const Workspace& ws, Perm perm) {
  auto role = effective_role(s, p, ws);
  if (!role || !role_allows(*role, perm)) return false;
  if (perm == Perm::Api && !workspace_has_api(s, ws)) return false;
  // Only self-managed subs buy for themselves; the org's own purchases are the parent's.
  if (perm == Perm::Purchase && !ws.is_parent && ws.billing_by_parent) return false;
  return true;
}

bool can_see(const State& s, PersonIx p, const Workspace& ws) {
  if (!ws.live()) return is_org_admin(s, p);
  return effective_role(s, p, ws).has_value();
}

std::vector<WorkspaceId> visible_workspaces(const State& s, PersonIx p) {
  std::vector<WorkspaceId> out;
  if (is_org_admin(s, p)) {
    for (const auto& ws : s.workspaces)
      if (ws.live()) out.push_back(ws.id);
    return out;
  }
  if (p >= s.person_workspaces.size()) return out;
  for (WorkspaceId id : s.person_workspaces[p]) {
    const Workspace* ws = s.workspace(id);
    if (ws && can_see(s, p, *ws)) out.push_back(id);
  }
  return out;
}

PersonIx sole_parent_super_admin(const State& s) {
  PersonIx sole = kNoPerson;
  for (const auto& m : s.parent_workspace().members) {
    if (m.status != MemberStatus::Active || m.role != Role::SuperAdmin) continue;
    if (sole != kNoPerson) return kNoPerson;
    sole = m.person;
  }
  return sole;
}

}  // namespace subspace
