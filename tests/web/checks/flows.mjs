// The main flows with the mouse: the dashboard and the assistant agree, changes
// reach every tab, text stays text, a server restart loses and doubles nothing,
// signing out and the sign-in limit.

import assert from 'node:assert/strict';
import { check, rest } from '../harness.mjs';

export async function flowChecks({ browser, base, token, password, server, signedInPage, taskRow, chatSay }) {
  await check('the page is served with its security headers', async () => {
    const answer = await fetch(`${base}/`);
    assert.equal(answer.status, 200);
    const csp = answer.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
    const etag = answer.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(`${base}/`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  await check('a wrong password says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('not it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await context.close();
  });

  const page = await signedInPage();

  await check('1. a task made on the dashboard is listed by the assistant', async () => {
    await page.getByLabel('Quick add').fill('Water the plants tomorrow #home');
    await page.getByLabel('Quick add').press('Enter');
    await page.locator('.hint mark.span-due').waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'Water the plants').waitFor();
    await page.getByRole('button', { name: 'Open the AI Task Assistant' }).click();
    const reply = await chatSay(page, 'show all my tasks');
    assert.match(reply, /Water the plants/);
  });

  await check('2. a change through the chat shows on the dashboard without a reload', async () => {
    await chatSay(page, 'mark water the plants as done');
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'Water the plants').waitFor({ state: 'detached', timeout: 3000 });
    await page.getByRole('button', { name: /^Completed/ }).click();
    await taskRow(page, 'Water the plants').waitFor();
  });

  await check('3. a task deleted on the dashboard is gone for the assistant', async () => {
    await page.getByLabel('Quick add').fill('Call the bank');
    await page.getByLabel('Quick add').press('Enter');
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'Call the bank').locator('.task-title').click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Deleted “Call the bank”').waitFor();
    await taskRow(page, 'Call the bank').waitFor({ state: 'detached' });
    const reply = await chatSay(page, 'show all my tasks');
    assert.doesNotMatch(reply, /Call the bank/);
  });

  await check('4. a task added in the chat widget is on the dashboard after minimizing', async () => {
    await chatSay(page, 'add buy stamps on friday');
    await page.getByRole('button', { name: 'Minimize' }).first().click();
    await page.getByRole('button', { name: 'Open the AI Task Assistant' }).waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'stamps').waitFor();
  });

  await check('5. a REST change reaches two tabs within a second', async () => {
    const second = await signedInPage();
    for (const p of [page, second]) await p.getByRole('button', { name: /^All/ }).click();
    const started = Date.now();
    const created = await rest(base, 'POST', '/api/tasks', { title: 'From a desktop window' }, token);
    assert.equal(created.status, 201);
    await Promise.all([page, second].map((p) => taskRow(p, 'From a desktop window').waitFor({ timeout: 1000 })));
    console.log(`       arrived in both tabs after ${Date.now() - started} ms`);
    await second.context().close();
  });

  await check('a title that looks like HTML is shown as text and runs nothing', async () => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await rest(base, 'POST', '/api/tasks', { title: '<img src=x onerror=alert(1)>' }, token);
    await taskRow(page, '<img src=x onerror=alert(1)>').waitFor();
    assert.equal(await page.locator('.tasks img').count(), 0);
    assert.equal(dialogs, 0);
  });

  await check('the chat page has the navbar, the conversations and minimizes back', async () => {
    await page.goto(`${base}/#/chat`);
    await page.locator('.chat-page .navbar').getByText('AI Task Assistant').waitFor();
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await page.locator('.sessions li').nth(1).waitFor();
    await page.locator('.chat-page').getByRole('button', { name: 'Minimize' }).click();
    await page.locator('.dashboard').waitFor();
    assert.equal(page.url(), `${base}/`);
  });

  await check('a server restart while the page makes changes: nothing lost, nothing doubled', async () => {
    await page.goto(base);
    await page.locator('.state.online').waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await taskRow(page, 'From a desktop window').waitFor();
    await server.stop();
    await page.locator('.state.reconnecting').waitFor();
    // Offline: the completion waits in the outbox.
    await taskRow(page, 'From a desktop window').locator('input[type=checkbox]').check();
    await page.getByText('1 change waiting').waitFor();
    await server.start();
    await page.locator('.state.online').waitFor({ timeout: 40000 });
    await page.getByRole('button', { name: /^Completed/ }).click();
    await taskRow(page, 'From a desktop window').waitFor();
    const all = await rest(base, 'GET', '/api/tasks', undefined, token);
    const titles = all.json.tasks.map((t) => t.title);
    assert.equal(titles.filter((t) => t === 'From a desktop window').length, 1, JSON.stringify(titles));
    const done = all.json.tasks.find((t) => t.title === 'From a desktop window');
    assert.equal(done.status, 'completed');
  });

  await check('signing out in one tab closes the other tab’s connection at once', async () => {
    // Two tabs of one browser share the sign-in; the second signs out.
    const twin = await page.context().newPage();
    await twin.goto(base);
    await twin.locator('.state.online').waitFor();
    await twin.getByRole('button', { name: 'Sign out' }).click();
    await twin.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('You were signed out.').waitFor({ timeout: 2000 });
    await twin.close();
  });

  await check('too many wrong passwords: the page says how long to wait', async () => {
    // Another account: the limit counts per account and address, so alice is not affected.
    assert.equal((await rest(base, 'POST', '/api/auth/register', { username: 'carol', password })).status, 201);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(base);
    await tab.getByLabel('Username').fill('carol');
    for (let i = 0; i < 5; ++i) {
      await tab.getByLabel('Password').fill(`wrong ${i}`);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByText('Wrong username or password.').waitFor();
      await tab.getByRole('button', { name: 'Sign in' }).and(tab.locator(':enabled')).waitFor();
    }
    await tab.getByLabel('Password').fill('wrong again');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.getByText(/Too many failed attempts\. Try again in \d+ s\./).waitFor();
    await context.close();
    // Alice, on the same address, still signs in.
    const alice = await signedInPage();
    await alice.context().close();
  });

}
