// (b) The dispatch API refuses bad input with stable codes and changes nothing;
// (c) an accepted change is saved to IndexedDB and survives a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventMark, launchApp, waitForEvent, waitSaved } from './harness.mjs';

let app;
before(async () => { app = await launchApp(); });
after(async () => { await app?.close(); });

test('bad commands come back ok:false with a code, and the state is unchanged', async () => {
  const { page } = app;
  const before = await page.evaluate(() => JSON.stringify(window.Subspace.getState()));
  const results = await page.evaluate(() => [
    window.Subspace.dispatch('this is {not json'),
    window.Subspace.dispatch({ type: 'no_such_command' }),
    window.Subspace.dispatch({ type: 'rename_workspace', workspace: 'abc', name: 'x' }),
    window.Subspace.dispatch('{"type":"rename_workspace","workspace":"abc","name":"x"}'),
    window.Subspace.dispatch(42),
  ]);
  const [notJson, unknown, wrongType, wrongTypeText, notObject] = results;
  for (const r of results) {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(typeof r.error.message, 'string');
    assert.ok(r.error.message.length > 0);
  }
  assert.equal(notJson.error.code, 'invalid_json');
  assert.equal(unknown.error.code, 'unknown_command');
  assert.equal(wrongType.error.code, 'invalid_field');
  assert.match(wrongType.error.message, /workspace/);
  assert.equal(wrongTypeText.error.code, 'invalid_field');
  assert.notEqual(notObject.error.code, undefined);
  const after = await page.evaluate(() => JSON.stringify(window.Subspace.getState()));
  assert.equal(after, before);
  assert.deepEqual(app.errors, []);
});

test('a rename is saved and is still there after a reload', async () => {
  const { page } = app;
  const state = await page.evaluate(() => window.Subspace.getState());
  const sub = state.workspaces.find((w) => !w.is_parent && w.deleted_at === null);
  assert.ok(sub, 'a live sub-workspace to rename');
  const name = `Renamed ${Date.now().toString(36)}`;

  // The start-up save must be over first: its 'saved' event, arriving after the mark, would
  // otherwise be taken for the rename's.
  await waitSaved(page);
  const mark = await eventMark(page);
  const result = await page.evaluate(([id, n]) => window.Subspace.dispatch({ type: 'rename_workspace', workspace: id, name: n }), [sub.id, name]);
  assert.equal(result.ok, true, JSON.stringify(result));
  await waitForEvent(page, 'state', { since: mark, where: (e) => e.type === 'rename_workspace' && e.accepted });
  const saved = await waitForEvent(page, 'saved', { since: mark });
  assert.deepEqual(saved, { ok: true, message: '' });
  assert.equal(await page.evaluate(() => window.Subspace.status().saveStatus), 'saved');

  await app.reload();
  const reloaded = await page.evaluate(() => window.Subspace.getState());
  assert.equal(reloaded.workspaces.find((w) => w.id === sub.id).name, name);
  // The same store, not a new demo: every other workspace is as it was.
  assert.deepEqual(reloaded.workspaces.map((w) => w.id), state.workspaces.map((w) => w.id));
  assert.deepEqual(app.errors, []);
});

test('a different store name is a different, independent store', async () => {
  const { page } = app;
  const mine = await page.evaluate(() => window.Subspace.getState());
  await page.goto(app.url.replace(`store=${app.store}`, `store=${app.store}-other`).replace(/#.*$/, ''));
  await page.evaluate(() => window.Subspace.ready);
  const other = await page.evaluate(() => window.Subspace.getState());
  assert.equal(await page.evaluate(() => window.Subspace.store), `${app.store}-other`);
  const renamed = mine.workspaces.filter((w) => w.name.startsWith('Renamed '));
  assert.equal(renamed.length, 1);
  assert.ok(!other.workspaces.some((w) => w.name === renamed[0].name), 'the rename stays in its own store');
});
