// axe-core (pinned in package.json) on every screen of the page, at desktop
// (1280) and phone (360) widths, light and dark: no serious or critical
// violation. The page's CSP forbids injected script, as it should, so these
// pages live in their own browser context with bypassCSP (the other checks keep
// the CSP). A canary first: a nameless button planted in the page must be
// reported, so a broken injection cannot pass silently.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { check, rest } from '../harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.addScriptTag({ path: axePath });
}

async function runAxe(page) {
  await injectAxe(page);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 4),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ') })));
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[v.impact] += 1;
  return { violations, counts };
}

export async function axeChecks({ browser, base, token, password }) {
  await rest(base, 'POST', '/api/tasks', { title: 'Checked by axe', priority: 'high', tags: ['a11y'], due: '2026-01-05' }, token);
  const totals = { critical: 0, serious: 0, moderate: 0, minor: 0 };

  await check('axe: it runs, and reports a planted violation', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByLabel('Username').waitFor();
    await page.evaluate(() => {
      const planted = document.createElement('button');
      planted.className = 'axe-canary';
      document.body.append(planted);
    });
    const { violations } = await runAxe(page);
    const canary = violations.find((v) => v.id === 'button-name');
    assert.ok(canary && canary.impact === 'critical' && canary.targets.includes('.axe-canary'), JSON.stringify(violations));
    await context.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      await check(`axe: no serious or critical violation, ${colorScheme}, ${width} px`, async () => {
        const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width, height: 800 } });
        const page = await context.newPage();
        const found = [];
        const scan = async (screen) => {
          const { violations, counts } = await runAxe(page);
          for (const key of Object.keys(totals)) totals[key] += counts[key];
          const ids = violations.map((v) => `${v.id} (${v.impact})`).join(', ');
          console.log(`       axe ${colorScheme} ${width} ${screen}: critical ${counts.critical}, serious ${counts.serious}, `
            + `moderate ${counts.moderate}, minor ${counts.minor}${ids ? `: ${ids}` : ''}`);
          for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
            found.push(`${screen}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}: ${v.summary}`);
          }
        };
        await page.goto(base);
        await page.getByLabel('Username').waitFor();
        await scan('sign-in');
        await page.getByRole('button', { name: 'Pair with a code instead' }).click();
        await page.getByLabel('Pairing code').waitFor();
        await scan('pairing');
        await page.getByRole('button', { name: 'Sign in with a password instead' }).click();
        await page.getByLabel('Username').fill('alice');
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('.state.online').waitFor();
        await page.getByRole('button', { name: /^All/ }).click();
        await page.locator('.task', { hasText: 'Checked by axe' }).waitFor();
        await scan('dashboard');
        const done = `Toasted ${colorScheme} ${width}`;
        await rest(base, 'POST', '/api/tasks', { title: done }, token);
        await page.locator('.task', { hasText: done }).locator('input[type=checkbox]').click();
        await page.locator('.toast', { hasText: done }).waitFor();
        await scan('dashboard with a toast');
        await page.locator('.task-title', { hasText: 'Checked by axe' }).click();
        await page.getByRole('dialog', { name: 'Edit task' }).waitFor();
        await scan('edit dialog');
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Open the AI Task Assistant' }).click();
        await page.locator('.chat-widget .messages li').first().waitFor();
        await scan('chat widget');
        await page.locator('.chat-widget').getByRole('button', { name: 'Expand to the chat page' }).click();
        await page.locator('.chat-page .messages li').first().waitFor();
        await scan('chat page');
        if (width < 700) {
          await page.getByRole('button', { name: 'Conversations' }).click();
          await page.locator('.chat-side.open').waitFor();
          await scan('chat page, conversations drawer');
        }
        await context.close();
        assert.deepEqual(found, []);
      });
    }
  }
  console.log(`       axe totals over every screen: critical ${totals.critical}, serious ${totals.serious}, `
    + `moderate ${totals.moderate}, minor ${totals.minor}`);
}
