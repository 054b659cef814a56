// The page's counterpart of SyncClient: one WebSocket to /ws that applies the
// change stream in seq order, asks sync_request after a gap or a reconnect,
// reconnects with full-jitter backoff, and keeps the user's changes made while
// disconnected in an outbox (localStorage), replayed with their opIds, so
// nothing is lost and nothing is done twice.
//
// Events: 'state' (detail: 'connecting' | 'online' | 'reconnecting' |
// 'offline'), 'change' (detail: a change event from the server), 'reset' (a
// snapshot replaced everything), 'outbox' (its length changed), 'revoked'
// (the token was signed out: close 4001).

import { uuid } from './util.js';

const OUTBOX_KEY = 'tandem.outbox';

export class Live extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    this.socket = null;
    this.state = 'offline';
    this.applied = -1; // the last seq applied; -1 before the first load
    this.attempt = 0;
    this.timer = 0;
    this.pending = new Map(); // opId -> {resolve, reject} of commands sent on this page
    this.outbox = JSON.parse(localStorage.getItem(OUTBOX_KEY) || '[]');
    this.stopped = true;
  }

  // The seq the page's first REST load reflected: events after it follow.
  start(seq) {
    this.applied = seq;
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000);
    this.socket = null;
    this.setState('offline');
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  connect() {
    clearTimeout(this.timer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket = socket;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', data: { token: this.api.token } }));
    socket.onmessage = (message) => this.receive(JSON.parse(message.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === 4001 || event.code === 1008) {
        this.stopped = true;
        this.setState('offline');
        this.dispatchEvent(new CustomEvent('revoked', { detail: event.reason }));
        return;
      }
      if (!this.stopped) this.retry();
    };
  }

  // Full jitter: a random wait between 0 and min(30 s, 0.5 s x 2^attempt).
  retry() {
    const cap = Math.min(30000, 500 * 2 ** Math.min(this.attempt, 6));
    const wait = Math.floor(Math.random() * cap);
    this.attempt += 1;
    this.setState('reconnecting');
    this.retryAt = Date.now() + wait;
    this.timer = setTimeout(() => this.connect(), wait);
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  receive(message) {
    switch (message.type) {
      case 'welcome':
        this.attempt = 0;
        this.setState('online');
        // Catch up from what the page shows (the load or the last event applied).
        this.send({ type: 'sync_request', data: this.applied >= 0 ? { since: this.applied } : {} });
        this.flush();
        return;
      case 'sync_response':
        this.syncResponse(message.data);
        return;
      case 'heartbeat':
        if (message.data.seq > this.applied) this.send({ type: 'sync_request', data: { since: this.applied } });
        return;
      case 'ack':
      case 'error':
        this.settle(message);
        return;
      default:
        if (typeof message.seq === 'number') this.event(message);
    }
  }

  event(message) {
    if (message.seq <= this.applied) return;
    if (message.seq !== this.applied + 1) {
      this.send({ type: 'sync_request', data: { since: this.applied } });
      return;
    }
    this.applied = message.seq;
    this.dispatchEvent(new CustomEvent('change', { detail: message }));
  }

  syncResponse(data) {
    if (data.full) {
      this.applied = data.seq;
      this.dispatchEvent(new CustomEvent('reset', { detail: data }));
      return;
    }
    for (const change of data.changes) this.event(change);
    if (data.more) this.send({ type: 'sync_request', data: { since: this.applied } });
  }

  // A task command through the outbox: sent now when online, else when the
  // socket comes back, with the same opId. Resolves with the server's ack.
  command(type, data) {
    const entry = { opId: uuid(), type, data };
    this.outbox.push(entry);
    this.saveOutbox();
    const done = new Promise((resolve, reject) => this.pending.set(entry.opId, { resolve, reject }));
    if (this.state === 'online') this.send({ type, opId: entry.opId, data });
    return done;
  }

  flush() {
    for (const entry of this.outbox) this.send({ type: entry.type, opId: entry.opId, data: entry.data });
  }

  settle(message) {
    const index = this.outbox.findIndex((entry) => entry.opId === message.opId);
    if (index >= 0) {
      this.outbox.splice(index, 1);
      this.saveOutbox();
    }
    const waiter = this.pending.get(message.opId);
    if (!waiter) return;
    this.pending.delete(message.opId);
    if (message.type === 'ack') waiter.resolve(message.data);
    else waiter.reject(Object.assign(new Error(message.data.message), message.data));
  }

  saveOutbox() {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify(this.outbox));
    this.dispatchEvent(new CustomEvent('outbox', { detail: this.outbox.length }));
  }

  clearOutbox() {
    this.outbox = [];
    this.saveOutbox();
  }
}
