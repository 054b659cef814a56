// Screenshots of the page for docs/ (run.mjs --shots docs).

import { join } from 'node:path';
import { check } from '../harness.mjs';

export async function screenshots({ base, signedInPage, chatSay }, shots) {
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
