#include "core/engine.hpp"

#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {

Error find_workspace(Ctx& c, WorkspaceId id, const Workspace*& out, bool must_be_live) {
  out = c.s.workspace(id);
  if (!out) return Err::workspace_not_found;
  // Someone who could not see the workspace learns nothing of it, not even that it exists;
  // the attempt is audited on the parent (for org admins), not in that workspace.
  if (!c.system() && !can_see(c.s, c.actor, *out) && !(out->live() && out->member(c.actor))) {
    c.audit_workspace = c.s.parent;
    return Err::workspace_not_found;
  }
  c.audit_workspace = id;
  if (must_be_live && !out->live()) return Error(Err::workspace_in_trash, "'" + out->name + "' is in the trash.");
  return {};
}

Error find_sub(Ctx& c, WorkspaceId id, const Workspace*& out) {
  if (Error e = find_workspace(c, id, out)) return e;
  if (out->is_parent) return Err::not_a_sub_workspace;
  return {};
}

Error require(Ctx& c, const Workspace& ws, Perm perm) {
  if (can(c.s, c.actor, ws, perm)) return {};
  if (perm == Perm::Api && effective_role(c.s, c.actor, ws) && role_allows(*effective_role(c.s, c.actor, ws), Perm::Api) &&
      !workspace_has_api(c.s, ws))
    return Err::api_access_disabled;
  if (perm == Perm::Purchase && effective_role(c.s, c.actor, ws) == Role::SuperAdmin && ws.billing_by_parent)
    return Err::billing_managed_by_parent;
  return Err::forbidden;
}

Error require_org_admin(Ctx& c) { return c.org_admin() ? Error{} : Error(Err::forbidden, "Only org admins can do that."); }

Error require_new_id(const Ctx& c) {
  Id id = c.id();
  if (id == 0 || id > kMaxId) return Error(Err::invalid_field, "The command id must be between 1 and 2^53-1.");
  if (c.s.workspace(id) || c.s.asset(id) || c.s.key(id) || c.s.video(id)) return Err::id_conflict;
  return {};
}

Error check_amount(Cents amount) {
  if (amount <= 0 || amount > kMaxAmount) return Err::invalid_amount;
  return {};
}

Error check_count(std::int32_t count) {
  if (count <= 0 || count > 100000) return Error(Err::invalid_amount, "The count must be a positive number.");
  return {};
}

Error check_label(const std::string& raw, std::string& out, const char* what, int max_len) {
  std::string t = trim(raw);
  int len = utf8_length(t);
  if (len < 1 || len > max_len)
    return Error(Err::invalid_field, std::string(what) + " must have 1 to " + std::to_string(max_len) + " characters.");
  out = std::move(t);
  return {};
}

namespace {

Error resolve_actor(const State& s, const std::string& actor, PersonIx& out) {
  if (actor == kSystemEmail) {
    out = kSystemActor;
    return {};
  }
  auto email = normalize_email(actor);
  auto p = email ? s.person(*email) : std::nullopt;
  if (!p) return Error(Err::unknown_actor, "'" + actor + "' is not part of this organisation.");
  out = *p;
  return {};
}

void append_audit(Ctx& c, Err result) {
  bool api_call = result == Err::none && c.cmd.type() == CommandType::RecordApiUsage;
  c.s.audit.push_back({c.now(), c.actor, c.audit_workspace, c.cmd.type(), result,
                       result == Err::none && !api_call ? std::move(c.detail) : std::string(),
                       api_call ? static_cast<std::uint32_t>(c.s.usage.size() - 1) : kNoUsage});
}

}  // namespace

ExecResult execute(State& s, const Command& cmd, std::uint64_t seq) {
  ExecResult r;
  if (cmd.payload.index() == std::variant_npos || std::holds_alternative<std::monostate>(cmd.payload)) {
    r.error = Err::unknown_command;
    return r;
  }
  PersonIx actor = kNoPerson;
  // Before the founding nothing else can run, the system included: every other command
  // reads the parent workspace, and an attempt would have no organisation to be audited in.
  if (!s.has_org && cmd.type() != CommandType::CreateOrg) {
    r.error = Err::no_org;
    return r;
  }
  if (s.has_org || cmd.env.actor == kSystemEmail) {
    if (Error e = resolve_actor(s, cmd.env.actor, actor)) {
      r.error = e;
      return r;
    }
  }
  Ctx c{s, cmd, actor};
  r.error = std::visit(
      [&](const auto& p) -> Error {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, std::monostate>) return Err::unknown_command;
        else return exec(c, p);
      },
      cmd.payload);
  if (r.error && !permission_bearing(cmd.type())) return r;
  append_audit(c, r.error.code);
  s.last_seq = seq;
  ++s.version;
  r.event = Event{seq, cmd, r.error.code};
  return r;
}

Error apply_event(State& s, const Event& e) {
  ExecResult r = execute(s, e.command, e.seq);
  if (r.error.code != e.refused || !r.event) {
    return Error(Err::replay_mismatch, "Event " + std::to_string(e.seq) + " (" + std::string(command_name(e.command.type())) +
                                           ") was recorded as " + std::string(error_code(e.refused)) + " but replays as " +
                                           std::string(error_code(r.error.code)) + ".");
  }
  return {};
}

}  // namespace subspace
