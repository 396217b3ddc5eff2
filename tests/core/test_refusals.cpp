// Refusals and effects that a rule-by-rule reading of DESIGN.md found without a test of
// their own: restore's avatar slots and what stays gone, the rights on credits, slots and
// keys, what an outsider learns of another sub's assets, and the bounds on batches.
#include <utility>

#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("restoring a sub takes back slots for its avatars from the parent, or says it cannot") {
  World w(10, 1000'00, 4);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.ok(kAdmin, AllocateAvatarSlots{a, 2});
  w.ok(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter 1"});
  w.ok(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter 2"});
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  CHECK(w.ws(a).slots == 0);  // returned with the rest
  w.ok(kAdmin, AllocateAvatarSlots{b, 3});  // the parent is left with 1 free
  ExecResult r = w.run(kAdmin, RestoreWorkspace{a});
  CHECK(r.error.code == Err::avatar_slots_exhausted);
  CHECK(r.error.message == "Restoring 'Alpha' needs 2 avatar slots for its avatars; the parent has 1 free. Reclaim or buy avatar slots first.");
  CHECK_FALSE(w.ws(a).live());
  w.ok(kAdmin, ReclaimAvatarSlots{b, 1});
  w.ok(kAdmin, RestoreWorkspace{a});
  CHECK(w.ws(a).slots == 2);
  CHECK(w.ws(a).slots_allocated == 2);
  CHECK(free_avatar_slots(w.s, w.ws(a)) == 0);
  CHECK(w.s.slot_ledger.back().kind == Movement::Allocate);
  CHECK(w.ws(w.parent()).slots + w.ws(a).slots + w.ws(b).slots == 4);
}

TEST_CASE("after a restore, keys, shares and invitations stay gone") {
  World w(10, 1000'00);
  WorkspaceId a = w.sub("Alpha", true, true, 10'00), b = w.sub("Beta");
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{a, "ci", k.hash, k.last4});
  KeyId key = w.last_id();
  w.ok(kAdmin, CreateAsset{a, AssetKind::Voice, "Voice"});
  w.ok(kAdmin, ShareAsset{w.last_id(), {b}});
  AssetId shared = w.last_id() - 1;
  w.invite(a, "cy@x.io");
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  w.ok(kAdmin, RestoreWorkspace{a});
  CHECK(w.s.key(key)->status == KeyStatus::Revoked);
  CHECK(w.err(kSystem, RecordApiUsage{k.hash, k.last4, "/x", 1}) == Err::invalid_api_key);
  CHECK(w.s.asset(shared)->shared_with.empty());
  CHECK(w.ws(b).shared_in.empty());
  CHECK(w.membership(a, "cy@x.io") == nullptr);
}

TEST_CASE("only org admins reclaim credits, move avatar slots and restore") {
  World w(10, 1000'00, 5);
  WorkspaceId a = w.sub("Alpha", true, false, 50'00);
  w.ok(kAdmin, AllocateAvatarSlots{a, 1});
  w.member(a, "sue@x.io", Role::SuperAdmin);
  CHECK(w.err("sue@x.io", ReclaimCredits{a, 1'00}) == Err::forbidden);
  CHECK(w.err("sue@x.io", AllocateCredits{a, 1'00}) == Err::forbidden);
  CHECK(w.err("sue@x.io", AllocateAvatarSlots{a, 1}) == Err::forbidden);
  CHECK(w.err("sue@x.io", ReclaimAvatarSlots{a, 1}) == Err::forbidden);
  w.ok(kAdmin, DeleteWorkspace{a, "Alpha"});
  // A trashed sub is not theirs to see any more: not found, as if it did not exist.
  CHECK(w.err("sue@x.io", RestoreWorkspace{a}) == Err::workspace_not_found);
  WorkspaceId live = w.sub("Live");
  CHECK(w.err(kAdmin, PurgeWorkspace{live}) == Err::system_only);
  CHECK(w.err(kSystem, PurgeWorkspace{live}) == Err::not_in_trash);
}

TEST_CASE("people rename themselves; only org admins rename others") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  w.member(a, "sue@x.io", Role::SuperAdmin);
  w.member(a, "al@x.io", Role::Viewer);
  w.ok("al@x.io", UpdatePerson{"al@x.io", "Al Ng"});
  CHECK(w.s.people[w.person("al@x.io")].name == "Al Ng");
  CHECK(w.err("sue@x.io", UpdatePerson{"al@x.io", "Alfred"}) == Err::forbidden);  // a sub's Super Admin is not enough
  w.ok(kAdmin, UpdatePerson{"AL@x.io", "Alfred"});
  CHECK(w.s.people[w.person("al@x.io")].name == "Alfred");
  CHECK(w.err(kAdmin, UpdatePerson{"nobody@x.io", "X"}) == Err::person_not_found);
  CHECK(w.err("al@x.io", UpdatePerson{"al@x.io", std::string(101, 'a')}) == Err::invalid_field);
}

TEST_CASE("keys: Creators and Viewers cannot rotate or revoke; without API access nobody can") {
  World w(10, 100'00);
  WorkspaceId a = w.sub("Alpha", true, true, 10'00);
  w.member(a, "cre@x.io", Role::Creator);
  w.member(a, "vi@x.io", Role::Viewer);
  KeyFingerprint k1 = w.new_key(1), k2 = w.new_key(2);
  w.ok(kAdmin, CreateApiKey{a, "ci", k1.hash, k1.last4});
  KeyId key = w.last_id();
  for (const char* who : {"cre@x.io", "vi@x.io"}) {
    CHECK(w.err(who, RotateApiKey{key, k2.hash, k2.last4}) == Err::forbidden);
    CHECK(w.err(who, RevokeApiKey{key}) == Err::forbidden);
  }
  w.member(a, "dev@x.io", Role::Developer);
  w.ok(kAdmin, SetApiAccess{a, false});
  CHECK(w.err("dev@x.io", CreateApiKey{a, "again", k2.hash, k2.last4}) == Err::api_access_disabled);
  CHECK(w.err(kSystem, RecordApiUsage{k1.hash, k1.last4, "/x", -1}) == Err::invalid_api_key);  // the key went with the access
  w.ok(kAdmin, CreateApiKey{w.parent(), "parent", k2.hash, k2.last4});
  CHECK(w.err(kSystem, RecordApiUsage{k2.hash, k2.last4, "/x", -1}) == Err::invalid_amount);
}

TEST_CASE("an asset in a sub one cannot see is answered as if it did not exist, and audited on the parent") {
  World w(10, 1000'00, 5);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.member(a, "al@x.io", Role::SuperAdmin);
  w.member(b, "bo@x.io", Role::SuperAdmin);
  w.ok("bo@x.io", CreateAsset{b, AssetKind::Voice, "Beta's voice"});
  AssetId hidden = w.last_id();
  AssetId missing = 999'999;
  for (AssetId id : {hidden, missing}) {
    INFO("asset " << id);
    CHECK(w.err("al@x.io", ShareAsset{id, {a}}) == Err::asset_not_found);
    CHECK(w.err("al@x.io", ShareAsset{id, {}}) == Err::asset_not_found);
    CHECK(w.err("al@x.io", UnshareAsset{id, {a}}) == Err::asset_not_found);
    CHECK(w.err("al@x.io", MoveAsset{id, a}) == Err::asset_not_found);
    CHECK(w.err("al@x.io", RenameAsset{id, "Mine"}) == Err::asset_not_found);
  }
  w.run("al@x.io", ShareAsset{hidden, {a}});
  CHECK(w.s.audit.back().workspace == w.parent());  // Beta's admins are not told who probed
  w.run("al@x.io", InviteMembers{b, {{"x@x.io", "", Role::Viewer}}});
  CHECK(w.s.audit.back().result == Err::workspace_not_found);
  CHECK(w.s.audit.back().workspace == w.parent());
  // Shared into Alpha, it is seen there: a Super Admin of Alpha alone may not pass it on.
  w.ok(kAdmin, ShareAsset{hidden, {a}});
  CHECK(w.err("al@x.io", UnshareAsset{hidden, {a}}) == Err::forbidden);
  CHECK(w.s.audit.back().workspace == b);
  CHECK(w.err("al@x.io", MoveAsset{hidden, a}) == Err::forbidden);
  CHECK(w.err("al@x.io", RenameAsset{hidden, "Mine"}) == Err::use_only_asset);
}

TEST_CASE("moving into a trashed sub, renaming to a bad name, and unsharing what was never shared are refused") {
  World w(10, 1000'00, 5);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta");
  w.ok(kAdmin, CreateAsset{a, AssetKind::Voice, "Voice"});
  AssetId voice = w.last_id();
  w.ok(kAdmin, DeleteWorkspace{b, "Beta"});
  CHECK(w.err(kAdmin, MoveAsset{voice, b}) == Err::workspace_in_trash);
  CHECK(w.err(kAdmin, RenameAsset{voice, "   "}) == Err::invalid_field);
  CHECK(w.err(kAdmin, RenameAsset{voice, std::string(300, 'v')}) == Err::invalid_field);
  CHECK(w.err(kAdmin, UnshareAsset{voice, {}}) == Err::invalid_field);
  CHECK(w.err(kAdmin, UnshareAsset{voice, {a}}) == Err::invalid_field);  // its own workspace
  CHECK(w.s.asset(voice)->name == "Voice");
}

TEST_CASE("a video's template, when chosen, must be a template available in the workspace") {
  World w(10, 1000'00, 5);
  WorkspaceId a = w.sub("Alpha", true, false, 100'00), b = w.sub("Beta");
  w.ok(kAdmin, AllocateAvatarSlots{a, 1});
  w.ok(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter"});
  AssetId avatar = w.last_id();
  w.ok(kAdmin, CreateAsset{a, AssetKind::Voice, "Voice"});
  AssetId voice = w.last_id();
  w.ok(kAdmin, CreateAsset{b, AssetKind::Template, "Beta's template"});
  AssetId elsewhere = w.last_id();
  CHECK(w.err(kAdmin, CreateVideo{a, "x", avatar, voice, elsewhere, 60}) == Err::asset_not_available);
  CHECK(w.err(kAdmin, CreateVideo{a, "x", avatar, voice, voice, 60}) == Err::asset_kind_mismatch);
  w.ok(kAdmin, ShareAsset{elsewhere, {a}});
  w.ok(kAdmin, CreateVideo{a, "Launch", avatar, voice, elsewhere, 60});
  CHECK(w.s.video(w.last_id())->template_name == "Beta's template");
}

TEST_CASE("batches: empty or over 10,000 rows are refused; a new sub's cap counts its invitations") {
  World w(20'000);
  WorkspaceId a = w.sub("Alpha");
  CHECK(w.err(kAdmin, InviteMembers{a, {}}) == Err::empty_batch);
  std::vector<InviteRow> rows;
  for (int i = 0; i < 10'001; ++i) rows.push_back({"p" + std::to_string(i) + "@x.io", "", Role::Viewer});
  CHECK(w.err(kAdmin, InviteMembers{a, rows}) == Err::batch_too_large);
  CreateWorkspace c;
  c.name = "Capped";
  c.seat_cap = 1;
  c.invites = {{"one@x.io", "", Role::Viewer}, {"two@x.io", "", Role::Viewer}};
  CHECK(w.err(kAdmin, c) == Err::sub_seat_cap_reached);
  CHECK_FALSE(w.s.person("one@x.io"));
}

TEST_CASE("an id already held by a workspace, asset, key or video is refused as id_conflict and creates nothing") {
  World w(10, 1000'00, 5);
  WorkspaceId a = w.sub("Alpha", true, true, 100'00);
  w.ok(kAdmin, AllocateAvatarSlots{a, 1});
  w.ok(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter"});
  AssetId avatar = w.last_id();
  w.ok(kAdmin, CreateAsset{a, AssetKind::Voice, "Voice"});
  AssetId voice = w.last_id();
  KeyFingerprint k1 = w.new_key(1), k2 = w.new_key(2);
  w.ok(kAdmin, CreateApiKey{a, "ci", k1.hash, k1.last4});
  KeyId key = w.last_id();
  w.ok(kAdmin, CreateVideo{a, "Launch", avatar, voice, std::nullopt, 60});
  VideoId video = w.last_id();
  // Every creating command, each given an id that something already has.
  auto attempt = [&](Id id, Payload p) {
    Command c{{id, kAdmin, w.now}, std::move(p)};
    return execute(w.s, c, w.s.last_seq + 1);
  };
  const std::pair<Id, Payload> tries[] = {
      {a, CreateWorkspace{"Beta"}},
      {voice, CreateAsset{a, AssetKind::Template, "Template"}},
      {key, CreateApiKey{a, "again", k2.hash, k2.last4}},
      {video, RotateApiKey{key, k2.hash, k2.last4}},
      {w.parent(), CreateVideo{a, "Sequel", avatar, voice, std::nullopt, 60}},
  };
  for (const auto& [id, payload] : tries) {
    INFO(command_name(command_type(payload)) << " with id " << id);
    size_t workspaces = w.s.workspaces.size(), assets = w.s.assets.size(), keys = w.s.keys.size(),
           videos = w.s.videos.size();
    ExecResult r = attempt(id, payload);
    CHECK(r.error.code == Err::id_conflict);
    REQUIRE(r.event);  // a refused attempt, audited
    CHECK(w.s.audit.back().result == Err::id_conflict);
    CHECK(w.s.workspaces.size() == workspaces);
    CHECK(w.s.assets.size() == assets);
    CHECK(w.s.keys.size() == keys);
    CHECK(w.s.videos.size() == videos);
  }
  CHECK(w.s.key(key)->status == KeyStatus::Active);  // the rotation did not happen
  CHECK(w.s.workspace(a)->name == "Alpha");
}

namespace {
// One payload of every command type, each default-constructed.
template <size_t... I> std::vector<Payload> every_payload(std::index_sequence<I...>) {
  return {Payload(std::in_place_index<I>)...};
}
}  // namespace

TEST_CASE("before the organisation exists, every command but create_org is no_org, the system's too; it is founded once") {
  State empty;
  for (const Payload& p : every_payload(std::make_index_sequence<std::variant_size_v<Payload> - 1>())) {
    if (command_type(p) == CommandType::CreateOrg) continue;
    for (const std::string& actor : {kAdmin, kSystem}) {
      INFO(command_name(command_type(p)) << " as " << actor);
      Command c;
      c.env = {1, actor, kT0};
      c.payload = p;
      ExecResult r = execute(empty, c, 1);
      CHECK(r.error.code == Err::no_org);
      CHECK_FALSE(r.event);  // no organisation to audit it in, nothing to journal
    }
  }
  CHECK(empty.audit.empty());
  CHECK(empty.last_seq == 0);
  CHECK(empty.version == 0);

  World w;
  std::uint64_t seq = w.s.last_seq;
  ExecResult again = w.run(kSystem, CreateOrg{"Second", "bo@x.io", "Bo", PlanFields{5, 1, 100}, 0});
  CHECK(again.error.code == Err::org_exists);
  CHECK_FALSE(again.event);  // not permission-bearing: no audit entry, no event
  CHECK(w.s.last_seq == seq);
  CHECK(w.s.org_name == "Lumen");
  CHECK_FALSE(w.s.person("bo@x.io"));
}

TEST_CASE("an event that replays differently from how it was recorded is a replay_mismatch, naming both outcomes") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  State before = w.s;
  // Recorded as accepted, but the name is taken by then: the replay refuses it.
  Event accepted{w.s.last_seq + 1, Command{{w.next_id++, kAdmin, w.now}, CreateWorkspace{"alpha"}}, Err::none};
  Error e = apply_event(w.s, accepted);
  CHECK(e.code == Err::replay_mismatch);
  CHECK(e.message == "Event " + std::to_string(accepted.seq) +
                         " (create_workspace) was recorded as none but replays as name_taken.");
  // Recorded as refused, but it goes through on replay.
  State s2 = before;
  Event refused{s2.last_seq + 1, Command{{w.next_id++, kAdmin, w.now}, RenameWorkspace{a, "Gamma"}}, Err::forbidden};
  e = apply_event(s2, refused);
  CHECK(e.code == Err::replay_mismatch);
  CHECK(e.message.find("recorded as forbidden but replays as none") != std::string::npos);
  // An event that replays as recorded is fine.
  State s3 = before;
  Event good{s3.last_seq + 1, Command{{w.next_id++, kAdmin, w.now}, RenameWorkspace{a, "Gamma"}}, Err::none};
  CHECK_FALSE(apply_event(s3, good));
  CHECK(s3.workspace(a)->name == "Gamma");
}
