// The API flow of a sub-workspace, through the real mouse, keyboard and clipboard: API
// access turned on in the gear, a labelled key created and copied from the real clipboard,
// rotated (the old key marked invalid), and both keys tried: the old one refused, the new
// one accepted and charged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';
import {
  checkAcrossReload, fillField, getState, itemText, openGear, openSub, sha256, subs, waitForRoute, waitForState, waitForText,
} from './flows-helpers.mjs';

const KEY = /^sk_[0-9A-Za-z]{43}$/;

// Clicks "Copy to clipboard" in the shown-key dialog and reads the browser's clipboard.
async function copyShownKey(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await clickItem(page, 'Copy to clipboard##shown-key');
  for (let waited = 0; waited < 5000; waited += 50) {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    if (text) return text;
    await page.waitForTimeout(50);
  }
  throw new Error('nothing was copied to the clipboard');
}

// Pastes `text` into the "Try a request" key field through the clipboard, then sends.
async function tryKey(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await fillField(page, '##try-key', '');
  await page.keyboard.press('Control+V');
  await clickItem(page, 'Send##try', { enabled: true });
}

test('M. a sub gets API access, a key is created, copied, rotated; the old key is refused and the new one charged', async () => {
  const app = await launchApp({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { page } = app;
    const sub = subs(await getState(page)).find((w) => !w.api_access && w.balance > 100);
    assert.ok(sub, 'a sub without API access');

    // API access on, in the gear.
    await openGear(page, sub.name);
    await clickItem(page, 'Sub-workspace can view API settings##gear');
    await waitForState(page, (s, id) => s.workspaces.find((w) => w.id === id).api_access, sub.id);
    await clickItem(page, 'Close##gear');
    await waitForItemGone(page, 'Close##gear');

    // Its API view (the sidebar offers it now).
    await openSub(page, sub.name);
    await clickItem(page, 'API##nav');
    await waitForRoute(page, `#/ws/${sub.id}/api`);
    await waitForText(page, 'view:title', `${sub.name} - API`);
    await waitForItem(page, '+ Create key##api', { enabled: false });  // a label first
    await fillField(page, '##key-label', 'CI pipeline');
    await clickItem(page, '+ Create key##api', { enabled: true });
    await waitForItem(page, 'shown-key');
    const oldKey = await copyShownKey(page);
    assert.match(oldKey, KEY);
    await clickItem(page, 'Done##shown-key');
    await waitForItemGone(page, 'shown-key');
    const oldLast4 = oldKey.slice(-4);
    const created = await waitForState(page, (s, id) => s.keys.some((k) => k.workspace === id), sub.id);
    const k1 = created.keys.find((k) => k.workspace === sub.id);
    assert.equal(k1.label, 'CI pipeline');
    assert.equal(k1.last4, oldLast4);
    assert.equal(k1.key_hash, sha256(oldKey), 'only the key\'s SHA-256 is stored');
    assert.ok(!JSON.stringify(created).includes(oldKey), 'the plain key is nowhere in the state');
    assert.equal(await waitForText(page, `key-status:${oldLast4}`, /./), 'active');

    // Rotate: asks first, then shows the new key once.
    await clickItem(page, `rotate:CI pipeline:${oldLast4}`);
    await clickItem(page, 'Rotate##confirm');
    await waitForItem(page, 'shown-key');
    assert.equal(await itemText(page, 'shown-key:label'), "Key 'CI pipeline'", 'the new key is named after the one it replaces');
    const newKey = await copyShownKey(page);
    assert.match(newKey, KEY);
    assert.notEqual(newKey, oldKey);
    await clickItem(page, 'Done##shown-key');
    await waitForItemGone(page, 'shown-key');
    const newLast4 = newKey.slice(-4);
    assert.equal(await waitForText(page, `key-status:${oldLast4}`, /invalid/), 'rotated (invalid)');
    assert.equal(await waitForText(page, `key-status:${newLast4}`, /./), 'active');

    // Try a request with the old key: refused. With the new one: accepted and charged.
    const before = (await getState(page)).workspaces.find((w) => w.id === sub.id).balance;
    await tryKey(page, oldKey);
    const refused = await waitForText(page, 'try:result', /^Refused: /);
    assert.match(refused, /key/i);
    assert.equal((await getState(page)).workspaces.find((w) => w.id === sub.id).balance, before, 'nothing charged');
    await tryKey(page, newKey);
    assert.equal(await waitForText(page, 'try:result', /^200 OK/), '200 OK: the call was recorded and charged.');
    await waitForState(page, (s, [id, b]) => s.workspaces.find((w) => w.id === id).balance === b - 25, [sub.id, before]);

    await checkAcrossReload(app, (s, when) => {
      const keys = s.keys.filter((k) => k.workspace === sub.id);
      assert.equal(keys.length, 2, when);
      const [old, fresh] = [keys.find((k) => k.last4 === oldLast4), keys.find((k) => k.last4 === newLast4)];
      assert.equal(old.status, 'rotated', `the old key is invalid ${when}`);
      assert.equal(old.replaced_by, fresh.id);
      assert.equal(fresh.status, 'active', when);
      assert.equal(fresh.key_hash, sha256(newKey));
      assert.ok(fresh.last_used > 0, `the new key was used ${when}`);
      assert.equal(old.last_used, 0, 'the old key was never accepted');
      const ws = s.workspaces.find((w) => w.id === sub.id);
      assert.equal(ws.api_access, true);
      assert.equal(ws.balance, before - 25, `one call charged to the sub ${when}`);
      const calls = s.usage.events.filter((e) => e[1] === fresh.id);
      assert.equal(calls.length, 1, when);
      assert.equal(calls[0][2], sub.id);
      assert.equal(s.usage.endpoints[calls[0][3]], '/v2/video/generate');
      assert.ok(!JSON.stringify(s).includes(newKey) && !JSON.stringify(s).includes(oldKey), 'no plain key stored');
    });
  } finally {
    await app.close();
  }
});
