// The mouse wheel scrolls ImGui's lists by the browser's wheel distance (fine-grained
// trackpad deltas add up; they are not each rounded to a whole step).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchApp } from './harness.mjs';

test('the wheel scrolls the sub-workspaces table and back', async () => {
  const app = await launchApp({ query: { demo: 'medium' } });
  try {
    const { page } = app;
    const rows = await page.evaluate(() => window.Subspace.items().filter((l) => l.startsWith('open:')));
    assert.ok(rows.length > 8, 'a long list');
    const label = rows[rows.length - 2];  // low on the screen: it stays in view when scrolled
    const before = await page.evaluate((l) => window.Subspace.itemRect(l), label);
    await page.mouse.move(before.x + before.w / 2, before.y + before.h / 2);

    // 300 px down as 30 small trackpad-like events of 10 px.
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 10);
    await page.waitForFunction(([l, y]) => { const r = window.Subspace.itemRect(l); return r && r.y < y - 100; }, [label, before.y], { timeout: 5000 });
    const down = await page.evaluate((l) => window.Subspace.itemRect(l), label);
    const moved = before.y - down.y;
    // ImGui scrolls 5 lines of text per 100 px step: about 225 px for 300 px of wheel.
    assert.ok(moved > 150 && moved < 300, `scrolled by ${moved} px`);

    await page.mouse.wheel(0, -300);
    await page.waitForFunction(([l, y]) => { const r = window.Subspace.itemRect(l); return r && Math.abs(r.y - y) < 1; }, [label, before.y], { timeout: 5000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
