// Organisation-wide commands: founding the org, its plan, people's names.
#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

Error check_plan(const PlanFields& p) {
  if (p.seat_limit < 1 || p.seat_limit > 1'000'000) return Error(Err::invalid_field, "The seat limit must be from 1 to 1,000,000.");
  if (p.avatar_slots < 0 || p.avatar_slots > 100'000) return Error(Err::invalid_field, "Avatar slots must be from 0 to 100,000.");
  if (p.video_cost_per_minute < 0 || p.video_cost_per_minute > kMaxAmount)
    return Error(Err::invalid_field, "The video cost per minute cannot be negative.");
  return {};
}

}  // namespace

Error exec(Ctx& c, const CreateOrg& p) {
  if (!c.system()) return Err::system_only;
  if (c.s.has_org) return Err::org_exists;
  if (Error e = require_new_id(c)) return e;
  auto name = normalize_workspace_name(p.name);
  if (!name) return Error(Err::invalid_name, workspace_name_problem(p.name));
  auto email = normalize_email(p.admin_email);
  if (!email) return Error(Err::invalid_email, "'" + p.admin_email + "' is not a valid email address.");
  auto admin_name = normalize_display_name(p.admin_name);
  if (!admin_name) return Error(Err::invalid_field, "The admin's name is too long.");
  PlanFields plan = p.plan.value_or(PlanFields{});
  if (Error e = check_plan(plan)) return e;
  if (p.initial_credits < 0 || p.initial_credits > kMaxAmount) return Err::invalid_amount;

  State& s = c.s;
  s.has_org = true;
  s.org_name = *name;
  s.plan = {plan.seat_limit, plan.avatar_slots, plan.video_cost_per_minute};
  s.parent = c.id();
  Workspace parent;
  parent.id = c.id();
  parent.is_parent = true;
  parent.name = *name;
  parent.created_at = c.now();
  parent.billing_by_parent = false;
  parent.api_access = true;
  parent.slots = plan.avatar_slots;
  Workspace& ws = mut::add_workspace(s, std::move(parent));
  PersonIx admin = mut::ensure_person(s, *email, *admin_name);
  mut::set_membership(s, ws, {admin, Role::SuperAdmin, MemberStatus::Active, c.now(), 0, kSystemActor});
  if (p.initial_credits > 0)
    mut::move_credits(s, Movement::Purchase, kOutsideAccount, ws.id, p.initial_credits, c.id(), c.actor, c.now());
  c.audit_workspace = ws.id;
  c.detail = "founded " + *name + " with admin " + *email;
  return {};
}

Error exec(Ctx& c, const SetPlan& p) {
  c.audit_workspace = c.s.parent;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_plan(p.plan)) return e;
  State& s = c.s;
  int used = seats_used(s, c.now());
  if (p.plan.seat_limit < used)
    return Error(Err::plan_below_usage, std::to_string(used) + " seats are in use: the seat limit cannot go below that.");
  std::int32_t delta = p.plan.avatar_slots - s.plan.avatar_slots;
  const Workspace& parent = s.parent_workspace();
  if (parent.slots + delta < avatar_count(s, parent))
    return Error(Err::plan_below_usage, "The parent's avatars use more slots than the new plan leaves it; reclaim slots from sub-workspaces first.");
  mut::workspace(s, s.parent).slots += delta;
  s.plan = {p.plan.seat_limit, p.plan.avatar_slots, p.plan.video_cost_per_minute};
  c.detail = std::to_string(p.plan.seat_limit) + " seats, " + std::to_string(p.plan.avatar_slots) + " avatar slots, " +
             format_credits(p.plan.video_cost_per_minute) + " credits/min";
  return {};
}

Error exec(Ctx& c, const UpdatePerson& p) {
  auto email = normalize_email(p.email);
  auto person = email ? c.s.person(*email) : std::nullopt;
  if (!person) return Err::person_not_found;
  if (*person != c.actor && !c.org_admin()) return Error(Err::forbidden, "Only org admins can rename other people.");
  auto name = normalize_display_name(p.name);
  if (!name) return Error(Err::invalid_field, "A name has at most 100 characters and no control characters.");
  c.s.people[*person].name = *name;
  c.detail = *email + " is now called " + (name->empty() ? "(no name)" : *name);
  return {};
}

}  // namespace subspace
