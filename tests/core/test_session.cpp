// The session: offline it is its own authority; with a server it keeps the confirmed state
// and pending commands apart and rebases them on what the server confirms.
#include "core/demo.hpp"
#include "core/session.hpp"
#include "core/state_json.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {
Command cmd(Id id, const std::string& actor, Payload p, TimeMs t = kT0) { return Command{{id, actor, t}, std::move(p)}; }
}  // namespace

TEST_CASE("offline, every command is confirmed and journaled at once, refusals included") {
  World w;
  Session s(w.s);
  std::vector<Event> sink;
  s.set_sink([&](const Event& e) { sink.push_back(e); });
  std::uint64_t seq = w.s.last_seq;
  CHECK(s.dispatch(cmd(5000, kAdmin, CreateWorkspace{"Alpha"})).accepted());
  CHECK_FALSE(s.dispatch(cmd(5001, kAdmin, CreateWorkspace{"alpha"})).accepted());
  CHECK_FALSE(s.dispatch(cmd(5002, "nobody@x.io", CreateWorkspace{"Beta"})).accepted());  // no event at all
  REQUIRE(sink.size() == 2);
  CHECK(sink[0].seq == seq + 1);
  CHECK(sink[1].refused == Err::name_taken);
  CHECK(s.pending().empty());
  CHECK(&s.state() == &s.confirmed());
}

TEST_CASE("with a server, commands stay pending on top of the confirmed state until confirmed") {
  World w(3);
  Session client(w.s);
  client.set_server_authority(true);
  CHECK(client.dispatch(cmd(5000, kAdmin, CreateWorkspace{"Alpha"})).accepted());
  CHECK(client.dispatch(cmd(5001, kAdmin, InviteMembers{5000, {{"al@x.io", "", Role::Viewer}}})).accepted());
  CHECK(client.pending().size() == 2);
  CHECK(client.state().workspace(5000));
  CHECK_FALSE(client.confirmed().workspace(5000));
  // A refusal the client can already see is kept so the server records the attempt.
  CHECK_FALSE(client.dispatch(cmd(5002, kAdmin, CreateWorkspace{"ALPHA"})).accepted());
  REQUIRE(client.pending().size() == 3);
  CHECK(client.pending()[2].local_refusal == Err::name_taken);

  // The server ran someone else's command first, then ours.
  State server = w.s;
  std::vector<Event> events;
  for (const Command& c : {cmd(7000, kAdmin, InviteMembers{w.parent(), {{"zed@x.io", "", Role::Viewer}, {"yan@x.io", "", Role::Viewer}}}),
                           client.pending()[0].command, client.pending()[1].command}) {
    ExecResult r = execute(server, c, server.last_seq + 1);
    if (r.event) events.push_back(*r.event);
  }
  // zed and yan took the two free seats: the server refused our invitation.
  CHECK(events[2].refused == Err::seat_limit_reached);
  auto refused = client.apply_confirmed(events);
  CHECK(client.confirmed().last_seq == server.last_seq);
  CHECK(client.pending().size() == 1);  // only the locally refused attempt is left to send
  CHECK(refused.empty());
  CHECK(state_to_text(client.confirmed()) == state_to_text(server));
  // Events already applied are skipped when a page is resent.
  client.apply_confirmed(events);
  CHECK(state_to_text(client.confirmed()) == state_to_text(server));
}

TEST_CASE("with a server, API usage is not the client's to record; offline it is (the simulated call)") {
  World w;
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{w.parent(), "k", k.hash, k.last4});
  Session client(w.s);
  client.set_server_authority(true);
  ExecResult r = client.dispatch(cmd(5000, kAdmin, RecordApiUsage{k.hash, k.last4, "/v1/x", 1'00}));
  CHECK(r.error.code == Err::usage_needs_api_key);
  CHECK_FALSE(r.event);
  CHECK(client.pending().empty());
  CHECK(client.state().parent_workspace().balance == w.ws(w.parent()).balance);
  Session offline(w.s);
  CHECK(offline.dispatch(cmd(5001, kAdmin, RecordApiUsage{k.hash, k.last4, "/v1/x", 1'00})).accepted());
  CHECK(offline.state().parent_workspace().balance == w.ws(w.parent()).balance - 1'00);
}

TEST_CASE("a state that replaces the one shown gets a version the UI has not seen (its caches key on it)") {
  World w;
  Session client(w.s);
  client.set_server_authority(true);
  REQUIRE(client.dispatch(cmd(5000, kAdmin, CreateWorkspace{"Alpha"})).accepted());
  std::uint64_t shown = client.state().version;
  State snapshot = w.s;  // e.g. a projection, numbered by the server's own count
  snapshot.version = 0;
  client.reset(snapshot, {});
  CHECK(client.state().version > shown);
}

TEST_CASE("rebasing turns a pending command that no longer fits into a reported refusal") {
  World w(2);
  Session client(w.s);
  client.set_server_authority(true);
  REQUIRE(client.dispatch(cmd(5000, kAdmin, InviteMembers{w.parent(), {{"al@x.io", "", Role::Viewer}}})).accepted());
  // Another client took the last seat meanwhile.
  State server = w.s;
  ExecResult other = execute(server, cmd(7000, kAdmin, InviteMembers{w.parent(), {{"bo@x.io", "", Role::Viewer}}}), server.last_seq + 1);
  auto refused = client.apply_confirmed({*other.event});
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].first.env.id == 5000);
  CHECK(refused[0].second.code == Err::seat_limit_reached);
  CHECK_FALSE(client.state().person("al@x.io"));
  CHECK(client.state().person("bo@x.io"));
}

TEST_CASE("the demo generator is deterministic and obeys the rules") {
  DemoResult a = make_demo(*demo_size("small"), 11, kT0);
  DemoResult b = make_demo(*demo_size("small"), 11, kT0);
  DemoResult c = make_demo(*demo_size("small"), 12, kT0);
  CHECK(state_to_text(a.state) == state_to_text(b.state));
  CHECK(state_to_text(a.state) != state_to_text(c.state));
  const State& s = a.state;
  CHECK(s.workspaces.size() == 5);
  CHECK(s.people.size() >= 24);
  CHECK(s.usage.size() > 300);
  CHECK(ledger_sum(s) == 0);
  CHECK(seats_used(s, kT0) <= s.plan.seat_limit);
  CHECK(a.refused * 20 < a.commands);  // a believable history: nearly everything accepted
  for (size_t i = 1; i < s.audit.size(); ++i) {  // told in the order it happened
    INFO("audit entry " << i);
    REQUIRE(s.audit[i].time >= s.audit[i - 1].time);
  }
  bool pending = false, expired = false, shared = false, self_managed = false, api = false;
  for (const auto& ws : s.workspaces) {
    for (const auto& m : ws.members) {
      pending |= m.status == MemberStatus::Invited && m.expires_at > kT0;
      expired |= m.status == MemberStatus::Invited && m.expires_at <= kT0;
    }
    self_managed |= !ws.is_parent && !ws.billing_by_parent;
    api |= !ws.is_parent && ws.api_access;
  }
  for (const auto& as : s.assets) shared |= !as.shared_with.empty();
  CHECK(pending);
  CHECK(expired);
  CHECK(shared);
  CHECK(api);
  CHECK(self_managed);
  CHECK(demo_size("empty"));
  CHECK_FALSE(demo_size("huge"));
  DemoResult empty = make_demo(*demo_size("empty"), 1, kT0);
  CHECK(empty.state.workspaces.size() == 1);
  CHECK(empty.state.people.size() == 1);
}
