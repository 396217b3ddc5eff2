// What each signed-in person is sent (docs/sync-protocol.md, "Who is sent what"): org admins
// follow the whole organisation event by event; anyone else gets their projection only, so a
// member of sub A is never sent anything of sub B.
#include <memory>

#include "core/crypto.hpp"
#include "core/state_json.hpp"
#include "sync_client.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// Alpha and Beta, with al a Super Admin of Alpha and bo of Beta, both joined through their
// invitation links; Beta has a key and an asset of its own.
struct TwoSubs {
  ServerProcess srv;
  std::unique_ptr<Client> ada, al, bo;
  WorkspaceId alpha = 0, beta = 0;
  std::string beta_key;

  TwoSubs() {
    std::string token = srv.make_org("lumen", 50);
    srv.start();
    ada = std::make_unique<Client>(srv, "lumen", token, "ada@x.io");
    ada->sync_all();
    alpha = create("Alpha", 100'00);
    beta = create("Beta", 50'00);
    REQUIRE(ada->dispatch(InviteMembers{alpha, {{"al@x.io", "Al", Role::SuperAdmin}}}).accepted());
    REQUIRE(ada->dispatch(InviteMembers{beta, {{"bo@x.io", "Bo", Role::SuperAdmin}}}).accepted());
    std::array<std::uint8_t, kKeyBytes> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 13 + 1);
    beta_key = format_api_key(bytes);
    KeyFingerprint f = fingerprint(beta_key);
    REQUIRE(ada->dispatch(CreateApiKey{beta, "beta-ci", f.hash, f.last4}).accepted());
    SyncOutcome out = ada->sync();
    al = join(out, "al@x.io");
    bo = join(out, "bo@x.io");
    bo->sync_all();
    REQUIRE(bo->dispatch(CreateAsset{beta, AssetKind::Voice, "Beta Secret Voice"}).accepted());
    bo->sync_all();
    REQUIRE(bo->session.pending().empty());
  }
  WorkspaceId create(const std::string& name, Cents credits) {
    REQUIRE(ada->dispatch(CreateWorkspace{name, std::nullopt, true, true, credits}).accepted());
    return ada->session.pending().back().command.env.id;
  }
  std::unique_ptr<Client> join(const SyncOutcome& out, const std::string& email) {
    for (const auto& link : out.invite_links) {
      if (link.email != email) continue;
      auto [code, body] = srv.post("/v1/invites/accept", Json({{"token", link.token}}).dump());
      REQUIRE(code == 200);
      return std::make_unique<Client>(srv, "lumen", body["token"].get<std::string>(), email);
    }
    FAIL("no invitation link for " << email);
    return nullptr;
  }
  // A sync answer as sent, for what is in its text.
  std::pair<int, Json> raw(const Client& who, std::uint64_t since, const std::string& projected_for) {
    Json req = {{"version", 1}, {"since", since}, {"commands", Json::array()}};
    if (!projected_for.empty()) req["projected_for"] = projected_for;
    return srv.post("/v1/orgs/lumen/sync", req.dump(), bearer(who.token));
  }
  Json ok_raw(const Client& who, std::uint64_t since, const std::string& projected_for = "") {
    auto [code, body] = raw(who, since, projected_for);
    INFO(body.dump());
    REQUIRE(code == 200);
    return body;
  }
  void check_nothing_of_beta(const Json& answer, std::vector<std::string> more = {}) {
    std::string text = answer.dump();
    more.insert(more.end(), {"Beta", "bo@x.io", "Beta Secret Voice", "beta-ci", key_hash_hex(fingerprint(beta_key).hash)});
    for (const auto& needle : more) {
      INFO(needle);
      CHECK(text.find(needle) == std::string::npos);
    }
  }
  std::uint64_t seq(const Client& c) const { return c.session.confirmed().last_seq; }
};

}  // namespace

TEST_CASE("a sub-A member is sent their projection only, before and after org admins change sub B") {
  TwoSubs o;
  Json first = o.ok_raw(*o.al, 0);
  REQUIRE(first.contains("snapshot"));
  CHECK(first["events"].empty());
  CHECK(first["snapshot"]["projection"]["for"] == "al@x.io");
  o.check_nothing_of_beta(first);
  o.al->sync_all();
  CHECK(o.al->state().projected_for == "al@x.io");
  CHECK(o.al->state().workspace(o.alpha)->members.size() == 1);
  CHECK_FALSE(o.al->state().workspace(o.beta));
  std::uint64_t seen = o.seq(*o.al);

  // Org admins change Beta, and its key is used.
  REQUIRE(o.ada->dispatch(RenameWorkspace{o.beta, "Beta Labs"}).accepted());
  REQUIRE(o.ada->dispatch(InviteMembers{o.beta, {{"zed@x.io", "", Role::Viewer}}}).accepted());
  REQUIRE(o.ada->dispatch(AllocateCredits{o.beta, 10'00}).accepted());
  o.ada->sync_all();
  auto [used, charged] = o.srv.post("/v1/usage", R"({"endpoint":"/v1/beta-call","credits":100})", {{"X-Api-Key", o.beta_key}});
  REQUIRE(used == 200);
  Json later = o.ok_raw(*o.al, seen, "al@x.io");
  REQUIRE(later.contains("snapshot"));  // never events: they would tell of Beta
  CHECK(later["events"].empty());
  CHECK(later["snapshot_seq"] == later["last_seq"]);
  CHECK(later["last_seq"].get<std::uint64_t>() > seen);
  o.check_nothing_of_beta(later, {"zed@x.io", "/v1/beta-call"});
  o.al->sync_all();
  CHECK(o.seq(*o.al) == later["last_seq"].get<std::uint64_t>());
  // Up to date: nothing to send. A client that does not say it holds al's projection (an app
  // from before) is sent it again.
  Json idle = o.ok_raw(*o.al, o.seq(*o.al), "al@x.io");
  CHECK_FALSE(idle.contains("snapshot"));
  CHECK(idle["events"].empty());
  CHECK(o.ok_raw(*o.al, o.seq(*o.al)).contains("snapshot"));
  // The org admin still follows every event.
  Json admin = o.ok_raw(*o.ada, seen);
  CHECK_FALSE(admin.contains("snapshot"));
  CHECK(admin["events"].size() >= 3);
  CHECK(admin.dump().find("Beta Labs") != std::string::npos);
}

TEST_CASE("a projected client's commands are confirmed by the snapshot and leave the queue") {
  TwoSubs o;
  o.al->sync_all();
  REQUIRE(o.al->dispatch(CreateAsset{o.alpha, AssetKind::Voice, "Al Voice"}).accepted());
  // Permission-bearing and refused: the server audits the attempt (an event, inside the snapshot).
  ExecResult r = o.al->dispatch(SetApiAccess{o.alpha, false});
  CHECK(r.error.code == Err::forbidden);
  REQUIRE(o.al->session.pending().size() == 2);
  SyncOutcome out = o.al->sync();
  CHECK_FALSE(out.error);
  REQUIRE(out.refused.size() == 1);
  CHECK(out.refused[0].second.code == Err::forbidden);
  CHECK(o.al->session.pending().empty());
  const State& s = o.al->state();
  REQUIRE(s.assets.size() == 1);
  CHECK(s.assets[0].name == "Al Voice");
  CHECK(s.people[s.assets[0].creator].email == "al@x.io");
  CHECK(s.audit.back().result == Err::forbidden);  // al sees Alpha's log: they are its Super Admin
}

TEST_CASE("someone removed from every workspace is refused (403), not sent the organisation") {
  TwoSubs o;
  REQUIRE(o.ada->dispatch(RemoveMember{o.alpha, "al@x.io"}).accepted());
  o.ada->sync_all();
  auto [code, body] = o.raw(*o.al, 0, "");
  CHECK(code == 403);
  CHECK(body["error"]["code"] == "no_access");
  CHECK_FALSE(body.contains("snapshot"));
  auto [me_code, me] = o.srv.get("/v1/orgs/lumen/me", bearer(o.al->token));
  CHECK(me_code == 403);
  CHECK(me["error"]["code"] == "no_access");
  // Invited again: they may sign in, and see the invitation, which they accept in the app.
  REQUIRE(o.ada->dispatch(InviteMembers{o.alpha, {{"al@x.io", "", Role::Creator}}}).accepted());
  o.ada->sync_all();
  o.al->sync_all();
  const Workspace* alpha = o.al->state().workspace(o.alpha);
  REQUIRE(alpha);
  CHECK(alpha->members.size() == 1);  // only their own invitation
  REQUIRE(o.al->dispatch(AcceptInvitation{o.alpha}).accepted());
  o.al->sync_all();
  CHECK(o.al->session.pending().empty());
  const Workspace& back = *o.al->state().workspace(o.alpha);
  REQUIRE(back.members.size() == 1);
  CHECK(back.members[0].status == MemberStatus::Active);
}

TEST_CASE("made an org admin, a person's projection gives way to the whole organisation and its events; demoted, back") {
  TwoSubs o;
  o.al->sync_all();
  REQUIRE(o.ada->dispatch(InviteMembers{o.ada->state().parent, {{"al@x.io", "", Role::SuperAdmin}}}).accepted());
  o.ada->sync_all();
  o.al->sync_all();
  REQUIRE(o.al->dispatch(AcceptInvitation{o.al->state().parent}).accepted());  // on the projection's parent
  o.al->sync_all();
  CHECK(o.al->session.pending().empty());
  CHECK(o.al->state().projected_for.empty());
  REQUIRE(o.al->state().workspace(o.beta));
  o.ada->sync_all();
  CHECK(state_to_text(o.al->session.confirmed()) == state_to_text(o.ada->session.confirmed()));
  std::uint64_t seen = o.seq(*o.al);
  REQUIRE(o.ada->dispatch(RenameWorkspace{o.beta, "Beta Labs"}).accepted());
  o.ada->sync_all();
  Json events = o.ok_raw(*o.al, seen);
  CHECK_FALSE(events.contains("snapshot"));
  CHECK(events["events"].size() == 1);
  o.al->sync_all();
  CHECK(o.al->state().workspace(o.beta)->name == "Beta Labs");
  // Demoted: back to a projection.
  REQUIRE(o.ada->dispatch(ChangeRole{o.ada->state().parent, "al@x.io", Role::Developer}).accepted());
  o.ada->sync_all();
  o.al->sync_all();
  CHECK(o.al->state().projected_for == "al@x.io");
  CHECK_FALSE(o.al->state().workspace(o.beta));
}
