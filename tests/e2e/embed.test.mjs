// Embedding in a web portal (web/embed-example.html), offline after a first visit, and every
// demo size loading with a members table that scrolls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, launchApp, waitForItem } from './harness.mjs';

async function openEmbedPage(options = {}) {
  const app = await launchApp({ ...options, waitReady: false, href: `${await baseUrl()}embed-example.html` });
  await app.page.waitForFunction(() => window.consoles && window.consoles.a && window.consoles.b, null, { timeout: 15000 });
  await app.page.evaluate(() => Promise.all([window.consoles.a.ready, window.consoles.b.ready]));
  return app;
}

// Center of a labelled widget of one console, in page coordinates.
async function centre(page, key, label) {
  const r = await page.waitForFunction(([k, l]) => window.consoles[k] && window.consoles[k].itemRect(l), [key, label], { timeout: 10000 });
  const rect = await r.jsonValue();
  return [rect.x + rect.w / 2, rect.y + rect.h / 2];
}

test('two consoles in a host portal: own text, own stores, host inputs untouched, unmount one', async () => {
  const app = await openEmbedPage({ viewport: { width: 1280, height: 1200 } });  // both consoles in view
  try {
    const { page } = app;
    // The host's input keeps what is typed into it; neither console sees those keys.
    await page.click('#portal-search');
    await page.keyboard.type('quarterly report');
    assert.equal(await page.inputValue('#portal-search'), 'quarterly report');

    // Type into console A's search field: only A's list is filtered.
    const a = await page.evaluate(() => window.consoles.a.getState().workspaces.filter((w) => !w.is_parent).map((w) => w.name));
    const keep = a[0], hide = a[a.length - 1];
    let [x, y] = await centre(page, 'a', '##subs-search');
    await page.mouse.click(x, y);
    await page.keyboard.type(keep);
    await page.waitForFunction(([k, h]) => window.consoles.a.itemRect(`open:${h}`) === null && window.consoles.a.itemRect(`open:${k}`), [keep, hide], { timeout: 5000 });
    assert.equal(await page.inputValue('#portal-search'), 'quarterly report', 'the host input did not get the keys');

    // Console B (empty demo) gets its own sub-workspace through its own wizard and typing.
    [x, y] = await centre(page, 'b', '+ Create Sub-workspace##open-wizard');
    await page.mouse.click(x, y);
    [x, y] = await centre(page, 'b', '##wizard-name');
    await page.mouse.click(x, y);
    await page.keyboard.type('Only in B');
    [x, y] = await centre(page, 'b', 'Create Sub-workspace##wizard');
    await page.mouse.click(x, y);
    await page.waitForFunction(() => window.consoles.b.getState().workspaces.some((w) => w.name === 'Only in B'), null, { timeout: 5000 });
    // A's search field still holds A's text (B's typing went to B): A's list is still filtered.
    assert.equal(await page.evaluate((h) => window.consoles.a.itemRect(`open:${h}`), hide), null);
    // Two stores: B's change is not in A, and the host's other field still works.
    assert.ok(!(await page.evaluate(() => window.consoles.a.getState().workspaces.some((w) => w.name === 'Only in B'))));
    await page.fill('#request-name', 'Portal User');
    assert.equal(await page.inputValue('#request-name'), 'Portal User');

    // Unmount A: its canvas goes, its GL context is released at once, its API stops
    // answering; B goes on working.
    await page.evaluate(() => { window.__glA = document.querySelector('#console-a canvas').getContext('webgl2'); });
    assert.equal(await page.evaluate(() => window.__glA.isContextLost()), false);
    await page.click('#toggle-a');
    await page.waitForFunction(() => window.consoles.a === null && document.querySelectorAll('#console-a canvas').length === 0, null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__glA.isContextLost()), true, "A's GL context is released");
    assert.equal(await page.evaluate(() => document.querySelector('#console-b canvas').getContext('webgl2').isContextLost()), false);
    const b = await page.evaluate(() => window.consoles.b.dispatch({ type: 'create_workspace', name: 'After unmount' }));
    assert.equal(b.ok, true);
    [x, y] = await centre(page, 'b', 'Trash##nav');
    await page.mouse.click(x, y);
    await page.waitForFunction(() => window.consoles.b.status().route === '#/trash', null, { timeout: 5000 });
    // The URL hash belongs to the portal: the embedded console did not change it.
    assert.equal(await page.evaluate(() => location.hash), '');

    // Mount A again: same store, its data is back.
    await page.click('#toggle-a');
    await page.waitForFunction(() => window.consoles.a && window.consoles.a.mounted, null, { timeout: 15000 });
    await page.evaluate(() => window.consoles.a.ready);
    assert.deepEqual(await page.evaluate(() => window.consoles.a.getState().workspaces.filter((w) => !w.is_parent).map((w) => w.name)), a);

    // Reload: the two stores are still separate.
    await page.reload();
    await page.waitForFunction(() => window.consoles && window.consoles.b, null, { timeout: 15000 });
    await page.evaluate(() => Promise.all([window.consoles.a.ready, window.consoles.b.ready]));
    const names = await page.evaluate(() => [window.consoles.a, window.consoles.b].map((c) => c.getState().workspaces.map((w) => w.name)));
    assert.ok(names[1].includes('Only in B') && names[1].includes('After unmount'));
    assert.ok(!names[0].includes('Only in B'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('after a first visit the app loads offline', async () => {
  const app = await launchApp();
  try {
    const { page, context } = app;
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg && reg.active && navigator.serviceWorker.controller;
    }, null, { timeout: 20000, polling: 200 }).catch(async () => {
      // The first load may finish before the worker claims the page: one reload settles it.
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 20000 });
    });
    const before = await page.evaluate(() => window.Subspace.getState().workspaces.length);
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.Subspace && window.Subspace.ready, null, { timeout: 20000 });
    await page.evaluate(() => window.Subspace.ready);
    assert.equal(await page.evaluate(() => window.Subspace.getState().workspaces.length), before);
    assert.equal((await page.evaluate(() => window.Subspace.dispatch({ type: 'create_workspace', name: 'Made offline' }))).ok, true);
    await context.setOffline(false);
  } finally {
    await app.close();
  }
});

for (const demo of ['empty', 'small', 'medium', 'large']) {
  test(`the ${demo} demo loads and its members table scrolls`, { timeout: 180000 }, async () => {
    // A short window, so that even the small demo's table has more rows than fit.
    const app = await launchApp({ query: { demo }, hash: '#/subs', viewport: { width: 1280, height: 360 } });
    try {
      const { page } = app;
      const state = await page.evaluate(() => {
        const s = window.Subspace.getState();
        return { workspaces: s.workspaces.length, people: s.people.length, parent: s.org.parent };
      });
      const expected = { empty: [1, 1], small: [5, 26], medium: [51, 5002], large: [1001, 100002] }[demo];
      assert.deepEqual([state.workspaces, state.people], expected);
      await page.evaluate((id) => { location.hash = `#/ws/${id}/members`; }, state.parent);
      await waitForItem(page, '+ Invite members##members');
      if (demo === 'empty') return;  // one member: nothing to scroll
      const firstRow = () => page.evaluate(() => {
        const rows = window.Subspace.items().filter((l) => l.startsWith('role:'));
        return rows.map((l) => [l, window.Subspace.itemRect(l).y]).sort((p, q) => p[1] - q[1])[0];
      });
      const top = await firstRow();
      const seat = await page.evaluate(() => window.Subspace.itemRect('members:seats'));
      await page.mouse.move(640, seat.y + 200);
      for (let i = 0; i < 5; ++i) await page.mouse.wheel(0, 400);
      await page.waitForFunction((l) => {
        const rows = window.Subspace.items().filter((x) => x.startsWith('role:'));
        return rows.length && !rows.includes(l);
      }, top[0], { timeout: 5000 }).catch(() => {});
      const after = await firstRow();
      if (demo === 'small') assert.ok(after[0] !== top[0] || after[1] < top[1], 'the table moved');
      else assert.notEqual(after[0], top[0], 'other rows are shown after scrolling');
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}
