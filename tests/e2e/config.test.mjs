// Configuration from the page URL: ?store=, ?demo=, ?as=, ?dark=1 and the hash; bad values
// stop the start with a message on the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, launchApp, uniqueStore, waitReady } from './harness.mjs';
import { itemText } from './flows-helpers.mjs';

test('?demo=, ?as= and ?dark=1 configure the app', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const state = await page.evaluate(() => window.Subspace.getState());
    const parent = state.workspaces.find((w) => w.is_parent);
    const admins = new Set(parent.members.filter((m) => m.role === 'super_admin').map((m) => m.email));
    // Someone active in a sub-workspace who is not an org admin.
    let person = null;
    for (const ws of state.workspaces.filter((w) => !w.is_parent && w.deleted_at === null)) {
      const m = ws.members.find((x) => x.status === 'active' && !admins.has(x.email));
      if (m) { person = m.email; break; }
    }
    assert.ok(person, 'the demo has a member who is not an org admin');

    await page.goto(`${await baseUrl()}?store=${app.store}&as=${encodeURIComponent(person)}&dark=1`);
    await waitReady(page);
    const status = await page.evaluate(() => window.Subspace.status());
    assert.equal(status.actingAs, person);
    // Not an org admin: the sub-workspaces list is not theirs, their workspace's members are.
    assert.match(status.route, /^#\/ws\/\d+\/members$/);
    assert.equal(await page.evaluate(() => location.hash), status.route);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    const corner = await page.screenshot({ clip: { x: 2, y: 2, width: 1, height: 1 } });
    const rgb = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(1, 1).getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    }, corner.toString('base64'));
    assert.ok(rgb.every((c) => c < 70), `the dark theme is drawn: ${rgb}`);

    // ?demo=empty in a new store: an organisation with only its parent workspace.
    await page.goto(`${await baseUrl()}?store=${uniqueStore('empty')}&demo=empty`);
    await waitReady(page);
    const empty = await page.evaluate(() => window.Subspace.getState());
    assert.equal(empty.workspaces.filter((w) => !w.is_parent).length, 0);
    // ?demo= on a store that already holds an organisation changes nothing, and says why.
    await page.goto(`${await baseUrl()}?store=${app.store}&demo=medium`);
    await waitReady(page);
    assert.deepEqual((await page.evaluate(() => window.Subspace.getState())).workspaces.length, state.workspaces.length);
    assert.match(await itemText(page, 'toast:0'), /\?demo= makes a demo in an empty store only/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

for (const [query, message] of [
  ['store=no/slashes', /Invalid store name "no\/slashes"/],
  ['demo=huge', /Unknown demo "huge": use small, medium, large, empty\./],
]) {
  test(`a bad URL parameter (${query}) stops the start with a message`, async () => {
    const app = await launchApp({ waitReady: false });
    try {
      const { page } = app;
      await page.goto(`${await baseUrl()}?${query}`);
      const error = await page.evaluate(() => window.Subspace.ready.then(() => null, (e) => e.message));
      assert.match(error, message);
      await page.waitForFunction(() => document.getElementById('status').classList.contains('error'));
      assert.match(await page.textContent('#status'), message);
      assert.equal(await page.evaluate(() => window.Subspace.getState()), null);
      assert.equal((await page.evaluate(() => window.Subspace.dispatch({ type: 'x' }))).error.code, 'unavailable');
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}

test('without WebGL2 the page says so instead of failing silently', async () => {
  const app = await launchApp({
    waitReady: false,
    beforeGoto: ({ page }) => page.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
      };
    }),
  });
  try {
    const { page } = app;
    const error = await page.evaluate(() => window.Subspace.ready.then(() => null, (e) => e.message));
    assert.match(error, /^This browser could not start WebGL2, which Subspace needs to draw/);
    await page.waitForFunction(() => document.getElementById('status').classList.contains('error'));
    assert.match(await page.textContent('#status'), /could not start WebGL2/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
