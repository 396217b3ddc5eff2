// Credits as a double-entry ledger in hundredths, and avatar slots (DESIGN.md "Credits").
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("purchase, allocate, reclaim and consume move credits between accounts that sum to zero") {
  World w(10, 0);
  CHECK(ledger_sum(w.s) == 0);
  w.ok(kAdmin, PurchaseCredits{w.parent(), 1000'00});
  CHECK(w.s.outside_balance == -1000'00);
  WorkspaceId a = w.sub("Alpha");
  w.ok(kAdmin, AllocateCredits{a, 300'00});
  CHECK(w.ws(a).balance == 300'00);
  CHECK(w.ws(w.parent()).balance == 700'00);
  w.ok(kAdmin, ReclaimCredits{a, 100'50});
  CHECK(w.ws(a).balance == 199'50);
  CHECK(w.ws(w.parent()).balance == 800'50);
  CHECK(ledger_sum(w.s) == 0);
  REQUIRE(w.s.ledger.size() == 3);
  CHECK(w.s.ledger[1].kind == Movement::Allocate);
  CHECK(w.s.ledger[1].from == w.parent());
  CHECK(w.s.ledger[2].to == w.parent());
}

TEST_CASE("reclaim takes at most what was allocated and is unspent; a sub's own purchases stay") {
  World w(10, 1000'00);
  WorkspaceId a = w.sub("Alpha", /*billing_by_parent=*/false);
  w.ok(kAdmin, AllocateCredits{a, 100'00});
  w.ok(kAdmin, PurchaseCredits{a, 50'00});
  CHECK(w.err(kAdmin, ReclaimCredits{a, 100'01}) == Err::reclaim_exceeds_allocation);
  // Spending draws on the allocation first.
  w.ok(kAdmin, SetApiAccess{a, true});
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{a, "k", k.hash, k.last4});
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 30'00});
  CHECK(w.ws(a).allocated_unspent == 70'00);
  CHECK(w.err(kAdmin, ReclaimCredits{a, 70'01}) == Err::reclaim_exceeds_allocation);
  w.ok(kAdmin, ReclaimCredits{a, 70'00});
  CHECK(w.ws(a).balance == 50'00);  // the purchase is still there
  CHECK(w.err(kAdmin, ReclaimCredits{a, 1}) == Err::reclaim_exceeds_allocation);
  CHECK(ledger_sum(w.s) == 0);
}

TEST_CASE("amounts must be positive and within range; allocation cannot exceed the pool") {
  World w(10, 100'00);
  WorkspaceId a = w.sub("Alpha");
  CHECK(w.err(kAdmin, AllocateCredits{a, 0}) == Err::invalid_amount);
  CHECK(w.err(kAdmin, AllocateCredits{a, -5}) == Err::invalid_amount);
  CHECK(w.err(kAdmin, PurchaseCredits{w.parent(), kMaxAmount + 1}) == Err::invalid_amount);
  CHECK(w.err(kAdmin, AllocateCredits{a, 100'01}) == Err::insufficient_credits);
  w.ok(kAdmin, AllocateCredits{a, 100'00});
  CHECK(w.ws(w.parent()).balance == 0);
  CHECK(w.err(kAdmin, AllocateCredits{w.parent(), 1}) == Err::not_a_sub_workspace);
}

TEST_CASE("spending past a balance is refused: a hard cap") {
  World w(10, 100'00);
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{w.parent(), "k", k.hash, k.last4});
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 99'99});
  ExecResult r = w.run(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 2});
  CHECK(r.error.code == Err::insufficient_credits);
  CHECK(w.ws(w.parent()).balance == 1);
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 1});
  CHECK(w.ws(w.parent()).balance == 0);
  CHECK(w.s.consumed_balance == 100'00);
  CHECK(ledger_sum(w.s) == 0);
}

TEST_CASE("the alert threshold compares consumed credits with what the sub received") {
  World w(10, 1000'00);
  WorkspaceId a = w.sub("Alpha", true, true, 100'00);
  KeyFingerprint k = w.new_key(1);
  w.ok(kAdmin, CreateApiKey{a, "k", k.hash, k.last4});
  CHECK(w.ws(a).alert_percent == 80);
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 79'00});
  CHECK(consumed_percent(w.ws(a)) == 79);
  CHECK_FALSE(over_alert_threshold(w.ws(a)));
  w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/x", 1'00});
  CHECK(over_alert_threshold(w.ws(a)));
  w.ok(kAdmin, SetAlertThreshold{a, 90});
  CHECK_FALSE(over_alert_threshold(w.ws(a)));
  w.ok(kAdmin, AllocateCredits{a, 100'00});  // more received: the share drops
  CHECK(consumed_percent(w.ws(a)) == 40);
}

TEST_CASE("avatar slots: allocated like credits, taken by avatars") {
  World w(10, 1000'00, 3);
  WorkspaceId a = w.sub("Alpha"), b = w.sub("Beta", false);
  CHECK(w.err(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter"}) == Err::avatar_slots_exhausted);
  w.ok(kAdmin, AllocateAvatarSlots{a, 2});
  CHECK(w.ws(w.parent()).slots == 1);
  CHECK(w.err(kAdmin, AllocateAvatarSlots{b, 2}) == Err::avatar_slots_exhausted);
  w.ok(kAdmin, CreateAsset{a, AssetKind::Avatar, "Presenter"});
  AssetId av = w.last_id();
  CHECK(free_avatar_slots(w.s, w.ws(a)) == 1);
  CHECK(w.err(kAdmin, ReclaimAvatarSlots{a, 2}) == Err::reclaim_exceeds_free_slots);
  w.ok(kAdmin, ReclaimAvatarSlots{a, 1});
  CHECK(w.err(kAdmin, CreateAsset{a, AssetKind::Avatar, "Second"}) == Err::avatar_slots_exhausted);
  // Voices and the rest take no slot.
  w.ok(kAdmin, CreateAsset{a, AssetKind::Voice, "Voice"});
  // A self-managed sub buys its own; a parent-managed one cannot.
  w.member(b, "sue@x.io", Role::SuperAdmin);
  w.ok("sue@x.io", PurchaseAvatarSlots{b, 2});
  CHECK(w.ws(b).slots == 2);
  CHECK(w.err(kAdmin, PurchaseAvatarSlots{a, 1}) == Err::billing_managed_by_parent);
  CHECK(w.s.slots_purchased_total == 2);
  // Deleting the avatar frees its slot.
  w.ok(kAdmin, DeleteAsset{av});
  CHECK(free_avatar_slots(w.s, w.ws(a)) == 1);
}

TEST_CASE("plan changes: org admins only, never below what is in use") {
  World w(3, 0, 4);
  w.member(w.parent(), "al@x.io", Role::Viewer);
  w.invite(w.parent(), "bo@x.io");
  CHECK(w.err("al@x.io", SetPlan{{10, 4, 100}}) == Err::forbidden);
  CHECK(w.err(kAdmin, SetPlan{{2, 4, 100}}) == Err::plan_below_usage);
  w.ok(kAdmin, SetPlan{{3, 4, 250}});
  CHECK(w.s.plan.video_cost_per_minute == 250);
  w.ok(kAdmin, CreateAsset{w.parent(), AssetKind::Avatar, "A"});
  w.ok(kAdmin, CreateAsset{w.parent(), AssetKind::Avatar, "B"});
  CHECK(w.err(kAdmin, SetPlan{{3, 1, 250}}) == Err::plan_below_usage);
  w.ok(kAdmin, SetPlan{{3, 2, 250}});
  CHECK(w.ws(w.parent()).slots == 2);
  w.ok(kAdmin, SetPlan{{50, 10, 250}});
  CHECK(w.ws(w.parent()).slots == 10);
  CHECK(w.err(kAdmin, SetPlan{{0, 10, 250}}) == Err::invalid_field);
}
