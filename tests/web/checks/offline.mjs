// Changes made while the server is away show at once, marked as pending, and
// are confirmed exactly once when the outbox is replayed; on a phone the chat
// page's conversations open as a drawer.
//
// Stopping the server is what severs the page's WebSocket: Playwright's
// context.setOffline(true) fails new requests but leaves an open WebSocket
// connected (checked once below, so the day it changes we notice).

import assert from 'node:assert/strict';
import { check, rest } from '../harness.mjs';
import { assertFocus } from './keyboard.mjs';

export async function offlineChecks({ base, token, server, signedInPage, taskRow }) {
  await check('setOffline does not close an open WebSocket (so the offline check stops the server)', async () => {
    const page = await signedInPage();
    await page.context().setOffline(true);
    await page.waitForTimeout(1500);
    const state = await page.locator('.state').getAttribute('class');
    await page.context().close();
    assert.match(state, /online/, 'if this fails, setOffline now severs sockets and could replace stopping the server');
  });

  await check('offline: additions and completions show at once as pending, and are confirmed once when back', async () => {
    await rest(base, 'POST', '/api/tasks', { title: 'Offline existing' }, token);
    const page = await signedInPage();
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'Offline existing').waitFor();
    await server.stop();
    await page.locator('.state.reconnecting').waitFor();

    const quick = page.getByLabel('Quick add');
    for (const title of ['Offline alpha', 'Offline beta']) {
      await quick.fill(title);
      await quick.press('Enter');
      await page.locator('.task.pending', { hasText: title }).waitFor({ timeout: 1000 });
    }
    await taskRow(page, 'Offline existing').locator('input[type=checkbox]').check();
    await page.locator('.task.pending.done', { hasText: 'Offline existing' }).waitFor({ timeout: 1000 });
    await taskRow(page, 'Offline beta').locator('input[type=checkbox]').check();
    await page.locator('.task.pending.done', { hasText: 'Offline beta' }).waitFor({ timeout: 1000 });
    await page.getByText('4 changes waiting').waitFor();
    assert.equal(await page.locator('.task.pending .pending-mark').count(), 3);
    assert.equal(await taskRow(page, 'Offline alpha').count(), 1);

    await server.start();
    await page.locator('.state.online').waitFor({ timeout: 40000 });
    await page.locator('.state', { hasText: /^live$/ }).waitFor();
    await page.locator('.task.pending').first().waitFor({ state: 'detached' });
    // All lists open tasks: alpha once, the two completed ones gone from it.
    await taskRow(page, 'Offline beta').waitFor({ state: 'detached' });
    await taskRow(page, 'Offline existing').waitFor({ state: 'detached' });
    assert.equal(await taskRow(page, 'Offline alpha').count(), 1);
    await page.getByRole('button', { name: /^Completed/ }).click();
    await taskRow(page, 'Offline beta').waitFor();
    assert.equal(await taskRow(page, 'Offline beta').count(), 1);
    assert.equal(await taskRow(page, 'Offline existing').count(), 1);

    const tasks = (await rest(base, 'GET', '/api/tasks', undefined, token)).json.tasks;
    const status = (title) => tasks.filter((t) => t.title === title).map((t) => t.status);
    assert.deepEqual(status('Offline alpha'), ['pending']);
    assert.deepEqual(status('Offline beta'), ['completed']);
    assert.deepEqual(status('Offline existing'), ['completed']);
    await page.context().close();
  });

  await check('phone: the chat page’s conversations open as a drawer, close with Escape and on choosing one', async () => {
    const page = await signedInPage(360, 740);
    await page.goto(`${base}/#/chat`);
    const chat = page.locator('.chat-page');
    await chat.getByLabel('Message', { exact: true }).waitFor();
    await page.locator('.sessions li').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('.chat-side').isVisible(), false, 'the sidebar has no room at 360 px');
    const toggle = chat.getByRole('button', { name: 'Conversations' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.chat-side.open').waitFor();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await assertFocus(page, page.locator('.session[aria-current="true"]'), 'the drawer opens on the current conversation');
    await page.keyboard.press('Escape');
    await page.locator('.chat-side').waitFor({ state: 'hidden' });
    await assertFocus(page, toggle, 'Escape closes the drawer');
    assert.equal(new URL(page.url()).hash, '#/chat', 'Escape closed only the drawer');

    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await page.locator('.sessions li').nth(1).waitFor({ state: 'attached' });
    await page.locator('.chat-side').waitFor({ state: 'hidden' });
    await toggle.click();
    await page.locator('.chat-side.open').waitFor();
    const other = page.locator('.sessions li:not(.active) .session').first();
    const name = await other.locator('.name').innerText();
    await other.click();
    await page.locator('.chat-side').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.sessions li.active .name').innerText(), name);
    await assertFocus(page, chat.getByLabel('Message', { exact: true }), 'choosing a conversation');
    await page.context().close();
  });
}
