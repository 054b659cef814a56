// bench/web (see bench/README.md; bench/web/run builds and starts it): the web
// page with 10,000 tasks in Chromium, and the desktop app beside Chromium's app
// mode on one Xvfb display, all in one run.
//
//   node bench/web/measure.mjs --tandem build/bench/app/tandem [--tasks 10000] [--loads 7]
//        [--changes 200] [--starts 5] [--settle-ms 3000] [--keep]

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core at the version tests/web pins (run installs it there).
const { chromium } = createRequire(join(here, '../../tests/web/package.json'))('playwright-core');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'yes']);
  return pairs;
}, []));
const tandem = args.tandem;
const taskCount = Number(args.tasks || 10000);
const loads = Number(args.loads || 7);
const changes = Number(args.changes || 200);
const starts = Number(args.starts || 5);
const settleMs = Number(args['settle-ms'] || 3000);
const browserPath = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
if (!tandem || !existsSync(tandem)) throw new Error(`no tandem binary: --tandem ${tandem}`);
if (!existsSync(browserPath)) throw new Error(`Chromium is missing at ${browserPath}`);

const now = () => performance.timeOrigin + performance.now(); // ms since the epoch, sub-ms
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const f1 = (x) => x.toFixed(1);
const work = mkdtempSync(join(tmpdir(), 'tandem-bench-web-'));
const children = [];
const password = 'bench web password';
const quietEnv = { ...process.env, TANDEM_NO_KEYCHAIN: '1' };

function launch(command, argv, env, stdio = ['ignore', 'pipe', 'pipe']) {
  const child = spawn(command, argv, { env, stdio });
  children.push(child);
  return child;
}

// Resolves with the first match of `pattern` in the child's stdout or stderr.
function waitForLine(child, pattern, what, ms = 60000) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what}: timed out; output: ${text.slice(-2000)}`)), ms);
    const look = (chunk) => {
      text += chunk;
      const match = text.match(pattern);
      if (match) { clearTimeout(timer); resolve(match); }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what}: exited (${code}): ${text.slice(-2000)}`)); });
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await gone;
  clearTimeout(timer);
}

// --- memory: PSS of a process and all its descendants ----------------------

function processTree(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; ++i) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

function pssMiB(root) {
  let kib = 0;
  const pids = processTree(root);
  for (const pid of pids) {
    try {
      const match = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (match) kib += Number(match[1]);
    } catch { /* gone meanwhile */ }
  }
  return { mib: kib / 1024, processes: pids.length };
}

// --- the server and its 10,000 tasks ----------------------------------------

async function rest(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function startServer(dataDir, port = 0) {
  const child = launch(tandem, ['--headless', '--port', String(port), '--data-dir', dataDir],
    { ...quietEnv, QT_QPA_PLATFORM: 'offscreen' });
  const [listening, owner] = await Promise.all([
    waitForLine(child, /Tandem listening on (http:\/\/\S+)/, 'the server'),
    waitForLine(child, /running headless for (\S+) on/, 'the server'),
  ]);
  return { child, url: listening[1], username: owner[1] };
}

function isoDay(offsetDays) {
  const day = new Date();
  day.setDate(day.getDate() + offsetDays);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

// Varied tasks from a fixed seed: 80% dated within ±30 days (so Today, with the
// overdue ones, lists about 40%), some tags, every priority.
async function seed(base, token) {
  let state = 7;
  const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const verbs = ['Call', 'Email', 'Review', 'Send', 'Fix', 'Plan', 'Buy', 'Book', 'Write', 'Check'];
  const things = ['the report', 'Dana', 'invoice', 'the roadmap', 'bug', 'groceries', 'flights', 'the notes', 'taxes'];
  const tags = ['work', 'home', 'health', 'admin', 'family', 'errands'];
  const priorities = ['none', 'none', 'low', 'medium', 'high', 'urgent'];
  let next = 0;
  const started = now();
  const worker = async () => {
    while (next < taskCount) {
      const i = next++;
      const task = {
        title: `${verbs[i % verbs.length]} ${things[Math.floor(random() * things.length)]} ${i}`,
        priority: priorities[Math.floor(random() * priorities.length)],
        tags: random() < 0.5 ? [tags[Math.floor(random() * tags.length)]] : [],
      };
      if (random() < 0.8) task.due = isoDay(Math.floor(random() * 61) - 30);
      await rest(base, 'POST', '/api/tasks', task, token);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (now() - started) / 1000;
}

// --- the page in headless Chromium ------------------------------------------

async function tokenContext(browser, base, token, extraScript) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), ['tandem.token', token]);
  if (extraScript) await context.addInitScript(extraScript);
  return context;
}

// ms from navigation start to the page's 'tandem-interactive' mark.
async function interactiveMark(page, ms = 60000) {
  const end = Date.now() + ms;
  for (;;) {
    const mark = await page.evaluate(() => {
      const entry = performance.getEntriesByName('tandem-interactive')[0];
      return entry ? { at: entry.startTime, origin: performance.timeOrigin, rows: document.querySelectorAll('.tasks .task').length } : null;
    }).catch(() => null);
    if (mark) return mark;
    if (Date.now() > end) throw new Error('the page never became interactive');
    await sleep(20);
  }
}

async function measureLoads(browser, base, token) {
  const times = [];
  let rows = 0;
  for (let i = 0; i <= loads; ++i) {
    const context = await tokenContext(browser, base, token);
    const page = await context.newPage();
    await page.goto(base);
    const mark = await interactiveMark(page);
    rows = mark.rows;
    if (i > 0) times.push(mark.at); // the first is a warm-up
    await context.close();
  }
  return { times, rows };
}

// The page notes when a row titled "bench change N" first appears.
function watchRows() {
  window.benchSeen = {};
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || !node.classList.contains('task')) continue;
        const title = node.querySelector('.title')?.textContent || '';
        if (title.startsWith('bench change ') && !(title in window.benchSeen)) window.benchSeen[title] = at;
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

async function measureChanges(browser, base, token) {
  const context = await tokenContext(browser, base, token, watchRows);
  const page = await context.newPage();
  await page.goto(base);
  await interactiveMark(page);
  await page.locator('.state.online').waitFor({ timeout: 30000 });
  const times = [];
  const warmup = 20;
  for (let i = 0; i < warmup + changes; ++i) {
    const title = `bench change ${i}`;
    const sent = now();
    // Due before every seeded task, so it sorts into Today's first page of rows.
    await rest(base, 'POST', '/api/tasks', { title, due: isoDay(-31 - i) }, token);
    let seen;
    for (const end = Date.now() + 20000; !seen; await sleep(2)) {
      seen = await page.evaluate((t) => window.benchSeen[t], title);
      if (!seen && Date.now() > end) throw new Error(`${title} never reached the page`);
    }
    if (i >= warmup) times.push(seen - sent);
  }
  await context.close();
  return times;
}

// --- the desktop app and Chromium's app mode on one X display --------------

async function startXvfb() {
  for (let display = 90 + (process.pid % 50); display < 200; ++display) {
    if (existsSync(`/tmp/.X11-unix/X${display}`) || existsSync(`/tmp/.X${display}-lock`)) continue;
    const child = launch('Xvfb', [`:${display}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], process.env,
      ['ignore', 'ignore', 'pipe']);
    for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${display}`); ++i) await sleep(50);
    if (child.exitCode === null && existsSync(`/tmp/.X11-unix/X${display}`)) return { child, display: `:${display}` };
  }
  throw new Error('Xvfb did not start');
}

async function desktopStart(dataDir, display) {
  const started = now();
  const child = launch(tandem, ['--data-dir', dataDir, '--port', '0'],
    { ...quietEnv, DISPLAY: display, QT_QPA_PLATFORM: 'xcb', TANDEM_REPORT_FIRST_PAINT: '1' });
  const painted = Number((await waitForLine(child, /Tandem first window painted at (\d+)/, 'the desktop app'))[1]);
  await sleep(settleMs);
  const memory = pssMiB(child.pid);
  await stop(child);
  return { ms: painted - started, ...memory };
}

const chromiumFlags = (profile, url) => [
  `--user-data-dir=${profile}`, `--app=${url}`, '--remote-debugging-port=0', '--no-first-run',
  '--no-default-browser-check', '--password-store=basic', '--no-sandbox', '--window-size=1280,800',
];

// Each start gets a fresh copy of the signed-in profile: a profile a previous
// Chromium has just left can still be locked, and the next one then opens nothing.
let profileCopies = 0;
function freshProfile(template) {
  const copy = `${template}-run${++profileCopies}`;
  const skip = new Set(['DevToolsActivePort', 'SingletonLock', 'SingletonSocket', 'SingletonCookie']);
  cpSync(template, copy, { recursive: true, filter: (source) => !skip.has(source.slice(source.lastIndexOf('/') + 1)) });
  return copy;
}

async function chromiumSession(profile, url, display) {
  rmSync(join(profile, 'DevToolsActivePort'), { force: true });
  const started = now();
  const child = launch(browserPath, chromiumFlags(profile, url), { ...process.env, DISPLAY: display });
  let port;
  for (let i = 0; i < 600 && !port; ++i) {
    await sleep(25);
    try { port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]; } catch { /* not yet */ }
  }
  if (!port) throw new Error('Chromium did not open its debugging port');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  let page;
  const pages = () => browser.contexts().flatMap((c) => c.pages());
  for (const end = Date.now() + 60000; !page && Date.now() < end;) {
    page = pages().find((p) => p.url().startsWith(url));
    if (!page) await sleep(25);
  }
  if (!page) throw new Error(`Chromium opened no page at ${url}: ${pages().map((p) => p.url()).join(', ')}`);
  return { child, browser, page, started };
}

async function prepareProfile(profile, url, token, display) {
  const session = await chromiumSession(profile, url, display);
  await session.page.evaluate(([key, value]) => localStorage.setItem(key, value), ['tandem.token', token]);
  await session.page.reload();
  await interactiveMark(session.page);
  await session.browser.close();
  await stop(session.child);
}

async function chromiumStart(template, url, display) {
  const profile = freshProfile(template);
  const session = await chromiumSession(profile, url, display);
  const mark = await interactiveMark(session.page);
  await sleep(settleMs);
  const memory = pssMiB(session.child.pid);
  await session.browser.close().catch(() => {});
  await stop(session.child);
  rmSync(profile, { recursive: true, force: true });
  return { ms: mark.origin + mark.at - session.started, rows: mark.rows, ...memory };
}

// --- the run -------------------------------------------------------------------

async function main() {
  const dataDir = join(work, 'data');
  const setPassword = spawnSync(tandem, ['--set-password', '--data-dir', dataDir],
    { input: `${password}\n`, env: { ...quietEnv, QT_QPA_PLATFORM: 'offscreen' }, encoding: 'utf8' });
  if (setPassword.status !== 0) throw new Error(`--set-password failed: ${setPassword.stderr}`);
  let server = await startServer(dataDir);
  const base = server.url;
  const { token } = await rest(base, 'POST', '/api/auth/login', { username: server.username, password });
  const seconds = await seed(base, token);
  console.log(`seeded ${taskCount} tasks through POST /api/tasks in ${f1(seconds)} s (${f1(taskCount / seconds)} a second)`);
  // The desktop gets its own copy of the same data (the server keeps the original).
  await stop(server.child);
  cpSync(dataDir, join(work, 'desktop'), { recursive: true });
  server = await startServer(dataDir, new URL(base).port);

  const headless = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  const load = await measureLoads(headless, base, token);
  console.log(`page load to interactive (navigation start -> Today's ${load.rows} rows drawn, quick add focused), `
    + `headless Chromium, ${load.times.length} runs: median ${f1(median(load.times))} ms `
    + `(min ${f1(Math.min(...load.times))}, max ${f1(Math.max(...load.times))})`);
  const arrival = await measureChanges(headless, base, token);
  console.log(`a change's arrival (POST /api/tasks sent -> its row in the page), ${arrival.length} changes: `
    + `p50 ${f1(pct(arrival, 50))} ms, p99 ${f1(pct(arrival, 99))} ms, max ${f1(Math.max(...arrival))} ms`);
  await headless.close();

  const xvfb = await startXvfb();
  const profile = join(work, 'chromium-profile');
  await prepareProfile(profile, `${base}/`, token, xvfb.display);
  const desktop = [];
  const browser = [];
  for (let round = 0; round < starts; ++round) {
    // Alternate which goes first, so neither always starts on a cooler cache.
    const order = round % 2 ? ['chromium', 'desktop'] : ['desktop', 'chromium'];
    for (const side of order) {
      if (side === 'desktop') desktop.push(await desktopStart(join(work, 'desktop'), xvfb.display));
      else browser.push(await chromiumStart(profile, `${base}/`, xvfb.display));
    }
    const d = desktop[desktop.length - 1];
    const b = browser[browser.length - 1];
    console.log(`round ${round + 1}: desktop ${f1(d.ms)} ms, ${f1(d.mib)} MiB PSS in ${d.processes} process(es); `
      + `chromium --app ${f1(b.ms)} ms, ${f1(b.mib)} MiB PSS in ${b.processes} processes`);
  }
  const dMs = median(desktop.map((r) => r.ms));
  const bMs = median(browser.map((r) => r.ms));
  const dMiB = median(desktop.map((r) => r.mib));
  const bMiB = median(browser.map((r) => r.mib));
  console.log(`\nmedians of ${starts} starts on Xvfb ${xvfb.display} (1280x800), ${taskCount} tasks, ${settleMs} ms after the first frame:`);
  console.log(`  start-up   desktop ${f1(dMs)} ms (process start -> first window painted)  |  `
    + `chromium --app ${f1(bMs)} ms (process start -> dashboard drawn)  |  ratio ${(dMs / bMs).toFixed(2)} (aim <= 0.50)`);
  console.log(`  memory     desktop ${f1(dMiB)} MiB PSS  |  chromium --app ${f1(bMiB)} MiB PSS (every process)  |  `
    + `ratio ${(dMiB / bMiB).toFixed(2)} (aim <= 0.25)`);
  console.log(`RESULT web tasks=${taskCount} load_ms=${f1(median(load.times))} change_p50_ms=${f1(pct(arrival, 50))} `
    + `change_p99_ms=${f1(pct(arrival, 99))} desktop_start_ms=${f1(dMs)} chromium_start_ms=${f1(bMs)} `
    + `start_ratio=${(dMs / bMs).toFixed(3)} desktop_pss_mib=${f1(dMiB)} chromium_pss_mib=${f1(bMiB)} `
    + `pss_ratio=${(dMiB / bMiB).toFixed(3)} start_aim=${dMs / bMs <= 0.5 ? 'met' : 'not_met'} `
    + `pss_aim=${dMiB / bMiB <= 0.25 ? 'met' : 'not_met'}`);
  await stop(server.child);
  await stop(xvfb.child);
}

try {
  await main();
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else writeFileSync(join(work, 'KEPT'), 'bench/web --keep\n');
}
