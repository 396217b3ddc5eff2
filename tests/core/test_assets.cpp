// Assets and videos (DESIGN.md "Assets", "What consumes credits").
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {
struct Library : World {
  WorkspaceId a, b, c;
  AssetId voice;
  Library() : World(20, 1000'00, 10) {
    a = sub("Alpha", true, false, 100'00);
    b = sub("Beta", true, false, 100'00);
    c = sub("Gamma");
    member(a, "sue@x.io", Role::SuperAdmin);
    member(b, "sue@x.io", Role::SuperAdmin);
    member(a, "cre@x.io", Role::Creator);
    member(b, "bob@x.io", Role::Creator);
    member(c, "cy@x.io", Role::SuperAdmin);
    ok("cre@x.io", CreateAsset{a, AssetKind::Voice, "Warm voice"});
    voice = last_id();
  }
};
}  // namespace

TEST_CASE("creators edit and delete what they made; Super Admins anything in their workspace") {
  Library w;
  CHECK(w.s.asset(w.voice)->creator == w.person("cre@x.io"));
  w.ok("cre@x.io", RenameAsset{w.voice, "Warmer voice"});
  w.member(w.a, "cre2@x.io", Role::Creator);
  CHECK(w.err("cre2@x.io", RenameAsset{w.voice, "Mine now"}) == Err::forbidden);
  w.ok("sue@x.io", RenameAsset{w.voice, "Renamed by admin"});
  // A creator demoted to Viewer can no longer edit what they made.
  w.ok("sue@x.io", ChangeRole{w.a, "cre@x.io", Role::Viewer});
  CHECK(w.err("cre@x.io", DeleteAsset{w.voice}) == Err::forbidden);
  CHECK(w.err("bob@x.io", RenameAsset{w.voice, "x"}) == Err::asset_not_found);  // cannot see it
  CHECK(w.err("cre@x.io", RenameAsset{w.voice, std::string(65, 'x')}) == Err::forbidden);
  w.ok("sue@x.io", DeleteAsset{w.voice});
  CHECK_FALSE(w.s.asset(w.voice));
}

TEST_CASE("asset names are unique per kind in a workspace's own library, ignoring ASCII case") {
  Library w;
  ExecResult r = w.run("cre@x.io", CreateAsset{w.a, AssetKind::Voice, " warm VOICE "});
  CHECK(r.error.code == Err::asset_name_taken);
  CHECK(r.error.message == "'Alpha' already has a voice named 'Warm voice'.");
  w.ok("cre@x.io", CreateAsset{w.a, AssetKind::Template, "Warm voice"});  // another kind
  w.ok("sue@x.io", CreateAsset{w.b, AssetKind::Voice, "Warm voice"});     // another workspace
  AssetId other = w.last_id();
  w.ok("cre@x.io", CreateAsset{w.a, AssetKind::Voice, "Cool voice"});
  AssetId cool = w.last_id();
  CHECK(w.err("cre@x.io", RenameAsset{cool, "WARM voice"}) == Err::asset_name_taken);
  w.ok("cre@x.io", RenameAsset{cool, "Cool Voice"});  // its own name, another case: fine
  // A move would put two of one name in the target: refused, nothing moved.
  CHECK(w.err(kAdmin, MoveAsset{other, w.a}) == Err::asset_name_taken);
  CHECK(w.s.asset(other)->owner == w.b);
  // Shared in, the same name is told apart by its owner: allowed.
  w.ok(kAdmin, ShareAsset{other, {w.a}});
  CHECK(w.ws(w.a).shared_in == std::vector<AssetId>{other});
}

TEST_CASE("share: available at once in each target, use-only, marked with the owner; unshare removes it") {
  Library w;
  CHECK(w.err("cre@x.io", ShareAsset{w.voice, {w.b}}) == Err::forbidden);
  // A Super Admin of the owner but not of the target cannot share there.
  CHECK(w.err("sue@x.io", ShareAsset{w.voice, {w.b, w.c}}) == Err::workspace_not_found);
  w.member(w.c, "sue@x.io", Role::Viewer);
  CHECK(w.err("sue@x.io", ShareAsset{w.voice, {w.c}}) == Err::forbidden);
  w.ok("sue@x.io", ShareAsset{w.voice, {w.b}});  // Super Admin of both
  w.ok(kAdmin, ShareAsset{w.voice, {w.c}});       // org admins may share anywhere
  const Asset& asset = *w.s.asset(w.voice);
  CHECK(asset.shared_with == std::vector<WorkspaceId>{w.b, w.c});
  CHECK(asset_available(asset, w.ws(w.b)));
  CHECK(w.ws(w.b).shared_in == std::vector<AssetId>{w.voice});
  // Use-only in the receivers, even for their Super Admins.
  CHECK(w.err("bob@x.io", RenameAsset{w.voice, "x"}) == Err::use_only_asset);
  CHECK(w.err("cy@x.io", DeleteAsset{w.voice}) == Err::use_only_asset);
  CHECK(w.err(kAdmin, ShareAsset{w.voice, {w.a}}) == Err::invalid_field);  // its own workspace
  CHECK(w.err(kAdmin, ShareAsset{w.voice, {}}) == Err::invalid_field);
  w.ok(kAdmin, ShareAsset{w.voice, {w.b}});  // again: nothing changes
  CHECK(w.s.asset(w.voice)->shared_with.size() == 2);
  w.ok("sue@x.io", UnshareAsset{w.voice, {w.b}});
  CHECK_FALSE(asset_available(*w.s.asset(w.voice), w.ws(w.b)));
  CHECK(w.ws(w.b).shared_in.empty());
  CHECK(w.err("bob@x.io", RenameAsset{w.voice, "x"}) == Err::asset_not_found);
}

TEST_CASE("move transfers ownership, drops shares, and needs a free avatar slot for avatars") {
  Library w;
  w.ok(kAdmin, ShareAsset{w.voice, {w.b}});
  CHECK(w.err("sue@x.io", MoveAsset{w.voice, w.b}) == Err::forbidden);
  w.ok(kAdmin, MoveAsset{w.voice, w.c});
  const Asset& moved = *w.s.asset(w.voice);
  CHECK(moved.owner == w.c);
  CHECK(moved.shared_with.empty());
  CHECK(w.ws(w.a).assets.empty());
  CHECK(w.ws(w.c).assets == std::vector<AssetId>{w.voice});
  CHECK(w.ws(w.b).shared_in.empty());
  w.ok(kAdmin, AllocateAvatarSlots{w.a, 1});
  w.ok("cre@x.io", CreateAsset{w.a, AssetKind::Avatar, "Presenter"});
  AssetId avatar = w.last_id();
  CHECK(w.err(kAdmin, MoveAsset{avatar, w.c}) == Err::avatar_slots_exhausted);
  CHECK(w.err(kAdmin, MoveAsset{avatar, w.a}) == Err::invalid_field);
}

TEST_CASE("a video uses the workspace's own and shared-in assets and consumes its cost") {
  Library w;
  w.ok(kAdmin, AllocateAvatarSlots{w.b, 1});
  w.ok("bob@x.io", CreateAsset{w.b, AssetKind::Avatar, "Bob's presenter"});
  AssetId avatar = w.last_id();
  // The voice lives in Alpha; until it is shared, Beta cannot use it.
  CHECK(w.err("bob@x.io", CreateVideo{w.b, "Launch", avatar, w.voice, std::nullopt, 90}) == Err::asset_not_available);
  w.ok(kAdmin, ShareAsset{w.voice, {w.b}});
  CHECK(w.err("bob@x.io", CreateVideo{w.b, "Launch", w.voice, avatar, std::nullopt, 90}) == Err::asset_kind_mismatch);
  Cents before = w.ws(w.b).balance;
  w.ok("bob@x.io", CreateVideo{w.b, "Launch", avatar, w.voice, std::nullopt, 90});
  const Video& v = *w.s.video(w.last_id());
  CHECK(v.cost == 150);  // 1.5 minutes at 1.00 credit a minute
  CHECK(w.ws(w.b).balance == before - 150);
  CHECK(w.s.ledger.back().kind == Movement::Consume);
  // Unsharing later leaves the video as it was made.
  w.ok(kAdmin, UnshareAsset{w.voice, {w.b}});
  CHECK(w.s.video(v.id)->voice_name == "Warm voice");
  // Viewers cannot make videos; durations are bounded; credits are a hard cap.
  w.member(w.b, "vi@x.io", Role::Viewer);
  CHECK(w.err("vi@x.io", CreateVideo{w.b, "x", avatar, w.voice, std::nullopt, 10}) == Err::forbidden);
  w.ok("bob@x.io", CreateAsset{w.b, AssetKind::Voice, "Own voice"});
  AssetId own_voice = w.last_id();
  CHECK(w.err("bob@x.io", CreateVideo{w.b, "x", avatar, own_voice, std::nullopt, 0}) == Err::invalid_duration);
  CHECK(w.err("bob@x.io", CreateVideo{w.b, "x", avatar, own_voice, std::nullopt, 7201}) == Err::invalid_duration);
  w.ok(kAdmin, SetPlan{{20, 10, 100'00}});  // 100 credits a minute
  CHECK(w.err("bob@x.io", CreateVideo{w.b, "Long", avatar, own_voice, std::nullopt, 60 * 2}) == Err::insufficient_credits);
  CHECK(ledger_sum(w.s) == 0);
}

TEST_CASE("cost per started hundredth is rounded up") {
  Plan p;
  p.video_cost_per_minute = 100;
  CHECK(video_cost(p, 60) == 100);
  CHECK(video_cost(p, 1) == 2);  // 1.67 hundredths -> 2
  p.video_cost_per_minute = 0;
  CHECK(video_cost(p, 600) == 0);
}

TEST_CASE("deleting videos: their creators or Super Admins; no refund") {
  Library w;
  w.ok(kAdmin, AllocateAvatarSlots{w.a, 1});
  w.ok("cre@x.io", CreateAsset{w.a, AssetKind::Avatar, "P"});
  AssetId avatar = w.last_id();
  w.ok("cre@x.io", CreateVideo{w.a, "Mine", avatar, w.voice, std::nullopt, 30});
  VideoId v = w.last_id();
  Cents balance = w.ws(w.a).balance;
  w.member(w.a, "cre2@x.io", Role::Creator);
  CHECK(w.err("cre2@x.io", DeleteVideo{v}) == Err::forbidden);
  w.ok("cre@x.io", DeleteVideo{v});
  CHECK(w.ws(w.a).balance == balance);
  CHECK(w.err("cre@x.io", DeleteVideo{v}) == Err::video_not_found);
}
