// The sync protocol's messages (docs/sync-protocol.md), in one place for the app, the
// server and the tests: the client sends its pending commands and the last server sequence
// it saw; the server answers with a result per command and the events since (paged), or a
// snapshot first for a client that has nothing yet.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/command_json.hpp"
#include "core/session.hpp"

namespace subspace {

// The format of sync bodies, sent both ways. A body without one is version 1 (clients and
// servers from before it was sent).
constexpr int kSyncVersion = 1;
constexpr int kSyncPageLimit = 1000;      // events per answer, at most
constexpr int kSyncMaxCommands = 500;     // commands per request, at most

struct SyncRequest {
  std::uint64_t since = 0;
  std::vector<Command> commands;  // with the client's ids; actor and time are the server's to set
  int limit = kSyncPageLimit;
  // Whose projection the client's confirmed state is (State::projected_for); empty: the
  // whole organisation, or nothing yet. A projection cannot take events, so the server
  // answers with a snapshot when it should hold something else.
  std::string projected_for;
};

struct InviteLink {
  WorkspaceId workspace = 0;
  std::string email;
  std::string token;  // one-time, shown to the inviter only
};

struct SyncResult {
  CommandId id = 0;
  std::uint64_t seq = 0;  // 0 when the refusal left no event
  Error error;            // none = accepted
  std::vector<InviteLink> invite_links;
};

struct SyncResponse {
  std::vector<SyncResult> results;
  // The state as of snapshot_seq (events follow it): the whole organisation for org admins,
  // else the person's projection (core/projection.hpp), which is all they ever get.
  std::optional<State> snapshot;
  std::uint64_t snapshot_seq = 0;
  std::vector<Event> events;
  std::uint64_t last_seq = 0;  // the server's newest sequence
  bool more = false;           // more events after these: ask again with since = the last one
  TimeMs server_time = 0;
};

// Reading refuses a body of another version (unsupported_version, naming both) before
// anything else: a newer body may have fields this side does not know.
Json sync_request_to_json(const SyncRequest& r);
Error sync_request_from_json(const Json& j, SyncRequest& out);
Json sync_response_to_json(const SyncResponse& r);
Error sync_response_from_json(const Json& j, SyncResponse& out);

// Client side: what to send now (the pending commands, oldest first).
SyncRequest make_sync_request(const Session& s, std::uint64_t since, int max_commands = kSyncMaxCommands);

// Client side: applies an answer. Pending commands are dropped once the server has decided
// them (their event arrived, the snapshot includes it, or they were refused without one);
// the rest are rebased on the new confirmed state.
struct SyncOutcome {
  std::vector<std::pair<Command, Error>> refused;  // ours, refused by the server or by the rebase
  std::vector<InviteLink> invite_links;
  bool more = false;
  Error error;  // the answer could not be used (e.g. its events do not replay)
};
SyncOutcome apply_sync_response(Session& s, const SyncResponse& r);

}  // namespace subspace
