// User flows of Assets and Videos, through the real mouse and keyboard: sharing an asset
// with two sub-workspaces from its three-dot menu (seen at once by their members, marked
// "shared from"), unsharing it, and making a video with a shared-in avatar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';
import {
  ADMIN, actAs, byName, cents, checkAcrossReload, fillField, getState, itemText, orgAdmins, pickFromCombo, rect, status, subs, waitForState, waitForText, withApp,
} from './flows-helpers.mjs';


// An active member of `ws` who is in no other workspace and is not an org admin.
function memberOnlyOf(s, ws) {
  const admins = orgAdmins(s);
  return ws.members.find((m) => m.status === 'active' && !admins.includes(m.email) &&
    !s.workspaces.some((w) => w.id !== ws.id && w.members.some((x) => x.email === m.email))).email;
}

// Acting as `email` (a member of `ws` only), opens ws's Assets view.
async function assetsAs(page, email, ws) {
  await actAs(page, email);
  await waitForText(page, 'view:title', `${ws.name} - Members`);
  await clickItem(page, 'Assets##nav');
  await waitForText(page, 'view:title', `${ws.name} - Assets`);
}

test('K. an asset is shared with two sub-workspaces from its menu, seen there at once, then unshared', () => withApp({}, async (app) => {
  const { page } = app;
  const s0 = await getState(page);
  const parent = s0.workspaces.find((w) => w.is_parent);
  const asset = s0.assets.find((a) => a.owner === parent.id && a.shared_with.length === 0 &&
    s0.assets.filter((b) => b.owner === parent.id && b.name === a.name).length === 1);
  assert.ok(asset, 'an unshared asset of the parent');
  const [subA, subB] = subs(s0).filter((w) => !s0.assets.some((b) => b.owner === w.id && b.name === asset.name));
  const [memberA, memberB] = [memberOnlyOf(s0, subA), memberOnlyOf(s0, subB)];

  // The org admin shares it from the parent's Assets view.
  await clickItem(page, 'Assets##nav');
  await waitForText(page, 'view:title', 'Lumen Studios - Assets');
  await clickItem(page, `asset-menu:${asset.name}`);
  await clickItem(page, 'asset-menu:share', { enabled: true });
  await waitForItem(page, 'Save##share', { enabled: false });  // nothing changed yet
  await clickItem(page, `share-to:${subA.name}`);
  await clickItem(page, `share-to:${subB.name}`);
  await clickItem(page, 'Save##share', { enabled: true });
  await waitForItemGone(page, 'Save##share');
  await waitForState(page, (s, [id, a, b]) => {
    const w = s.assets.find((x) => x.id === id).shared_with;
    return w.length === 2 && w.includes(a) && w.includes(b);
  }, [asset.id, subA.id, subB.id]);

  // Each sub's member sees it at once, marked as shared from the parent, and use-only.
  for (const [ws, email] of [[subA, memberA], [subB, memberB]]) {
    await assetsAs(page, email, ws);
    assert.equal(await itemText(page, `shared-from:${asset.name}`), 'shared from Lumen Studios');
    await clickItem(page, `asset-menu:${asset.name}`);
    await waitForItem(page, 'asset-menu:share');
    for (const entry of ['share', 'rename', 'move', 'delete'])
      assert.equal((await rect(page, `asset-menu:${entry}`)).enabled, false, `${entry} is off for a shared-in asset`);
    await clickItem(page, 'view:title');  // a click outside closes the menu
    await waitForItemGone(page, 'asset-menu:share');
  }

  // Unshare both: back as the org admin, on the parent's assets.
  await actAs(page, ADMIN);
  await pickFromCombo(page, 'workspace-switcher', 'switch:Lumen Studios');
  await waitForText(page, 'view:title', 'Lumen Studios - Assets');
  await clickItem(page, `asset-menu:${asset.name}`);
  await clickItem(page, 'asset-menu:share');
  await clickItem(page, `share-to:${subA.name}`);
  await clickItem(page, `share-to:${subB.name}`);
  await clickItem(page, 'Save##share', { enabled: true });
  await waitForItemGone(page, 'Save##share');
  await waitForState(page, (s, id) => s.assets.find((x) => x.id === id).shared_with.length === 0, asset.id);

  // Gone at once from both.
  for (const [ws, email] of [[subA, memberA], [subB, memberB]]) {
    await assetsAs(page, email, ws);
    await waitForItemGone(page, `shared-from:${asset.name}`);
    assert.equal(await rect(page, `asset:${asset.name}`), null, `${asset.name} is not listed in ${ws.name}`);
  }

  await checkAcrossReload(app, (s, when) => {
    const a = s.assets.find((x) => x.id === asset.id);
    assert.deepEqual(a.shared_with, [], `unshared ${when}`);
    assert.equal(a.owner, parent.id);
    const moves = s.audit.filter((e) => /^(un)?share_asset$/.test(e[3]) && e[1] === ADMIN && e[4] === 'none');
    assert.deepEqual(moves.slice(-2).map((e) => e[3]), ['share_asset', 'unshare_asset'], when);
  });
}));

test('L. a video made with a shared-in avatar costs the credits shown before creating it', () => withApp({}, async (app) => {
  const { page } = app;
  const s0 = await getState(page);
  // An avatar of the parent shared with a sub (the demo has one).
  const avatar = s0.assets.find((a) => a.kind === 'avatar' && a.shared_with.length > 0);
  assert.ok(avatar, 'a shared avatar');
  const sub = s0.workspaces.find((w) => w.id === avatar.shared_with[0]);
  const voice = s0.assets.find((a) => a.kind === 'voice' && (a.owner === sub.id || a.shared_with.includes(sub.id)));
  const creator = sub.members.find((m) => m.status === 'active' && m.role === 'creator' &&
    !s0.workspaces.some((w) => w.id !== sub.id && w.members.some((x) => x.email === m.email)));
  assert.ok(creator, 'a Creator of that sub');

  await actAs(page, creator.email);
  await waitForText(page, 'view:title', `${sub.name} - Members`);
  await clickItem(page, 'Videos##nav');
  await waitForText(page, 'view:title', `${sub.name} - Videos`);
  await clickItem(page, '+ Create video##videos');
  await fillField(page, 'Title##video', 'Spring launch');
  await pickFromCombo(page, 'Avatar##video', `Avatar##video:${avatar.name}`);
  await pickFromCombo(page, 'Voice##video', `Voice##video:${voice.name}`);
  await waitForItem(page, 'Create video##video', { enabled: false });  // no duration yet
  await fillField(page, 'min##video-minutes', '2');
  await fillField(page, 's##video-seconds', '15');
  const shown = await waitForText(page, 'video:cost', /^2:15 - Cost: /);
  const m = shown.match(/^2:15 - Cost: ([\d,.]+) credits \(balance ([\d,.]+)\)$/);
  assert.ok(m, shown);
  const cost = cents(m[1]);
  assert.equal(cents(m[2]), sub.balance, 'the balance shown is the sub\'s');
  assert.equal(cost, Math.ceil(135 * s0.org.plan.video_cost_per_minute / 60), 'cost = duration x plan price per minute');
  await clickItem(page, 'Create video##video', { enabled: true });
  await waitForItem(page, 'video:Spring launch');
  await waitForState(page, (s, [id, b]) => s.workspaces.find((w) => w.id === id).balance === b, [sub.id, sub.balance - cost]);
  assert.equal((await status(page)).actingAs, creator.email);

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(ws.balance, sub.balance - cost, `the shown cost was charged ${when}`);
    assert.equal(ws.consumed_total, sub.consumed_total + cost, when);
    const v = s.videos.find((x) => x.title === 'Spring launch');
    assert.ok(v, `the video exists ${when}`);
    assert.equal(v.workspace, sub.id);
    assert.deepEqual(v.avatar, [avatar.id, avatar.name], 'made with the shared-in avatar');
    assert.deepEqual(v.voice, [voice.id, voice.name]);
    assert.equal(v.duration_seconds, 135);
    assert.equal(v.cost, cost);
    assert.equal(v.creator, creator.email);
    assert.equal(byName(s, sub.name).id, sub.id);
  });
}));
