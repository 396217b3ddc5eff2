// User flows of a workspace's Members view, through the real mouse and keyboard: invitations
// up to and past the seat limit, accepting an invitation as the invitee, changing a role,
// removing a member. Each flow checks the state, reloads, and checks it again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, waitForItem, waitForItemGone } from './harness.mjs';
import {
  ADMIN, actAs, byName, checkAcrossReload, fillField, getState, items, itemText, memberOf, openSub, orgAdmins, pickFromCombo, rect, seatsUsed, status, subs, waitForRoute, waitForState, waitForText, withApp,
} from './flows-helpers.mjs';



test('C. invitations up to the seat limit go out; the rows past it are left out, with the reason', () => withApp({ query: { demo: 'empty' } }, async (app) => {
  const { page } = app;
  const start = await getState(page);
  assert.equal(start.workspaces.length, 1, 'the empty demo: only the parent');
  assert.equal(seatsUsed(start), 1, 'only its admin');
  // Precondition: a plan of 4 seats (3 free).
  const plan = { ...start.org.plan, seat_limit: 4 };
  assert.equal((await page.evaluate((p) => window.Subspace.dispatch({ type: 'set_plan', plan: p }), plan)).ok, true);

  await clickItem(page, 'Members##nav');
  await waitForText(page, 'members:seats', 'Org seats: 1 of 4 used');
  await clickItem(page, '+ Invite members##members');
  await waitForItem(page, 'invite:email:0');
  assert.equal(await itemText(page, 'invite:seats'), 'Seats left: 3 of 4 - these invitations take 0');
  const people = [
    ['mia@lumen.example', 'Super Admin', 'super_admin'],
    ['leo@lumen.example', 'Developer', 'developer'],
    ['ines@lumen.example', 'Viewer', 'viewer'],
    ['ravi@lumen.example', 'Creator', 'creator'],
    ['kai@lumen.example', 'Developer', 'developer'],
  ];
  for (let i = 1; i < people.length; i++) {
    await clickItem(page, 'invite:add');
    await waitForItem(page, `invite:email:${i}`);  // the button moves down a row each time
  }
  for (const [i, [email, role]] of people.entries()) {
    await fillField(page, `invite:email:${i}`, email);
    await pickFromCombo(page, `invite:role:${i}`, `${role}####role-invite${i}`);
  }
  // The preview: three fit, the last two are left out for the seat limit.
  for (const i of [3, 4]) {
    const why = await itemText(page, `invite:left-out:${i}`);
    assert.equal(why, `Left out: Seat limit reached: remove a member or revoke an invitation first (${people[i][0]}).`);
  }
  const all = await items(page);
  for (const i of [0, 1, 2]) assert.ok(!all.some((l) => l.startsWith(`invite:left-out:${i}`)), `row ${i} goes in`);
  assert.ok(all.includes('Invite 3 people##invite-send'), 'the button says how many go out');
  assert.equal(await itemText(page, 'invite:seats'), 'Seats left: 3 of 4 - these invitations take 3');
  await clickItem(page, 'invite:send');
  // Those left out stay in the dialog, nothing lost; Cancel drops them.
  await waitForText(page, 'toast:0', 'Invited 3 people; 2 left out, still in the dialog.');
  assert.match(await itemText(page, 'invite:note'), /^Invited 3 people\. The rows below were left out/);
  assert.match(await itemText(page, 'invite:left-out:0'), /^Left out: Seat limit reached.*\(ravi@lumen\.example\)\.$/);
  assert.match(await itemText(page, 'invite:left-out:1'), /^Left out: Seat limit reached.*\(kai@lumen\.example\)\.$/);
  await clickItem(page, 'Cancel##invite');
  await waitForItemGone(page, 'invite:send');
  await waitForText(page, 'members:seats', 'Org seats: 4 of 4 used');
  for (const [email] of people.slice(0, 3)) await waitForItem(page, `revoke:${email}`);

  // A second try with one more person: nothing can go in, the button stays off.
  await clickItem(page, '+ Invite members##members');
  await fillField(page, 'invite:email:0', 'late@lumen.example');
  await waitForText(page, 'invite:left-out:0', /^Left out: Seat limit reached/);
  assert.equal((await rect(page, 'invite:send')).enabled, false);
  assert.equal(await itemText(page, 'invite:seats'), 'Seats left: 0 of 4 - these invitations take 0');
  await clickItem(page, 'Cancel##invite');
  await waitForItemGone(page, 'invite:send');

  // Revoking an invitation (asked first) frees its seat at once: the late one now goes in.
  await clickItem(page, 'revoke:ines@lumen.example');
  assert.match(await itemText(page, 'confirm:text'), /^Revoke the invitation of ines@lumen\.example/);
  await clickItem(page, 'Revoke##confirm');
  await waitForItemGone(page, 'revoke:ines@lumen.example');
  await waitForText(page, 'members:seats', 'Org seats: 3 of 4 used');
  await clickItem(page, '+ Invite members##members');
  await fillField(page, 'invite:email:0', 'late@lumen.example');
  await waitForItem(page, 'invite:send', { enabled: true });
  await clickItem(page, 'invite:send');
  await waitForItemGone(page, 'invite:send');
  await waitForItem(page, 'revoke:late@lumen.example');

  await checkAcrossReload(app, async (s, when) => {
    const parent = s.workspaces.find((w) => w.is_parent);
    assert.equal(parent.members.length, 4, when);
    assert.equal(memberOf(parent, 'ines@lumen.example'), undefined, `revoked ${when}`);
    assert.equal(memberOf(parent, 'late@lumen.example').status, 'invited', `the late one ${when}`);
    for (const [email, , code] of people.slice(0, 2)) {
      const m = memberOf(parent, email);
      assert.ok(m, `${email} invited ${when}`);
      assert.deepEqual([m.status, m.role], ['invited', code], when);
    }
    for (const [email] of people.slice(3)) assert.equal(memberOf(parent, email), undefined, `${email} left out ${when}`);
    assert.equal(seatsUsed(s), 4, `every seat is taken ${when}`);
    assert.equal(s.org.plan.seat_limit, 4);
    // The seat meter of the sub-workspaces list says the same.
    await clickItem(page, 'Sub-workspaces##nav');
    assert.equal(await itemText(page, 'seat-meter'), '4 of 4 seats used');
  });
}));

test('D. an invitee accepts their invitation from the sidebar while acting as themselves', () => withApp({}, async (app) => {
  const { page } = app;
  const sub = subs(await getState(page))[0];
  const email = 'dana.scully@lumen.example';
  // Precondition (not the flow): an invitation for a new person.
  const r = await page.evaluate(([id, e]) => window.Subspace.dispatch(
    { type: 'invite_members', workspace: id, invites: [{ email: e, name: 'Dana Scully', role: 'developer' }] }), [sub.id, email]);
  assert.equal(r.ok, true, JSON.stringify(r));

  await actAs(page, email);
  // Not a member anywhere yet: the invitation waits in the sidebar.
  await clickItem(page, `accept:${sub.name}`);
  await waitForItemGone(page, `accept:${sub.name}`);
  await waitForRoute(page, `#/ws/${sub.id}/members`);
  await waitForText(page, 'view:title', `${sub.name} - Members`);
  assert.equal((await status(page)).actingAs, email);
  // Now a Developer there: the role combos are not theirs to change.
  assert.equal((await rect(page, `role:${email}`)).enabled, false);

  await checkAcrossReload(app, (s, when) => {
    const m = memberOf(byName(s, sub.name), email);
    assert.equal(m.status, 'active', `active ${when}`);
    assert.equal(m.role, 'developer', when);
    const accepted = s.audit.filter((e) => e[3] === 'accept_invitation' && e[1] === email);
    assert.deepEqual(accepted.map((e) => [e[2], e[4]]), [[sub.id, 'none']], `accepted by the invitee ${when}`);
  });
}));

test('E. roles change from the Members table; rows the actor may not change are disabled', () => withApp({}, async (app) => {
  const { page } = app;
  const s0 = await getState(page);
  const admins = orgAdmins(s0);
  // A sub with its own Super Admin (not an org admin) and at least one other active member.
  const sub = subs(s0).find((w) => w.members.some((m) => m.role === 'super_admin' && m.status === 'active' && !admins.includes(m.email)) &&
    w.members.filter((m) => m.status === 'active' && m.role !== 'super_admin').length >= 2);
  const boss = sub.members.find((m) => m.role === 'super_admin' && m.status === 'active' && !admins.includes(m.email)).email;
  const [first, second] = sub.members.filter((m) => m.status === 'active' && m.role !== 'super_admin');
  const target = (from) => (from === 'developer' ? ['Viewer', 'viewer'] : ['Developer', 'developer']);

  // As an org admin, from the sub-workspaces list.
  await openSub(page, sub.name);
  const [label1, code1] = target(first.role);
  await pickFromCombo(page, `role:${first.email}`, `${label1}####role`);
  await waitForState(page, (s, [id, e, r]) => s.workspaces.find((w) => w.id === id).members.find((m) => m.email === e).role === r,
    [sub.id, first.email, code1]);
  await waitForText(page, 'toast:0', new RegExp(`is now ${label1} in `));
  // Picking the role already held changes nothing and writes nothing to the audit log.
  const audited = (await getState(page)).audit.length;
  await pickFromCombo(page, `role:${first.email}`, `${label1}####role`);
  await page.waitForTimeout(300);
  assert.equal((await getState(page)).audit.length, audited, 'the same role again is not a change');

  // As the sub's own Super Admin: others' roles yes, their own no, an org admin's no.
  await actAs(page, boss);
  await waitForItem(page, `role:${second.email}`, { enabled: true });
  assert.equal((await rect(page, `role:${boss}`)).enabled, false, 'nobody changes their own role');
  const adminRow = sub.members.find((m) => admins.includes(m.email));
  assert.ok(adminRow, 'the demo has an org admin invited to this sub');
  assert.equal((await rect(page, `role:${adminRow.email}`)).enabled, false, 'an org admin is protected');
  const [label2, code2] = target(second.role);
  await pickFromCombo(page, `role:${second.email}`, `${label2}####role`);
  await waitForState(page, (s, [id, e, r]) => s.workspaces.find((w) => w.id === id).members.find((m) => m.email === e).role === r,
    [sub.id, second.email, code2]);

  // A Viewer there changes nothing: every role combo is disabled.
  const viewer = sub.members.find((m) => m.status === 'active' && m.role === 'viewer' && m.email !== first.email && m.email !== second.email);
  assert.ok(viewer, 'a third member who is a Viewer');
  await actAs(page, viewer.email);
  for (const m of sub.members) await waitForItem(page, `role:${m.email}`, { enabled: false });
  assert.equal((await rect(page, '+ Invite members##members')).enabled, false);

  // Back as the org admin, in the parent: their own row is disabled too.
  await actAs(page, ADMIN);
  await pickFromCombo(page, 'workspace-switcher', 'switch:Lumen Studios');
  await waitForText(page, 'view:title', 'Lumen Studios - Members');
  await waitForItem(page, `role:${ADMIN}`, { enabled: false });

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(memberOf(ws, first.email).role, code1, when);
    assert.equal(memberOf(ws, second.email).role, code2, when);
    const changes = s.audit.filter((e) => e[3] === 'change_role' && e[2] === sub.id);
    assert.deepEqual(changes.map((e) => [e[1], e[4]]), [[ADMIN, 'none'], [boss, 'none']], when);
  });
}));

test('F. removing a member (with confirmation) frees their seat at once', () => withApp({}, async (app) => {
  const { page } = app;
  const s0 = await getState(page);
  const elsewhere = (s, email, id) => s.workspaces.some((w) => w.id !== id && w.deleted_at === null && w.members.some((m) => m.email === email));
  let sub, person;
  for (const w of subs(s0)) {
    person = w.members.find((m) => m.status === 'active' && m.role !== 'super_admin' && !elsewhere(s0, m.email, w.id));
    if (person) { sub = w; break; }
  }
  assert.ok(person, 'a member whose only workspace is one sub');
  const used = seatsUsed(s0);

  await openSub(page, sub.name);
  await waitForText(page, 'members:seats', `Org seats: ${used} of ${s0.org.plan.seat_limit} used`);
  await clickItem(page, `remove:${person.email}`);
  // "Cancel" first: nothing happens.
  assert.match(await itemText(page, 'confirm:text'), /Their seat is freed: this is their only workspace\.$/);
  await clickItem(page, 'Cancel##confirm');
  await waitForItemGone(page, 'Remove##confirm');
  assert.ok(memberOf(byName(await getState(page), sub.name), person.email), 'still a member after Cancel');
  await clickItem(page, `remove:${person.email}`);
  await clickItem(page, 'Remove##confirm');
  await waitForItemGone(page, `remove:${person.email}`);
  await waitForText(page, 'members:seats', `Org seats: ${used - 1} of ${s0.org.plan.seat_limit} used`);

  await checkAcrossReload(app, (s, when) => {
    const ws = s.workspaces.find((w) => w.id === sub.id);
    assert.equal(memberOf(ws, person.email), undefined, `removed ${when}`);
    assert.equal(ws.members.length, sub.members.length - 1, when);
    assert.equal(seatsUsed(s), used - 1, `the seat is free ${when}`);
  });
}));
