// Names in any script are drawn: characters the UI font lacks (here CJK) come from a fallback
// font that is not in the first download; the page fetches it when such a name appears and
// the atlas grows by those characters. Checked in pixels: "東京 Office" and "京東 Office"
// must start with different ink. Drawn as boxes (the fallback font withheld, first test),
// their first two characters are the same two boxes: the check can tell the difference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchApp, nextFrames, screenshot, waitForItem } from './harness.mjs';

const NAMES = ['東京 Office', '京東 Office'];

// The first two characters of a sub-workspace's name in the list, as a mask of ink: which
// pixels differ clearly from the row's background (its most common colour).
async function inkOfFirstCharacters(page, name) {
  const r = await waitForItem(page, `open:${name}`);
  const png = await page.screenshot({ clip: { x: r.x, y: r.y, width: 36, height: r.h } });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    let mask = '';
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i] - ((bg >> 16) & 255)) + Math.abs(data[i + 1] - ((bg >> 8) & 255)) + Math.abs(data[i + 2] - (bg & 255));
      mask += d > 120 ? '1' : '0';
    }
    return mask;
  }, png.toString('base64'));
}

const inkCount = (mask) => [...mask].filter((c) => c === '1').length;

async function createNames(page) {
  for (const name of NAMES) {
    const r = await page.evaluate((n) => window.Subspace.dispatch({ type: 'create_workspace', name: n }), name);
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  await page.mouse.move(5, 795);  // no row hovered
}

test('without the fallback font, CJK characters are boxes (and the pixel check sees it)', async () => {
  const app = await launchApp({
    // Not page.route: the service worker's fetches would pass it by.
    beforeGoto: ({ page }) => page.addInitScript(() => {
      const fetch = window.fetch;
      window.fetch = (url, options) => (String(url).includes('/fonts/') ? Promise.resolve(new Response('', { status: 404 })) : fetch(url, options));
    }),
  });
  try {
    const { page } = app;
    await createNames(page);
    await page.waitForFunction(() => window.Subspace.status().fonts.fallbackGlyphs >= 2, null, { timeout: 5000 });
    await nextFrames(page, 10);
    const [a, b] = [await inkOfFirstCharacters(page, NAMES[0]), await inkOfFirstCharacters(page, NAMES[1])];
    assert.ok(inkCount(a) > 20, 'something is drawn (boxes)');
    assert.equal(a, b, 'two boxes look alike, whatever the characters');
  } finally {
    await app.close();
  }
});

test('a CJK name is drawn from the fallback font, fetched only once such a name appears', async () => {
  const app = await launchApp({});
  try {
    const { page } = app;
    const fetched = [];
    page.on('request', (req) => { if (req.url().includes('/fonts/')) fetched.push(new URL(req.url()).pathname); });
    const before = await page.evaluate(() => window.Subspace.status().fonts);
    assert.equal(before.fallbackGlyphs, 0, 'the demo organisation needs no fallback glyph');
    await nextFrames(page, 5);
    assert.deepEqual(fetched, [], 'no fallback font in the first download');

    await createNames(page);
    await page.waitForFunction((n) => window.Subspace.status().fonts.builds > n, before.builds, { timeout: 10000 });
    await nextFrames(page, 5);
    assert.deepEqual(fetched.map((p) => p.split('/').pop()), ['ui-fallback-cjk.ttf'], 'only the CJK font is fetched');
    const after = await page.evaluate(() => window.Subspace.status().fonts);
    assert.equal(after.fallbackGlyphs, 2);

    const [a, b] = [await inkOfFirstCharacters(page, NAMES[0]), await inkOfFirstCharacters(page, NAMES[1])];
    assert.ok(inkCount(a) > 20 && inkCount(b) > 20, 'the characters are drawn');
    assert.notEqual(a, b, '東京 and 京東 are drawn differently: real glyphs, not boxes');
    const r = await waitForItem(page, `open:${NAMES[0]}`);
    await screenshot(page, 'fonts-cjk-names', { x: 0, y: Math.max(0, r.y - 120), width: 1280, height: 260 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
