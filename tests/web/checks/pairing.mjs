// Pairing end to end in the browser: a code issued for the
// desktop's account (as Settings ▸ Devices does, here through
// POST /api/devices/pairing-code) signs a phone-sized browser in through
// http://HOST:PORT/#pair=CODE; the code leaves the address bar, cannot be used
// twice, and revoking the device closes the phone's socket at once.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { check, rest } from '../harness.mjs';

const phoneAgent = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) '
  + 'Chrome/120.0.0.0 Mobile Safari/537.36';

// With `shots`, the pairing page at phone width is saved there as web-pairing.png.
export async function pairingChecks({ browser, base, token, shots }) {
  await check('pairing: a code from the desktop signs a phone in; revoking it signs the phone out at once', async () => {
    const issued = await rest(base, 'POST', '/api/devices/pairing-code', undefined, token);
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    const code = issued.json.code;

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, userAgent: phoneAgent });
    const phone = await context.newPage();
    await phone.goto(`${base}/#pair=${code}`);
    const name = phone.getByLabel('Name of this device');
    await name.waitFor();
    // The code is gone from the address bar (and so from the history).
    assert.equal(new URL(phone.url()).hash, '');
    assert.equal(await phone.getByLabel('Pairing code').inputValue(), code);
    assert.equal(await name.inputValue(), 'Chrome on Android');
    await name.fill('Test phone');
    if (shots) await phone.screenshot({ path: join(shots, 'web-pairing.png') });
    await phone.getByRole('button', { name: 'Pair this device' }).click();
    await phone.locator('.state.online').waitFor({ timeout: 10000 });
    // The token is kept like a password sign-in's, never in the URL.
    assert.ok(await phone.evaluate(() => localStorage.getItem('tandem.token')));
    assert.ok(!phone.url().includes(code));

    const listed = await rest(base, 'GET', '/api/devices', undefined, token);
    const device = listed.json.devices.find((d) => d.name === 'Test phone');
    assert.ok(device, JSON.stringify(listed.json));

    // The same code again: refused, saying what to do.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await other.goto(`${base}/#pair=${code}`);
    await other.getByRole('button', { name: 'Pair this device' }).click();
    await other.getByText(/This code does not work/).waitFor();
    // A typed code works from the sign-in page too.
    const second = await rest(base, 'POST', '/api/devices/pairing-code', undefined, token);
    await other.getByRole('button', { name: 'Sign in with a password instead' }).click();
    await other.getByRole('button', { name: 'Pair with a code instead' }).click();
    await other.getByLabel('Pairing code').fill(second.json.code.toLowerCase().replace('-', ' '));
    await other.getByRole('button', { name: 'Pair this device' }).click();
    await other.locator('.state.online').waitFor({ timeout: 10000 });
    await otherContext.close();

    // Revoking the phone (as the desktop's Revoke does) closes its socket at once.
    const started = Date.now();
    assert.equal((await rest(base, 'DELETE', `/api/devices/${device.id}`, undefined, token)).status, 204);
    await phone.getByText('You were signed out.').waitFor({ timeout: 2000 });
    assert.ok(Date.now() - started < 2000);
    await context.close();
  });
}
