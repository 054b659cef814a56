// The AI Task Assistant in the browser: a round bubble with an unread badge
// that opens a chat widget, and a full chat page (#/chat) with the
// conversations in a sidebar. Messages go to POST …/messages; replies arrive
// in its answer and, for other windows, as chat_message_created events.

import { Drawer } from './drawer.js';
import { el, clear, formatTime, icon, timeZone, toast, uuid } from './util.js';

export class Chat {
  constructor(api, live, openTask) {
    this.api = api;
    this.live = live;
    this.openTask = openTask;
    this.sessions = [];
    this.current = null;
    this.messages = [];
    this.unread = 0;
    this.mode = 'bubble'; // 'bubble' | 'widget' | 'page'
    this.titles = new Map(); // task id -> last known title, for chips
    this.build();
    live.addEventListener('change', (e) => this.event(e.detail));
    live.addEventListener('reset', () => this.loadSessions());
  }

  build() {
    this.badge = el('span', { class: 'badge', hidden: true });
    this.bubble = el('button', {
      class: 'bubble', 'aria-label': 'Open the AI Task Assistant', onclick: () => this.setMode('widget'),
    }, icon('chat'), this.badge);
    // Focusable so it scrolls with the keyboard too.
    this.log = el('ol', { class: 'messages', 'aria-label': 'Messages', 'aria-live': 'polite', tabindex: '0' });
    this.input = el('textarea', {
      rows: '1', placeholder: 'Ask or tell the assistant…', 'aria-label': 'Message', maxlength: '4000',
      onkeydown: (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.send(); } },
    });
    this.composer = el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); this.send(); } },
      this.input, el('button', { class: 'primary', type: 'submit' }, 'Send'));
    this.title = el('span', { class: 'chat-title' });
    this.widget = el('section', {
      class: 'chat-widget', 'aria-label': 'AI Task Assistant', hidden: true,
      onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); this.minimize(); } },
    },
    el('header', {},
      el('strong', {}, 'AI Task Assistant'), this.title.cloneNode(),
      el('span', { class: 'grow' }),
      el('button', { class: 'icon', 'aria-label': 'Expand to the chat page', onclick: () => { location.hash = '#/chat'; } }, icon('expand')),
      el('button', { class: 'icon', 'aria-label': 'Minimize', onclick: () => this.minimize() }, '–')));
    this.sidebar = el('ul', { class: 'sessions', 'aria-label': 'Conversations' });
    this.drawer = new Drawer();
    this.side = el('aside', { class: 'chat-side', id: 'chat-side', 'aria-label': 'Conversations' },
      el('button', { class: 'primary', onclick: () => this.newSession() }, 'New chat'), this.sidebar);
    this.page = el('div', {
      class: 'chat-page', hidden: true,
      onkeydown: (e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        if (this.drawer.isOpen) this.drawer.close(true);
        else this.leavePage();
      },
    },
    el('header', { class: 'navbar' },
      this.drawer.toggle,
      el('h1', {}, 'AI Task Assistant'), el('span', { class: 'sep' }, '·'), this.title,
      el('span', { class: 'grow' }),
      el('button', { onclick: () => this.leavePage() }, 'Minimize')),
    el('div', { class: 'chat-body' }, this.side, this.drawer.scrim, el('main', { class: 'chat-main' })));
    this.drawer.attach(this.side);
  }

  // Back to the bubble, with the keyboard on it.
  minimize() {
    this.setMode('bubble');
    this.bubble.focus();
  }

  // Back to the dashboard, with a clean address (no trailing "#").
  leavePage() {
    history.pushState(null, '', location.pathname + location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }

  // Moves the message log and the composer to where the chat is shown.
  setMode(mode) {
    this.mode = mode;
    this.bubble.hidden = mode !== 'bubble';
    this.widget.hidden = mode !== 'widget';
    this.page.hidden = mode !== 'page';
    if (mode !== 'page') this.drawer.close(false);
    const host = mode === 'page' ? this.page.querySelector('.chat-main') : this.widget;
    host.append(this.log, this.composer);
    if (mode !== 'bubble') {
      this.unread = 0;
      this.showBadge();
      this.scroll();
      this.input.focus();
    }
  }

  showBadge() {
    this.badge.hidden = this.unread === 0;
    this.badge.textContent = this.unread > 9 ? '9+' : String(this.unread);
  }

  async loadSessions() {
    try {
      this.sessions = (await this.api.sessions()).sessions;
      if (!this.sessions.length) this.sessions = [(await this.api.createSession()).session];
      const keep = this.current && this.sessions.find((s) => s.id === this.current.id);
      await this.open(keep || this.sessions[0]);
    } catch (error) {
      if (error.status !== 401) toast(`The assistant is unavailable: ${error.message}`);
    }
  }

  renderSessions() {
    clear(this.sidebar);
    for (const session of this.sessions) {
      const active = this.current && session.id === this.current.id;
      this.sidebar.append(el('li', { class: active ? 'active' : '' },
        el('button', { class: 'session', 'aria-current': active ? 'true' : undefined, onclick: () => this.open(session) },
          el('span', { class: 'name' }, session.title),
          el('span', { class: 'when' }, new Date(session.updatedAt).toLocaleDateString())),
        el('button', { class: 'icon', 'aria-label': `Rename “${session.title}”`, onclick: () => this.rename(session) }, icon('pencil')),
        el('button', { class: 'icon', 'aria-label': `Delete “${session.title}”`, onclick: () => this.remove(session) }, icon('trash'))));
    }
    for (const node of document.querySelectorAll('.chat-title')) node.textContent = this.current ? this.current.title : '';
  }

  async open(session) {
    // Chosen in the drawer: close it (before the redraw takes the focused button away).
    const fromDrawer = this.drawer.isOpen;
    this.drawer.close(false);
    this.current = session;
    this.renderSessions();
    if (fromDrawer) this.input.focus();
    this.messages = (await this.api.messages(session.id)).messages;
    this.renderMessages();
  }

  async newSession() {
    const session = (await this.api.createSession()).session;
    this.sessions.unshift(session);
    await this.open(session);
    this.input.focus();
  }

  async rename(session) {
    const title = prompt('Rename the conversation', session.title);
    if (title && title.trim()) await this.api.renameSession(session.id, title.trim()).catch((e) => toast(e.message));
  }

  async remove(session) {
    if (!confirm(`Delete the conversation “${session.title}”?`)) return;
    await this.api.deleteSession(session.id).catch((e) => toast(e.message));
  }

  renderMessages() {
    clear(this.log);
    if (!this.messages.length) {
      this.log.append(el('li', { class: 'message assistant greeting' },
        el('p', {}, 'Hi! Tell me what to do: “add call mom tomorrow at 6pm”, “what’s due this week?”, “mark the report as done”.')));
    }
    for (const message of this.messages) this.log.append(this.bubbleFor(message));
    const last = this.messages[this.messages.length - 1];
    if (last && last.role === 'assistant' && /\((yes|y) \/ (no|n)\)|\?\s*$/.test(last.content) && /yes/i.test(last.content)) {
      this.log.append(el('li', { class: 'quick-replies' },
        el('button', { onclick: () => this.send('yes') }, 'Yes'),
        el('button', { onclick: () => this.send('no') }, 'No')));
    }
    this.scroll();
  }

  bubbleFor(message) {
    const chips = el('div', { class: 'chips' });
    for (const action of message.actions || []) {
      const chip = el('button', { class: `chip ${action.kind}`, onclick: () => this.openTask(action.taskId) },
        `${action.kind} · ${this.titles.get(action.taskId) || '…'}`);
      chips.append(chip);
      if (!this.titles.has(action.taskId)) {
        this.api.task(action.taskId).then((answer) => {
          this.titles.set(action.taskId, answer.task.title);
          chip.textContent = `${action.kind} · ${answer.task.title}`;
        }).catch(() => { chip.textContent = `${action.kind} · a deleted task`; });
      }
    }
    return el('li', { class: `message ${message.role}` },
      ...message.content.split('\n').map((line) => el('p', {}, line)),
      message.actions && message.actions.length ? chips : null,
      el('time', { datetime: message.createdAt }, formatTime(message.createdAt)));
  }

  scroll() {
    requestAnimationFrame(() => { this.log.scrollTop = this.log.scrollHeight; });
  }

  async send(text) {
    const content = (text ?? this.input.value).trim();
    if (!content || !this.current) return;
    if (text === undefined) this.input.value = '';
    const pending = el('li', { class: 'message user pending' }, el('p', {}, content));
    this.log.append(pending);
    this.scroll();
    try {
      const turn = await this.api.send(this.current.id, content, timeZone(), uuid());
      for (const message of [turn.userMessage, turn.assistantMessage]) this.add(message, false);
    } catch (error) {
      pending.remove();
      if (text === undefined) this.input.value = content;
      toast(error.code === 'rate_limited' ? `Slow down: try again in ${error.retryAfter} s.` : error.message);
    }
  }

  add(message, fromElsewhere) {
    if (!this.current || message.sessionId !== this.current.id) return;
    if (this.messages.some((m) => m.id === message.id)) return;
    this.messages.push(message);
    this.renderMessages();
    if (fromElsewhere && message.role === 'assistant' && this.mode === 'bubble') {
      this.unread += 1;
      this.showBadge();
    }
  }

  event(change) {
    const data = change.data;
    if (change.type === 'chat_message_created') this.add(data.message, true);
    else if (change.type.startsWith('chat_session_')) {
      const index = this.sessions.findIndex((s) => s.id === data.session.id);
      if (change.type === 'chat_session_deleted') {
        if (index >= 0) this.sessions.splice(index, 1);
        if (this.current && this.current.id === data.session.id) this.loadSessions();
      } else if (index >= 0) {
        this.sessions[index] = data.session;
        if (this.current && this.current.id === data.session.id) this.current = data.session;
      } else {
        this.sessions.unshift(data.session);
      }
      this.sessions.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      this.renderSessions();
    } else if (change.type.startsWith('task_')) {
      this.titles.set(data.task.id, data.task.title);
    }
  }
}
