// Assets of one workspace: the library filtered by kind, create and rename, and the
// three-dot menu: Share (pick workspaces), Unshare, Move (org admins), Delete. Assets
// shared in from elsewhere are marked "shared from <owner>" and are use-only here.
#include <imgui.h>

#include <algorithm>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

constexpr const char* kKindTabs[] = {"All", "Avatars", "Voices", "Brand kits", "Templates"};

// Workspaces `me` may share `a` into: every other live one for org admins, else those where
// they are Super Admin (and only if they are Super Admin of the owner too).
std::vector<const Workspace*> share_targets(const State& s, PersonIx me, const Asset& a) {
  std::vector<const Workspace*> out;
  const Workspace* owner = s.workspace(a.owner);
  if (!owner) return out;
  bool admin = is_org_admin(s, me);
  if (!admin && !can(s, me, *owner, Perm::Administer)) return out;
  for (const auto& ws : s.workspaces)
    if (ws.live() && ws.id != a.owner && (admin || can(s, me, ws, Perm::Administer))) out.push_back(&ws);
  return out;
}

std::string why_not_edit(const State& s, PersonIx me, const Workspace& here, const Asset& a) {
  if (a.owner != here.id) {
    const Workspace* owner = s.workspace(a.owner);
    return "Shared from " + (owner ? owner->name : std::string("another workspace")) + ": use-only here.";
  }
  if (can(s, me, here, Perm::EditAnyAsset)) return "";
  if (a.creator == me && can(s, me, here, Perm::CreateContent)) return "";
  return "Only its creator or a Super Admin can change it.";
}

void draw_create(App& app, const Workspace& ws, AssetsState& st) {
  if (!st.create_open) return;
  const State& s = app.state();
  ImGui::Spacing();
  float error_room = st.create_error.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * 2;
  ImGui::BeginChild("asset-create", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 3 + 24 + error_room), true);
  ImGui::SetNextItemWidth(160);
  if (ImGui::BeginCombo("Kind##asset-create", std::string(asset_kind_label(st.create_kind)).c_str())) {
    for (int k = 0; k < kAssetKindCount; ++k) {
      std::string label = std::string(asset_kind_label(static_cast<AssetKind>(k))) + "##kind";
      if (ImGui::Selectable(label.c_str(), static_cast<int>(st.create_kind) == k)) st.create_kind = static_cast<AssetKind>(k);
      track("asset-kind:" + std::string(asset_kind_code(static_cast<AssetKind>(k))));
    }
    ImGui::EndCombo();
  }
  track("asset-create:kind");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(280);
  input_hint("##asset-create-name", "Name", st.create_name);
  ImGui::SameLine();
  bool avatar = st.create_kind == AssetKind::Avatar;
  int free = free_avatar_slots(s, ws);
  bool ok = !trim(st.create_name.view()).empty() && (!avatar || free > 0);
  // Where a slot comes from depends on who pays for this workspace.
  const char* no_slot =
      ws.is_parent ? "No free avatar slot: org admins buy more on Usage & billing."
      : ws.billing_by_parent
          ? "No free avatar slot here: an org admin allocates one from the parent (this sub's gear on the Sub-workspaces list)."
          : "No free avatar slot here: buy one on this sub's Usage & billing page, or ask an org admin to allocate one.";
  if (primary_button("Create##asset-create", ok, avatar && free <= 0 ? no_slot : "Give it a name.")) {
    std::string name = trim(st.create_name.view());
    // Worded before the dispatch, which changes the state `ws` lives in.
    std::string done = "Created the " + ascii_lower(asset_kind_label(st.create_kind)) + " '" + name + "' in " + ws.name + ".";
    if (app.dispatch_here(CreateAsset{ws.id, st.create_kind, name}, st.create_error)) {
      app.toast(done);
      st.create_open = false;
      st.create_name.clear();
    }
  }
  ImGui::SameLine();
  if (button("Cancel##asset-create")) {
    st.create_open = false;
    st.create_error.clear();
  }
  error_line(st.create_error, "asset-create:error");
  if (avatar) text_muted("Avatars take an avatar slot: %d of %d free here.", free, ws.slots);
  ImGui::EndChild();
}

void draw_share_dialog(App& app, AssetsState& st, PersonIx me) {
  if (!st.share_asset) return;
  const State& s = app.state();
  const Asset* a = s.asset(st.share_asset);
  const char* title = "Share asset###share";
  if (!a) {
    st.share_asset = 0;
    return;
  }
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  ImGui::SetNextWindowSize(ImVec2(460, 420), ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::BeginPopupModal(title, &open, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("Share '%s' with sub-workspaces. It is available there at once, use-only.", a->name.c_str());
    ImGui::Spacing();
    auto targets = share_targets(s, me, *a);
    ImGui::BeginChild("share-list", ImVec2(0, -footer_height()));
    if (targets.empty()) text_muted("There is no workspace you may share this asset with.");
    for (const Workspace* t : targets) {
      bool on = st.share_targets.count(t->id) > 0;
      ImGui::PushID(static_cast<int>(t->id & 0x7fffffff));
      if (ImGui::Checkbox(t->name.c_str(), &on)) {
        if (on) st.share_targets.insert(t->id);
        else st.share_targets.erase(t->id);
      }
      track("share-to:" + t->name);
      ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::Separator();
    std::vector<WorkspaceId> add, remove;
    for (const Workspace* t : targets) {
      bool shared = std::find(a->shared_with.begin(), a->shared_with.end(), t->id) != a->shared_with.end();
      bool want = st.share_targets.count(t->id) > 0;
      if (want && !shared) add.push_back(t->id);
      if (!want && shared) remove.push_back(t->id);
    }
    bool changed = !add.empty() || !remove.empty();
    if (primary_button("Save##share", changed, "Tick or untick workspaces first.")) {
      bool ok = true;
      if (!add.empty()) ok = app.dispatch(ShareAsset{a->id, add}).accepted();
      if (ok && !remove.empty()) ok = app.dispatch(UnshareAsset{a->id, remove}).accepted();
      if (ok) {
        app.toast("Sharing of '" + a->name + "' updated.");
        open = false;
      }
    }
    ImGui::SameLine();
    if (button("Cancel##share") || escape_closes()) open = false;
    if (!open) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (!open) st.share_asset = 0;
}

void draw_move_and_rename(App& app, AssetsState& st) {
  const State& s = app.state();
  if (st.move_asset) {
    const Asset* a = s.asset(st.move_asset);
    const char* title = "Move asset###move";
    if (a && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    bool open = a != nullptr;
    if (a && ImGui::BeginPopupModal(title, &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::TextWrapped("Move '%s' to another workspace. Ownership moves; its shares are dropped.", a->name.c_str());
      const Workspace* target = s.workspace(st.move_target);
      ImGui::SetNextItemWidth(300);
      if (ImGui::BeginCombo("Workspace##move", target ? target->name.c_str() : "Choose...")) {
        for (const auto& ws : s.workspaces) {
          if (!ws.live() || ws.id == a->owner) continue;
          ImGui::PushID(static_cast<int>(ws.id & 0x7fffffff));
          if (ImGui::Selectable(ws.name.c_str(), ws.id == st.move_target)) st.move_target = ws.id;
          track("move-to:" + ws.name);
          ImGui::PopID();
        }
        ImGui::EndCombo();
      }
      track("move:target");
      if (primary_button("Move##move", target != nullptr, "Choose a workspace.") && app.dispatch(MoveAsset{a->id, st.move_target}).accepted())
        open = false;
      ImGui::SameLine();
      if (button("Cancel##move") || escape_closes()) open = false;
      if (!open) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    if (!open) st.move_asset = 0;
  }
  if (st.rename_asset) {
    const Asset* a = s.asset(st.rename_asset);
    const char* title = "Rename asset###rename-asset";
    if (a && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    bool open = a != nullptr;
    if (a && ImGui::BeginPopupModal(title, &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::SetNextItemWidth(320);
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      bool enter = ImGui::InputText("##rename-asset", st.rename_name.data, sizeof st.rename_name.data, ImGuiInputTextFlags_EnterReturnsTrue);
      track("rename-asset:name");
      if ((primary_button("Rename##rename-asset") || enter) &&
          app.dispatch_here(RenameAsset{a->id, std::string(st.rename_name.view())}, st.rename_error))
        open = false;
      ImGui::SameLine();
      if (button("Cancel##rename-asset") || escape_closes()) open = false;
      error_line(st.rename_error, "rename-asset:error");
      if (!open) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    if (!open) {
      st.rename_asset = 0;
      st.rename_error.clear();
    }
  }
}

void draw_row_menu(App& app, const Workspace& ws, AssetsState& st, PersonIx me, const Asset& a) {
  const State& s = app.state();
  if (keyed_small_button("\xE2\x8B\xAE", "asset-menu:" + a.name)) ImGui::OpenPopup("asset-menu");
  if (!ImGui::BeginPopup("asset-menu")) return;
  std::string why = why_not_edit(s, me, ws, a);
  bool own = a.owner == ws.id;
  bool may_share = own && !share_targets(s, me, a).empty();
  if (ImGui::MenuItem("Share...", nullptr, false, may_share)) {
    st.share_asset = a.id;
    st.share_targets = {a.shared_with.begin(), a.shared_with.end()};
  }
  track("asset-menu:share", may_share);
  disabled_tooltip(!own ? why.c_str() : may_share ? nullptr : "Sharing needs an org admin, or a Super Admin of both workspaces.");
  if (ImGui::MenuItem("Rename...", nullptr, false, why.empty())) {
    st.rename_asset = a.id;
    st.rename_name.set(a.name);
  }
  track("asset-menu:rename", why.empty());
  disabled_tooltip(why.empty() ? nullptr : why.c_str());
  bool admin = is_org_admin(s, me);
  if (ImGui::MenuItem("Move to...", nullptr, false, own && admin)) {
    st.move_asset = a.id;
    st.move_target = 0;
  }
  track("asset-menu:move", own && admin);
  disabled_tooltip(own && admin ? nullptr : "Only org admins move assets.");
  ImGui::Separator();
  if (ImGui::MenuItem("Delete", nullptr, false, why.empty())) st.delete_asset = a.id;
  track("asset-menu:delete", why.empty());
  disabled_tooltip(why.empty() ? nullptr : why.c_str());
  ImGui::EndPopup();
}

}  // namespace

void draw_assets(App& app) {
  const State& s = app.state();
  AssetsState& st = app.ui().assets;
  auto me = app.me();
  const Workspace* ws = app.route_workspace();
  if (!ws || !me) return;
  view_title(ws->name + " - Assets");
  text_muted("Avatars, voices, brand kits and templates of this workspace, and those shared with it.");
  ImGui::Spacing();
  for (int i = 0; i < 5; ++i) {
    if (i) ImGui::SameLine();
    std::string label = std::string(kKindTabs[i]) + "##asset-tab";
    if (selectable(label.c_str(), st.kind == i - 1, 0, ImVec2(ImGui::CalcTextSize(kKindTabs[i]).x + 8, 0))) st.kind = i - 1;
  }
  ImGui::SameLine(0, 24);
  ImGui::SetNextItemWidth(220);
  input_hint("##asset-search", "Search assets", st.search);
  ImGui::SameLine();
  bool create = can(s, *me, *ws, Perm::CreateContent);
  if (primary_button("+ New asset##assets", create, "Viewers cannot create assets.")) {
    st.create_open = true;
    if (st.kind >= 0) st.create_kind = static_cast<AssetKind>(st.kind);
  }
  draw_create(app, *ws, st);

  std::vector<const Asset*> rows;
  std::string needle = search_fold(trim(st.search.view()));
  auto consider = [&](AssetId id) {
    const Asset* a = s.asset(id);
    if (!a || (st.kind >= 0 && static_cast<int>(a->kind) != st.kind)) return;
    if (!needle.empty() && search_fold(a->name).find(needle) == std::string::npos) return;
    rows.push_back(a);
  };
  for (AssetId id : ws->assets) consider(id);
  for (AssetId id : ws->shared_in) consider(id);
  std::sort(rows.begin(), rows.end(), [](const Asset* a, const Asset* b) {
    return a->kind != b->kind ? a->kind < b->kind : natural_less(a->name, b->name);
  });
  ImGui::Spacing();
  if (rows.empty()) {
    text_muted(ws->assets.empty() && ws->shared_in.empty() ? "No assets yet. Create one, or ask an org admin to share some here."
                                                              : "No asset matches.");
  } else if (ImGui::BeginTable("assets", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                                ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", 0, 2.4f);
    ImGui::TableSetupColumn("Kind", 0, 1.0f);
    ImGui::TableSetupColumn("Source", 0, 2.0f);
    ImGui::TableSetupColumn("Shared with", 0, 2.2f);
    ImGui::TableSetupColumn("Created", 0, 1.6f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 30.0f);
    ImGui::TableHeadersRow();
    for (const Asset* a : rows) {
      ImGui::PushID(static_cast<int>(a->id & 0x7fffffff));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      text_fit(a->name);
      track("asset:" + a->name);
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(std::string(asset_kind_label(a->kind)).c_str());
      ImGui::TableNextColumn();
      if (a->owner == ws->id) {
        ImGui::AlignTextToFramePadding();
        text_muted("Own");
      } else {
        const Workspace* owner = s.workspace(a->owner);
        std::string from = "shared from " + (owner ? owner->name : std::string("?"));
        badge(from.c_str(), palette().badge_api_bg, palette().badge_api_fg);
        track_text("shared-from:" + a->name, from);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Use-only in this workspace.");
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      if (a->owner != ws->id) {
        text_muted("-");
      } else if (a->shared_with.empty()) {
        text_muted("not shared");
      } else {
        std::string names;
        for (WorkspaceId t : a->shared_with) {
          const Workspace* tw = s.workspace(t);
          if (tw) names += (names.empty() ? "" : ", ") + tw->name;
        }
        text_fit(names);
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(format_date(a->created_at).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("by %s", std::string(s.email_of(a->creator)).c_str());
      ImGui::TableNextColumn();
      draw_row_menu(app, *ws, st, *me, *a);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  draw_share_dialog(app, st, *me);
  draw_move_and_rename(app, st);
  if (st.delete_asset) {
    ImGui::OpenPopup("Delete asset?");
    st.pending_delete = st.delete_asset;
    st.delete_asset = 0;
  }
  const Asset* doomed = s.asset(st.pending_delete);
  if (confirm_modal("Delete asset?",
                    "Delete '" + (doomed ? doomed->name : std::string()) +
                        "'? Its shares are dropped; videos already made with it keep it.",
                    "Delete") &&
      doomed)
    app.dispatch(DeleteAsset{doomed->id});
}

}  // namespace subspace::ui
