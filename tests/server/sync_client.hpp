// A sync client for the server tests, as the app is one: a Session with the server as
// authority, talking to the real server over HTTP.
#pragma once
#include <random>

#include "core/sync_protocol.hpp"
#include "server_process.hpp"

namespace subspace::test {

// A client as the app is one: a Session with the server as authority.
struct Client {
  ServerProcess& srv;
  std::string org, token, email;
  Session session;
  std::mt19937_64 rng{std::random_device{}()};

  Client(ServerProcess& s, std::string o, std::string t, std::string e) : srv(s), org(std::move(o)), token(std::move(t)), email(std::move(e)) {
    session.set_server_authority(true);
  }
  Id next_id() { return (rng() & kMaxId) | 1; }
  ExecResult dispatch(Payload p) { return session.dispatch(Command{{next_id(), email, 1}, std::move(p)}); }
  // One round trip; returns the outcome (and the HTTP status).
  SyncOutcome sync(int limit = kSyncPageLimit, int* status = nullptr) {
    SyncRequest req = make_sync_request(session, session.confirmed().last_seq);
    req.limit = limit;
    auto [code, body] = srv.post("/v1/orgs/" + org + "/sync", sync_request_to_json(req).dump(), bearer(token));
    if (status) *status = code;
    SyncOutcome out;
    if (code != 200) {
      out.error = Error(Err::storage_failed, body.dump());
      return out;
    }
    SyncResponse res;
    REQUIRE_FALSE(sync_response_from_json(body, res));
    return apply_sync_response(session, res);
  }
  void sync_all() {
    for (int i = 0; i < 100; ++i)
      if (!sync().more) return;
  }
  const State& state() const { return session.state(); }
};

// The server's newest sequence, as an org admin's sync answer says it.
inline int event_count(ServerProcess& srv, const std::string& org, const std::string& token) {
  auto [code, body] = srv.post("/v1/orgs/" + org + "/sync", R"({"since":1,"commands":[],"limit":1000})", bearer(token));
  REQUIRE(code == 200);
  return static_cast<int>(body["last_seq"].get<std::uint64_t>());
}

}  // namespace subspace::test
