// Who may do what: the role matrix of DESIGN.md and what follows from being an org admin.
#pragma once
#include <optional>
#include <vector>

#include "core/model.hpp"

namespace subspace {

enum class Perm : std::uint8_t {
  View,            // the workspace, its members and assets
  CreateContent,   // create assets and videos; edit/delete what they created
  EditAnyAsset,    // edit/delete any asset of the workspace
  Api,             // API settings, keys and usage (if the workspace may view them)
  ManageMembers,   // invite/remove members, change roles
  Billing,         // usage & billing, audit log of the workspace
  Purchase,        // buy credits and avatar slots (self-managed subs; org admins for the org)
  Administer,      // share assets, rename, image
};

bool role_allows(Role role, Perm perm);

// A Super Admin of the parent workspace: full control everywhere.
bool is_org_admin(const State& s, PersonIx p);
// The role that counts for `p` in `ws`: their active membership's role, or Super Admin for
// an org admin whether or not they are a member there.
std::optional<Role> effective_role(const State& s, PersonIx p, const Workspace& ws);
bool can(const State& s, PersonIx p, const Workspace& ws, Perm perm);
// Whether the workspace has API settings at all (the parent always; a sub when allowed).
bool workspace_has_api(const State& s, const Workspace& ws);

// Workspaces `p` may see: every live one for org admins, else those where they are active.
bool can_see(const State& s, PersonIx p, const Workspace& ws);
std::vector<WorkspaceId> visible_workspaces(const State& s, PersonIx p);

// The one active Super Admin of the parent when there is exactly one (they may not be removed
// or demoted), else kNoPerson.
PersonIx sole_parent_super_admin(const State& s);

}  // namespace subspace
