// User flows of Manage Workspace > Sub-workspaces, through the real mouse and keyboard:
// the Create Sub-workspace wizard (with invitations, with an image), the gear dialog
// (billing and API switches, credits, deletion with a typed name), the trash, and deep
// links with the back button. Each flow checks the state, reloads, and checks it again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';
import {
  byName, cents, checkAcrossReload, fillField, getState, itemText, makePng, memberOf, openGear, pickFromCombo, rect, seatsUsed, subs, waitForRoute, waitForState, waitForText, withApp,
} from './flows-helpers.mjs';


test('A. the wizard creates a sub-workspace with two invitations, and both survive a reload', () => withApp({}, async (app) => {
  const { page } = app;
  const before = await getState(page);
  const name = 'Partners EMEA';
  const people = [
    { email: 'rosa.parks@partner.example', name: 'Rosa Parks', role: 'Developer', code: 'developer' },
    { email: 'ole.kirk@partner.example', name: '', role: 'Super Admin', code: 'super_admin' },
  ];
  for (const p of people) assert.ok(!before.people.some((x) => x.email === p.email), `${p.email} is new`);

  await clickItem(page, '+ Create Sub-workspace##open-wizard');
  await fillField(page, '##wizard-name', name);
  await clickItem(page, 'Next##wizard');
  await waitForItem(page, 'wizard:email:0');
  await clickItem(page, 'wizard:add');
  for (const [i, p] of people.entries()) {
    await fillField(page, `wizard:email:${i}`, p.email);
    if (p.name) await fillField(page, `wizard:name:${i}`, p.name);
    await pickFromCombo(page, `wizard:role:${i}`, `${p.role}####role-wizard${i}`);
  }
  // The step shows the seats these invitations take.
  assert.equal(await itemText(page, 'wizard:seats'), `Seats left: ${before.org.plan.seat_limit - seatsUsed(before)} of ${before.org.plan.seat_limit} - these invitations take 2`);
  await clickItem(page, 'Next##wizard');
  await waitForItem(page, 'Parent workspace manages billing##wizard');
  await clickItem(page, 'Create Sub-workspace##wizard');
  await waitForItemGone(page, 'Create Sub-workspace##wizard');
  await waitForItem(page, `open:${name}`);

  await checkAcrossReload(app, (s, when) => {
    const ws = byName(s, name);
    assert.ok(ws, `${name} exists ${when}`);
    assert.equal(ws.is_parent, false);
    assert.equal(ws.deleted_at, null);
    assert.equal(ws.members.length, 2, when);
    for (const p of people) {
      const m = memberOf(ws, p.email);
      assert.ok(m, `${p.email} is invited ${when}`);
      assert.equal(m.status, 'invited', when);
      assert.equal(m.role, p.code, when);
      assert.equal(m.invited_by, 'ada.quill@lumen.example');
      assert.ok(m.expires_at > Date.now() + 6 * 86400000, 'the invitation runs for 7 days');
    }
    assert.equal(s.people.find((x) => x.email === people[0].email).name, 'Rosa Parks');
    assert.equal(seatsUsed(s), seatsUsed(before) + 2, `two more seats are held ${when}`);
  });
  // And the list shows it after the reload.
  await waitForItem(page, `open:${name}`);
}));

test('B. the wizard creates a sub-workspace with an image chosen in the file picker', () => withApp({}, async (app) => {
  const { page } = app;
  const name = 'Studio North';
  const png = await makePng(page, 120, 80, '#c03070');
  await clickItem(page, '+ Create Sub-workspace##open-wizard');
  await fillField(page, '##wizard-name', name);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'Choose image...##wizard')]);
  await chooser.setFiles({ name: 'north.png', mimeType: 'image/png', buffer: png });
  await waitForItem(page, 'Remove image##wizard');
  await waitForItem(page, 'wizard:image');  // the thumbnail is drawn
  await clickItem(page, 'Next##wizard');
  await clickItem(page, 'Next##wizard');
  await clickItem(page, 'Create Sub-workspace##wizard');
  await waitForItem(page, `open:${name}`);
  await waitForItem(page, `image:${name}`);  // the list shows its thumbnail

  await checkAcrossReload(app, (s, when) => {
    const ws = byName(s, name);
    assert.ok(ws, `${name} exists ${when}`);
    assert.ok(ws.image, `it has an image ${when}`);
    assert.equal(typeof ws.image.blob, 'string');
    assert.ok(ws.image.blob.length > 0, 'the image is a stored blob');
    assert.deepEqual([ws.image.width, ws.image.height], [48, 48], 'a 48x48 thumbnail');
  });
  // After the reload the thumbnail is read back from its blob and drawn.
  await waitForItem(page, `image:${name}`);
}));

test('G. the gear dialog switches billing and API access; turning API off asks first', () => withApp({}, async (app) => {
  const { page } = app;
  const sub = subs(await getState(page)).find((w) => w.billing_by_parent && !w.api_access);
  assert.ok(sub, 'a sub whose parent pays and that has no API access');
  await openGear(page, sub.name);

  await clickItem(page, 'Parent workspace manages billing##gear');
  await waitForState(page, (s, id) => !s.workspaces.find((w) => w.id === id).billing_by_parent, sub.id);
  await clickItem(page, 'Sub-workspace can view API settings##gear');
  await waitForState(page, (s, id) => s.workspaces.find((w) => w.id === id).api_access, sub.id);

  // Off asks first; "Cancel" keeps it on.
  await clickItem(page, 'Sub-workspace can view API settings##gear');
  await clickItem(page, 'Cancel##confirm');
  await waitForItemGone(page, 'Turn off##confirm');
  assert.equal(byName(await getState(page), sub.name).api_access, true, 'cancelled: still on');
  await clickItem(page, 'Sub-workspace can view API settings##gear');
  await clickItem(page, 'Turn off##confirm');
  await waitForState(page, (s, id) => !s.workspaces.find((w) => w.id === id).api_access, sub.id);
  // And billing back to the parent.
  await clickItem(page, 'Parent workspace manages billing##gear');
  await waitForState(page, (s, id) => s.workspaces.find((w) => w.id === id).billing_by_parent, sub.id);
  await clickItem(page, 'Parent workspace manages billing##gear');
  await waitForState(page, (s, id) => !s.workspaces.find((w) => w.id === id).billing_by_parent, sub.id);
  await clickItem(page, 'Close##gear');
  await waitForItemGone(page, 'Close##gear');

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(ws.billing_by_parent, false, `self-managed ${when}`);
    assert.equal(ws.api_access, false, `API off ${when}`);
    const mine = s.audit.filter((e) => e[2] === sub.id && ['set_billing_mode', 'set_api_access'].includes(e[3]));
    assert.deepEqual(mine.map((e) => [e[3], e[4]]), [
      ['set_billing_mode', 'none'], ['set_api_access', 'none'], ['set_api_access', 'none'],
      ['set_billing_mode', 'none'], ['set_billing_mode', 'none'],
    ], `five accepted switches, the cancelled one not among them ${when}`);
  });
}));

test('H. credits are allocated and reclaimed in the gear dialog; an over-reclaim is refused with a reason', () => withApp({}, async (app) => {
  const { page } = app;
  const before = await getState(page);
  const sub = subs(before).find((w) => w.allocated_unspent > 0);
  const parent = before.workspaces.find((w) => w.is_parent);
  await openGear(page, sub.name);

  await fillField(page, 'Credits##gear-amount', '250.50');
  await clickItem(page, 'Allocate##gear');
  await waitForState(page, (s, [id, b]) => s.workspaces.find((w) => w.id === id).balance === b + 25050, [sub.id, sub.balance]);
  // The field is emptied after a move, so a second click cannot repeat it by accident.
  await waitForItem(page, 'Allocate##gear', { enabled: false });
  assert.equal(await itemText(page, 'gear:done'), 'Allocated 250.50 credits.');

  await fillField(page, 'Credits##gear-amount', '100');
  await clickItem(page, 'Reclaim##gear');
  await waitForState(page, (s, [id, b]) => s.workspaces.find((w) => w.id === id).balance === b + 15050, [sub.id, sub.balance]);
  assert.match(await itemText(page, 'gear:balance'), new RegExp(`^Balance ${((sub.balance + 15050) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} `));

  // More than was allocated and is unspent: refused, the dialog says why, nothing moves.
  const unspent = sub.allocated_unspent + 15050;
  await fillField(page, 'Credits##gear-amount', String(unspent / 100 + 1));
  await clickItem(page, 'Reclaim##gear');
  const message = await waitForText(page, 'gear:error', /./);
  assert.match(message, /reclaim|allocated/i);
  await clickItem(page, 'Close##gear');

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    const p = s.workspaces.find((w) => w.is_parent);
    assert.equal(ws.balance, sub.balance + 15050, `sub balance ${when}`);
    assert.equal(ws.allocated_unspent, sub.allocated_unspent + 15050, when);
    assert.equal(p.balance, parent.balance - 15050, `parent pool ${when}`);
    const refused = s.audit.filter((e) => e[3] === 'reclaim_credits' && e[4] !== 'none');
    assert.equal(refused.length, 1, `the over-reclaim is in the audit log ${when}`);
    assert.equal(refused[0][4], 'reclaim_exceeds_allocation');
    // The books still balance.
    const total = s.workspaces.reduce((sum, w) => sum + w.balance, 0) + s.ledger.outside + s.ledger.consumed;
    assert.equal(total, 0, when);
  });
}));

test('I. a sub-workspace is deleted with its name typed, and restored from the trash', () => withApp({}, async (app) => {
  const { page } = app;
  const before = await getState(page);
  const sub = subs(before).find((w) => w.members.some((m) => m.status === 'active'));
  const parent = before.workspaces.find((w) => w.is_parent);
  await openGear(page, sub.name);
  await clickItem(page, 'Delete sub-workspace...##gear');
  await waitForItem(page, 'Delete##gear-confirmed', { enabled: false });
  // A name that is almost right does not unlock the button.
  await fillField(page, '##gear-confirm-name', sub.name.toLowerCase());
  await page.waitForTimeout(200);
  assert.equal((await rect(page, 'Delete##gear-confirmed')).enabled, false, 'wrong case: still locked');
  await fillField(page, '##gear-confirm-name', sub.name);
  await clickItem(page, 'Delete##gear-confirmed', { enabled: true });
  await waitForItemGone(page, 'Close##gear');
  await waitForItemGone(page, `open:${sub.name}`);
  const deleted = await waitForState(page, (s, id) => s.workspaces.find((w) => w.id === id).deleted_at !== null, sub.id);
  const d = deleted.workspaces.find((w) => w.id === sub.id);
  assert.equal(d.balance, 0, 'unspent credits went back to the parent');
  assert.equal(deleted.workspaces.find((w) => w.is_parent).balance, parent.balance + sub.balance);

  await clickItem(page, 'Trash##nav');
  await waitForRoute(page, '#/trash');
  await clickItem(page, `restore:${sub.name}`);
  await clickItem(page, 'Restore##confirm');
  await waitForState(page, (s, id) => s.workspaces.find((w) => w.id === id).deleted_at === null, sub.id);
  await waitForItemGone(page, `restore:${sub.name}`);
  await clickItem(page, 'Sub-workspaces##nav');
  await waitForItem(page, `open:${sub.name}`);

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(ws.deleted_at, null, `live again ${when}`);
    const active = (w) => w.members.filter((m) => m.status === 'active').map((m) => m.email).sort();
    assert.deepEqual(active(ws), active(sub), `its active members are back ${when}`);
    assert.equal(ws.members.filter((m) => m.status === 'invited').length, 0, 'invitations are not restored');
    assert.equal(ws.balance, 0, 'credits are not restored');
    assert.deepEqual(s.audit.filter((e) => e[2] === sub.id && /^(delete|restore)_workspace$/.test(e[3])).map((e) => [e[3], e[4]]),
      [['delete_workspace', 'none'], ['restore_workspace', 'none']], when);
  });
}));

test('J. a deep link opens a sub-workspace view; the sidebar moves on and Back returns', () => withApp({}, async (app) => {
  const { page } = app;
  const sub = subs(await getState(page))[1];
  const members = `#/ws/${sub.id}/members`;
  // Open the app at the link (same profile and store: a new page load).
  await page.goto(app.url.replace(/#.*$/, '') + members);
  await page.waitForFunction(() => window.Subspace && window.Subspace.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.Subspace.ready);
  await waitForRoute(page, members);
  await waitForText(page, 'view:title', `${sub.name} - Members`);
  for (const m of sub.members) await waitForItem(page, `role:${m.email}`);

  await clickItem(page, 'Videos##nav');
  const videos = `#/ws/${sub.id}/videos`;
  await waitForRoute(page, videos);
  await waitForText(page, 'view:title', `${sub.name} - Videos`);
  await page.goBack();
  await waitForRoute(page, members);
  await waitForText(page, 'view:title', `${sub.name} - Members`);
  await page.goForward();
  await waitForRoute(page, videos);
  await page.goBack();
  await waitForRoute(page, members);

  await checkAcrossReload(app, async (s, when) => {
    assert.equal(s.workspaces.find((w) => w.id === sub.id).name, sub.name, when);
    // The route is in the URL, so a reload stays on the members view of the sub.
    await waitForRoute(page, members);
    await waitForText(page, 'view:title', `${sub.name} - Members`);
  });
}));
