// Two app instances on one page, each with its own canvas, store and wasm module: the
// groundwork for embedding (SubspaceWeb.start(canvas, config)).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchApp } from './harness.mjs';

test('a second instance on the same page has its own canvas, store, input and route', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const second = `${app.store}-second`;
    await page.evaluate(async (store) => {
      const box = document.createElement('div');
      box.style.cssText = 'position:fixed;right:20px;bottom:20px;width:720px;height:420px;z-index:5;border:1px solid #888';
      const canvas = document.createElement('canvas');
      canvas.id = 'second-canvas';
      canvas.style.cssText = 'display:block;width:100%;height:100%';
      box.appendChild(canvas);
      document.body.appendChild(box);
      window.Second = window.SubspaceWeb.start(canvas, { store, demo: 'empty', routing: false });
      await window.Second.ready;
    }, second);

    // Separate stores: the second one was created empty.
    const [one, two] = await page.evaluate(() => [window.Subspace.getState(), window.Second.getState()]);
    assert.ok(one.workspaces.length > 1);
    assert.notDeepEqual(two.workspaces.map((w) => w.name), one.workspaces.map((w) => w.name));
    assert.equal(await page.evaluate(() => window.Second.store), second);

    // The second canvas is sized from its own box, at the page's pixel ratio.
    const size = await page.evaluate(() => {
      const c = document.getElementById('second-canvas');
      return [c.width, c.height, c.clientWidth, c.clientHeight];
    });
    assert.deepEqual(size, [720, 420, 720, 420]);

    // A click on the second instance's sidebar reaches that instance only; it does not
    // touch the page's URL, which belongs to the first.
    const r = await page.evaluate(() => window.Second.itemRect('Trash##nav'));
    assert.ok(r && r.x > 1280 - 20 - 720, `the rectangle is in page coordinates: ${JSON.stringify(r)}`);
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    await page.waitForFunction(() => window.Second.status().route === '#/trash', null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.Subspace.status().route), '#/subs');
    assert.equal(await page.evaluate(() => location.hash), '#/subs');

    // Typing goes to the canvas that was clicked.
    const search = await page.evaluate(() => window.Subspace.itemRect('##subs-search'));
    await page.mouse.click(search.x + search.w / 2, search.y + search.h / 2);
    await page.keyboard.type('zzzz-nothing');
    await page.waitForFunction(() => !window.Subspace.items().some((l) => l.startsWith('open:')), null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.Second.status().route), '#/trash');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
