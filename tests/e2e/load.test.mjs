// (a) The page loads, `ready` resolves, the demo organisation is there, nothing is logged as
// an error; the canvas fills the window at the device's pixel ratio.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchApp } from './harness.mjs';

let app;
before(async () => { app = await launchApp(); });
after(async () => { await app?.close(); });

test('ready resolves and getState() returns the demo organisation', async () => {
  const { page } = app;
  const state = await page.evaluate(() => window.Subspace.getState());
  assert.equal(state.format, 'subspace-state');
  assert.ok(state.org, 'an organisation exists');
  assert.equal(typeof state.org.name, 'string');
  assert.ok(state.org.name.length > 0);
  const parent = state.workspaces.filter((w) => w.is_parent);
  assert.equal(parent.length, 1, 'one parent workspace');
  assert.equal(parent[0].id, state.org.parent);
  assert.ok(state.workspaces.some((w) => !w.is_parent), 'the small demo has sub-workspaces');
});

test('persistent storage was asked for once, and the answer is exposed', async () => {
  const { page } = app;
  await page.waitForFunction(() => window.Subspace.persisted !== null, null, { timeout: 5000 });
  const [persisted, inStatus, browser] = await page.evaluate(async () =>
    [window.Subspace.persisted, window.Subspace.status().persisted, await navigator.storage.persisted()]);
  assert.equal(typeof persisted, 'boolean');
  assert.equal(inStatus, persisted);
  assert.equal(persisted, browser);
});

test('the page title, loading text and console are clean', async () => {
  const { page } = app;
  assert.equal(await page.title(), 'Subspace');
  assert.equal(await page.evaluate(() => document.getElementById('status').hidden), true, 'loading text hidden once ready');
  const scroll = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth > innerWidth, y: document.documentElement.scrollHeight > innerHeight,
  }));
  assert.deepEqual(scroll, { x: false, y: false }, 'no scrollbars');
  assert.deepEqual(app.errors, []);
});

test('the canvas fills the window and its buffer is CSS size x devicePixelRatio', async () => {
  const { page } = app;
  const m = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { w: r.width, h: r.height, bw: c.width, bh: c.height, dpr: devicePixelRatio, iw: innerWidth, ih: innerHeight };
  });
  assert.equal(m.dpr, 1);
  assert.deepEqual([m.w, m.h], [m.iw, m.ih]);
  assert.deepEqual([m.bw, m.bh], [m.iw, m.ih]);
  // The app lays out in CSS pixels: the top bar's menu button sits at the right edge.
  const menu = await page.evaluate(() => window.Subspace.itemRect('☰ Menu##app-menu'));
  assert.ok(menu && menu.x > m.iw / 2 && menu.x + menu.w <= m.iw, `menu button inside the window: ${JSON.stringify(menu)}`);
});

test('the canvas follows the window when it is resized', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 1000, height: 640 });
  await page.waitForFunction(() => {
    const c = document.getElementById('canvas');
    return c.width === 1000 && c.height === 640;
  });
  // Laid out again for the new size: the menu button moved left with the right edge.
  await page.waitForFunction(() => {
    const r = window.Subspace.itemRect('☰ Menu##app-menu');
    return r && r.x + r.w <= 1000 && r.x > 500;
  });
  assert.deepEqual(app.errors, []);
});

test('a devicePixelRatio change while running (browser zoom) resizes the buffer and fonts', async () => {
  const { page, context } = app;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 640, deviceScaleFactor: 1.5, mobile: false });
  await page.waitForFunction(() => devicePixelRatio === 1.5);
  await page.waitForFunction(() => {
    const c = document.getElementById('canvas');
    return c.width === 1500 && c.height === 960;
  }, null, { timeout: 5000 });
  await page.waitForFunction(() => window.Subspace.status().display.fontPixelRatio === 1.5, null, { timeout: 5000 });
  assert.deepEqual(await page.evaluate(() => window.Subspace.status().display), { width: 1000, height: 640, pixelRatio: 1.5, fontPixelRatio: 1.5 });
  // Layout stays in CSS pixels, and clicks still land where the widgets are.
  const r = await page.evaluate(() => window.Subspace.itemRect('Trash##nav'));
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await page.waitForFunction(() => location.hash === '#/trash', null, { timeout: 5000 });
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  assert.deepEqual(app.errors, []);
});
