// Internal to the engine: what every command handler receives, and the checks they share.
// A handler validates everything first and only then mutates, so a refusal changes nothing.
#pragma once
#include <string>

#include "core/commands.hpp"
#include "core/mutate.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"

namespace subspace {

struct Ctx {
  State& s;
  const Command& cmd;
  PersonIx actor;
  WorkspaceId audit_workspace = 0;  // filled as soon as the handler knows it
  std::string detail;               // audit summary of an accepted command

  TimeMs now() const { return cmd.env.time; }
  CommandId id() const { return cmd.env.id; }
  bool system() const { return actor == kSystemActor; }
  bool org_admin() const { return system() || is_org_admin(s, actor); }
};

// Shared checks; each returns an Error (none = fine).
Error find_workspace(Ctx& c, WorkspaceId id, const Workspace*& out, bool must_be_live = true);
Error find_sub(Ctx& c, WorkspaceId id, const Workspace*& out);  // live sub-workspace
Error require(Ctx& c, const Workspace& ws, Perm perm);
Error require_org_admin(Ctx& c);
Error require_new_id(const Ctx& c);  // the envelope id names a new entity
Error check_amount(Cents amount);
Error check_count(std::int32_t count);
Error check_label(const std::string& raw, std::string& out, const char* what, int max_len = 64);

// Handlers, one per command, grouped by area in exec_*.cpp.
#define SUBSPACE_X(T, name, perm) Error exec(Ctx& c, const T& p);
SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X

// Applies a batch of invitations that preview_invites found fine.
void apply_invites(Ctx& c, Workspace& ws, const std::vector<InviteRow>& rows);

}  // namespace subspace
