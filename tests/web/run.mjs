// The web companion in a real Chromium (Debian's `chromium`, driven by
// playwright-core) against a real Tandem server on a free port, with its own
// data folder. Run by ctest as tst_web (see tests/CMakeLists.txt):
//   node tests/web/run.mjs --server build/ci/app/tandem-server [--shots docs]
// A missing Chromium is a failure, never a skip. The checks live in checks/,
// one file per concern; harness.mjs holds what they share.

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, rest, results, pageHelpers } from './harness.mjs';
import { flowChecks } from './checks/flows.mjs';
import { keyboardChecks } from './checks/keyboard.mjs';
import { offlineChecks } from './checks/offline.mjs';
import { axeChecks } from './checks/axe.mjs';
import { pairingChecks } from './checks/pairing.mjs';
import { pagingChecks } from './checks/paging.mjs';
import { repeatChecks } from './checks/repeat.mjs';
import { screenshots } from './checks/screenshots.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const serverPath = args.server;
const shots = args.shots;
const only = args.only; // a comma-separated list of groups, for working on one
const browserPath = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
if (!serverPath || !existsSync(serverPath)) throw new Error(`no server binary: --server ${serverPath}`);
if (!existsSync(browserPath)) throw new Error(`Chromium is missing at ${browserPath}: scripts/test installs it (apt install chromium)`);

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-web-'));
let running;
let browser;
// Stopped and started again on the same port, so the pages reconnect to it.
const server = {
  async stop() {
    const stopped = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGTERM');
    await stopped;
  },
  async start() {
    running = await startServer(serverPath, dataDir, new URL(running.url).port);
  },
};
try {
  running = await startServer(serverPath, dataDir);
  const base = running.url;
  const password = 'correct horse battery';
  const registered = await rest(base, 'POST', '/api/auth/register', { username: 'alice', password });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  const token = registered.json.token;
  browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  const context = { browser, base, token, password, server, shots, ...pageHelpers(browser, base, password) };
  const groups = {
    flows: flowChecks, pairing: pairingChecks, paging: pagingChecks, keyboard: keyboardChecks, offline: offlineChecks,
    axe: axeChecks, repeat: repeatChecks,
  };
  for (const [name, run] of Object.entries(groups)) {
    if (!only || only.split(',').includes(name)) await run(context);
  }
  if (shots) await screenshots(context, shots);
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`FAIL!  setup\n       ${error.stack || error}`);
} finally {
  if (browser) await browser.close();
  if (running) running.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`Totals: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
