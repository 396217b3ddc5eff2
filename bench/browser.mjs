// Browser figures for scripts/bench: the bundle's gzip size against a bare Dear ImGui + SDL2
// + WebGL2 skeleton built with the same flags, and the time from navigation to the first
// drawn frame in headless Chromium (empty org; the large demo loaded from IndexedDB).
//   node bench/browser.mjs <build/web> <build/bench-web>
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';

const [web, benchWeb] = process.argv.slice(2);
const figure = (name, value, unit) => console.log(`${name}: ${value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 3)} ${unit}`);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const app = ['subspace.wasm', 'subspace.js', 'subspace-storage.js', 'subspace-web.js', 'page.js'].reduce((n, f) => n + gz(path.join(web, f)), 0);
const skeleton = ['skeleton.wasm', 'skeleton.js'].reduce((n, f) => n + gz(path.join(benchWeb, f)), 0);
figure('bundle.app_code.gzip', app / 1024, 'KB');
figure('bundle.app_wasm.raw', readFileSync(path.join(web, 'subspace.wasm')).length / 1024, 'KB');
figure('bundle.fonts.gzip', gz(path.join(web, 'subspace.data')) / 1024, 'KB');
figure('bundle.skeleton.gzip', skeleton / 1024, 'KB');
figure('bundle.app_vs_skeleton', app / skeleton, 'x');

async function serve(dir) {
  const child = spawn(process.execPath, [path.resolve('scripts/lib/static-server.mjs'), dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = out.match(/at (http:\/\/\S+)/); if (m) resolve(m[1]); });
  });
  return { url, child };
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const appServer = await serve(web), skelServer = await serve(benchWeb);
const profile = mkdtempSync(path.join(os.tmpdir(), 'subspace-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => console.error('bench: page error:', e.message));
  const runs = 5;
  const skel = [], empty = [];
  for (let i = 0; i < runs; ++i) {
    await page.goto(`${skelServer.url}skeleton.html?run=${i}`);
    skel.push(await (await page.waitForFunction(() => window.__firstFrame, null, { timeout: 30000 })).jsonValue());
    await page.goto(`${appServer.url}?demo=empty&store=bench-empty-${i}`);
    empty.push(await (await page.waitForFunction(() => window.__subspaceReadyAt, null, { timeout: 30000 })).jsonValue());
  }
  figure('start.skeleton', median(skel), 'ms');
  figure('start.empty_org', median(empty), 'ms');
  figure('start.empty_org_vs_skeleton', median(empty) / median(skel), 'x');

  // The large demo: made and saved on a first visit, then loaded from IndexedDB.
  const t0 = Date.now();
  await page.goto(`${appServer.url}?demo=large&store=bench-large`);
  await page.waitForFunction(() => window.__subspaceReadyAt, null, { timeout: 120000 });
  figure('start.large_org.first_visit', Date.now() - t0, 'ms');
  await page.waitForFunction(() => { const s = window.Subspace.status(); return s.saveStatus === 'saved' && !s.savePending; }, null, { timeout: 300000, polling: 500 });
  const large = [];
  for (let i = 0; i < 3; ++i) {
    await page.goto(`${appServer.url}?store=bench-large&run=${i}#/subs`);  // a new query: a real navigation
    large.push(await (await page.waitForFunction(() => window.__subspaceReadyAt, null, { timeout: 120000, polling: 100 })).jsonValue());
    const status = await page.evaluate(() => [window.Subspace.status(), window.Subspace.getState().people.length]);
    if (status[1] < 100000) throw new Error(`the large demo did not load from storage: ${JSON.stringify(status)}`);
  }
  figure('start.large_org.from_storage', median(large), 'ms');
  figure('start.large_org_vs_skeleton', median(large) / median(skel), 'x');

  // What one change costs in IndexedDB on the large org, each saved on its own (no
  // debounce batching several commands into one save): the bytes the saves put.
  const saved = () => page.waitForFunction(() => { const s = window.Subspace.status(); return s.saveStatus === 'saved' && !s.savePending; }, null, { timeout: 60000, polling: 20 });
  await saved();
  const changes = 20;
  const before = await page.evaluate(() => window.Subspace.status().storageBytesWritten);
  const sub = await page.evaluate(() => window.Subspace.getState().workspaces.find((w) => !w.is_parent && !w.deleted_at).id);
  for (let i = 0; i < changes; ++i) {
    const r = await page.evaluate(([id, n]) => window.Subspace.dispatch({ type: 'rename_workspace', workspace: id, name: `Bench rename ${n}` }), [sub, i]);
    if (!r.ok) throw new Error(`bench: a rename was refused: ${JSON.stringify(r)}`);
    await page.waitForFunction(() => window.Subspace.status().savePending, null, { timeout: 5000, polling: 5 }).catch(() => {});
    await saved();
  }
  const after = await page.evaluate(() => window.Subspace.status().storageBytesWritten);
  figure('storage.browser_bytes_written_per_command.large_org', (after - before) / changes, 'bytes');
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  appServer.child.kill();
  skelServer.child.kill();
}
