// The web companion in a real Chromium (Debian's `chromium`, driven by
// playwright-core) against a real Tandem server on a free port, with its own
// data folder. Run by ctest as tst_web (see tests/CMakeLists.txt):
//   node tests/web/run.mjs --server build/ci/app/tandem-server [--shots docs]
// A missing Chromium is a failure, never a skip.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { checkPairing } from './pairing.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const serverPath = args.server;
const shots = args.shots;
const browserPath = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
if (!serverPath || !existsSync(serverPath)) throw new Error(`no server binary: --server ${serverPath}`);
if (!existsSync(browserPath)) throw new Error(`Chromium is missing at ${browserPath}: scripts/test installs it (apt install chromium)`);

// --- the server ---------------------------------------------------------

function startServer(dataDir, port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(serverPath, ['--headless', '--port', String(port), '--data-dir', dataDir], {
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', TANDEM_NO_KEYCHAIN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/Tandem listening on (http:\/\/\S+)/);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 20000);
  });
}

async function rest(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

// --- the checks -----------------------------------------------------------

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL!  ${name}\n       ${error.stack || error}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-web-'));
let server;
let browser;
try {
  server = await startServer(dataDir);
  const base = server.url;
  const password = 'correct horse battery';
  const registered = await rest(base, 'POST', '/api/auth/register', { username: 'alice', password });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  const token = registered.json.token;
  browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });

  async function signedInPage(width = 1280, height = 800) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`       page error: ${error.message}`));
    await page.goto(base);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.state.online').waitFor({ timeout: 10000 });
    return page;
  }
  const taskRow = (page, title) => page.locator('.task', { hasText: title });
  async function chatSay(page, text) {
    // No waitForFunction: the page's CSP forbids eval, as it should.
    const before = await page.locator('.message.assistant:not(.greeting)').count();
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await page.locator('.message.assistant:not(.greeting)').nth(before).waitFor();
    return page.locator('.message.assistant:not(.greeting)').last().innerText();
  }

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
    const port = new URL(base).port;
    const stopped = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await stopped;
    await page.locator('.state.reconnecting').waitFor();
    // Offline: the completion waits in the outbox.
    await taskRow(page, 'From a desktop window').locator('input[type=checkbox]').check();
    await page.getByText('1 change waiting').waitFor();
    server = await startServer(dataDir, port);
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

  await checkPairing({ check, browser, base, rest, token, shots });

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

  if (shots) {
    await check('screenshots at desktop and phone widths', async () => {
      const desk = await signedInPage();
      await desk.getByRole('button', { name: /^All/ }).click();
      await desk.screenshot({ path: join(shots, 'web-dashboard.png') });
      await desk.getByRole('button', { name: 'Open the AI Task Assistant' }).click();
      await chatSay(desk, 'what is due this week?');
      await desk.screenshot({ path: join(shots, 'web-chat-widget.png') });
      await desk.goto(`${base}/#/chat`);
      await desk.locator('.chat-page .navbar').waitFor();
      await desk.screenshot({ path: join(shots, 'web-chat-page.png') });
      const phone = await signedInPage(390, 800);
      await phone.getByRole('button', { name: /^All/ }).click();
      await phone.screenshot({ path: join(shots, 'web-phone.png') });
      await phone.emulateMedia({ colorScheme: 'dark' });
      await phone.screenshot({ path: join(shots, 'web-phone-dark.png') });
    });
  }
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`FAIL!  setup\n       ${error.stack || error}`);
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`Totals: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
