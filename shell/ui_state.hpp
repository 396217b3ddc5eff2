// State of the interface itself (not of the organisation): where the user is, what they
// are typing, which dialog is open. Owned by the App; each panel keeps its part here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/audit_query.hpp"
#include "core/commands.hpp"
#include "core/member_import.hpp"
#include "core/queries.hpp"

namespace subspace::ui {

enum class View : std::uint8_t { SubWorkspaces, Trash, Members, Assets, Videos, Api, Billing, Audit, Settings };

struct Route {
  View view = View::SubWorkspaces;
  WorkspaceId ws = 0;  // for the per-workspace views
  std::string to_hash() const;
  static std::optional<Route> parse(std::string_view hash);
  bool operator==(const Route&) const = default;
};

struct Toast {
  std::string text;
  bool error = false;
  double shown_at = -1;  // ImGui time when first drawn
  std::string actor;     // a refusal of what this person tried: gone when someone else acts
};

// A text field's buffer: ImGui writes into a fixed char array.
template <std::size_t N> struct TextBuf {
  char data[N] = {};
  std::string_view view() const { return data; }
  void set(std::string_view s) {
    std::size_t n = s.size() < N - 1 ? s.size() : N - 1;
    s.copy(data, n);
    data[n] = 0;
  }
  void clear() { data[0] = 0; }
  bool empty() const { return data[0] == 0; }
};

struct Thumbnail {
  std::string blob;  // stored blob name once saved
  std::vector<std::uint8_t> rgba;
  int width = 0, height = 0;
  std::uintptr_t texture = 0;
};

struct InviteDraft {
  TextBuf<256> email;
  TextBuf<128> name;
  Role role = Role::Creator;
  std::string role_note;  // a pasted role that named none, said until a role is picked
};

struct WizardState {
  bool open = false;
  int step = 0;  // 0 name + image, 1 members, 2 settings
  TextBuf<256> name;
  Thumbnail image;
  std::string image_error;
  std::vector<InviteDraft> invites;
  TextBuf<8192> paste;
  bool billing_by_parent = true;
  bool api_access = false;
  TextBuf<32> credits;
  std::string error;
  bool focus_name = false;
  bool confirm_discard = false;  // Cancel was asked for with something typed: "Discard?" first
};

// The "Acting as" list: searchable over everyone in the organisation.
struct ActorPickerState {
  TextBuf<128> filter;
  std::vector<PersonIx> rows;  // cached for (version, key)
  std::uint64_t version = ~0ull;
  std::string key;
};

// The workspace switcher in the top bar: searchable, in name order (1,000 subs stay usable).
struct SwitcherState {
  TextBuf<128> filter;
  std::vector<WorkspaceId> rows;  // cached: the parent, then the subs by name
  std::uint64_t cached_version = ~0ull;
  std::string cached_key;
};

struct SubsListState {
  TextBuf<128> search;
  int sort_column = 0;
  bool sort_ascending = true;
  std::vector<WorkspaceId> rows;  // cached order
  std::uint64_t cached_version = ~0ull;
  std::string cached_key;
};

struct GearState {
  bool open = false;
  WorkspaceId ws = 0;
  TextBuf<32> allocate, reclaim, seat_cap, threshold, slots;
  bool confirm_delete = false;
  bool scroll_to_delete = false;  // bring the typed confirmation into view once
  TextBuf<256> confirm_name;
  std::string error;
  std::string done;  // what the last accepted change did, said in the footer (a toast sits behind the modal)
};

// A settings field: what it was filled with, so an untouched field can follow the data.
template <std::size_t N> struct SettingsField {
  TextBuf<N> buf;
  std::string shown;
};

struct SettingsState {
  WorkspaceId ws = 0;  // the fields were filled for this workspace and person
  std::string actor;
  SettingsField<256> name;
  SettingsField<16> seat_limit, slots;
  SettingsField<32> cost;
  SettingsField<128> my_name;
  std::string name_error, image_error, plan_error, profile_error;
};

struct MembersState {
  TextBuf<128> search;
  int sort_column = 0;
  bool sort_ascending = true;
  std::vector<PersonIx> rows;  // cached order of the current workspace's members
  std::uint64_t cached_version = ~0ull;
  WorkspaceId cached_ws = 0;
  std::string cached_key;
  std::unordered_set<PersonIx> selected;
  PersonIx sole_admin = kNoPerson;  // the parent's only Super Admin, cached with the rows
  bool invite_open = false;
  std::vector<InviteDraft> invites;
  TextBuf<8192> paste;
  std::string invite_error;
  std::string invite_note;  // after a send that left rows out: what went, and what stays here
  // A destructive action waiting for "Are you sure?", and the toast once it is done.
  std::string confirm_text, confirm_done, confirm_label = "Confirm";
  std::vector<Payload> confirm_commands;
  bool confirm_open = false;
  Role bulk_role = Role::Creator;
  PersonIx renaming = kNoPerson;  // an org admin edits this person's name in place
  TextBuf<128> rename;
  int rename_focus = 0;  // frames until the field holds the keyboard
};

struct AssetsState {
  int kind = -1;  // -1 = all kinds
  TextBuf<128> search;
  bool create_open = false;
  AssetKind create_kind = AssetKind::Avatar;
  TextBuf<128> create_name;
  AssetId share_asset = 0;  // the share dialog is open for this asset
  std::unordered_set<WorkspaceId> share_targets;
  AssetId move_asset = 0;
  WorkspaceId move_target = 0;
  AssetId rename_asset = 0;
  TextBuf<128> rename_name;
  AssetId delete_asset = 0;   // asked for by the row menu
  AssetId pending_delete = 0;  // waiting for "are you sure?"
  std::string create_error, rename_error;  // refusals, shown by their fields
};

struct VideosState {
  bool create_open = false;
  TextBuf<128> title;
  AssetId avatar = 0, voice = 0, template_id = 0;
  TextBuf<16> minutes, seconds;
  std::string error;
  VideoId delete_video = 0;    // asked for by a row
  VideoId pending_delete = 0;  // waiting for "are you sure?"
};

struct ApiState {
  KeyId filter_key = 0;  // 0 = all keys of the workspace
  int days = 30;
  TextBuf<96> new_label;
  bool create_open = false;
  std::string shown_key;  // a new key, shown exactly once
  std::string shown_for;  // its label
  KeyId confirm_key = 0;
  bool confirm_rotate = false;
  TextBuf<128> try_key;
  TextBuf<128> try_endpoint;
  TextBuf<32> try_credits;
  std::string try_result;
  bool try_ok = false;
};

struct BillingState {
  int kind = -1;  // ledger filter: -1 all, else Movement
  TextBuf<32> purchase;
  TextBuf<16> purchase_slots;
  // A purchase waiting for "Buy?": it cannot be undone, so it is asked first.
  std::optional<Payload> confirm;
  std::string confirm_text, confirm_done;
  std::vector<std::uint32_t> rows;  // ledger entries shown, cached
  std::uint64_t cached_version = ~0ull;
  std::string cached_key;
};

struct AuditState {
  TextBuf<128> actor;
  std::optional<CommandType> type;  // none = all commands
  AuditResult result = AuditResult::Any;
  WorkspaceId workspace = 0;  // 0 = every workspace the viewer may audit
  bool hide_api_usage = false;
  AuditRows found;            // oldest first; shown newest first
};

// Members read from a CSV file (or pasted CSV), previewed row by row before inviting.
struct CsvImportView {
  bool open = false;
  WorkspaceId ws = 0;
  std::string source;  // file name, or "pasted text"
  bool reading = false;
  double progress = 0;
  std::string error;  // the file as a whole could not be read
  std::string send_error;  // the batch was refused (e.g. seats taken meanwhile)
  std::vector<ImportedMember> rows;
  std::vector<char> chosen;  // per row; valid rows start chosen
  Role default_role = Role::Creator;
  // Core's verdict on the chosen rows, recomputed when they, the role or the org change.
  InvitePreview preview;
  std::vector<int> preview_row;  // rows index -> preview index, or -1
  std::uint64_t preview_version = ~0ull;
  int preview_generation = -1, generation = 0;
  TextBuf<65536> paste;
};

struct ImportState {
  std::string file;     // a checked file waiting for confirmation
  std::string summary;  // what it holds
  std::string error;    // why the last file could not be imported
};

struct UiState {
  std::string acting_as;  // email of the person commands are sent as
  Route route;
  std::vector<Toast> toasts;
  std::string save_status = "saved";  // "saving", "saved", "save failed: ..."
  bool save_failed = false;
  std::optional<bool> storage_persistent;  // the browser's answer to: may this data be evicted?
  std::string storage_problem;  // a damaged store was recovered (shown until dismissed)
  bool read_only = false;       // another tab writes, or the data is newer than this app
  std::string read_only_reason;

  WorkspaceId trash_restore = 0;  // asking "restore?" for this one
  WorkspaceId image_target = 0;   // the picked image is for: 0 = the wizard, else this workspace
  float top_bar_right_width = 560;  // measured each frame, for right alignment
  std::string confirm_demo;     // a demo reset chosen from the menu, waiting for "Replace"
  std::string pending_demo;     // a demo reset confirmed, done at the next frame

  // Rows the Create Sub-workspace wizard left out: the new sub's invite dialog opens with
  // them, so that nothing typed is lost.
  struct CarriedInvites {
    WorkspaceId ws = 0;
    std::vector<InviteDraft> drafts;
    std::string note;
  } carried_invites;

  WizardState wizard;
  ActorPickerState actor_picker;
  SwitcherState switcher;
  SubsListState subs;
  GearState gear;
  SettingsState settings;
  MembersState members;
  AssetsState assets;
  VideosState videos;
  ApiState api;
  BillingState billing;
  AuditState audit;
  ImportState import;
  CsvImportView csv;

  // What was typed, opened or selected in one workspace's views (forms, dialogs, selections,
  // filters) does not follow to another workspace.
  void forget_workspace_drafts() {
    // The sort order is the table's (ImGui keeps it in the header): it stays.
    MembersState fresh;
    fresh.sort_column = members.sort_column;
    fresh.sort_ascending = members.sort_ascending;
    members = std::move(fresh);
    assets = {};
    videos = {};
    api = {};
    billing = {};
    csv = {};
  }
  // Nor to another person: they may not even be allowed what the form was for.
  void forget_drafts() {
    forget_workspace_drafts();
    wizard = {};
    carried_invites = {};
    gear = {};
    settings = {};
    audit = {};
    trash_restore = 0;
  }
};

}  // namespace subspace::ui
