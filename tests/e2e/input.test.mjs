// Keyboard and clipboard through the canvas: typed text reaches ImGui's fields, copying
// writes the browser clipboard, pasting from the browser clipboard reaches ImGui, and text
// that comes through composition (dead keys, input methods, emoji pickers: what
// keyboard.insertText and CDP's Input.imeSetComposition do) reaches them too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchApp, nextFrames, typeInto, waitForItem, waitForItemGone } from './harness.mjs';

let app;
before(async () => { app = await launchApp({ permissions: ['clipboard-read', 'clipboard-write'] }); });
after(async () => { await app?.close(); });

// The sub-workspace rows drawn in the last frame ("open:<name>").
async function rows(page) {
  return page.evaluate(() => window.Subspace.items().filter((l) => l.startsWith('open:')).map((l) => l.slice(5)));
}
async function waitRows(page, predicate) {
  await page.waitForFunction(`(${predicate})(window.Subspace.items().filter((l) => l.startsWith('open:')).map((l) => l.slice(5)))`,
    null, { timeout: 5000, polling: 50 });
  return rows(page);
}

test('typing into the search field filters the list', async () => {
  const { page } = app;
  const all = await rows(page);
  assert.ok(all.length >= 3, `several sub-workspaces: ${all}`);
  const target = all[all.length - 1];
  const word = target.split(/\s+/).find((w) => w.length >= 4) || target;
  await typeInto(page, '##subs-search', word);
  const shown = await waitRows(page, (names) => names.length > 0 && names.length < 4);
  assert.ok(shown.includes(target), `${target} is shown for "${word}": ${shown}`);
  for (const name of shown) assert.ok(name.toLowerCase().includes(word.toLowerCase()), `${name} matches "${word}"`);
});

test('Ctrl+C copies the selected text to the browser clipboard', async () => {
  const { page } = app;
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== 'nothing yet', null, { timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length >= 4, `copied "${copied}"`);
  await page.keyboard.press('Backspace');
  const all = await waitRows(page, (names) => names.length >= 3);
  assert.ok(all.length >= 3);
});

test('Ctrl+V pastes what the browser clipboard holds (not a stale copy)', async () => {
  const { page } = app;
  const all = await rows(page);
  const target = all[0];
  await page.evaluate((t) => navigator.clipboard.writeText(t), target);
  await clickItem(page, '##subs-search');
  await page.keyboard.press('Control+V');
  const shown = await waitRows(page, (names) => names.length === 1);
  assert.deepEqual(shown, [target]);
  // The shortcut is released after the paste: typing goes on normally.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitRows(page, (names) => names.length >= 3);
  assert.deepEqual(app.errors, []);
});

test('keys pressed and released between two frames are not lost', async () => {
  const { page } = app;
  // Start from an empty search field, whatever the tests before left in it.
  await clickItem(page, '##subs-search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await waitRows(page, (names) => names.length >= 3);
  await page.keyboard.type('qqq', { delay: 0 });
  await waitRows(page, (names) => names.length === 0);
  // Each press sends keydown and keyup back to back, well within one frame.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  const all = await waitRows(page, (names) => names.length >= 3);
  assert.ok(all.length >= 3);
});

test('keys typed while the canvas is not focused do not reach the app', async () => {
  const { page } = app;
  // Focus moves to a field of the host page: its keys are its own (the app listens on the
  // canvas only), and the app's search field stays empty.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'host-field';
    input.style.cssText = 'position:fixed;left:0;bottom:0;z-index:10';
    document.body.appendChild(input);
    input.focus();
  });
  await page.keyboard.type('zzzz');
  assert.equal(await page.evaluate(() => document.getElementById('host-field').value), 'zzzz');
  await page.waitForTimeout(200);
  assert.ok((await rows(page)).length >= 3, 'the list is not filtered by keys typed elsewhere');
  await page.evaluate(() => document.getElementById('host-field').remove());
});

test("the browser's own shortcuts stay the browser's while the console has the keyboard", async () => {
  const { page } = app;
  await clickItem(page, '##subs-search');
  // Whether each keydown's default action was left to the browser, read once the event has
  // been through every listener (the page's, SDL's, ImGui's).
  const prevented = (keys) => page.evaluate(async (list) => {
    const seen = [];
    const record = (e) => seen.push(e);
    window.addEventListener('keydown', record, { capture: true });
    try {
      const canvas = document.querySelector('canvas');
      for (const [key, code, ctrlKey] of list) {
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key, code, ctrlKey, bubbles: true, cancelable: true }));
        canvas.dispatchEvent(new KeyboardEvent('keyup', { key, code, ctrlKey, bubbles: true, cancelable: true }));
      }
    } finally {
      window.removeEventListener('keydown', record, { capture: true });
    }
    return Object.fromEntries(seen.map((e) => [`${e.ctrlKey ? 'Ctrl+' : ''}${e.key}`, e.defaultPrevented]));
  }, keys);
  const browser = await prevented([['f', 'KeyF', true], ['l', 'KeyL', true], ['r', 'KeyR', true], ['=', 'Equal', true],
    ['-', 'Minus', true], ['p', 'KeyP', true], ['F5', 'F5', false], ['F11', 'F11', false]]);
  for (const [key, wasPrevented] of Object.entries(browser)) assert.equal(wasPrevented, false, `${key} is left to the browser`);
  // What the console's text fields use is still the console's.
  const console_ = await prevented([['a', 'KeyA', true], ['z', 'KeyZ', true], ['Backspace', 'Backspace', false]]);
  for (const [key, wasPrevented] of Object.entries(console_)) assert.equal(wasPrevented, true, `${key} is the console's`);
  // And typing still reaches the field afterwards.
  await clickItem(page, '##subs-search');
  await page.keyboard.type('zz-none');
  await waitRows(page, (names) => names.length === 0);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitRows(page, (names) => names.length >= 3);
  assert.deepEqual(app.errors, []);
});

// Opens the Create Sub-workspace wizard and focuses its name field.
async function openWizardName(page) {
  await clickItem(page, '+ Create Sub-workspace##open-wizard');
  await clickItem(page, '##wizard-name');
  await nextFrames(page, 3);  // the field is active: the keyboard has moved to the hidden field
}
async function createFromWizard(page, name) {
  // Keys typed quickly are handed to ImGui one press or release a frame: let them all arrive.
  await nextFrames(page, 8);
  await clickItem(page, 'Create Sub-workspace##wizard');
  await waitForItemGone(page, 'Create Sub-workspace##wizard');
  try {
    await page.waitForFunction((n) => window.Subspace.getState().workspaces.some((w) => w.name === n), name, { timeout: 5000 });
  } catch (e) {
    throw new Error(`"${name}" was not created; the workspaces are ${JSON.stringify(await names(page))}`);
  }
}
const names = (page) => page.evaluate(() => window.Subspace.getState().workspaces.map((w) => w.name));

test('composed text reaches a name field: a dead key, inserted text in any script, an emoji', async () => {
  const { page } = app;
  await openWizardName(page);
  // The keyboard is on this instance's hidden field, which did not scroll the page.
  assert.deepEqual(await page.evaluate(() => [document.activeElement.tagName, window.scrollX, window.scrollY]), ['TEXTAREA', 0, 0]);
  await page.keyboard.type('Caf');
  // A dead key: the accent is composed first, then committed with the letter ("Café").
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
  await nextFrames(page, 2);
  await page.keyboard.insertText('é');
  // An input method commits whole words; an emoji picker inserts the emoji.
  for (const text of [' Zürich', ' 東京', ' 🙂']) {
    await page.keyboard.insertText(text);
    await nextFrames(page, 2);
  }
  // Ordinary keys still work after it: typed letters once each, Backspace.
  await page.keyboard.type('xy');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  const name = 'Café Zürich 東京 🙂';
  await createFromWizard(page, name);
  assert.ok((await names(page)).includes(name), `created "${name}": ${await names(page)}`);
  // The field is gone: the keyboard is back on the canvas.
  await nextFrames(page, 3);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'CANVAS');
  await cdp.detach();
  assert.deepEqual(app.errors, []);
});

test('inserted text filters the list like typed text; typing is not doubled; Ctrl+A still selects', async () => {
  const { page } = app;
  await clickItem(page, '##subs-search');
  await nextFrames(page, 3);
  await page.keyboard.insertText('東京');
  const shown = await waitRows(page, (list) => list.length === 1);
  assert.deepEqual(shown, ['Café Zürich 東京 🙂']);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitRows(page, (list) => list.length >= 3);

  // Typed characters arrive once (SDL's keypress), never again from the hidden field.
  await openWizardName(page);
  await page.keyboard.type('Wrong name', { delay: 5 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Plain Typing', { delay: 5 });
  await page.keyboard.insertText('!');
  await createFromWizard(page, 'Plain Typing!');
  assert.equal((await names(page)).filter((n) => /Typing|Wrong/.test(n)).join('|'), 'Plain Typing!');
  assert.equal(await page.evaluate(() => document.querySelector('textarea').value), '', 'the hidden field is emptied');
  assert.deepEqual(app.errors, []);
});
