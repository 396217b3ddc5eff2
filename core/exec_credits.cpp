// Credits and avatar slots: purchases, allocation and reclaim, as double-entry movements.
#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {

Error exec(Ctx& c, const PurchaseCredits& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::Purchase)) return e;
  if (Error e = check_amount(p.amount)) return e;
  mut::move_credits(c.s, Movement::Purchase, kOutsideAccount, ws->id, p.amount, c.id(), c.actor, c.now());
  c.detail = "bought " + format_credits(p.amount) + " credits";
  return {};
}

Error exec(Ctx& c, const AllocateCredits& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_amount(p.amount)) return e;
  Cents pool = c.s.parent_workspace().balance;
  if (p.amount > pool)
    return Error(Err::insufficient_credits, "The parent has " + format_credits(pool) + " credits; it cannot allocate " +
                                                format_credits(p.amount) + ".");
  mut::move_credits(c.s, Movement::Allocate, c.s.parent, ws->id, p.amount, c.id(), c.actor, c.now());
  c.detail = "allocated " + format_credits(p.amount) + " credits";
  return {};
}

Error exec(Ctx& c, const ReclaimCredits& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_amount(p.amount)) return e;
  if (p.amount > ws->allocated_unspent)
    return Error(Err::reclaim_exceeds_allocation, "You can reclaim up to " + format_credits(ws->allocated_unspent) +
                                                      " credits: what was allocated to it and is unspent (its own purchases stay with it).");
  mut::move_credits(c.s, Movement::Reclaim, ws->id, c.s.parent, p.amount, c.id(), c.actor, c.now());
  c.detail = "reclaimed " + format_credits(p.amount) + " credits";
  return {};
}

Error exec(Ctx& c, const PurchaseAvatarSlots& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::Purchase)) return e;
  if (Error e = check_count(p.count)) return e;
  mut::move_slots(c.s, Movement::Purchase, kOutsideAccount, ws->id, p.count, c.id(), c.actor, c.now());
  c.detail = "bought " + std::to_string(p.count) + " avatar slots";
  return {};
}

Error exec(Ctx& c, const AllocateAvatarSlots& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_count(p.count)) return e;
  int free = free_avatar_slots(c.s, c.s.parent_workspace());
  if (p.count > free)
    return Error(Err::avatar_slots_exhausted, "The parent has " + std::to_string(free) + " free avatar slots.");
  mut::move_slots(c.s, Movement::Allocate, c.s.parent, ws->id, p.count, c.id(), c.actor, c.now());
  c.detail = "allocated " + std::to_string(p.count) + " avatar slots";
  return {};
}

Error exec(Ctx& c, const ReclaimAvatarSlots& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_count(p.count)) return e;
  int reclaimable = std::min(ws->slots_allocated, free_avatar_slots(c.s, *ws));
  if (p.count > reclaimable)
    return Error(Err::reclaim_exceeds_free_slots, "At most " + std::to_string(reclaimable) +
                                                      (reclaimable == 1 ? " allocated avatar slot is free." : " allocated avatar slots are free."));
  mut::move_slots(c.s, Movement::Reclaim, ws->id, c.s.parent, p.count, c.id(), c.actor, c.now());
  c.detail = "reclaimed " + std::to_string(p.count) + " avatar slots";
  return {};
}

}  // namespace subspace
