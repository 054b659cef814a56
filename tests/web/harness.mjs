// What every group of browser checks shares: the server (started, stopped and
// restarted on its port), the REST helper, the check runner and a signed-in page.

import { spawn } from 'node:child_process';

export function startServer(serverPath, dataDir, port = 0) {
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

export async function rest(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

export const results = [];
export async function check(name, fn) {
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

// The helpers the checks use, bound to one server and browser.
export function pageHelpers(browser, base, password) {
  async function signedInPage(width = 1280, height = 800, options = {}, username = 'alice') {
    const context = await browser.newContext({ viewport: { width, height }, ...options });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`       page error: ${error.message}`));
    await page.goto(base);
    await page.getByLabel('Username').fill(username);
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
  return { signedInPage, taskRow, chatSay };
}
