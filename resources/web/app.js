// The web companion's entry point: sign-in, then the dashboard with the chat
// bubble, or the chat page at #/chat; the live connection's state in the header.

import { Api } from './api.js';
import { Chat } from './chat.js';
import { Dashboard } from './dashboard.js';
import { Live } from './live.js';
import { showPairing, takePairingCode } from './pair.js';
import { el, clear, toast } from './util.js';

const api = new Api();
const app = document.getElementById('app');
let live = null;

function signIn(message) {
  if (live) live.stop();
  live = null;
  clear(app);
  const username = el('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'error', role: 'alert' }, message || '');
  const submit = el('button', { class: 'primary', type: 'submit' }, 'Sign in');
  const form = el('form', {
    class: 'signin card',
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const answer = await api.login(username.value.trim(), password.value);
        api.setToken(answer.token);
        start();
      } catch (failure) {
        error.textContent = failure.code === 'invalid_credentials'
          ? 'Wrong username or password.'
          : failure.code === 'rate_limited'
            ? `Too many failed attempts. Try again in ${failure.retryAfter} s.`
            : failure.message;
        submit.disabled = false;
      }
    },
  },
  el('h1', {}, 'Tandem'),
  el('p', { class: 'muted' }, 'Sign in with the username shown in Tandem’s Settings on your desktop.'),
  el('label', { class: 'field' }, el('span', {}, 'Username'), username),
  el('label', { class: 'field' }, el('span', {}, 'Password'), password),
  error, submit,
  el('p', {}, el('button', { type: 'button', class: 'link', onclick: () => pair('') }, 'Pair with a code instead')));
  app.append(el('main', {}, form));
  username.focus();
}

function pair(code) {
  if (live) live.stop();
  live = null;
  showPairing(api, app, code, start, () => signIn());
}

async function start() {
  let me;
  try {
    me = await api.me();
  } catch (error) {
    if (error.status === 401) signIn();
    else signIn(`The server cannot be reached: ${error.message}`);
    return;
  }
  clear(app);
  live = new Live(api);
  const state = el('span', { class: 'state', role: 'status' }, 'connecting…');
  const showState = () => {
    const waiting = live.outbox.length;
    const text = { connecting: 'connecting…', online: 'live', reconnecting: 'reconnecting…', offline: 'offline' }[live.state];
    state.textContent = waiting ? `${text} · ${waiting} change${waiting === 1 ? '' : 's'} waiting` : text;
    state.className = `state ${live.state}`;
  };
  live.addEventListener('state', showState);
  live.addEventListener('outbox', showState);
  live.addEventListener('revoked', () => { api.setToken(''); signIn('You were signed out.'); });

  const dashboard = new Dashboard(api, live);
  const openTask = async (id) => {
    location.hash = '';
    try {
      dashboard.edit((await api.task(id)).task);
    } catch {
      toast('That task no longer exists.');
    }
  };
  const chat = new Chat(api, live, openTask);
  const header = el('header', { class: 'topbar' },
    el('h1', { class: 'brand' }, 'Tandem'), state, el('span', { class: 'grow' }),
    el('span', { class: 'muted user' }, me.user.username),
    el('button', {
      onclick: async () => {
        await api.logout().catch(() => {});
        api.setToken('');
        live.clearOutbox();
        signIn();
      },
    }, 'Sign out'));
  const dashboardView = el('div', { class: 'dashboard-view' }, header, dashboard.root);
  app.append(dashboardView, chat.page, chat.widget, chat.bubble);

  const route = () => {
    const onChat = location.hash === '#/chat';
    dashboardView.hidden = onChat;
    chat.setMode(onChat ? 'page' : chat.mode === 'page' ? 'widget' : chat.mode);
  };
  window.onhashchange = route;
  route();
  document.onkeydown = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select, dialog')) return;
    if (e.key === '/') { e.preventDefault(); dashboard.search.focus(); }
    if (e.key === 'n') { e.preventDefault(); dashboard.quick.focus(); }
  };
  await dashboard.load();
  // Ready to type a task (after signing in the keyboard was on a form that is gone).
  if (!document.activeElement || document.activeElement === document.body) dashboard.quick.focus();
  // The list is drawn and the keyboard is ready: bench/web times the page to here.
  performance.mark('tandem-interactive');
  live.start(dashboard.seq ?? 0);
  chat.loadSessions();
}

api.onUnauthorized = () => {
  api.setToken('');
  signIn('Your session ended. Sign in again.');
};

const pairingCode = takePairingCode();
if (pairingCode) pair(pairingCode);
else if (api.token) start();
else signIn();
