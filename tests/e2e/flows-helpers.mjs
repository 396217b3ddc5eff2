// Shared steps of the user-flow tests (flows-*.test.mjs): everything a flow does goes
// through the real mouse and keyboard on widgets the app publishes; the state is read with
// Subspace.getState() only to check what happened.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { clickItem, launchApp, waitForItem, waitSaved } from './harness.mjs';

export const ADMIN = 'ada.quill@lumen.example';

// Runs `flow(app)` on a freshly launched app, closing it whatever happens.
export async function withApp(options, flow) {
  const app = await launchApp(options);
  try {
    await flow(app);
  } finally {
    await app.close();
  }
}

// People of the parent who are org admins (Super Admins of the parent, active).
export const orgAdmins = (s) => s.workspaces.find((w) => w.is_parent).members
  .filter((m) => m.role === 'super_admin' && m.status === 'active').map((m) => m.email);

export async function getState(page) {
  return page.evaluate(() => window.Subspace.getState());
}

// Waits until `predicate(state, arg)` holds in the page (it runs there: no closures), and
// returns the state it held for.
export async function waitForState(page, predicate, arg = null, { timeout = 10000 } = {}) {
  const handle = await page.waitForFunction(([src, a]) => {
    const s = window.Subspace.getState();
    return (0, eval)(`(${src})`)(s, a) ? s : null;
  }, [predicate.toString(), arg], { timeout, polling: 100 });
  return handle.jsonValue();
}

export async function status(page) {
  return page.evaluate(() => window.Subspace.status());
}

export async function waitForRoute(page, route, { timeout = 5000 } = {}) {
  await page.waitForFunction((r) => window.Subspace.status().route === r && location.hash === r, route, { timeout, polling: 50 });
}

export async function items(page) {
  return page.evaluate(() => window.Subspace.items());
}

// The text a widget shows, published as "<key>=<text>" next to its rectangle.
export async function itemText(page, key, { timeout = 10000 } = {}) {
  const handle = await page.waitForFunction((k) => {
    const found = window.Subspace.items().find((l) => l.startsWith(`${k}=`));
    return found === undefined ? null : found.slice(k.length + 1);
  }, key, { timeout, polling: 50 });
  return handle.jsonValue();
}

// Waits until the text published under `key` satisfies `test` (a RegExp or a string);
// returns it.
export async function waitForText(page, key, test, { timeout = 10000 } = {}) {
  const pattern = test instanceof RegExp ? [test.source, test.flags] : [test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''];
  const handle = await page.waitForFunction(([k, [src, flags]]) => {
    const found = window.Subspace.items().find((l) => l.startsWith(`${k}=`));
    return found !== undefined && new RegExp(src, flags).test(found.slice(k.length + 1)) ? found.slice(k.length + 1) : null;
  }, [key, pattern], { timeout, polling: 50 }).catch(async (e) => {
    const now = await page.evaluate((k) => window.Subspace.items().filter((l) => l.startsWith(k)), key);
    throw new Error(`${key}: no text matching ${test} (published: ${JSON.stringify(now)})\n${e.message}`);
  });
  return handle.jsonValue();
}

export async function rect(page, label) {
  return page.evaluate((l) => window.Subspace.itemRect(l), label);
}

// Clicks a text field, selects what it holds and types over it.
export async function fillField(page, label, text) {
  await clickItem(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text, { delay: 10 });
}

// Opens a combo and clicks one of its items.
export async function pickFromCombo(page, combo, item) {
  await clickItem(page, combo);
  await clickItem(page, item);
  await page.waitForFunction((l) => window.Subspace.itemRect(l) === null, item, { timeout: 5000, polling: 50 });
}

// "Acting as" (top right): open the switch, search for the person (by the part of their
// email before the @: typing is slow on a busy software-rendered page), click them.
export async function actAs(page, email) {
  await clickItem(page, 'acting-as');
  await waitForItem(page, '##actor-filter');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(email.split('@')[0], { delay: 5 });
  await clickItem(page, `actor:${email}`);
  await page.waitForFunction((e) => window.Subspace.status().actingAs === e, email, { timeout: 5000, polling: 50 });
}

// Goes to a sub-workspace's members view from the Sub-workspaces list (org admins).
export async function openSub(page, name) {
  if (!(await rect(page, `open:${name}`))) await clickItem(page, 'Sub-workspaces##nav');
  await clickItem(page, `open:${name}`);
  await page.waitForFunction(() => /^#\/ws\/\d+\/members$/.test(window.Subspace.status().route), null, { timeout: 5000 });
}

export async function openGear(page, name) {
  if (!(await rect(page, `gear:${name}`))) await clickItem(page, 'Sub-workspaces##nav');
  await clickItem(page, `gear:${name}`);
  await waitForItem(page, 'Close##gear');
}

export const live = (s) => s.workspaces.filter((w) => w.deleted_at === null);
export const subs = (s) => live(s).filter((w) => !w.is_parent);
export const byName = (s, name) => s.workspaces.find((w) => w.name === name);
export const memberOf = (w, email) => w.members.find((m) => m.email === email);

// Seats in use, by the rule: distinct people, across live workspaces, who are active or
// hold an unexpired invitation.
export function seatsUsed(s, now = Date.now()) {
  const people = new Set();
  for (const w of live(s))
    for (const m of w.members)
      if (m.status === 'active' || (m.status === 'invited' && m.expires_at > now)) people.add(m.email);
  return people.size;
}

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

// Checks the state now, then reloads the page in the same profile (IndexedDB kept) and
// checks it again; the page must not have logged an error.
export async function checkAcrossReload(app, check) {
  const { page } = app;
  await check(await getState(page), 'before reload');
  await waitSaved(page);
  await app.reload();
  await check(await getState(page), 'after reload');
  assert.deepEqual(app.errors, []);
}

// A small PNG drawn by the browser.
export async function makePng(page, width, height, colour) {
  const b64 = await page.evaluate(async ([w, h, c]) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(w / 4, h / 4, w / 2, h / 2);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return btoa(s);
  }, [width, height, colour]);
  return Buffer.from(b64, 'base64');
}

// Parses "1,234.50" as hundredths (123450).
export function cents(text) {
  const m = String(text).replace(/,/g, '').match(/^(-?\d+)(?:\.(\d{1,2}))?$/);
  assert.ok(m, `an amount of credits: "${text}"`);
  return Number(m[1]) * 100 + Math.sign(Number(m[1]) || 1) * Number((m[2] || '0').padEnd(2, '0'));
}
