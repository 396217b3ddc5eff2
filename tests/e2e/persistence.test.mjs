// Persistence that never loses data: two tabs on one store, a damaged journal in IndexedDB,
// an import of a bad file, and a member list imported through the UI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitSaved } from './harness.mjs';

const dispatch = (page, cmd) => page.evaluate((c) => window.Subspace.dispatch(c), cmd);
const names = (page) => page.evaluate(() => window.Subspace.getState().workspaces.map((w) => w.name));

test('two tabs on one store: one writes, the other follows read-only and takes over when the first closes', async () => {
  const app = await launchApp();
  try {
    const first = app.page;
    const second = await app.context.newPage();
    const errors = [];
    second.on('pageerror', (e) => errors.push(e.message));
    await second.goto(app.url);
    await second.waitForFunction(() => window.Subspace && window.Subspace.status && window.Subspace.status()?.readOnly === true, null, { timeout: 15000 });
    assert.match(await second.evaluate(() => window.Subspace.status().readOnlyReason), /Another tab or console on this store is editing/);
    assert.equal((await first.evaluate(() => window.Subspace.status())).readOnly, false);

    // The writer's change reaches the follower.
    assert.equal((await dispatch(first, { type: 'create_workspace', name: 'From tab one' })).ok, true);
    await waitSaved(first);
    await second.waitForFunction(() => window.Subspace.getState().workspaces.some((w) => w.name === 'From tab one'), null, { timeout: 10000 });
    // The follower cannot write.
    const refused = await dispatch(second, { type: 'create_workspace', name: 'From tab two' });
    assert.equal(refused.ok, false);
    assert.match(refused.error.message, /read-only/);
    // Nor does its UI offer to: the controls that change something are off, with the reason.
    const create = await second.waitForFunction(() => window.Subspace.itemRect('+ Create Sub-workspace##open-wizard'), null, { timeout: 10000 });
    assert.equal((await create.jsonValue()).enabled, false);

    // The writer goes away: the follower takes over, with the latest data, and writes.
    await first.close();
    await second.waitForFunction(() => window.Subspace.status().readOnly === false, null, { timeout: 15000 });
    assert.ok((await names(second)).includes('From tab one'));
    await second.waitForFunction(() => window.Subspace.itemRect('+ Create Sub-workspace##open-wizard')?.enabled, null, { timeout: 10000 });
    assert.equal((await dispatch(second, { type: 'create_workspace', name: 'From tab two' })).ok, true);
    await waitSaved(second);
    await second.reload();
    await second.waitForFunction(() => window.Subspace && window.Subspace.getState && window.Subspace.getState()?.workspaces, null, { timeout: 15000 });
    const after = await names(second);
    assert.ok(after.includes('From tab one') && after.includes('From tab two'));
    assert.deepEqual(errors, []);
  } finally {
    await app.close();
  }
});

test('a damaged journal in IndexedDB: the good part loads, the damage is quarantined and reported', async () => {
  const app = await launchApp();
  try {
    const { page, store } = app;
    for (const name of ['Kept one', 'Kept two', 'Kept three']) assert.equal((await dispatch(page, { type: 'create_workspace', name })).ok, true);
    await waitSaved(page);
    // Flip a byte in the middle of the last journal record, straight in IndexedDB.
    const damaged = await page.evaluate(async (dir) => {
      const db = await new Promise((res, rej) => {
        const r = indexedDB.open(dir);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const tx = db.transaction('FILE_DATA', 'readwrite');
      const os = tx.objectStore('FILE_DATA');
      const keys = await new Promise((res) => { const r = os.getAllKeys(); r.onsuccess = () => res(r.result); });
      const journal = keys.filter((k) => /\/jrnl-\d+\.log$/.test(k)).sort().pop();
      const entry = await new Promise((res) => { const r = os.get(journal); r.onsuccess = () => res(r.result); });
      const bytes = new Uint8Array(entry.contents);
      const lastLine = bytes.lastIndexOf(10, bytes.length - 2) + 1;
      bytes[lastLine + 20] ^= 0x01;
      entry.contents = bytes;
      os.put(entry, journal);
      await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
      db.close();
      return journal;
    }, `/data/${store}`);
    assert.ok(damaged);
    await app.reload();
    const status = await page.evaluate(() => window.Subspace.status());
    assert.match(status.storageProblem, /checksum/);
    await waitForItem(page, 'Dismiss##storage-problem');
    const now = await names(page);
    assert.ok(now.includes('Kept one') && now.includes('Kept two'), 'records before the damage are kept');
    assert.ok(!now.includes('Kept three'), 'the damaged record is not applied');
    // The damage was moved aside, not deleted (the quarantine file is saved like any change).
    await waitSaved(page);
    const quarantined = await page.evaluate(async (dir) => {
      const db = await new Promise((res) => { const r = indexedDB.open(dir); r.onsuccess = () => res(r.result); });
      const keys = await new Promise((res) => {
        const r = db.transaction('FILE_DATA').objectStore('FILE_DATA').getAllKeys();
        r.onsuccess = () => res(r.result);
      });
      db.close();
      return keys.filter((k) => k.includes('quarantine-'));
    }, `/data/${store}`);
    assert.equal(quarantined.length, 1);
    // Work goes on, and the next load is clean.
    assert.equal((await dispatch(page, { type: 'create_workspace', name: 'After recovery' })).ok, true);
    await waitSaved(page);
    await app.reload();
    assert.equal(await page.evaluate(() => window.Subspace.status().storageProblem), '');
    assert.ok((await names(page)).includes('After recovery'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('importing a bad file through the menu changes nothing', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const before = await page.evaluate(() => JSON.stringify(window.Subspace.getState()));
    await clickItem(page, '☰ Menu##app-menu');
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'menu:import');
    await (await chooser).setFiles({ name: 'org.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"subspace-state","version":1,"org":{') });
    await page.waitForFunction(() => window.Subspace.status && window.Subspace.itemRect('toasts'), null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => JSON.stringify(window.Subspace.getState())), before);
    await app.reload();
    assert.equal(await page.evaluate(() => JSON.stringify(window.Subspace.getState())), before);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('inviting from a CSV file through the UI: preview, then one batch', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const sub = await page.evaluate(() => window.Subspace.getState().workspaces[1]);
    await page.evaluate((h) => { location.hash = h; }, `#/ws/${sub.id}/members`);
    await clickItem(page, 'Import CSV...##members');
    const csv = 'First Name;Last Name;Primary Email;Role\r\nAnn;Example;ann@example.com;Developer\r\nBad;Row;nope;viewer\r\n"Quill, Jr";Ada;ada.jr@example.com;\r\n';
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'Choose a CSV file...##csv');
    await (await chooser).setFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv) });
    await waitForItem(page, 'csv:summary');
    await clickItem(page, 'Invite 2 people##csv-send');
    const check = async () => {
      const ws = await page.evaluate((id) => window.Subspace.getState().workspaces.find((w) => w.id === id), sub.id);
      const ann = ws.members.find((m) => m.email === 'ann@example.com');
      assert.ok(ann && ann.role === 'developer' && ann.status === 'invited');
      assert.ok(ws.members.some((m) => m.email === 'ada.jr@example.com'));
      assert.ok(!ws.members.some((m) => m.email === 'nope'));
    };
    await page.waitForFunction((id) => window.Subspace.getState().workspaces.find((w) => w.id === id).members.some((m) => m.email === 'ann@example.com'), sub.id, { timeout: 10000 });
    await check();
    await waitSaved(page);
    await app.reload();
    await check();
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

// The large demo's store is 141 MB in 1 MB parts: big enough that Chromium keeps the values
// outside its database, which once made a reload read nothing back.
test('a store of many megabytes reads back whole after a reload (large IndexedDB values)', { timeout: 240000 }, async () => {
  const app = await launchApp({ query: { demo: 'large' } });
  try {
    const { page } = app;
    const before = await page.evaluate(() => [window.Subspace.getState().people.length, window.Subspace.getState().last_seq]);
    assert.equal(before[0], 100002);
    await waitSaved(page, { timeout: 120000 });
    // Navigate (as a user coming back would) rather than reload.
    await page.goto(app.url.replace('demo=large', 'again=1'));
    await page.waitForFunction(() => window.Subspace && window.Subspace.ready, null, { timeout: 120000 });
    await page.evaluate(() => window.Subspace.ready);
    const after = await page.evaluate(() => [window.Subspace.getState().people.length, window.Subspace.getState().last_seq]);
    assert.deepEqual(after, before);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
