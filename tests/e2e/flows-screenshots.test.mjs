// Screenshots of every main view and dialog, reached with real clicks, kept in
// tests/e2e/artifacts/flows-*.png for a person to look at (1280x800, and the main list,
// members and audit log at 1920x1080). What a machine can check, it does: every published
// widget lies within the page's width (nothing cut off at the sides), and the page logged
// no error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickItem, launchApp, screenshot, waitForItem } from './harness.mjs';
import {
  checkAcrossReload, fillField, getState, openGear, openSub, pickFromCombo, subs, waitForText,
} from './flows-helpers.mjs';

// Every widget of the last frame lies within the page's width (below the bottom edge is
// fine: the views scroll).
async function assertInside(page, name) {
  const { width } = page.viewportSize();
  const outside = await page.evaluate((w) => window.Subspace.items()
    .map((l) => [l, window.Subspace.itemRect(l)])
    .filter(([, r]) => r && (r.x < 0 || r.y < 0 || r.x + r.w > w + 0.5))
    .map(([l, r]) => `${l} at ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.w)}x${Math.round(r.h)}`), width);
  assert.deepEqual(outside, [], `${name}: widgets cut off at the edges of the ${width} px wide page`);
}

async function shoot(page, name) {
  await page.waitForTimeout(150);  // a few frames: hover and popups settle
  await assertInside(page, name);
  await screenshot(page, name);
}

// Preconditions that give the views something to show: a sub in the trash, a video.
async function prepare(page) {
  const s = await getState(page);
  const [doomed, withVideo] = [subs(s).at(-1), subs(s)[0]];
  const avatar = s.assets.find((a) => a.kind === 'avatar' && a.owner === withVideo.id);
  const voice = s.assets.find((a) => a.kind === 'voice' && a.owner === withVideo.id);
  const results = await page.evaluate(([d, w, a, v]) => [
    window.Subspace.dispatch({ type: 'delete_workspace', workspace: d.id, confirm_name: d.name }),
    window.Subspace.dispatch({ type: 'create_video', workspace: w, title: 'Quarterly update', avatar: a, voice: v, duration_seconds: 95 }),
  ], [doomed, withVideo.id, avatar.id, voice.id]);
  for (const r of results) assert.equal(r.ok, true, JSON.stringify(r));
  return { doomed, sub: withVideo };
}

test('P. screenshots of every main view at 1280x800', async () => {
  const app = await launchApp({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = app;
    const { doomed, sub } = await prepare(page);
    const size = '1280';

    await waitForText(page, 'view:title', 'Sub-workspaces');
    await shoot(page, `flows-01-subworkspaces-${size}`);

    await clickItem(page, '+ Create Sub-workspace##open-wizard');
    await fillField(page, '##wizard-name', 'Partners EMEA');
    await clickItem(page, 'Next##wizard');
    await clickItem(page, 'wizard:add');
    await fillField(page, 'wizard:email:0', 'rosa.parks@partner.example');
    await fillField(page, 'wizard:email:1', 'not-an-email');
    await pickFromCombo(page, 'wizard:role:0', 'Developer####role-wizard0');
    await waitForItem(page, 'wizard:left-out:1');
    await shoot(page, `flows-02-wizard-members-${size}`);
    await clickItem(page, 'Next##wizard');
    await waitForItem(page, 'Parent workspace manages billing##wizard');
    await shoot(page, `flows-03-wizard-settings-${size}`);
    await clickItem(page, 'Cancel##wizard');
    await clickItem(page, 'Discard##wizard');  // it asks first: the fields were filled

    await openGear(page, sub.name);
    await shoot(page, `flows-04-gear-${size}`);
    await fillField(page, 'Credits##gear-amount', '99999');
    await clickItem(page, 'Reclaim##gear');
    await waitForText(page, 'gear:error', /./);
    await clickItem(page, 'Delete sub-workspace...##gear');
    await waitForItem(page, '##gear-confirm-name');
    await shoot(page, `flows-05-gear-refused-delete-${size}`);
    await clickItem(page, 'Close##gear');
    // The refusal was shown in the dialog only, not as a toast as well.
    assert.equal(await page.evaluate(() => window.Subspace.itemRect('Dismiss##toast')), null);

    await clickItem(page, 'Trash##nav');
    await waitForItem(page, `restore:${doomed.name}`);
    await shoot(page, `flows-06-trash-${size}`);

    await openSub(page, sub.name);
    await shoot(page, `flows-07-members-${size}`);
    await clickItem(page, '+ Invite members##members');
    await fillField(page, 'invite:email:0', sub.members.find((m) => m.status === 'active').email);
    await clickItem(page, 'invite:add');
    await fillField(page, 'invite:email:1', 'new.person@lumen.example');
    await waitForItem(page, 'invite:left-out:0');
    await shoot(page, `flows-08-invite-${size}`);
    await clickItem(page, 'Cancel##invite');

    await pickFromCombo(page, 'workspace-switcher', 'switch:Lumen Studios');
    await clickItem(page, 'Assets##nav');
    await waitForText(page, 'view:title', 'Lumen Studios - Assets');
    await shoot(page, `flows-09-assets-${size}`);
    const asset = (await getState(page)).assets.find((a) => a.owner === 1 && a.shared_with.length > 0);
    await clickItem(page, `asset-menu:${asset.name}`);
    await clickItem(page, 'asset-menu:share');
    await waitForItem(page, 'Save##share');
    await shoot(page, `flows-10-share-${size}`);
    await clickItem(page, 'Cancel##share');

    await pickFromCombo(page, 'workspace-switcher', `switch:${sub.name}`);
    await clickItem(page, 'Videos##nav');
    await waitForItem(page, 'video:Quarterly update');
    await clickItem(page, '+ Create video##videos');
    await fillField(page, 's##video-seconds', '45');
    await shoot(page, `flows-11-videos-${size}`);

    await pickFromCombo(page, 'workspace-switcher', 'switch:Lumen Studios');
    await clickItem(page, 'API##nav');
    await waitForText(page, 'view:title', 'Lumen Studios - API');
    await shoot(page, `flows-12-api-${size}`);

    await clickItem(page, 'Usage & billing##nav');
    await waitForText(page, 'view:title', 'Lumen Studios - Usage & billing');
    await shoot(page, `flows-13-billing-${size}`);

    await clickItem(page, 'Audit log##nav');
    await waitForText(page, 'view:title', 'Lumen Studios - Audit log');
    await shoot(page, `flows-14-audit-${size}`);

    await checkAcrossReload(app, (s, when) => {
      assert.notEqual(s.workspaces.find((w) => w.id === doomed.id).deleted_at, null, when);
      assert.ok(s.videos.some((v) => v.title === 'Quarterly update'), when);
    });
  } finally {
    await app.close();
  }
});

test('P. screenshots of the main list, members and audit log at 1920x1080', async () => {
  const app = await launchApp({ viewport: { width: 1920, height: 1080 } });
  try {
    const { page } = app;
    const { sub } = await prepare(page);
    const size = '1920';
    await waitForText(page, 'view:title', 'Sub-workspaces');
    await shoot(page, `flows-01-subworkspaces-${size}`);
    await openSub(page, sub.name);
    await shoot(page, `flows-07-members-${size}`);
    await pickFromCombo(page, 'workspace-switcher', 'switch:Lumen Studios');
    await clickItem(page, 'Audit log##nav');
    await waitForText(page, 'view:title', 'Lumen Studios - Audit log');
    await shoot(page, `flows-14-audit-${size}`);
    await checkAcrossReload(app, (s, when) => {
      assert.ok(s.videos.some((v) => v.title === 'Quarterly update'), when);
    });
  } finally {
    await app.close();
  }
});
