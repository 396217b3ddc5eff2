// The server's domain side: organisations kept in SQLite (events, results, snapshots,
// tokens) and in memory (one authoritative State each), the sync protocol, sign-in and
// invitation tokens, and the API-key endpoints. HTTP lives in server/http.cpp; the admin CLI
// (server/main.cpp) uses this class directly on the same database file, so every write
// catches up with the file first and appends in one transaction.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/sync_protocol.hpp"
#include "server/database.hpp"

namespace subspace::server {

struct Auth {
  std::string org;
  std::string email;
};

// A status code and a JSON body, for endpoints whose answer is not simply ok/error.
struct Answer {
  int status = 200;
  Json body;
};

using RandomFn = std::function<void(std::uint8_t*, std::size_t)>;
using ClockFn = std::function<TimeMs()>;

class Service {
 public:
  Service(Database& db, ClockFn clock, RandomFn random) : db_(db), clock_(std::move(clock)), random_(std::move(random)) {}

  static bool valid_org_id(std::string_view id);

  // --- administration (CLI) ---
  Error create_org(const std::string& org, const CreateOrg& c);
  Error import_state(const std::string& org, const State& s);  // a whole organisation, e.g. a demo
  Error run(const std::string& org, const std::string& actor, Payload p, ExecResult& out);
  Error issue_token(const std::string& org, const std::string& email, std::string& token);
  std::vector<std::string> org_ids();
  std::optional<WorkspaceId> parent_workspace(const std::string& org);

  // --- requests ---
  std::optional<Auth> authenticate(std::string_view bearer_token);
  Error sync(const Auth& who, const SyncRequest& req, SyncResponse& out);
  Answer me(const Auth& who);
  Answer accept_invite(std::string_view token);
  Answer report_usage(std::string_view api_key, const std::string& endpoint, Cents credits);
  Answer quota(std::string_view api_key);

  // The snapshot cadence: a snapshot every this many events keeps restarts quick.
  std::uint64_t snapshot_every = 2000;

 private:
  struct Org {
    State state;
  };
  Org* find_org(const std::string& id);  // loaded and caught up with the file, or null
  void catch_up(const std::string& id, Org& o);
  void load_org(const std::string& id, Org& o);
  // Runs commands in one transaction; fills results (and invite links) in order. Commands
  // from a sync client may be refused outright (refused_from_clients).
  void apply_batch(const std::string& id, Org& o, std::vector<Command>& cmds, std::vector<SyncResult>& results,
                   bool from_client = false);
  void purge_due(const std::string& id, Org& o);
  Command server_command(std::string actor, Payload p);  // a fresh id, the server's time
  SyncResult run_one(const std::string& id, Org& o, std::string actor, Payload p);
  Error insert_org(const std::string& org);
  std::string new_token(const char* prefix);
  std::string store_token(const std::string& org, const std::string& email, const char* kind, WorkspaceId ws,
                          std::optional<TimeMs> expires, CommandId command = 0);
  void reissue_links(const std::string& id, const Org& o, const Command& c, SyncResult& res);
  const ApiKey* find_key(std::string_view plain, std::string& org_out);

  Database& db_;
  ClockFn clock_;
  RandomFn random_;
  std::mutex mu_;  // one writer: the database connection and every org's state
  std::map<std::string, std::unique_ptr<Org>> orgs_;
};

}  // namespace subspace::server
