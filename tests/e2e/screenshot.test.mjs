// (f) Screenshots of the console at devicePixelRatio 1 and 2, kept in tests/e2e/artifacts/
// for a person to look at (text must be crisp, in the UI font). The test checks what a
// machine can: the canvas is not blank and the text is drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { launchApp, screenshot, waitForItem } from './harness.mjs';

for (const scale of [1, 2]) {
  test(`screenshot of the console at devicePixelRatio ${scale}`, async () => {
    const app = await launchApp({ scale, query: { demo: 'medium' } });
    try {
      const { page } = app;
      const file = await screenshot(page, `console-dpr${scale}`);
      // A detail at full device resolution, to judge how sharp the text is.
      await screenshot(page, `console-dpr${scale}-detail`, { x: 0, y: 0, width: 640, height: 360 });
      // Enough different colours means text, table lines and badges were drawn (a blank or
      // black WebGL canvas has one or two).
      const png = readFileSync(file).toString('base64');
      const colours = await page.evaluate(async (b64) => {
        // Decode the screenshot in the page (a WebGL canvas cannot be read back after it
        // was presented): count distinct colours.
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const copy = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = copy.getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return seen.size;
      }, png);
      assert.ok(colours > 50, `the canvas shows the console (${colours} colours in ${file})`);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}

// The top bar at the widths a portal column or a small laptop gives it: its controls stay
// inside the window and never overlap (the switcher narrows, the org name and the storage
// caveat go first).
test('the top bar fits narrow windows without overlapping', async () => {
  for (const width of [800, 1024, 1280]) {
    const app = await launchApp({ viewport: { width, height: 600 } });
    try {
      const { page } = app;
      const labels = ['workspace-switcher', 'save-status', 'acting-as', '☰ Menu##app-menu'];
      const rects = [];
      for (const l of labels) rects.push({ l, ...(await waitForItem(page, l)) });
      for (const r of rects) assert.ok(r.x >= 0 && r.x + r.w <= width, `${r.l} inside the ${width} px window: ${JSON.stringify(r)}`);
      for (let i = 1; i < rects.length; ++i) {
        const [a, b] = [rects[i - 1], rects[i]];
        assert.ok(a.x + a.w <= b.x, `${a.l} ends before ${b.l} starts at ${width} px: ${JSON.stringify([a, b])}`);
      }
      await screenshot(page, `top-bar-${width}`, { x: 0, y: 0, width, height: 60 });
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  }
});
