// The sync and API server, tested against the real binary on 127.0.0.1.
#define CATCH_CONFIG_MAIN
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <atomic>

#include "core/crypto.hpp"
#include "core/queries.hpp"
#include "core/state_json.hpp"
#include "core/sync_protocol.hpp"
#include "server/service.hpp"
#include "server_process.hpp"
#include "sync_client.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

std::pair<int, Json> usage(ServerProcess& srv, const std::string& key, Cents credits, const std::string& endpoint = "/v2/video/generate") {
  return srv.post("/v1/usage", Json({{"endpoint", endpoint}, {"credits", credits}}).dump(), {{"X-Api-Key", key}});
}

// A plain key made from a byte pattern (`salt` tells keys apart), with its fingerprint.
struct TestKey {
  std::array<std::uint8_t, kKeyBytes> bytes{};
  std::string plain;
  KeyFingerprint f;
};
TestKey test_key(int salt) {
  TestKey k;
  for (size_t i = 0; i < k.bytes.size(); ++i) k.bytes[i] = static_cast<std::uint8_t>(i * salt + 3);
  k.plain = format_api_key(k.bytes);
  k.f = fingerprint(k.plain);
  return k;
}

// Sub-workspace "Alpha" (API access on, 5.00 credits) created through `a`, with one key,
// synced: returns the sub's id and the key's id.
std::pair<WorkspaceId, KeyId> keyed_sub(Client& a, const TestKey& k) {
  REQUIRE(a.dispatch(CreateWorkspace{"Alpha", std::nullopt, true, true, 5'00}).accepted());
  WorkspaceId alpha = a.session.pending().back().command.env.id;
  REQUIRE(a.dispatch(CreateApiKey{alpha, "ci", k.f.hash, k.f.last4}).accepted());
  KeyId kid = a.session.pending().back().command.env.id;
  a.sync_all();
  return {alpha, kid};
}

// Sends a sync request on a raw socket and hangs up without reading the answer (as when a
// connection drops after the server committed).
void send_and_hang_up(ServerProcess& srv, const std::string& token, const std::string& body) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(srv.port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string req = "POST /v1/orgs/lumen/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
  shutdown(fd, SHUT_WR);
  close(fd);
}

}  // namespace

TEST_CASE("a new client starts from a snapshot, then gets events since its sequence, paged") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io");
  a.sync_all();
  REQUIRE(a.state().has_org);
  CHECK(a.state().org_name == "Lumen");
  // Ten changes from A; B joins later and pages through them five at a time.
  for (int i = 0; i < 10; ++i) REQUIRE(a.dispatch(CreateWorkspace{"Team " + std::to_string(i)}).accepted());
  CHECK(a.session.pending().size() == 10);
  SyncOutcome out = a.sync();
  CHECK(out.refused.empty());
  CHECK(a.session.pending().empty());
  CHECK(a.state().workspaces.size() == 11);

  Client b(srv, "lumen", srv.token("lumen", "ada@x.io"), "ada@x.io");
  b.sync();  // the snapshot
  std::uint64_t since = b.session.confirmed().last_seq;
  CHECK(since == a.session.confirmed().last_seq);
  a.dispatch(RenameWorkspace{a.state().workspaces[1].id, "Renamed"});
  for (int i = 0; i < 6; ++i) a.dispatch(CreateWorkspace{"More " + std::to_string(i)});
  a.sync();
  SyncOutcome page = b.sync(5);
  CHECK(page.more);
  CHECK(b.session.confirmed().last_seq == since + 5);
  CHECK_FALSE(b.sync(5).more);
  CHECK(state_to_text(b.session.confirmed()) == state_to_text(a.session.confirmed()));
  CHECK(b.state().workspaces[1].name == "Renamed");
}

TEST_CASE("sync bodies say their version: the server answers version 1, a request without one is version 1") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  for (const char* body : {R"({"version":1,"since":0,"commands":[]})", R"({"since":0,"commands":[]})"}) {
    auto [code, answer] = srv.post("/v1/orgs/lumen/sync", body, bearer(token));
    CHECK(code == 200);
    CHECK(answer["version"] == 1);
    CHECK(answer.contains("snapshot"));
  }
  auto [code, refused] = srv.post("/v1/orgs/lumen/sync", R"({"version":7,"since":0,"commands":[]})", bearer(token));
  CHECK(code == 400);
  CHECK(refused["error"]["code"] == "unsupported_version");
  CHECK(refused["error"]["message"] == "The request is in sync version 7; this server speaks version 1 only.");
}

TEST_CASE("the server stamps its own time and the signed-in actor, whatever the client sends") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  Json cmd = {{"type", "create_workspace"}, {"name", "Mine"}, {"id", 4242}, {"actor", "system"}, {"time", 1}};
  auto [code, body] = srv.post("/v1/orgs/lumen/sync", Json({{"since", 1}, {"commands", {cmd}}}).dump(), bearer(token));
  REQUIRE(code == 200);
  REQUIRE(body["results"][0]["ok"] == true);
  const Json& ev = body["events"].back()["command"];
  CHECK(ev["actor"] == "ada@x.io");
  CHECK(ev["time"].get<std::int64_t>() > 1'700'000'000'000);
}

TEST_CASE("two clients invite into the last seat: exactly one wins, the other sees the refusal") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 2);
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io"), b(srv, "lumen", srv.token("lumen", "ada@x.io"), "ada@x.io");
  a.sync_all();
  b.sync_all();
  WorkspaceId parent = a.state().parent;
  REQUIRE(a.dispatch(InviteMembers{parent, {{"one@x.io", "", Role::Viewer}}}).accepted());
  REQUIRE(b.dispatch(InviteMembers{parent, {{"two@x.io", "", Role::Viewer}}}).accepted());
  SyncOutcome ra, rb;
  std::thread ta([&] { ra = a.sync(); }), tb([&] { rb = b.sync(); });
  ta.join();
  tb.join();
  size_t refusals = ra.refused.size() + rb.refused.size();
  CHECK(refusals == 1);
  const auto& loser = ra.refused.empty() ? rb : ra;
  REQUIRE(loser.refused.size() == 1);
  CHECK(loser.refused[0].second.code == Err::seat_limit_reached);
  a.sync_all();
  b.sync_all();
  CHECK(state_to_text(a.state()) == state_to_text(b.state()));
  CHECK(seats_used(a.state(), a.state().audit.back().time) == 2);
  CHECK(a.session.pending().empty());
  CHECK(b.session.pending().empty());
}

TEST_CASE("a request whose answer was lost is resent without applying anything twice") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io");
  a.sync_all();
  REQUIRE(a.dispatch(PurchaseCredits{a.state().parent, 500'00}).accepted());
  std::string body = sync_request_to_json(make_sync_request(a.session, a.session.confirmed().last_seq)).dump();
  int before = event_count(srv, "lumen", token);
  send_and_hang_up(srv, token, body);
  // The server committed it all the same.
  for (int i = 0; i < 100 && event_count(srv, "lumen", token) == before; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(event_count(srv, "lumen", token) == before + 1);
  // The client, knowing nothing, sends it again: same result, no second purchase.
  SyncOutcome out = a.sync();
  CHECK(out.refused.empty());
  CHECK(event_count(srv, "lumen", token) == before + 1);
  a.sync_all();
  CHECK(a.state().parent_workspace().balance == 1500'00);
  CHECK(a.session.pending().empty());

  SECTION("invitations: the resend gets fresh links, the lost ones stop working, only the sender gets them") {
    REQUIRE(a.dispatch(InviteMembers{a.state().parent, {{"bo@x.io", "Bo", Role::Viewer}}}).accepted());
    CreateWorkspace beta;
    beta.name = "Beta";
    beta.invites = {{"cy@x.io", "", Role::Creator}};
    REQUIRE(a.dispatch(beta).accepted());
    WorkspaceId beta_id = a.session.pending().back().command.env.id;
    std::string invites = sync_request_to_json(make_sync_request(a.session, a.session.confirmed().last_seq)).dump();
    int at = event_count(srv, "lumen", token);
    send_and_hang_up(srv, token, invites);
    for (int i = 0; i < 100 && event_count(srv, "lumen", token) == at; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(event_count(srv, "lumen", token) == at + 2);
    // Someone else sending the same commands (their ids are no secret) gets no links.
    run_admin({"add-person", "--db", srv.db, "--org", "lumen", "--email", "grace@x.io", "--role", "viewer"});
    auto [code, other] = srv.post("/v1/orgs/lumen/sync", invites, bearer(srv.token("lumen", "grace@x.io")));
    REQUIRE(code == 200);
    CHECK(other["results"][0]["ok"] == true);
    CHECK_FALSE(other["results"][0].contains("invite_links"));
    CHECK_FALSE(other["results"][1].contains("invite_links"));
    // The sender's resend: nothing runs twice, and each pending invitation has a fresh link.
    int settled = event_count(srv, "lumen", token);
    SyncOutcome again = a.sync();
    CHECK(again.refused.empty());
    CHECK(event_count(srv, "lumen", token) == settled);
    REQUIRE(again.invite_links.size() == 2);
    CHECK(again.invite_links[0].email == "bo@x.io");
    CHECK(again.invite_links[0].workspace == a.state().parent);
    CHECK(again.invite_links[1].email == "cy@x.io");
    CHECK(again.invite_links[1].workspace == beta_id);
    {
      server::Database db;
      REQUIRE_FALSE(db.open(srv.db));
      server::Statement count(db.handle(), "SELECT COUNT(*) FROM tokens WHERE kind='invite' AND email='bo@x.io'");
      REQUIRE(count.step());
      CHECK(count.int64(0) == 1);  // the lost link is gone
    }
    for (const auto& link : again.invite_links) {
      auto [accepted, body] = srv.post("/v1/invites/accept", Json({{"token", link.token}}).dump());
      CHECK(accepted == 200);
      CHECK(body["email"] == link.email);
    }
    // Once accepted, a resend has no invitation left to link.
    auto [code2, late] = srv.post("/v1/orgs/lumen/sync", invites, bearer(token));
    REQUIRE(code2 == 200);
    CHECK(late["results"][0]["ok"] == true);
    CHECK_FALSE(late["results"][0].contains("invite_links"));
    CHECK_FALSE(late["results"][1].contains("invite_links"));
  }
}

TEST_CASE("a database made before invitation links named their command gains the column") {
  char tmpl[] = "/tmp/subspace-migrate-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open((dir + "/old.db").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "CREATE TABLE orgs(id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);"
                              "CREATE TABLE tokens(hash TEXT PRIMARY KEY, org TEXT NOT NULL REFERENCES orgs(id), email TEXT NOT NULL,"
                              " kind TEXT NOT NULL, workspace INTEGER, created_at INTEGER NOT NULL, expires_at INTEGER, used_at INTEGER);"
                              "INSERT INTO orgs VALUES('lumen', 1);"
                              "INSERT INTO tokens VALUES('h', 'lumen', 'a@x.io', 'session', NULL, 1, NULL, NULL);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    server::Database db;
    REQUIRE_FALSE(db.open(dir + "/old.db"));
    server::Statement st(db.handle(), "SELECT email, command_id FROM tokens");
    REQUIRE(st.step());
    CHECK(st.text(0) == "a@x.io");
    CHECK(st.is_null(1));
  }
  {
    server::Database again;  // and opening it once more changes nothing
    REQUIRE_FALSE(again.open(dir + "/old.db"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the server killed mid-run loses nothing it accepted") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 500);
  srv.start();
  std::atomic<int> acknowledged{0};
  std::vector<std::string> acknowledged_names;
  std::mutex mu;
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Client c(srv, "lumen", token, "ada@x.io");
    c.sync_all();
    for (int i = 0; !stop && i < 400; ++i) {
      std::string name = "WS " + std::to_string(i);
      c.dispatch(CreateWorkspace{name});
      SyncRequest req = make_sync_request(c.session, c.session.confirmed().last_seq);
      auto res = c.srv.client().Post("/v1/orgs/lumen/sync", bearer(token), sync_request_to_json(req).dump(), "application/json");
      if (!res || res->status != 200) break;  // the server is gone
      SyncResponse r;
      if (sync_response_from_json(Json::parse(res->body), r)) break;
      apply_sync_response(c.session, r);
      std::lock_guard lock(mu);
      acknowledged_names.push_back(name);
      ++acknowledged;
    }
  });
  while (acknowledged < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  srv.kill_hard();
  stop = true;
  writer.join();
  srv.start();  // same database, same port
  Client check(srv, "lumen", token, "ada@x.io");
  check.sync_all();
  std::lock_guard lock(mu);
  INFO(acknowledged_names.size() << " acknowledged before the kill");
  for (const auto& name : acknowledged_names) {
    bool found = false;
    for (const auto& ws : check.state().workspaces) found |= ws.name == name;
    REQUIRE(found);
  }
  // And it keeps working after the restart.
  REQUIRE(check.dispatch(CreateWorkspace{"After restart"}).accepted());
  CHECK(check.sync().refused.empty());
  CHECK(check.session.pending().empty());
}

TEST_CASE("API keys are real: usage is charged, unknown, rotated and revoked keys get 401, no credits 402") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50, "10");
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io");
  a.sync_all();
  // A sub with API access of its own, and its key.
  TestKey k = test_key(7);
  const std::string& key = k.plain;
  auto [alpha, kid] = keyed_sub(a, k);

  auto [ok, body] = usage(srv, key, 1'50);
  CHECK(ok == 200);
  CHECK(body["balance"] == 3'50);
  CHECK(body["workspace"] == alpha);
  auto [q, quota] = srv.get("/v1/quota", {{"X-Api-Key", key}});
  CHECK(q == 200);
  CHECK(quota["balance"] == 3'50);
  CHECK(quota["workspace_name"] == "Alpha");
  CHECK(usage(srv, key, 4'00).first == 402);  // a hard cap
  CHECK(usage(srv, "sk_" + std::string(43, 'A'), 1).first == 401);
  CHECK(usage(srv, "not-a-key", 1).first == 401);
  CHECK(srv.post("/v1/usage", R"({"endpoint":"/x","credits":1})").first == 401);  // no key at all
  CHECK(usage(srv, key, -5).first == 400);
  CHECK(srv.post("/v1/usage", R"({"endpoint":"/x","credits":"lots"})", {{"X-Api-Key", key}}).first == 400);
  // The sub's usage is its own: the parent's balance did not move.
  a.sync_all();
  CHECK(a.state().workspace(alpha)->consumed_total == 1'50);
  CHECK(a.state().parent_workspace().consumed_total == 0);

  // Rotate: the old key stops at once; revoke: the new one too.
  std::array<std::uint8_t, kKeyBytes> bytes2 = k.bytes;
  bytes2[0] ^= 0xff;
  std::string key2 = format_api_key(bytes2);
  KeyFingerprint f2 = fingerprint(key2);
  REQUIRE(a.dispatch(RotateApiKey{kid, f2.hash, f2.last4}).accepted());
  KeyId kid2 = a.session.pending().back().command.env.id;
  a.sync_all();
  CHECK(usage(srv, key, 1).first == 401);
  CHECK(srv.get("/v1/quota", {{"X-Api-Key", key}}).first == 401);
  CHECK(usage(srv, key2, 1).first == 200);
  REQUIRE(a.dispatch(RevokeApiKey{kid2}).accepted());
  a.sync_all();
  CHECK(usage(srv, key2, 1).first == 401);
}

TEST_CASE("API usage reaches the books only through the key endpoint: a sync client's record_api_usage is refused") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50, "10");
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io");
  a.sync_all();
  TestKey k = test_key(11);
  const std::string& key = k.plain;
  const KeyFingerprint& f = k.f;
  WorkspaceId alpha = keyed_sub(a, k).first;
  run_admin({"add-person", "--db", srv.db, "--org", "lumen", "--email", "grace@x.io", "--role", "viewer"});
  std::string grace = srv.token("lumen", "grace@x.io");
  int before = event_count(srv, "lumen", token);
  // Anyone signed in, a Viewer or an org admin, holding the key's hash: refused, nothing stored.
  for (const std::string& who : {grace, token}) {
    Json cmd = {{"type", "record_api_usage"}, {"key_hash", key_hash_hex(f.hash)}, {"last4", f.last4}, {"endpoint", "/v2/video/generate"},
                {"credits", 4'00}, {"id", 777}, {"actor", "ada@x.io"}, {"time", 1}};
    auto [code, body] = srv.post("/v1/orgs/lumen/sync", Json({{"since", 1}, {"commands", {cmd}}}).dump(), bearer(who));
    REQUIRE(code == 200);
    INFO(body.dump());
    REQUIRE(body["results"].size() == 1);
    CHECK(body["results"][0]["ok"] == false);
    CHECK(body["results"][0]["error"]["code"] == "usage_needs_api_key");
    CHECK_FALSE(body["results"][0].contains("seq"));
  }
  CHECK(event_count(srv, "lumen", token) == before);
  a.sync_all();
  CHECK(a.state().workspace(alpha)->balance == 5'00);
  CHECK(a.state().usage.empty());
  // The key itself still reports usage.
  auto [ok, charged] = usage(srv, key, 1'00);
  CHECK(ok == 200);
  CHECK(charged["balance"] == 4'00);
}

TEST_CASE("bad input gets a 4xx with a JSON error and stores nothing") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  int before = event_count(srv, "lumen", token);
  auto expect = [&](std::pair<int, Json> r, int status, const char* code) {
    INFO(r.second.dump());
    CHECK(r.first == status);
    CHECK(r.second["ok"] == false);
    CHECK(r.second["error"]["code"] == code);
  };
  const std::string path = "/v1/orgs/lumen/sync";
  expect(srv.post(path, "{not json", bearer(token)), 400, "invalid_json");
  expect(srv.post(path, R"({"since":0,"commands":[],"extra":true})", bearer(token)), 400, "unknown_field");
  expect(srv.post(path, R"({"since":"zero","commands":[]})", bearer(token)), 400, "invalid_field");
  expect(srv.post(path, R"({"version":2,"since":0,"commands":[]})", bearer(token)), 400, "unsupported_version");
  expect(srv.post(path, R"({"version":"1.1","since":0,"commands":[],"new":1})", bearer(token)), 400, "unsupported_version");
  expect(srv.post(path, R"({"since":0,"commands":[{"type":"create_workspace","name":7,"id":5,"actor":"a","time":1}]})", bearer(token)),
         400, "invalid_field");
  expect(srv.post(path, R"({"since":0,"commands":[{"type":"warp","id":5,"actor":"a","time":1}]})", bearer(token)), 400,
         "unknown_command");
  expect(srv.post(path, R"({"since":0,"commands":[]})", bearer("st_wrong")), 401, "unauthorized");
  expect(srv.post(path, R"({"since":0,"commands":[]})"), 401, "unauthorized");
  expect(srv.post("/v1/orgs/elsewhere/sync", R"({"since":0,"commands":[]})", bearer(token)), 404, "unknown_org");
  std::string huge = R"({"since":0,"commands":[],"pad":")" + std::string(9 * 1024 * 1024, 'x') + "\"}";
  auto res = srv.client().Post(path.c_str(), bearer(token), huge, "application/json");
  if (res) CHECK(res->status == 413);  // or the connection is cut: either way nothing is stored
  expect(srv.post("/v1/invites/accept", R"({"token":"inv_nope"})"), 404, "invalid_invite");
  expect(srv.post("/v1/invites/accept", R"({"tokn":"x"})"), 400, "unknown_field");
  CHECK(srv.get("/v1/nowhere").first == 404);
  CHECK(event_count(srv, "lumen", token) == before);
}

TEST_CASE("an invitation link accepts once, signs the invitee in, and cannot be used again") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  Client a(srv, "lumen", token, "ada@x.io");
  a.sync_all();
  REQUIRE(a.dispatch(InviteMembers{a.state().parent, {{"new@x.io", "New", Role::Creator}}}).accepted());
  SyncOutcome out = a.sync();
  REQUIRE(out.invite_links.size() == 1);
  CHECK(out.invite_links[0].email == "new@x.io");
  std::string invite = out.invite_links[0].token;
  auto [code, body] = srv.post("/v1/invites/accept", Json({{"token", invite}}).dump());
  REQUIRE(code == 200);
  CHECK(body["email"] == "new@x.io");
  std::string session = body["token"];
  auto [me_code, me] = srv.get("/v1/orgs/lumen/me", bearer(session));
  CHECK(me_code == 200);
  CHECK(me["email"] == "new@x.io");
  CHECK(me["org_admin"] == false);
  CHECK(srv.post("/v1/invites/accept", Json({{"token", invite}}).dump()).first == 410);
  a.sync_all();
  auto p = a.state().person("new@x.io");
  REQUIRE(p);
  CHECK(a.state().parent_workspace().member(*p)->status == MemberStatus::Active);
  // The invitee's own client acts as them and only them.
  Client n(srv, "lumen", session, "new@x.io");
  n.sync_all();
  REQUIRE(n.dispatch(CreateAsset{n.state().parent, AssetKind::Voice, "Mine"}).accepted());
  n.sync_all();
  CHECK(n.state().assets.back().creator == *p);
}

TEST_CASE("CORS: the app's origin may call; preflights are answered") {
  ServerProcess srv;
  srv.make_org("lumen", 5);
  srv.start();
  httplib::Client c = srv.client();
  auto pre = c.Options("/v1/orgs/lumen/sync", {{"Origin", "http://127.0.0.1:8080"}, {"Access-Control-Request-Method", "POST"}});
  REQUIRE(pre);
  CHECK(pre->status == 204);
  CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "http://127.0.0.1:8080");
  CHECK(pre->get_header_value("Access-Control-Allow-Headers").find("Authorization") != std::string::npos);
  auto other = c.Get("/v1/health", {{"Origin", "http://evil.example"}});
  REQUIRE(other);
  CHECK(other->get_header_value("Access-Control-Allow-Origin").empty());
}

TEST_CASE("the server purges sub-workspaces 30 days in the trash, as the system") {
  char tmpl[] = "/tmp/subspace-purge-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  {
    server::Database db;
    REQUIRE_FALSE(db.open(dir + "/s.db"));
    TimeMs t = 1'800'000'000'000;
    std::uint64_t n = 1;
    server::Service svc(db, [&] { return t; }, [&](std::uint8_t* out, std::size_t len) {
      for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>((n = n * 6364136223846793005ull + 1) >> 56);
    });
    REQUIRE_FALSE(svc.create_org("lumen", CreateOrg{"Lumen", "ada@x.io", "Ada", PlanFields{5, 5, 100}, 0}));
    server::Auth ada{"lumen", "ada@x.io"};
    SyncRequest req;
    req.commands.push_back({{77, "", 0}, CreateWorkspace{"Old"}});
    req.commands.push_back({{78, "", 0}, DeleteWorkspace{77, "Old"}});
    SyncResponse out;
    REQUIRE_FALSE(svc.sync(ada, req, out));
    REQUIRE(out.snapshot);
    CHECK(out.snapshot->workspace(77)->deleted_at);
    t += 29 * kDayMs;
    SyncResponse later;
    REQUIRE_FALSE(svc.sync(ada, SyncRequest{out.last_seq, {}, 100}, later));
    CHECK(later.events.empty());
    t += 2 * kDayMs;
    SyncResponse purged;
    REQUIRE_FALSE(svc.sync(ada, SyncRequest{out.last_seq, {}, 100}, purged));
    REQUIRE(purged.events.size() == 1);
    CHECK(purged.events[0].command.type() == CommandType::PurgeWorkspace);
    CHECK(purged.events[0].command.env.actor == "system");
  }
  std::filesystem::remove_all(dir);
}
