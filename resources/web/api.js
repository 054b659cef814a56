// The REST API (docs/protocol.md) as the page uses it. The sign-in token is
// kept in localStorage under "tandem.token": it must survive a reload on a
// phone, it never goes into a URL, and the page's Content-Security-Policy
// allows no inline or foreign script that could read it.

const TOKEN_KEY = 'tandem.token';

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `the server answered ${status}`);
    this.status = status;
    this.code = error.code || 'network';
    this.field = error.field;
    this.retryAfter = error.retryAfter;
    this.task = error.task;
  }
}

export class Api {
  constructor() {
    this.token = localStorage.getItem(TOKEN_KEY) || '';
    this.onUnauthorized = () => {};
  }

  setToken(token) {
    this.token = token || '';
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  }

  async request(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (this.token) init.headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new ApiError(0, { error: { code: 'network', message: 'the server cannot be reached' } });
    }
    const text = response.status === 204 ? '' : await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401 && this.token) this.onUnauthorized(error);
      throw error;
    }
    return data;
  }

  login(username, password) {
    return this.request('POST', '/api/auth/login', { username, password });
  }
  pair(code, deviceName) {
    return this.request('POST', '/api/auth/pair', { code, deviceName });
  }
  logout() {
    return this.request('POST', '/api/auth/logout');
  }
  me() {
    return this.request('GET', '/api/auth/me');
  }
  tasks(params) {
    return this.request('GET', `/api/tasks?${new URLSearchParams(params)}`);
  }
  task(id) {
    return this.request('GET', `/api/tasks/${encodeURIComponent(id)}`);
  }
  lists(timeZone) {
    return this.request('GET', `/api/tasks/lists?${new URLSearchParams({ timeZone })}`);
  }
  quickAdd(text, timeZone, opId) {
    return this.request('POST', '/api/tasks/quick', { text, timeZone }, { 'Idempotency-Key': opId });
  }
  restore(id, opId) {
    return this.request('POST', `/api/tasks/${encodeURIComponent(id)}/restore`, undefined, { 'Idempotency-Key': opId });
  }
  sessions() {
    return this.request('GET', '/api/chat/sessions');
  }
  createSession(title) {
    return this.request('POST', '/api/chat/sessions', title ? { title } : {});
  }
  renameSession(id, title) {
    return this.request('PATCH', `/api/chat/sessions/${encodeURIComponent(id)}`, { title });
  }
  deleteSession(id) {
    return this.request('DELETE', `/api/chat/sessions/${encodeURIComponent(id)}`);
  }
  messages(id) {
    return this.request('GET', `/api/chat/sessions/${encodeURIComponent(id)}/messages?limit=200`);
  }
  send(id, content, timeZone, opId) {
    return this.request('POST', `/api/chat/sessions/${encodeURIComponent(id)}/messages`, { content, timeZone },
      { 'Idempotency-Key': opId });
  }
}
