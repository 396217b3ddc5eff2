// Files in and out: the organisation export downloads through the browser; a workspace image
// is decoded by the browser, refused when too large, centre-cropped to a 48x48 thumbnail and
// handed to the app.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';

let app;
before(async () => { app = await launchApp(); });
after(async () => { await app?.close(); });

// A PNG made by the browser: `bands` are [colour, share] stripes across the longer side.
async function makePng(page, width, height, bands, extraBytes = 0) {
  const b64 = await page.evaluate(async ([w, h, stripes, extra]) => {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    let at = 0;
    const horizontal = w >= h;
    for (const [colour, share] of stripes) {
      const size = Math.round((horizontal ? w : h) * share);
      ctx.fillStyle = colour;
      if (horizontal) ctx.fillRect(at, 0, size, h);
      else ctx.fillRect(0, at, w, size);
      at += size;
    }
    const png = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    // Padding after the PNG's end (decoders ignore it) makes a file as large as wanted.
    const bytes = new Uint8Array(png.length + extra);
    bytes.set(png);
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return btoa(s);
  }, [width, height, bands, extraBytes]);
  return Buffer.from(b64, 'base64');
}

test('"Export organisation" downloads the organisation as JSON', async () => {
  const { page } = app;
  await clickItem(page, '☰ Menu##app-menu');
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'menu:export')]);
  // Named after the organisation and the day, so exports do not overwrite each other.
  assert.match(download.suggestedFilename(), /^subspace-lumen-studios-\d{4}-\d{2}-\d{2}\.json$/);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  assert.equal(exported.format, 'subspace-state');
  assert.deepEqual(exported.workspaces.map((w) => w.id), (await page.evaluate(() => window.Subspace.getState())).workspaces.map((w) => w.id));
});

test('thumbnails are centre-cropped to a square, then scaled to 48x48', async () => {
  const { page } = app;
  // Wide: red | green (the middle square) | blue. Tall: the same, top to bottom.
  for (const [w, h] of [[200, 100], [90, 180]]) {
    const png = await makePng(page, w, h, [['#ff0000', 0.25], ['#00ff00', 0.5], ['#0000ff', 0.25]]);
    const result = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const rgba = await window.SubspaceWeb.makeThumbnail(new File([bytes], 'bands.png', { type: 'image/png' }), 48);
      let notGreen = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        if (!(rgba[i] < 40 && rgba[i + 1] > 215 && rgba[i + 2] < 40 && rgba[i + 3] === 255)) notGreen++;
      }
      return { length: rgba.length, notGreen };
    }, png.toString('base64'));
    assert.equal(result.length, 48 * 48 * 4, `${w}x${h}: 48x48 RGBA`);
    // Only the middle square is kept: (almost) every pixel is green, at most the one-pixel
    // edge columns/rows blend with the neighbouring band.
    assert.ok(result.notGreen <= 2 * 48, `${w}x${h}: ${result.notGreen} pixels outside the centre square's colour`);
  }
});

test('files that are not images, or too large, are refused with a clear message', async () => {
  const { page } = app;
  const big = await makePng(page, 64, 64, [['#123456', 1]], 600 * 1024);
  const messages = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const attempt = (file) => window.SubspaceWeb.makeThumbnail(file, 48).then(() => 'accepted', (e) => e.message);
    return [
      await attempt(new File([bytes], 'huge.png', { type: 'image/png' })),
      await attempt(new File(['just text'], 'notes.png', { type: 'image/png' })),
      await attempt(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])], 'broken.png', { type: 'image/png' })),
    ];
  }, big.toString('base64'));
  assert.equal(messages[0], `"huge.png" is ${Math.ceil(big.length / 1024)} KB; a workspace image can be at most 512 KB.`);
  assert.equal(messages[1], '"notes.png" is not a PNG or JPEG image.');
  assert.equal(messages[2], '"broken.png" could not be decoded as an image (the file may be damaged).');
});

test('choosing a workspace image in the wizard uses the browser file picker', async () => {
  const { page } = app;
  await clickItem(page, '+ Create Sub-workspace##open-wizard');
  await waitForItem(page, 'Choose image...##wizard');

  // Too large: refused before decoding, the app shows why and keeps no image.
  const big = await makePng(page, 64, 64, [['#884422', 1]], 600 * 1024);
  let [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'Choose image...##wizard')]);
  assert.equal(chooser.isMultiple(), false);
  await chooser.setFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
  await waitForItem(page, 'toasts');
  assert.equal(await page.evaluate(() => window.Subspace.itemRect('Remove image##wizard')), null);

  // A good one: the wizard now holds an image (and offers to remove it).
  const png = await makePng(page, 300, 200, [['#2060c0', 1]]);
  [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'Choose image...##wizard')]);
  await chooser.setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await waitForItem(page, 'Remove image##wizard');
  await clickItem(page, 'Remove image##wizard');
  await waitForItemGone(page, 'Remove image##wizard');
  await clickItem(page, 'Cancel##wizard');
  await waitForItemGone(page, 'Choose image...##wizard');
  assert.deepEqual(app.errors, []);
});
