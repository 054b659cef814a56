// Small helpers shared by the page's modules. Everything a user or the server
// wrote is put into the page as text (textContent), never as HTML.

// el('button', {class: 'x', onclick: fn, 'aria-label': 'Close'}, 'text', child, ...)
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// "2026-11-27" or "2026-11-27T09:30:00+01:00" -> "Fri 27 Nov" / "Fri 27 Nov, 09:30".
// The formatters are made once: toLocale…String makes one per call, which
// costs more than the rest of a row when a list has thousands.
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
export function formatDue(due) {
  if (!due) return '';
  const dateOnly = due.length === 10;
  const date = dateOnly ? new Date(`${due}T00:00:00`) : new Date(due);
  const today = new Date();
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((day - startOfToday) / 86400000);
  let text;
  if (days === 0) text = 'Today';
  else if (days === 1) text = 'Tomorrow';
  else if (days === -1) text = 'Yesterday';
  else text = dayFormat.format(date);
  if (!dateOnly) text += `, ${timeFormat.format(date)}`;
  return text;
}

// A task's repeat rule in words: "Daily", "Every 2 weeks on Mon, Thu", "Monthly on day 31".
// The wire form is in docs/protocol.md ("Repeating tasks").
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export function describeRepeat(rule) {
  if (!rule) return '';
  const n = rule.interval || 1;
  const days = (rule.weekdays || []).map((d) => WEEKDAY_NAMES[WEEKDAYS.indexOf(d)]).filter(Boolean);
  switch (rule.unit) {
    case 'day': return n === 1 ? 'Daily' : `Every ${n} days`;
    case 'week': {
      if (n === 1 && days.join() === 'Mon,Tue,Wed,Thu,Fri') return 'Every weekday';
      const every = n === 1 ? 'Weekly' : `Every ${n} weeks`;
      return days.length ? `${every} on ${days.join(', ')}` : every;
    }
    case 'month': {
      const every = n === 1 ? 'Monthly' : `Every ${n} months`;
      return rule.monthDay ? `${every} on day ${rule.monthDay}` : every;
    }
    case 'year': return n === 1 ? 'Yearly' : `Every ${n} years`;
    default: return '';
  }
}

// The common rules the edit dialog offers, for a task due on `date` ("YYYY-MM-DD").
export function repeatPresets(date) {
  const day = date ? new Date(`${date}T00:00:00`) : new Date();
  const weekday = WEEKDAYS[(day.getDay() + 6) % 7];
  return {
    daily: { unit: 'day', interval: 1 },
    weekdays: { unit: 'week', interval: 1, weekdays: WEEKDAYS.slice(0, 5) },
    weekly: { unit: 'week', interval: 1, weekdays: [weekday] },
    monthly: { unit: 'month', interval: 1, monthDay: day.getDate() },
    yearly: { unit: 'year', interval: 1 },
  };
}

export function isPast(due) {
  if (!due) return false;
  if (due.length === 10) {
    const end = new Date(`${due}T00:00:00`);
    end.setDate(end.getDate() + 1);
    return end <= new Date();
  }
  return new Date(due) <= new Date();
}

export function formatTime(iso) {
  return timeFormat.format(new Date(iso));
}

export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Calls `fn` at once, then at most once per `ms`: calls in between are folded
// into one more at the end of the interval.
export function throttle(fn, ms) {
  let last = -Infinity;
  let timer = 0;
  return () => {
    if (timer) return;
    const wait = last + ms - performance.now();
    const run = () => { timer = 0; last = performance.now(); fn(); };
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
}

// A short message at the bottom of the page, with an optional action ("Undo").
// options.focus puts the keyboard on the action (after a delete, undo is the
// likely next step); the toast then stays while it has the focus, Escape
// closes it, and options.returnFocus() says where the keyboard goes after.
export function toast(message, action, options = {}) {
  const host = document.getElementById('toasts');
  const node = el('div', { class: 'toast' }, el('span', {}, message));
  let timer = 0;
  const close = () => {
    clearTimeout(timer);
    const hadFocus = node.contains(document.activeElement);
    node.remove();
    if (hadFocus && options.returnFocus) options.returnFocus();
  };
  const wait = () => { clearTimeout(timer); timer = setTimeout(close, action ? 8000 : 4000); };
  let button = null;
  if (action) {
    button = el('button', { class: 'link', onclick: () => { close(); action.run(); } }, action.label);
    node.append(button);
  }
  node.append(el('button', { class: 'icon', 'aria-label': 'Dismiss', onclick: close }, '×'));
  node.addEventListener('focusin', () => clearTimeout(timer));
  node.addEventListener('focusout', (e) => { if (!node.contains(e.relatedTarget)) wait(); });
  node.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } });
  host.append(node);
  wait();
  if (button && options.focus) button.focus();
  return close;
}

// A small inline icon (no icon font, no emoji: both may be missing on a device).
const ICONS = {
  chat: 'M4 4h16v11H8l-4 4z',
  expand: 'M4 10V4h6M20 14v6h-6M4 4l6 6M20 20l-6-6',
  menu: 'M4 6h16M4 12h16M4 18h16',
  pencil: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
};
export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'svg-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}
