// Pairing: a browser signs in with the one-time code the desktop shows in
// Settings ▸ Devices (scanned as a QR code of …/#pair=CODE, or typed), and
// gets a device token that the desktop lists and can revoke. The code leaves
// the address bar at once: it is not a secret worth keeping in the history.

import { el, clear } from './util.js';

// The code in "#pair=CODE", removed from the address bar; or ''.
export function takePairingCode() {
  const match = /^#pair=([^&]*)$/.exec(location.hash);
  if (!match) return '';
  history.replaceState(null, '', location.pathname + location.search);
  try {
    return decodeURIComponent(match[1]).slice(0, 32);
  } catch {
    return '';
  }
}

// A name for this browser the user can keep or change: "Chrome on Android".
export function guessDeviceName(userAgent = navigator.userAgent) {
  const browser = /Edg\//.test(userAgent) ? 'Edge'
    : /Firefox\//.test(userAgent) ? 'Firefox'
      : /Chrome\//.test(userAgent) ? 'Chrome'
        : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  const system = /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
      : /Mac OS X/.test(userAgent) ? 'macOS'
        : /Windows/.test(userAgent) ? 'Windows'
          : /Linux/.test(userAgent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}

// What went wrong, said so the person knows what to do next.
export function pairingErrorText(failure) {
  if (failure.code === 'invalid_pairing_code')
    return 'This code does not work: it was used already, it expired (codes last 10 minutes) or it was mistyped. '
      + 'Show a new one in Tandem on your desktop: Settings ▸ Devices.';
  if (failure.code === 'rate_limited') return `Too many wrong codes. Try again in ${failure.retryAfter} s.`;
  if (failure.field === 'deviceName') return `Device name: ${failure.message}.`;
  return failure.message;
}

// The pairing form in `app`; `onPaired()` once this browser holds a token,
// `onPassword()` to sign in with a password instead.
export function showPairing(api, app, code, onPaired, onPassword) {
  clear(app);
  const codeInput = el('input', {
    name: 'code', required: true, autocomplete: 'one-time-code', autocapitalize: 'characters',
    spellcheck: 'false', placeholder: 'XXXX-XXXX', maxlength: '16', value: code || '',
  });
  const name = el('input', { name: 'deviceName', required: true, maxlength: '64', value: guessDeviceName() });
  const error = el('p', { class: 'error', role: 'alert' });
  const submit = el('button', { class: 'primary', type: 'submit' }, 'Pair this device');
  const form = el('form', {
    class: 'signin card',
    'aria-labelledby': 'pair-title',
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const answer = await api.pair(codeInput.value.trim(), name.value.trim());
        api.setToken(answer.token);
        onPaired();
      } catch (failure) {
        error.textContent = pairingErrorText(failure);
        submit.disabled = false;
      }
    },
  },
  el('h1', { id: 'pair-title' }, 'Pair with Tandem'),
  el('p', { class: 'muted' },
    'Pairing signs this browser in without a password. The desktop lists it under Settings ▸ Devices, '
    + 'where you can sign it out at any time.'),
  el('label', { class: 'field' }, el('span', {}, 'Pairing code'), codeInput),
  el('label', { class: 'field' }, el('span', {}, 'Name of this device'), name),
  error, submit,
  el('p', {}, el('button', { type: 'button', class: 'link', onclick: onPassword }, 'Sign in with a password instead')));
  app.append(el('main', {}, form));
  (code ? name : codeInput).focus();
}
