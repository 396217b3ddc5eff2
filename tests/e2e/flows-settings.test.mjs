// User flows of a workspace's Settings view and of what the browser remembers, through the
// real mouse and keyboard: renaming a sub-workspace and giving it an image, raising the
// seat limit when it is reached, one's own name; the theme and the person acted as after a
// reload. Each flow checks the state, reloads, and checks it again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, waitForItem, waitForItemGone } from './harness.mjs';
import {
  ADMIN, actAs, checkAcrossReload, fillField, getState, itemText, makePng, openSub, seatsUsed, status, subs, waitForRoute, waitForState, waitForText, withApp,
} from './flows-helpers.mjs';

test('S1. an org admin renames a sub-workspace and gives it an image from its settings', () => withApp({}, async (app) => {
  const { page } = app;
  const sub = subs(await getState(page))[0];
  await openSub(page, sub.name);
  await clickItem(page, 'Settings##nav');
  await waitForRoute(page, `#/ws/${sub.id}/settings`);
  const name = `${sub.name} Renamed`;
  await fillField(page, '##settings-name', name);
  await clickItem(page, 'Rename##settings');
  await waitForState(page, (s, a) => s.workspaces.some((w) => w.id === a.id && w.name === a.name), { id: sub.id, name });

  const png = await makePng(page, 96, 96, '#2a7fd0');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'Choose image...##settings')]);
  await chooser.setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await waitForItem(page, 'settings:image');  // the thumbnail is drawn
  await checkAcrossReload(app, async (s, when) => {
    const w = s.workspaces.find((x) => x.id === sub.id);
    assert.equal(w.name, name, when);
    assert.ok(w.image && w.image.blob, `the image is kept ${when}`);
  });
  await waitForItem(page, 'settings:image');  // and drawn again from its stored blob
}));

test('S2. at the seat limit, an org admin raises it in the parent settings and the invitation goes out', () => withApp({ query: { demo: 'empty' } }, async (app) => {
  const { page } = app;
  const start = await getState(page);
  const used = seatsUsed(start);
  const plan = { ...start.org.plan, seat_limit: used };
  assert.equal((await page.evaluate((p) => window.Subspace.dispatch({ type: 'set_plan', plan: p }), plan)).ok, true);
  const parent = start.workspaces.find((w) => w.is_parent);
  await page.evaluate((id) => { location.hash = `#/ws/${id}/settings`; }, parent.id);
  await waitForRoute(page, `#/ws/${parent.id}/settings`);
  await waitForText(page, 'settings:seats', new RegExp(`^${used} of ${used} seats in use`));

  // Below what is in use is refused, in words, and nothing changes.
  await fillField(page, 'Seat limit##plan', String(used - 1 || 0));
  await clickItem(page, 'Save plan##plan');
  await waitForText(page, 'settings:plan-error', /seat limit/);
  assert.equal((await getState(page)).org.plan.seat_limit, used);

  await fillField(page, 'Seat limit##plan', String(used + 5));
  await clickItem(page, 'Save plan##plan');
  await waitForState(page, (s, n) => s.org.plan.seat_limit === n, used + 5);
  await waitForText(page, 'settings:seats', new RegExp(`^${used} of ${used + 5} seats in use`));
  const invited = await page.evaluate((id) => window.Subspace.dispatch({ type: 'invite_members', workspace: id, invites: [{ email: 'late@lumen.example', role: 'viewer' }] }), parent.id);
  assert.equal(invited.ok, true, JSON.stringify(invited));
  await checkAcrossReload(app, async (s, when) => assert.equal(s.org.plan.seat_limit, used + 5, when));
}));

test('S3. anyone sets their own display name; the theme and the person acted as survive a reload', () => withApp({}, async (app) => {
  const { page } = app;
  const s = await getState(page);
  const sub = subs(s)[0];
  const someone = sub.members.find((m) => m.status === 'active' && m.email !== ADMIN && m.role === 'viewer') ||
    sub.members.find((m) => m.status === 'active' && m.email !== ADMIN);
  assert.ok(someone, 'a member of the first sub');
  await actAs(page, someone.email);
  await clickItem(page, 'Settings##nav');
  await page.waitForFunction(() => /^#\/ws\/\d+\/settings$/.test(window.Subspace.status().route), null, { timeout: 5000 });
  await fillField(page, '##settings-my-name', 'Robin Vale');
  await clickItem(page, 'Save name##settings');
  await waitForState(page, (st, e) => st.people.some((p) => p.email === e && p.name === 'Robin Vale'), someone.email);

  await clickItem(page, '☰ Menu##app-menu');
  await clickItem(page, 'menu:theme');
  await page.waitForFunction(() => window.Subspace.status().dark === true, null, { timeout: 5000 });
  await checkAcrossReload(app, async (st, when) => {
    assert.equal(st.people.find((p) => p.email === someone.email).name, 'Robin Vale', when);
  });
  const after = await status(page);
  assert.equal(after.dark, true, 'the dark theme is remembered');
  assert.equal(after.actingAs, someone.email, 'the person acted as is remembered');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'the page around the canvas is dark too');
  assert.equal(await itemText(page, 'view:title'), 'Settings');
}));

test('S4. resetting to a demo from the menu asks first; Cancel keeps the organisation, Replace resets it', () => withApp({}, async (app) => {
  const { page } = app;
  const before = await getState(page);
  const chooseEmpty = async () => {
    await clickItem(page, '☰ Menu##app-menu');
    await clickItem(page, 'menu:demo');
    await clickItem(page, 'demo:empty');
    await waitForItem(page, 'Replace##confirm');
  };
  await chooseEmpty();
  assert.deepEqual(await getState(page), before, 'nothing is replaced before Replace is pressed');
  await clickItem(page, 'Cancel##confirm');
  await waitForItemGone(page, 'Replace##confirm');
  assert.deepEqual(await getState(page), before, 'Cancel keeps the organisation');
  await chooseEmpty();
  await clickItem(page, 'Replace##confirm');
  await waitForState(page, (s) => s.workspaces.length === 1);
}));
