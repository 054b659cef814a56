// A long list comes a page at a time: the page asks for 200 rows and offers
// "Show more" for the next 200. The tasks are deleted again afterwards.

import assert from 'node:assert/strict';
import { check, rest } from '../harness.mjs';

export async function pagingChecks({ base, token, signedInPage }) {
  await check('a long list shows 200 rows and "Show more" for the rest', async () => {
    const tag = 'paged';
    const posts = [];
    const ids = [];
    const keep = (answer) => ids.push(answer.json.task.id);
    for (let i = 0; i < 230; ++i) {
      posts.push(rest(base, 'POST', '/api/tasks', { title: `Paged task ${String(i).padStart(3, '0')}`, tags: [tag] }, token)
        .then(keep));
      if (posts.length === 20) await Promise.all(posts.splice(0));
    }
    await Promise.all(posts);
    const page = await signedInPage();
    const requests = [];
    page.on('request', (request) => { if (request.url().includes('/api/tasks?')) requests.push(request.url()); });
    await page.getByRole('navigation', { name: 'Lists' }).getByRole('button', { name: `#${tag}` }).click();
    const rows = page.locator('.task', { hasText: 'Paged task' });
    await page.getByRole('button', { name: 'Show more' }).waitFor();
    assert.equal(await rows.count(), 200);
    assert.match(requests.at(-1), /limit=200/);
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.locator('.task', { hasText: 'Paged task 229' }).waitFor();
    assert.equal(await rows.count(), 230);
    assert.equal(await page.getByRole('button', { name: 'Show more' }).count(), 0);
    assert.match(await page.getByRole('navigation', { name: 'Lists' }).getByRole('button', { name: `#${tag}` }).innerText(), /230/);
    // Deleted elsewhere (the other checks expect a short list): the rows go,
    // and the counts, re-read at most once a second, follow.
    while (ids.length) {
      await Promise.all(ids.splice(0, 20).map((id) => rest(base, 'DELETE', `/api/tasks/${id}`, undefined, token)));
    }
    await page.getByRole('navigation', { name: 'Lists' }).getByRole('button', { name: `#${tag}` })
      .waitFor({ state: 'detached', timeout: 5000 });
    await page.context().close();
  });
}
