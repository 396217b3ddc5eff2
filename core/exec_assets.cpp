// Assets (avatars, voices, brand kits, templates) and the videos made with them.
#include <algorithm>
#include <set>

#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

// Someone who sees an asset neither in its owner nor shared into a workspace of theirs
// learns nothing of it: the same answer as for an asset that does not exist, audited on the
// parent. Otherwise the attempt is audited on the owner.
Error require_visible_asset(Ctx& c, const Asset& a) {
  auto visible = [&](WorkspaceId id) {
    const Workspace* ws = c.s.workspace(id);
    return ws && can_see(c.s, c.actor, *ws);
  };
  bool sees = visible(a.owner) || std::any_of(a.shared_with.begin(), a.shared_with.end(), visible);
  c.audit_workspace = sees ? a.owner : c.s.parent;
  return sees ? Error{} : Error(Err::asset_not_found);
}

// Finds an asset the actor may edit or delete: its creator (still able to create there), or
// whoever may edit any asset of the owner. Someone who only sees it shared in gets
// use_only_asset.
Error find_editable_asset(Ctx& c, AssetId id, const Asset*& out) {
  out = c.s.asset(id);
  if (!out) return Err::asset_not_found;
  if (Error e = require_visible_asset(c, *out)) return e;
  const Workspace* owner = c.s.workspace(out->owner);
  if (owner && can(c.s, c.actor, *owner, Perm::EditAnyAsset)) return {};
  if (owner && out->creator == c.actor && can(c.s, c.actor, *owner, Perm::CreateContent)) return {};
  return owner && can_see(c.s, c.actor, *owner) ? Err::forbidden : Err::use_only_asset;
}

// Sharing needs an org admin, or a Super Admin of both the owner and every target.
Error check_share_targets(Ctx& c, const Asset& a, const std::vector<WorkspaceId>& targets) {
  if (Error e = require_visible_asset(c, a)) return e;
  if (targets.empty()) return Error(Err::invalid_field, "Pick at least one workspace.");
  const Workspace* owner = c.s.workspace(a.owner);
  if (!owner || !owner->live()) return Err::asset_not_found;
  if (!c.org_admin() && !can(c.s, c.actor, *owner, Perm::Administer)) return Err::forbidden;
  std::set<WorkspaceId> seen;
  for (WorkspaceId t : targets) {
    const Workspace* ws;
    if (Error e = find_workspace(c, t, ws)) return e;
    c.audit_workspace = a.owner;
    if (t == a.owner) return Error(Err::invalid_field, "An asset cannot be shared with its own workspace.");
    if (!seen.insert(t).second) return Error(Err::invalid_field, "A workspace is listed twice.");
    if (!c.org_admin() && !can(c.s, c.actor, *ws, Perm::Administer))
      return Error(Err::forbidden, "You must be a Super Admin of '" + ws->name + "' to share with it.");
  }
  return {};
}

// Names tell assets apart in the pickers: one name per kind in a workspace's own library,
// ignoring ASCII case (a shared-in asset is marked with its owner, so it may share a name).
Error check_asset_name_free(const State& s, const Workspace& ws, AssetKind kind, const std::string& name, AssetId self = 0) {
  for (AssetId id : ws.assets) {
    const Asset* a = s.asset(id);
    if (!a || a->id == self || a->kind != kind || !iequals_ascii(a->name, name)) continue;
    std::string what = ascii_lower(asset_kind_label(kind));
    std::string article = std::string("aeiou").find(what[0]) != std::string::npos ? "an " : "a ";
    return Error(Err::asset_name_taken, "'" + ws.name + "' already has " + article + what + " named '" + a->name + "'.");
  }
  return {};
}

Error find_usable(Ctx& c, const Workspace& ws, AssetId id, AssetKind kind, const Asset*& out) {
  out = c.s.asset(id);
  if (!out || !asset_available(*out, ws))
    return Error(Err::asset_not_available, "That " + std::string(asset_kind_label(kind)) + " is not available in '" + ws.name + "'.");
  if (out->kind != kind)
    return Error(Err::asset_kind_mismatch, "'" + out->name + "' is not a " + std::string(asset_kind_label(kind)) + ".");
  return {};
}

}  // namespace

Error exec(Ctx& c, const CreateAsset& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::CreateContent)) return e;
  if (Error e = require_new_id(c)) return e;
  std::string name;
  if (Error e = check_label(p.name, name, "An asset name")) return e;
  if (Error e = check_asset_name_free(c.s, *ws, p.kind, name)) return e;
  if (p.kind == AssetKind::Avatar && free_avatar_slots(c.s, *ws) <= 0)
    return Error(Err::avatar_slots_exhausted, "'" + ws->name + "' has no free avatar slot (" + std::to_string(ws->slots) + " in all).");
  mut::add_asset(c.s, {c.id(), p.kind, name, ws->id, c.actor, c.now(), {}});
  c.detail = "created " + std::string(asset_kind_label(p.kind)) + " '" + name + "'";
  return {};
}

Error exec(Ctx& c, const RenameAsset& p) {
  const Asset* a;
  if (Error e = find_editable_asset(c, p.asset, a)) return e;
  std::string name;
  if (Error e = check_label(p.name, name, "An asset name")) return e;
  if (const Workspace* owner = c.s.workspace(a->owner))
    if (Error e = check_asset_name_free(c.s, *owner, a->kind, name, a->id)) return e;
  c.detail = "renamed '" + a->name + "' to '" + name + "'";
  mut::asset(c.s, a->id).name = name;
  return {};
}

Error exec(Ctx& c, const DeleteAsset& p) {
  const Asset* a;
  if (Error e = find_editable_asset(c, p.asset, a)) return e;
  c.detail = "deleted " + std::string(asset_kind_label(a->kind)) + " '" + a->name + "'";
  mut::remove_asset(c.s, a->id);
  return {};
}

Error exec(Ctx& c, const ShareAsset& p) {
  const Asset* a = c.s.asset(p.asset);
  if (!a) return Err::asset_not_found;
  if (Error e = check_share_targets(c, *a, p.workspaces)) return e;
  Asset& m = mut::asset(c.s, a->id);
  int added = 0;
  for (WorkspaceId t : p.workspaces) {
    if (std::find(m.shared_with.begin(), m.shared_with.end(), t) != m.shared_with.end()) continue;
    m.shared_with.push_back(t);
    mut::workspace(c.s, t).shared_in.push_back(m.id);
    ++added;
  }
  c.detail = "shared '" + m.name + "' with " + std::to_string(added) + " workspace" + (added == 1 ? "" : "s");
  return {};
}

Error exec(Ctx& c, const UnshareAsset& p) {
  const Asset* a = c.s.asset(p.asset);
  if (!a) return Err::asset_not_found;
  if (Error e = check_share_targets(c, *a, p.workspaces)) return e;
  Asset& m = mut::asset(c.s, a->id);
  for (WorkspaceId t : p.workspaces) mut::unshare(c.s, m, t);
  c.detail = "unshared '" + m.name + "' from " + std::to_string(p.workspaces.size()) + " workspace" +
             (p.workspaces.size() == 1 ? "" : "s");
  return {};
}

Error exec(Ctx& c, const MoveAsset& p) {
  const Asset* a = c.s.asset(p.asset);
  if (!a) return Err::asset_not_found;
  if (Error e = require_visible_asset(c, *a)) return e;
  if (Error e = require_org_admin(c)) return e;
  const Workspace* target;
  if (Error e = find_workspace(c, p.workspace, target)) return e;
  if (target->id == a->owner) return Error(Err::invalid_field, "The asset is already there.");
  if (Error e = check_asset_name_free(c.s, *target, a->kind, a->name)) return e;
  if (a->kind == AssetKind::Avatar && free_avatar_slots(c.s, *target) <= 0)
    return Error(Err::avatar_slots_exhausted, "'" + target->name + "' has no free avatar slot.");
  Asset& m = mut::asset(c.s, a->id);
  while (!m.shared_with.empty()) mut::unshare(c.s, m, m.shared_with.back());
  if (Workspace* from = c.s.workspace(m.owner) ? &mut::workspace(c.s, m.owner) : nullptr)
    from->assets.erase(std::find(from->assets.begin(), from->assets.end(), m.id));
  m.owner = target->id;
  mut::workspace(c.s, target->id).assets.push_back(m.id);
  c.detail = "moved '" + m.name + "' to '" + target->name + "'";
  return {};
}

Error exec(Ctx& c, const CreateVideo& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::CreateContent)) return e;
  if (Error e = require_new_id(c)) return e;
  std::string title;
  if (Error e = check_label(p.title, title, "A video title", 100)) return e;
  if (p.duration_seconds < 1 || p.duration_seconds > kMaxVideoSeconds) return Err::invalid_duration;
  const Asset *avatar, *voice, *tmpl = nullptr;
  if (Error e = find_usable(c, *ws, p.avatar, AssetKind::Avatar, avatar)) return e;
  if (Error e = find_usable(c, *ws, p.voice, AssetKind::Voice, voice)) return e;
  if (p.template_id)
    if (Error e = find_usable(c, *ws, *p.template_id, AssetKind::Template, tmpl)) return e;
  Cents cost = video_cost(c.s.plan, p.duration_seconds);
  if (cost > ws->balance)
    return Error(Err::insufficient_credits, "The video costs " + format_credits(cost) + " credits; '" + ws->name + "' has " +
                                                format_credits(ws->balance) + ".");
  Video v;
  v.id = c.id();
  v.workspace = ws->id;
  v.title = title;
  v.avatar = avatar->id;
  v.voice = voice->id;
  v.template_id = tmpl ? tmpl->id : 0;
  v.avatar_name = avatar->name;
  v.voice_name = voice->name;
  v.template_name = tmpl ? tmpl->name : "";
  v.duration_seconds = p.duration_seconds;
  v.cost = cost;
  v.creator = c.actor;
  v.created_at = c.now();
  if (cost > 0) mut::move_credits(c.s, Movement::Consume, ws->id, kConsumedAccount, cost, c.id(), c.actor, c.now());
  mut::add_video(c.s, std::move(v));
  c.detail = "made video '" + title + "' for " + format_credits(cost) + " credits";
  return {};
}

Error exec(Ctx& c, const DeleteVideo& p) {
  const Video* v = c.s.video(p.video);
  if (!v) return Err::video_not_found;
  const Workspace* ws;
  if (Error e = find_workspace(c, v->workspace, ws)) return e.code == Err::workspace_not_found ? Error(Err::video_not_found) : e;
  bool own = v->creator == c.actor && can(c.s, c.actor, *ws, Perm::CreateContent);
  if (!own && !can(c.s, c.actor, *ws, Perm::EditAnyAsset)) return Err::forbidden;
  c.detail = "deleted video '" + v->title + "'";
  mut::remove_video(c.s, v->id);
  return {};
}

}  // namespace subspace
