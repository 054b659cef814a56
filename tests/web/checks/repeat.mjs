// Repeating tasks on the page: the rule on the row, the edit dialog's Repeat
// choice (set and stop), and completing a repeating task keeps it open with
// its next due (the server's rule; the page only shows it).

import assert from 'node:assert/strict';
import { check, rest } from '../harness.mjs';

export async function repeatChecks({ base, token, signedInPage, taskRow }) {
  const page = await signedInPage();
  const today = new Date().toLocaleDateString('en-CA');
  const create = async (body) => {
    const made = await rest(base, 'POST', '/api/tasks', body, token);
    assert.equal(made.status, 201, JSON.stringify(made.json));
    return made.json.task;
  };
  const stored = async (id) => (await rest(base, 'GET', `/api/tasks/${id}`, null, token)).json.task;
  // The page shows a change at once (pending); the server has it a moment later.
  const storedWhen = async (id, done) => {
    let task = await stored(id);
    for (let i = 0; i < 150 && !done(task); ++i) { // up to 15 s: CI runs it beside other suites
      await page.waitForTimeout(100);
      task = await stored(id);
    }
    return task;
  };

  const breaks = await create({
    title: 'Stretch breaks', due: today, repeat: { unit: 'week', interval: 2, weekdays: ['mon', 'thu'] },
  });
  const rent = await create({ title: 'Pay the rent', due: today });

  await check('a repeating task shows its rule on the row', async () => {
    await page.getByRole('button', { name: /^All/ }).click();
    const mark = taskRow(page, 'Stretch breaks').locator('.repeat');
    await mark.waitFor();
    assert.equal(await mark.textContent(), '\u21bb Every 2 weeks on Mon, Thu');
    assert.equal(await mark.getAttribute('title'), 'Repeats: Every 2 weeks on Mon, Thu');
    assert.equal(await taskRow(page, 'Pay the rent').locator('.repeat').count(), 0);
  });

  await check('quick add makes the task repeat and marks the repeat phrase', async () => {
    await page.getByLabel('Quick add').fill('Floss every weekday');
    await page.getByLabel('Quick add').press('Enter');
    const mark = page.locator('.hint mark.span-repeat');
    await mark.waitFor();
    assert.equal(await mark.textContent(), 'every weekday');
    await taskRow(page, 'Floss').locator('.repeat').waitFor();
    assert.equal(await taskRow(page, 'Floss').locator('.repeat').textContent(), '\u21bb Every weekday');
  });

  await check('the edit dialog sets a repeat and stops it', async () => {
    await taskRow(page, 'Pay the rent').locator('.task-title').click();
    const repeat = page.getByLabel('Repeat');
    assert.equal(await repeat.inputValue(), '');
    await repeat.selectOption('monthly');
    await page.getByRole('button', { name: 'Save' }).click();
    await taskRow(page, 'Pay the rent').locator('.repeat').waitFor();
    const set = await storedWhen(rent.id, (task) => task.repeat);
    assert.equal(set.repeat.unit, 'month');
    assert.equal(set.repeat.monthDay, Number(today.slice(8, 10)));

    await taskRow(page, 'Pay the rent').locator('.task-title').click();
    assert.equal(await page.getByLabel('Repeat').inputValue(), 'monthly');
    await page.getByLabel('Repeat').selectOption('');
    await page.getByRole('button', { name: 'Save' }).click();
    await taskRow(page, 'Pay the rent').locator('.repeat').waitFor({ state: 'detached' });
    assert.equal((await storedWhen(rent.id, (task) => !task.repeat)).repeat, null);
  });

  await check('a custom rule set elsewhere survives an edit on the page', async () => {
    await taskRow(page, 'Stretch breaks').locator('.task-title').click();
    assert.equal(await page.getByLabel('Repeat').inputValue(), 'custom');
    await page.getByLabel('Notes').fill('Two minutes is enough');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('dialog.editor').waitFor({ state: 'hidden' });
    const after = await storedWhen(breaks.id, (task) => task.description);
    assert.equal(after.description, 'Two minutes is enough');
    assert.deepEqual(after.repeat.weekdays, ['mon', 'thu']);
    assert.equal(after.repeat.interval, 2);
  });

  await check('completing a repeating task keeps it open with its next due', async () => {
    const before = await stored(breaks.id);
    // A click, not check(): the box does not stay ticked, as the task stays open.
    await taskRow(page, 'Stretch breaks').getByRole('checkbox').click();
    assert.equal(before.lastCompletedAt, null);
    // Waits for the completion itself, not any new revision (the notes edit above may land later).
    const after = await storedWhen(breaks.id, (task) => task.lastCompletedAt);
    assert.equal(after.status, 'pending');
    assert.ok(after.due > before.due, `${after.due} after ${before.due}`);
    assert.ok(after.lastCompletedAt);
    await taskRow(page, 'Stretch breaks').waitFor();
    assert.equal(await taskRow(page, 'Stretch breaks').getByRole('checkbox').isChecked(), false);
  });
}
