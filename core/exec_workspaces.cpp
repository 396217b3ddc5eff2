// Sub-workspaces: create, settings, trash, restore and purge.
#include <algorithm>

#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

Error check_name(const State& s, const std::string& raw, WorkspaceId self, PersonIx actor, std::string& out) {
  if (Error e = workspace_name_error(s, raw, self, actor)) return e;
  out = *normalize_workspace_name(raw);
  return {};
}

Error check_image(const std::optional<ImageFields>& img) {
  if (!img) return {};
  if (img->blob.empty() || img->blob.size() > 128 || img->blob.find('/') != std::string::npos ||
      img->blob.find("..") != std::string::npos)
    return Error(Err::invalid_image, "The image reference must be a plain blob name.");
  if (img->width < 1 || img->height < 1 || img->width > 1024 || img->height > 1024)
    return Error(Err::invalid_image, "A thumbnail is from 1x1 to 1024x1024 pixels.");
  return {};
}

Error check_cap(const std::optional<std::int32_t>& cap) {
  if (cap && (*cap < 0 || *cap > 1'000'000)) return Error(Err::invalid_field, "A seat cap is from 0 to 1,000,000.");
  return {};
}

ImageRef to_image(const std::optional<ImageFields>& img) {
  return img ? ImageRef{img->blob, img->width, img->height} : ImageRef{};
}

void revoke_keys(Ctx& c, WorkspaceId ws) {
  for (auto& k : c.s.keys) {
    if (k.workspace == ws && k.status == KeyStatus::Active) {
      k.status = KeyStatus::Revoked;
      k.ended_at = c.now();
    }
  }
}

}  // namespace

Error initial_credits_error(const State& s, Cents amount) {
  if (amount < 0 || amount > kMaxAmount) return Err::invalid_amount;
  if (amount > s.parent_workspace().balance)
    return Error(Err::insufficient_credits, "The parent has " + format_credits(s.parent_workspace().balance) +
                                                " credits; it cannot give " + format_credits(amount) + ".");
  return {};
}

Error exec(Ctx& c, const CreateWorkspace& p) {
  c.audit_workspace = c.s.parent;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = require_new_id(c)) return e;
  std::string name;
  if (Error e = check_name(c.s, p.name, 0, c.actor, name)) return e;
  if (Error e = check_image(p.image)) return e;
  if (Error e = check_cap(p.seat_cap)) return e;
  if (Error e = initial_credits_error(c.s, p.initial_credits)) return e;
  if (p.invites.size() > 10000) return Err::batch_too_large;
  InvitePreview preview = preview_invites(c.s, nullptr, p.seat_cap, p.invites, c.now());
  if (Error e = batch_error(preview)) return e;

  Workspace ws;
  ws.id = c.id();
  ws.name = name;
  ws.image = to_image(p.image);
  ws.created_at = c.now();
  ws.billing_by_parent = p.billing_by_parent;
  ws.api_access = p.api_access;
  ws.seat_cap = p.seat_cap;
  Workspace& added = mut::add_workspace(c.s, std::move(ws));
  if (p.initial_credits > 0)
    mut::move_credits(c.s, Movement::Allocate, c.s.parent, added.id, p.initial_credits, c.id(), c.actor, c.now());
  apply_invites(c, mut::workspace(c.s, c.id()), p.invites);
  c.audit_workspace = c.id();
  c.detail = "created '" + name + "'" + (p.invites.empty() ? "" : ", invited " + std::to_string(p.invites.size()));
  return {};
}

Error exec(Ctx& c, const RenameWorkspace& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::Administer)) return e;
  std::string name;
  if (Error e = check_name(c.s, p.name, ws->id, c.actor, name)) return e;
  c.detail = "renamed '" + ws->name + "' to '" + name + "'";
  Workspace& w = mut::workspace(c.s, ws->id);
  mut::rename_workspace(c.s, w, name);
  if (w.is_parent) c.s.org_name = name;
  return {};
}

Error exec(Ctx& c, const SetWorkspaceImage& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::Administer)) return e;
  if (Error e = check_image(p.image)) return e;
  mut::workspace(c.s, ws->id).image = to_image(p.image);
  c.detail = p.image ? "set the image" : "removed the image";
  return {};
}

Error exec(Ctx& c, const SetBillingMode& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  mut::workspace(c.s, ws->id).billing_by_parent = p.parent_manages;
  c.detail = p.parent_manages ? "parent workspace manages billing" : "billing self-managed";
  return {};
}

Error exec(Ctx& c, const SetApiAccess& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  mut::workspace(c.s, ws->id).api_access = p.enabled;
  if (!p.enabled) revoke_keys(c, ws->id);  // no keys of its own any more
  c.detail = p.enabled ? "API access on" : "API access off, keys revoked";
  return {};
}

Error exec(Ctx& c, const SetSeatCap& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = check_cap(p.cap)) return e;
  int used = workspace_seats_used(*ws, c.now());
  if (p.cap && *p.cap < used)
    return Error(Err::seat_cap_below_usage, std::to_string(used) + " people are active or invited there; the cap cannot be lower.");
  mut::workspace(c.s, ws->id).seat_cap = p.cap;
  c.detail = p.cap ? "seat cap " + std::to_string(*p.cap) : "no seat cap";
  return {};
}

Error exec(Ctx& c, const SetAlertThreshold& p) {
  const Workspace* ws;
  if (Error e = find_sub(c, p.workspace, ws)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (p.percent < 1 || p.percent > 100) return Err::invalid_threshold;
  mut::workspace(c.s, ws->id).alert_percent = p.percent;
  c.detail = "alert at " + std::to_string(p.percent) + "%";
  return {};
}

Error exec(Ctx& c, const DeleteWorkspace& p) {
  const Workspace* found;
  if (Error e = find_sub(c, p.workspace, found)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (p.confirm_name != found->name) return Err::confirmation_mismatch;

  State& s = c.s;
  Workspace& ws = mut::workspace(s, found->id);
  ws.deleted_at = c.now();
  revoke_keys(c, ws.id);
  // Invitations are revoked; memberships are suspended (kept for a restore).
  std::vector<PersonIx> invited, affected;
  for (const auto& m : ws.members) {
    (m.status == MemberStatus::Invited ? invited : affected).push_back(m.person);
  }
  for (PersonIx person : invited) mut::remove_membership(s, ws, person);
  for (PersonIx person : affected) {
    Membership m = *ws.member(person);
    m.status = MemberStatus::Suspended;
    mut::set_membership(s, ws, m);
  }
  // Shares to it and from its assets are dropped.
  for (AssetId id : std::vector<AssetId>(ws.shared_in)) mut::unshare(s, mut::asset(s, id), ws.id);
  for (AssetId id : ws.assets) {
    Asset& a = mut::asset(s, id);
    while (!a.shared_with.empty()) mut::unshare(s, a, a.shared_with.back());
  }
  if (ws.balance > 0) mut::move_credits(s, Movement::ReturnOnDelete, ws.id, s.parent, ws.balance, c.id(), c.actor, c.now());
  if (ws.slots > 0) mut::move_slots(s, Movement::ReturnOnDelete, ws.id, s.parent, ws.slots, c.id(), c.actor, c.now());
  c.detail = "moved '" + ws.name + "' to the trash";
  return {};
}

int restore_slots_needed(const State& s, const Workspace& ws) { return std::max(0, avatar_count(s, ws) - ws.slots); }

Error restore_error(const State& s, const Workspace& ws, TimeMs now) {
  if (ws.live()) return Err::not_in_trash;
  if (now - *ws.deleted_at > kTrashRetentionMs) return Err::restore_window_passed;
  int needed = 0;
  for (const auto& m : ws.members)
    if (m.status == MemberStatus::Suspended && !holds_seat(s, m.person, now)) ++needed;
  int left = s.plan.seat_limit - seats_used(s, now);
  if (needed > left) {
    int missing = needed - std::max(0, left);
    return Error(Err::restore_seats_missing, "Restoring '" + ws.name + "' needs " + std::to_string(needed) + " seats; " +
                                                 std::to_string(missing) + (missing == 1 ? " seat is" : " seats are") +
                                                 " missing. Remove members or revoke invitations first.");
  }
  // Its avatars come back with it and each takes a slot; the slots went to the parent on delete.
  int slots_needed = restore_slots_needed(s, ws);
  int parent_free = free_avatar_slots(s, s.parent_workspace());
  if (slots_needed > parent_free)
    return Error(Err::avatar_slots_exhausted, "Restoring '" + ws.name + "' needs " + std::to_string(slots_needed) +
                                                  " avatar slots for its avatars; the parent has " + std::to_string(parent_free) +
                                                  " free. Reclaim or buy avatar slots first.");
  return {};
}

Error exec(Ctx& c, const RestoreWorkspace& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws, /*must_be_live=*/false)) return e;
  if (Error e = require_org_admin(c)) return e;
  if (Error e = restore_error(c.s, *ws, c.now())) return e;
  int slots_needed = restore_slots_needed(c.s, *ws);
  Workspace& w = mut::workspace(c.s, ws->id);
  w.deleted_at.reset();
  if (slots_needed > 0) mut::move_slots(c.s, Movement::Allocate, c.s.parent, w.id, slots_needed, c.id(), c.actor, c.now());
  std::vector<PersonIx> people;
  for (const auto& m : w.members) people.push_back(m.person);
  for (PersonIx person : people) {
    Membership m = *w.member(person);
    m.status = MemberStatus::Active;
    mut::set_membership(c.s, w, m);
  }
  c.detail = "restored '" + w.name + "' with " + std::to_string(people.size()) + " members";
  return {};
}

Error exec(Ctx& c, const PurgeWorkspace& p) {
  if (!c.system()) return Err::system_only;
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws, /*must_be_live=*/false)) return e;
  if (ws->live()) return Err::not_in_trash;
  if (c.now() - *ws->deleted_at < kTrashRetentionMs) return Err::purge_too_early;
  State& s = c.s;
  WorkspaceId id = ws->id;
  std::string name = ws->name;
  Workspace& w = mut::workspace(s, id);
  while (!w.members.empty()) mut::remove_membership(s, w, w.members.back().person);
  for (AssetId a : std::vector<AssetId>(w.assets)) mut::remove_asset(s, a);
  for (VideoId v : std::vector<VideoId>(w.videos)) mut::remove_video(s, v);
  std::vector<KeyId> keys;
  for (const auto& k : s.keys)
    if (k.workspace == id) keys.push_back(k.id);
  for (KeyId k : keys) mut::remove_key(s, k);
  mut::remove_workspace(s, id);
  c.detail = "purged '" + name + "'";
  return {};
}

}  // namespace subspace
