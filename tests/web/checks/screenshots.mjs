// Screenshots of the page for docs/ (run.mjs --shots docs): desktop (1280) and
// phone (360), light and dark, of an account with a tidy set of tasks.

import { join } from 'node:path';
import { check, rest } from '../harness.mjs';

const TASKS = [
  { text: 'Send the quarterly report to Dana today 5pm #work p1' },
  { text: 'Book the dentist tomorrow #health' },
  { text: 'Water the plants today #home' },
  { text: 'Renew the passport next friday #admin p2' },
  { text: 'Call Alex about the trip #family' },
  { text: 'Review the pull request for the sync client today #work' },
];

export async function screenshots({ base, password, signedInPage, chatSay }, shots) {
  await check('screenshots at desktop and phone widths, light and dark', async () => {
    const account = await rest(base, 'POST', '/api/auth/register', { username: 'sam', password });
    const token = account.json.token;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    for (const { text } of TASKS) await rest(base, 'POST', '/api/tasks/quick', { text, timeZone }, token);
    await rest(base, 'POST', '/api/tasks', { title: 'Pay the electricity bill', due: '2026-01-02', priority: 'high' }, token);
    const done = await rest(base, 'POST', '/api/tasks', { title: 'Buy a birthday card for Mia' }, token);
    await rest(base, 'PATCH', `/api/tasks/${done.json.task.id}`, { status: 'completed' }, token);
    const shot = (page, name) => page.screenshot({ path: join(shots, name) });

    for (const colorScheme of ['light', 'dark']) {
      const dark = colorScheme === 'dark' ? '-dark' : '';
      const desk = await signedInPage(1280, 800, { colorScheme }, 'sam');
      await desk.getByRole('button', { name: /^All/ }).click();
      await desk.locator('.task', { hasText: 'Call Alex' }).waitFor();
      await shot(desk, `web-dashboard${dark}.png`);
      await desk.getByRole('button', { name: 'Open the AI Task Assistant' }).click();
      await chatSay(desk, 'what is due this week?');
      await shot(desk, `web-chat-widget${dark}.png`);
      await desk.goto(`${base}/#/chat`);
      await desk.locator('.chat-page .messages li').first().waitFor();
      await shot(desk, `web-chat-page${dark}.png`);
      await desk.context().close();

      const phone = await signedInPage(360, 760, { colorScheme }, 'sam');
      await phone.getByRole('button', { name: /^All/ }).click();
      await phone.locator('.task', { hasText: 'Call Alex' }).waitFor();
      await shot(phone, `web-phone${dark}.png`);
      await phone.goto(`${base}/#/chat`);
      await phone.locator('.chat-page .messages li').first().waitFor();
      await phone.getByRole('button', { name: 'Conversations' }).click();
      await phone.locator('.chat-side.open').waitFor();
      await shot(phone, `web-phone-chat${dark}.png`);
      await phone.context().close();
    }
  });
}
