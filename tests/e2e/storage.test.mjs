// Saving to IndexedDB: failures come back as readable messages and are retried; hidden or
// closing pages save at once instead of waiting for the debounce; without IndexedDB the app
// still runs and says that nothing is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventMark, launchApp, waitForEvent, waitReady, waitSaved } from './harness.mjs';

async function renameFirstSub(page, name) {
  const state = await page.evaluate(() => window.Subspace.getState());
  const sub = state.workspaces.find((w) => !w.is_parent && w.deleted_at === null);
  const r = await page.evaluate(([id, n]) => window.Subspace.dispatch({ type: 'rename_workspace', workspace: id, name: n }), [sub.id, name]);
  assert.equal(r.ok, true, JSON.stringify(r));
  return sub.id;
}
const nameOf = async (page, id) =>
  (await page.evaluate(() => window.Subspace.getState())).workspaces.find((w) => w.id === id).name;

test('a full storage quota is reported in words, retried, and nothing is lost once there is room', async () => {
  let cdp, origin;
  // Chromium's real quota enforcement, set before the page first opens its database.
  const app = await launchApp({
    beforeGoto: async ({ context, page, origin: o }) => {
      origin = o;
      cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 4096 });
    },
  });
  try {
    const { page } = app;
    // The new demo organisation could not be saved: the status says why.
    await page.waitForFunction(() => window.Subspace.status().saveFailed, null, { timeout: 10000 });
    const status = await page.evaluate(() => window.Subspace.status());
    assert.match(status.saveStatus, /^save failed: .*quota exceeded/);

    const mark = await eventMark(page);
    const id = await renameFirstSub(page, 'Kept after quota');
    const failed = await waitForEvent(page, 'saved', { since: mark, where: (e) => !e.ok, timeout: 20000 });
    assert.match(failed.message, /storage for this site is full \(quota exceeded\)/);
    // A host listening for errors only hears of it too.
    const error = await waitForEvent(page, 'error', { since: mark, timeout: 5000 });
    assert.equal(error.code, 'save_failed');
    assert.equal(error.message, failed.message);
    assert.equal(await page.evaluate(() => window.Subspace.status().savePending), true);

    // Room again: the retry saves everything, and says so.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    const ok = await waitForEvent(page, 'saved', { since: mark, where: (e) => e.ok, timeout: 30000 });
    assert.deepEqual(ok, { ok: true, message: '' });
    await waitSaved(page);

    await app.reload();
    assert.equal(await nameOf(page, id), 'Kept after quota');
    assert.equal(await page.evaluate(() => window.Subspace.status().storageProblem), '');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('saves wait for the debounce, but a hidden page saves at once', async () => {
  const app = await launchApp({ query: { saveDelayMs: '60000' } });
  try {
    const { page } = app;
    const mark = await eventMark(page);
    const id = await renameFirstSub(page, 'Saved when hidden');
    await page.waitForTimeout(800);
    assert.deepEqual(await page.evaluate((m) => window.__subspaceEvents.slice(m).filter((e) => e.event === 'saved'), mark), [],
      'no save before the (one minute) debounce');
    assert.equal(await page.evaluate(() => window.Subspace.status().saveStatus), 'saving');

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    assert.deepEqual(await waitForEvent(page, 'saved', { since: mark, timeout: 5000 }), { ok: true, message: '' });
    await app.reload();
    assert.equal(await nameOf(page, id), 'Saved when hidden');
  } finally {
    await app.close();
  }
});

test('a change made just before the page goes away is saved on pagehide', async () => {
  // A first visit with the usual debounce saves the new demo organisation; the page then
  // opens again with a debounce no test waits for. A whole organisation written at pagehide
  // is not the case under test (a slow machine may not finish it before the unload).
  const app = await launchApp();
  try {
    const { page } = app;
    await waitSaved(page);
    await page.goto(`${app.url}&saveDelayMs=60000`);
    await waitReady(page);
    const id = await renameFirstSub(page, 'Saved on pagehide');
    await app.reload();  // at once: only the pagehide save can have kept it
    assert.equal(await nameOf(page, id), 'Saved on pagehide');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('without IndexedDB the app runs in memory and says changes are not kept', async () => {
  const app = await launchApp({
    beforeGoto: ({ page }) => page.addInitScript(() => {
      IDBFactory.prototype.open = () => { throw new DOMException('IndexedDB is disabled by policy.', 'SecurityError'); };
    }),
  });
  try {
    const { page } = app;
    const status = await page.evaluate(() => window.Subspace.status());
    assert.equal(status.saveFailed, true);
    assert.match(status.saveStatus, /Could not read the stored data from IndexedDB: IndexedDB is disabled by policy\. Changes in this tab will not be kept\./);
    // Still usable: commands work, and each save attempt reports the same truth.
    const mark = await eventMark(page);
    await renameFirstSub(page, 'In memory');
    const saved = await waitForEvent(page, 'saved', { since: mark });
    assert.equal(saved.ok, false);
    assert.match(saved.message, /will not be kept/);
    assert.ok((await page.evaluate(() => window.Subspace.getState())).workspaces.some((w) => w.name === 'In memory'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('when the database is deleted under it (site data cleared), the next save writes everything again', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await waitSaved(page);
    const deleted = await page.evaluate((store) => new Promise((resolve, reject) => {
      const req = indexedDB.deleteDatabase(`/data/${store}`);
      req.onsuccess = () => resolve(true);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked: the app kept its connection open'));
    }), app.store);
    assert.equal(deleted, true);
    const mark = await eventMark(page);
    const id = await renameFirstSub(page, 'After clearing');
    assert.deepEqual(await waitForEvent(page, 'saved', { since: mark }), { ok: true, message: '' });
    await app.reload();
    const state = await page.evaluate(() => window.Subspace.getState());
    assert.equal(state.workspaces.find((w) => w.id === id).name, 'After clearing');
    assert.ok(state.workspaces.length > 2, 'the whole organisation was written again, not only the change');
    assert.equal(await page.evaluate(() => window.Subspace.status().storageProblem), '');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
