// Usage & billing and the audit log, through the real mouse and keyboard: a purchase refused
// while the parent manages a sub's billing and accepted once it is self-managed; a refused
// attempt found with the audit log's filters and exported as CSV.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';
import {
  ADMIN, actAs, checkAcrossReload, fillField, getState, itemText, openGear, orgAdmins, rect, subs, waitForRoute, waitForState, waitForText, withApp,
} from './flows-helpers.mjs';



test('N. a sub\'s Super Admin cannot buy while the parent manages billing, and can once it is self-managed', () => withApp({}, async (app) => {
  const { page } = app;
  const s0 = await getState(page);
  const admins = orgAdmins(s0);
  const sub = subs(s0).find((w) => w.billing_by_parent &&
    w.members.some((m) => m.role === 'super_admin' && m.status === 'active' && !admins.includes(m.email)));
  const boss = sub.members.find((m) => m.role === 'super_admin' && m.status === 'active' && !admins.includes(m.email)).email;

  // Parent-managed: the button is off, and says why.
  await actAs(page, boss);
  await clickItem(page, 'Usage & billing##nav');
  await waitForRoute(page, `#/ws/${sub.id}/billing`);
  await fillField(page, '##buy-credits', '100');
  await page.waitForTimeout(100);
  assert.equal((await rect(page, 'Buy credits##billing')).enabled, false);
  assert.equal(await itemText(page, 'billing:why-not'), 'The parent workspace manages this sub-workspace\'s billing.');
  // The same command straight through the API, as that person: refused with its code.
  const direct = await page.evaluate((id) => window.Subspace.dispatch({ type: 'purchase_credits', workspace: id, amount: 10000 }), sub.id);
  assert.equal(direct.ok, false);
  assert.equal(direct.error.code, 'billing_managed_by_parent');

  // The org admin switches the sub to self-managed billing in its gear.
  await actAs(page, ADMIN);
  await clickItem(page, 'Sub-workspaces##nav');
  await openGear(page, sub.name);
  await clickItem(page, 'Parent workspace manages billing##gear');
  await waitForState(page, (s, id) => !s.workspaces.find((w) => w.id === id).billing_by_parent, sub.id);
  await clickItem(page, 'Close##gear');
  await waitForItemGone(page, 'Close##gear');

  // Now the sub's Super Admin buys through the UI.
  await actAs(page, boss);
  await clickItem(page, 'Usage & billing##nav');
  await waitForRoute(page, `#/ws/${sub.id}/billing`);
  await fillField(page, '##buy-credits', '120.50');
  await clickItem(page, 'Buy credits##billing', { enabled: true });
  // Asked first: a purchase cannot be undone.
  const question = await itemText(page, 'confirm:text');
  assert.ok(question.startsWith(`Buy 120.50 credits for ${sub.name}?`), question);
  await clickItem(page, 'Buy##confirm');
  await waitForState(page, (s, [id, b]) => s.workspaces.find((w) => w.id === id).balance === b + 12050, [sub.id, sub.balance]);
  const balance = (sub.balance + 12050) / 100;
  await waitForText(page, 'billing:balance', `Balance: ${balance.toLocaleString('en-US', { minimumFractionDigits: 2 })} credits`);

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(ws.billing_by_parent, false, when);
    assert.equal(ws.balance, sub.balance + 12050, `the purchase is in the balance ${when}`);
    const buys = s.audit.filter((e) => e[3] === 'purchase_credits' && e[2] === sub.id);
    assert.deepEqual(buys.map((e) => [e[1], e[4]]), [[boss, 'billing_managed_by_parent'], [boss, 'none']], when);
    const entry = s.ledger.entries.at(-1);
    assert.deepEqual([entry[2], entry[3], entry[4], entry[5], entry[6]], ['purchase', 'outside', sub.id, 12050, boss], when);
  });
}));

test('O. a refused attempt is found with the audit filters and exported as CSV', () => withApp({}, async (app) => {
  const { page } = app;
  const sub = subs(await getState(page)).find((w) => w.allocated_unspent > 0);
  const tooMuch = sub.allocated_unspent + 100;

  // The refusal, caused through the UI: reclaiming more than was allocated.
  await openGear(page, sub.name);
  await fillField(page, 'Credits##gear-amount', String(tooMuch / 100));
  await clickItem(page, 'Reclaim##gear', { enabled: true });
  await waitForText(page, 'gear:error', /./);
  await clickItem(page, 'Close##gear');
  await waitForItemGone(page, 'Close##gear');

  await clickItem(page, 'Audit log##nav');
  await waitForText(page, 'view:title', 'Lumen Studios - Audit log');
  const everything = await itemText(page, 'audit:count');
  await clickItem(page, 'Refused attempts##audit-result');
  await waitForText(page, 'audit:first-row', /refused: reclaim_exceeds_allocation$/);
  const count = (text) => Number(text.split(' ')[0].replace(/,/g, ''));  // "1,234 entries"
  const refusedCount = count(await itemText(page, 'audit:count'));
  assert.ok(refusedCount >= 1 && refusedCount < count(everything), `${refusedCount} of ${everything}`);

  // Narrow to the action: the combo is long, so scroll down to "Reclaim credits".
  await clickItem(page, 'audit:type');
  const first = await waitForItem(page, 'audit-type:create_org');
  await page.mouse.move(first.x + first.w / 2, first.y + first.h / 2);
  for (let i = 0; i < 20 && !(await rect(page, 'audit-type:reclaim_credits')); i++) {
    await page.mouse.wheel(0, 60);
    await page.waitForTimeout(50);
  }
  await clickItem(page, 'audit-type:reclaim_credits');
  await waitForText(page, 'audit:count', '1 entry');
  const row = await itemText(page, 'audit:first-row');
  const cells = row.split(' | ');
  assert.deepEqual(cells.slice(1), [ADMIN, sub.name, 'Reclaim credits', cells[4], 'refused: reclaim_exceeds_allocation']);

  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'Export CSV##audit', { enabled: true })]);
  assert.match(download.suggestedFilename(), /^audit-log-lumen-studios-\d{4}-\d{2}-\d{2}\.csv$/);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'a BOM first, for spreadsheets');
  const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
  assert.equal(lines[0], 'time_utc,actor,workspace,action,detail,result');
  assert.equal(lines.length, 2, `one refused reclaim: ${lines.join('\n')}`);
  assert.ok(lines[1].startsWith(`${cells[0]},${ADMIN},${sub.name},reclaim_credits,`), lines[1]);
  assert.ok(lines[1].endsWith(',refused: reclaim_exceeds_allocation'), lines[1]);

  await checkAcrossReload(app, (s, when) => {
    const refused = s.audit.filter((e) => e[3] === 'reclaim_credits' && e[4] !== 'none');
    assert.equal(refused.length, 1, when);
    assert.deepEqual([refused[0][1], refused[0][2], refused[0][4]], [ADMIN, sub.id, 'reclaim_exceeds_allocation'], when);
    // A refusal changes nothing else.
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(ws.balance, sub.balance, when);
    assert.equal(ws.allocated_unspent, sub.allocated_unspent, when);
  });
}));
