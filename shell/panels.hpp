// Draw functions, one per panel or dialog, each over the App's state. They read the core
// State and change it only through App::dispatch.
#pragma once
#include <string_view>

#include "core/types.hpp"

namespace subspace {
struct Workspace;
}

namespace subspace::ui {
class App;

void draw_top_bar(App& app);
void draw_sidebar(App& app);
void draw_banners(App& app);
void draw_toasts(App& app);

void draw_subworkspaces(App& app);   // Manage Workspace > Sub-workspaces
void draw_trash(App& app);
// Opens the gear of a sub-workspace (from its row in the list, or its Settings view).
void open_gear(App& app, WorkspaceId ws);
void draw_gear_dialog(App& app);     // settings and allocated resources of one sub
void draw_create_wizard(App& app);   // Create Sub-workspace
void open_create_wizard(App& app);
void draw_members(App& app);         // Members of the current workspace
void draw_assets(App& app);          // Assets: library, share, move
void draw_videos(App& app);          // Videos: create (cost shown first), list
void draw_api(App& app);             // API keys and usage
void draw_billing(App& app);         // Usage & billing: balances, purchases, ledger
// A sub past its alert threshold says so where credits are spent (billing, API, videos).
void draw_credit_alert(const Workspace& ws, std::string_view key);
void draw_audit(App& app);           // Audit log
void draw_settings(App& app);        // name and image, the plan (parent), your own name

// With a sync server (shell/panel_sign_in.cpp).
void draw_sign_in(App& app);         // sign in with a token
void draw_signed_in(App& app);       // "signed in as", sign out
void draw_sync_status(App& app);     // synced / offline, N changes waiting
void draw_invite_links(App& app);    // links for the people just invited
void draw_import_dialog(App& app);
void draw_csv_import(App& app);      // invitations from a CSV member list
void open_csv_import(App& app, WorkspaceId ws);   // "replace the organisation with this file?"

}  // namespace subspace::ui
