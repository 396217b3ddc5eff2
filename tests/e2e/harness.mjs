// End-to-end harness: Debian's chromium, headless, driven by playwright-core.
//
// Each test gets a fresh browser profile (launchPersistentContext with its own
// --user-data-dir, so a reload keeps IndexedDB) and its own store name (?store=...), opens
// the app, waits for window.Subspace.ready, and records console errors and page errors so
// that tests can assert there were none. Widgets are found by the rectangles the app
// publishes (Subspace.itemRect) and driven with the real mouse and keyboard.
//
// The app's URL comes from SUBSPACE_URL (scripts/test serves build/web and sets it); without
// it, the harness serves build/web itself on a free port.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
export const ARTIFACTS = path.join(here, 'artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const READY_TIMEOUT_MS = 30000;

let served = null;  // { url, child } when the harness serves build/web itself

async function serveBuild() {
  if (served) return served.url;
  const child = spawn(process.execPath, [path.join(repo, 'scripts/lib/static-server.mjs'), path.join(repo, 'build/web'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`static server exited (${code})`)));
  });
  child.unref();
  child.stdout.unref?.();
  process.on('exit', () => child.kill());
  served = { url, child };
  return url;
}

export async function baseUrl() {
  return process.env.SUBSPACE_URL || serveBuild();
}

let counter = 0;
export function uniqueStore(prefix = 't') {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
}

// Launches chromium with a fresh profile and opens the app.
//   options.store        store name (default: a unique one)
//   options.query        more URL parameters, e.g. { demo: 'medium' }
//   options.hash         start route, e.g. '#/trash'
//   options.scale        deviceScaleFactor (default 1)
//   options.viewport     { width, height } (default 1280 x 800)
//   options.permissions  e.g. ['clipboard-read', 'clipboard-write']
//   options.waitReady    wait for Subspace.ready (default true)
//   options.beforeGoto   async ({ context, page, url, origin }) => ... run before the page opens
//   options.href         open exactly this URL instead (e.g. an invitation link)
// Returns { context, page, store, url, errors, profile, reload(), close() }.
export async function launchApp(options = {}) {
  const store = options.store || uniqueStore();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'subspace-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport || { width: 1280, height: 800 },
    deviceScaleFactor: options.scale || 1,
    permissions: options.permissions || [],
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));

  const params = new URLSearchParams({ store, ...(options.query || {}) });
  const url = options.href || `${await baseUrl()}?${params}${options.hash || ''}`;
  const app = {
    context, page, store, url, errors, profile,
    async reload() {
      await page.reload();
      await waitReady(page);
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
  try {
    if (options.beforeGoto) await options.beforeGoto({ context, page, url, origin: new URL(url).origin });
    await page.goto(url);
    if (options.waitReady !== false) await waitReady(page);
  } catch (e) {
    await app.close();
    throw new Error(`${e.message}\n${errors.join('\n')}`);
  }
  return app;
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.Subspace && window.Subspace.ready, null, { timeout: READY_TIMEOUT_MS });
  await page.evaluate(() => window.Subspace.ready.then(() => true));
  await recordEvents(page);
}

// Waits until the app has drawn a widget with this label, at the same place over a few
// animation frames (a view or table drawn for the first time can move its rows by a line in
// the next frame, and a click at the first rectangle would miss); returns its rectangle.
export async function waitForItem(page, label, { timeout = 10000, enabled } = {}) {
  const FRAMES = 2;
  const handle = await page.waitForFunction(
    ([l, en, frames]) => {
      const r = window.Subspace.itemRect(l);
      if (!(r && r.w > 0 && r.h > 0 && (en === undefined || r.enabled === en))) {
        window.__itemSeen = null;
        return null;
      }
      const key = `${l}|${r.x}|${r.y}|${r.w}|${r.h}|${r.enabled}`;
      const seen = window.__itemSeen;
      if (!seen || seen.key !== key) {
        window.__itemSeen = { key, count: 1 };
        return null;
      }
      return ++seen.count >= frames ? r : null;
    },
    [label, enabled, FRAMES], { timeout, polling: 'raf' });
  return handle.jsonValue();
}

export async function waitForItemGone(page, label, { timeout = 10000 } = {}) {
  await page.waitForFunction((l) => window.Subspace.itemRect(l) === null, label, { timeout, polling: 50 });
}

// Clicks the centre of a labelled widget with the real mouse.
// The pointer rests on it for a few frames first, as a hand would: ImGui ignores a press on
// an item that allows overlap (e.g. a table row) when another item was hovered the frame
// before, which is what a jump-and-click in the same frame looks like.
export async function clickItem(page, label, options = {}) {
  const r = await waitForItem(page, label, options);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await nextFrames(page, 2);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  return r;
}

// Resolves after `n` animation frames of the page (the app draws one per frame when busy).
export async function nextFrames(page, n = 1) {
  await page.evaluate((count) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  }), n);
}

// Clicks a text field and types into it with the real keyboard.
export async function typeInto(page, label, text, options = {}) {
  await clickItem(page, label, options);
  await page.keyboard.type(text, { delay: options.delay ?? 10 });
}

export async function pressKey(page, key) {
  await page.keyboard.press(key);
}

// Every event the app emits is recorded in the page (window.__subspaceEvents) from the
// moment it is ready; tests take a mark before acting and wait for an event after it.
async function recordEvents(page) {
  await page.evaluate(() => {
    window.__subspaceEvents = [];
    for (const event of ['state', 'saved', 'sync', 'error']) {
      window.Subspace.on(event, (data) => window.__subspaceEvents.push({ event, data }));
    }
  });
}

export async function eventMark(page) {
  return page.evaluate(() => window.__subspaceEvents.length);
}

// The first `event` recorded after `since` (an eventMark) for which `where(data)` holds
// (`where` runs in the page: pass a function without closures).
export async function waitForEvent(page, event, { since = 0, where = null, timeout = 10000 } = {}) {
  const handle = await page.waitForFunction(([ev, from, cond]) => {
    const match = cond ? (0, eval)(`(${cond})`) : () => true;
    const found = window.__subspaceEvents.slice(from).find((e) => e.event === ev && match(e.data));
    return found ? found.data : null;
  }, [event, since, where ? where.toString() : null], { timeout, polling: 50 });
  return handle.jsonValue();
}

export async function events(page, since = 0) {
  return page.evaluate((from) => window.__subspaceEvents.slice(from), since);
}

// Waits until the App reports its store saved (no save pending).
export async function waitSaved(page, { timeout = 10000 } = {}) {
  await page.waitForFunction(() => {
    const s = window.Subspace.status();
    return s && s.saveStatus === 'saved' && !s.savePending;
  }, null, { timeout, polling: 50 });
}

// Saves tests/e2e/artifacts/<name>.png; `clip` ({x, y, width, height} in CSS pixels) keeps
// only part of the page, at full device resolution.
export async function screenshot(page, name, clip) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  return file;
}

export async function currentHash(page) {
  return page.evaluate(() => location.hash);
}
