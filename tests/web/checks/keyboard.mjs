// The main flows with the keyboard alone (page.keyboard, no clicks): sign in,
// quick add, move through the list, complete, edit, delete and undo from the
// toast, the chat bubble, a message, Escape, the chat page and back. At every
// step the focus must land where it should and be visible (:focus-visible with
// an outline of at least 2 px).

import assert from 'node:assert/strict';
import { check, rest } from '../harness.mjs';

async function describeActive(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'nothing (the body)';
    const name = a.getAttribute('aria-label') || a.textContent.trim().slice(0, 40) || a.getAttribute('name') || '';
    return `<${a.tagName.toLowerCase()} class="${a.className}"> “${name}”`;
  });
}

// Waits up to 3 s for the focus to be on `locator` and show. Focus and ring are
// read together: a list redraw may replace the element between two reads (the
// page then puts the focus on the new row, which the next round finds).
export async function assertFocus(page, locator, what) {
  let state = null;
  const ok = (s) => s && s.focused && s.visible && s.style !== 'none' && s.width >= 2;
  for (let i = 0; i < 75 && !ok(state); ++i) {
    if (i) await page.waitForTimeout(40);
    state = await locator.evaluate((node) => {
      const style = getComputedStyle(node);
      return { focused: node === document.activeElement, visible: node.matches(':focus-visible'),
        style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    }, undefined, { timeout: 1000 }).catch(() => null);
  }
  assert.ok(state && state.focused, `${what}: the focus is on ${await describeActive(page)}`);
  assert.ok(ok(state), `${what}: the focus is not visible: ${JSON.stringify(state)}`);
}

// Presses `key` until `locator` has the focus (at most `limit` times).
async function pressUntil(page, key, locator, limit, what) {
  for (let i = 0; i < limit; ++i) {
    if (await locator.evaluate((node) => node === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(key);
  }
  await assertFocus(page, locator, what);
}

async function taskByTitle(base, token, title) {
  const all = await rest(base, 'GET', '/api/tasks', undefined, token);
  return (all.json.tasks || []).find((t) => t.title === title);
}

async function until(what, fn, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function keyboardChecks({ browser, base, token, password }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`       page error: ${error.message}`));
  const keys = page.keyboard;
  const row = (title) => page.locator('.task-title', { hasText: title });
  const quick = page.getByLabel('Quick add');

  await check('keyboard: sign in and land on quick add', async () => {
    await page.goto(base);
    await assertFocus(page, page.getByLabel('Username'), 'the sign-in form opens on Username');
    await keys.type('alice');
    await keys.press('Tab');
    await assertFocus(page, page.getByLabel('Password'), 'Tab from Username');
    await keys.type(password);
    await keys.press('Enter');
    await page.locator('.state.online').waitFor({ timeout: 10000 });
    await assertFocus(page, quick, 'after signing in');
  });

  await check('keyboard: quick add three tasks, then Tab into the list and move with the arrows', async () => {
    for (const title of ['Keyboard one', 'Keyboard two', 'Keyboard three']) {
      await keys.type(`${title} today`);
      await keys.press('Enter');
      await row(title).waitFor();
      await assertFocus(page, quick, `quick add stays ready after “${title}”`);
    }
    await keys.press('Tab');
    await assertFocus(page, page.getByRole('button', { name: 'Add', exact: true }), 'Tab from quick add');
    await keys.press('Tab');
    const rows = page.locator('.task-title');
    await assertFocus(page, rows.first(), 'Tab from Add: the list (its first row)');
    await keys.press('ArrowDown');
    await assertFocus(page, rows.nth(1), 'ArrowDown');
    await keys.press('End');
    await assertFocus(page, rows.last(), 'End');
    await keys.press('Home');
    await assertFocus(page, rows.first(), 'Home');
    // The list is one tab stop: Tab leaves it for the chat bubble.
    await keys.press('Tab');
    await assertFocus(page, page.getByRole('button', { name: 'Open the AI Task Assistant' }), 'Tab out of the list');
    await keys.press('Shift+Tab');
    await assertFocus(page, rows.first(), 'Shift+Tab back into the list');
  });

  await check('keyboard: Space completes the task under the cursor, and the focus stays in the list', async () => {
    await pressUntil(page, 'ArrowDown', row('Keyboard two'), 20, 'the row of “Keyboard two”');
    await keys.press('Space');
    await until('“Keyboard two” completed on the server',
      async () => (await taskByTitle(base, token, 'Keyboard two'))?.status === 'completed');
    await page.locator('.task.done', { hasText: 'Keyboard two' }).or(page.locator('.tasks:not(:has-text("Keyboard two"))')).first().waitFor();
    await page.waitForTimeout(300);
    await assertFocus(page, page.locator('.task-title:focus'), 'after completing');
  });

  await check('keyboard: Enter opens the editor, Tab stays inside, Enter saves, the focus returns to the row', async () => {
    await pressUntil(page, 'ArrowUp', row('Keyboard one'), 20, 'the row of “Keyboard one”');
    await keys.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit task' });
    await dialog.waitFor();
    const title = dialog.getByLabel('Title');
    await assertFocus(page, title, 'the editor opens on Title');
    await keys.press('Shift+Tab');
    await assertFocus(page, dialog.getByRole('button', { name: 'Save' }), 'Shift+Tab from the first field wraps to Save');
    await keys.press('Tab');
    await assertFocus(page, title, 'Tab from Save wraps to Title');
    await keys.press('Tab');
    await assertFocus(page, dialog.getByLabel('Notes'), 'Tab from Title');
    await keys.type('Written with the keyboard');
    await keys.press('Shift+Tab');
    await keys.press('Control+A');
    await keys.type('Keyboard one, edited');
    await keys.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await assertFocus(page, row('Keyboard one, edited'), 'after saving');
    const saved = await taskByTitle(base, token, 'Keyboard one, edited');
    assert.equal(saved?.description, 'Written with the keyboard');
    await keys.press('Enter');
    await dialog.waitFor();
    await keys.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await assertFocus(page, row('Keyboard one, edited'), 'Escape closes the editor');
  });

  await check('keyboard: Delete puts the focus on the toast’s Undo; Enter undoes and the task is focused again', async () => {
    await pressUntil(page, 'ArrowDown', row('Keyboard three'), 20, 'the row of “Keyboard three”');
    await keys.press('Delete');
    const undo = page.locator('.toast', { hasText: 'Deleted “Keyboard three”' }).getByRole('button', { name: 'Undo' });
    await assertFocus(page, undo, 'after Delete');
    await row('Keyboard three').waitFor({ state: 'detached' });
    await keys.press('Enter');
    await row('Keyboard three').waitFor();
    await assertFocus(page, row('Keyboard three'), 'after Undo');
    assert.ok(await taskByTitle(base, token, 'Keyboard three'), 'restored on the server');
  });

  await check('keyboard: the chat bubble, a message, Escape minimizes, the chat page and back', async () => {
    await keys.press('Tab');
    const bubble = page.getByRole('button', { name: 'Open the AI Task Assistant' });
    await assertFocus(page, bubble, 'Tab from the list');
    await keys.press('Enter');
    const widget = page.locator('.chat-widget');
    await assertFocus(page, widget.getByLabel('Message', { exact: true }), 'the widget opens on the message box');
    const before = await page.locator('.message.assistant:not(.greeting)').count();
    await keys.type('show all my tasks');
    await keys.press('Enter');
    await page.locator('.message.assistant:not(.greeting)').nth(before).waitFor();
    assert.match(await page.locator('.message.assistant:not(.greeting)').last().innerText(), /Keyboard one, edited/);
    await keys.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    await assertFocus(page, bubble, 'Escape minimizes to the bubble');
    await keys.press('Enter');
    await pressUntil(page, 'Shift+Tab', widget.getByRole('button', { name: 'Expand to the chat page' }), 12,
      'Shift+Tab to Expand');
    await keys.press('Enter');
    await page.locator('.chat-page').waitFor();
    assert.equal(new URL(page.url()).hash, '#/chat');
    await assertFocus(page, page.locator('.chat-page').getByLabel('Message', { exact: true }), 'the chat page opens on the message box');
    await keys.press('Escape');
    await page.locator('.dashboard').waitFor();
    assert.equal(page.url(), `${base}/`);
    await assertFocus(page, widget.getByLabel('Message', { exact: true }), 'back from the chat page, in the widget');
  });

  await context.close();
}
