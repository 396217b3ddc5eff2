// Internal to core: the only functions that write a State. Each keeps the State's indices
// and counters consistent; callers validate first, then call these.
#pragma once
#include "core/model.hpp"

namespace subspace::mut {

Workspace& workspace(State& s, WorkspaceId id);
Asset& asset(State& s, AssetId id);
ApiKey& key(State& s, KeyId id);

PersonIx ensure_person(State& s, const std::string& email, const std::string& name);
Workspace& add_workspace(State& s, Workspace ws);
void remove_workspace(State& s, WorkspaceId id);
void rename_workspace(State& s, Workspace& ws, const std::string& name);

// Adds or replaces p's membership in ws, keeping seat counters right.
void set_membership(State& s, Workspace& ws, const Membership& m);
void remove_membership(State& s, Workspace& ws, PersonIx p);
// Re-derives p's SeatHold after a workspace went to or came back from the trash.
void refresh_seat_hold(State& s, PersonIx p);

// Ledger movements; amounts are positive and already checked.
void move_credits(State& s, Movement kind, Id from, Id to, Cents amount, CommandId cmd, PersonIx actor, TimeMs time);
void move_slots(State& s, Movement kind, Id from, Id to, std::int32_t count, CommandId cmd, PersonIx actor, TimeMs time);

void add_asset(State& s, Asset a);
void remove_asset(State& s, AssetId id);
void unshare(State& s, Asset& a, WorkspaceId target);
void add_video(State& s, Video v);
void remove_video(State& s, VideoId id);
void add_key(State& s, ApiKey k);
void remove_key(State& s, KeyId id);
void record_usage(State& s, ApiKey& k, std::string_view endpoint, Cents credits, TimeMs time);

void rebuild_indices(State& s);  // after loading a snapshot

}  // namespace subspace::mut
