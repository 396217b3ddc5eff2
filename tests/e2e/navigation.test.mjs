// (d) A real mouse click on the sidebar changes the view and the URL hash; the browser's back
// button goes back. (e) The same at devicePixelRatio 2: mouse coordinates are CSS pixels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, currentHash, launchApp } from './harness.mjs';

async function clickTrashThenBack(scale) {
  const app = await launchApp({ scale });
  try {
    const { page } = app;
    assert.equal(await page.evaluate(() => devicePixelRatio), scale);
    const canvas = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { bw: c.width, bh: c.height, w: c.clientWidth, h: c.clientHeight };
    });
    assert.deepEqual([canvas.bw, canvas.bh], [canvas.w * scale, canvas.h * scale], 'drawing buffer at device pixels');

    assert.equal(await currentHash(page), '#/subs');
    await clickItem(page, 'Trash##nav');
    await page.waitForFunction(() => location.hash === '#/trash', null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.Subspace.status().route), '#/trash');

    await page.goBack();
    await page.waitForFunction(() => location.hash === '#/subs', null, { timeout: 5000 });
    // The app followed the browser, not only the URL.
    await page.waitForFunction(() => window.Subspace.status().route === '#/subs', null, { timeout: 5000 });
    assert.ok(await page.evaluate(() => window.Subspace.itemRect('+ Create Sub-workspace##open-wizard')), 'the sub-workspaces view is drawn');

    await page.goForward();
    await page.waitForFunction(() => window.Subspace.status().route === '#/trash', null, { timeout: 5000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
}

test('clicking "Trash" goes to #/trash and back returns to #/subs', () => clickTrashThenBack(1));

test('the same click works at devicePixelRatio 2', () => clickTrashThenBack(2));

test('a click just outside a widget does not press it', async () => {
  const app = await launchApp({ scale: 2 });
  try {
    const { page } = app;
    const r = await page.evaluate(() => window.Subspace.itemRect('Trash##nav'));
    const members = await page.evaluate(() => window.Subspace.itemRect('Members##nav'));
    // Below Trash and above the Members item: the sidebar's empty space.
    const y = r.y + r.h + 6;
    assert.ok(y < members.y, 'there is a gap below Trash');
    await page.mouse.click(r.x + r.w / 2, y);
    await page.waitForTimeout(300);
    assert.equal(await currentHash(page), '#/subs');
    // And one just inside its top edge does.
    await page.mouse.click(r.x + r.w / 2, r.y + 2);
    await page.waitForFunction(() => location.hash === '#/trash', null, { timeout: 5000 });
  } finally {
    await app.close();
  }
});

test('a deep link opens its view, and a typed hash navigates', async () => {
  const app = await launchApp({ hash: '#/trash' });
  try {
    const { page } = app;
    assert.equal(await page.evaluate(() => window.Subspace.status().route), '#/trash');
    await page.evaluate(() => { location.hash = '#/subs'; });
    await page.waitForFunction(() => window.Subspace.status().route === '#/subs', null, { timeout: 5000 });
    // A route this person may not see falls back to one they may, replacing the URL.
    await page.evaluate(() => { location.hash = '#/ws/999999/members'; });
    await page.waitForFunction(() => location.hash === '#/subs' && window.Subspace.status().route === '#/subs', null, { timeout: 5000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
