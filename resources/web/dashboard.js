// The dashboard: smart lists and tags with counts, search, quick add, the
// task list with a completion toggle, an editor for every field, delete with
// undo. Lists and counts come from the server (GET /api/tasks?list=…,
// /api/tasks/lists), which applies the one set of rules every Tandem surface
// uses; the page re-asks whenever the change stream moves.

import { TaskEditor } from './editor.js';
import { withPending } from './pending.js';
import { el, clear, debounce, formatDue, isPast, throttle, timeZone, toast, uuid, describeRepeat } from './util.js';

// Rows fetched at a time.
const PAGE = 200;

const LISTS = [
  ['today', 'Today'], ['upcoming', 'Upcoming'], ['overdue', 'Overdue'],
  ['no_date', 'No date'], ['all', 'All'], ['completed', 'Completed'],
];

export class Dashboard {
  constructor(api, live) {
    this.api = api;
    this.live = live;
    this.view = { list: 'today', tag: '' };
    this.query = '';
    this.limit = PAGE; // rows asked for; "Show more" asks for another page
    this.tasks = [];
    this.counts = { lists: {}, tags: [] };
    this.refresh = debounce(() => this.load(), 40);
    // The counts cover every task, so with thousands they cost far more than a
    // page of rows: a burst of changes re-reads them at most once a second,
    // and the list does not wait for them.
    this.refreshCounts = throttle(() => this.loadCounts(), 1000);
    this.root = this.build();
    live.addEventListener('change', (e) => {
      if (e.detail.type.startsWith('task_')) this.refresh();
    });
    live.addEventListener('reset', () => this.refresh());
    // A new change is shown at once; an acknowledged one once the server lists it.
    this.outboxLength = live.outbox.length;
    live.addEventListener('outbox', () => {
      const grew = live.outbox.length > this.outboxLength;
      this.outboxLength = live.outbox.length;
      if (grew && this.loaded) this.render();
      else this.refresh();
    });
  }

  build() {
    this.search = el('input', {
      type: 'search', class: 'search', placeholder: 'Search (/)', 'aria-label': 'Search tasks',
      oninput: debounce(() => { this.query = this.search.value.trim(); this.limit = PAGE; this.load(); }, 150),
    });
    this.nav = el('nav', { class: 'sidebar', 'aria-label': 'Lists' });
    this.quick = el('input', {
      class: 'quick', placeholder: 'Add a task: “Call Alex tomorrow 3pm #work p1”', 'aria-label': 'Quick add',
      enterkeyhint: 'done', maxlength: '4000',
      onkeydown: (e) => {
        if (e.key === 'Enter') this.quickAdd();
        if (e.key === 'ArrowDown') {
          const cursor = this.list.querySelector('.task-title[tabindex="0"]');
          if (cursor) { e.preventDefault(); cursor.focus(); }
        }
      },
    });
    this.hint = el('div', { class: 'hint', 'aria-live': 'polite' });
    this.list = el('ul', {
      class: 'tasks', 'aria-label': 'Tasks',
      onfocusin: (e) => { if (e.target.matches('.task-title')) this.setCursor(e.target); },
    });
    this.heading = el('h2', { class: 'view-title' });
    this.cursorId = null; // the row Tab lands on (one tab stop for the whole list)
    this.focusWanted = null; // a task id to focus once it is listed (after an undo)
    this.editor = new TaskEditor({
      save: (task, changes) => this.update(task, changes),
      remove: (task) => this.remove(task),
      returnFocus: (task) => this.focusTask(task.id),
    });
    return el('div', { class: 'dashboard' },
      this.nav,
      el('main', { class: 'content' },
        el('div', { class: 'toolbar' }, this.heading, this.search),
        el('div', { class: 'quick-row' }, this.quick,
          el('button', { class: 'primary', onclick: () => this.quickAdd() }, 'Add')),
        this.hint, this.list),
      this.editor.root);
  }

  show(list, tag = '') {
    this.view = { list, tag };
    this.limit = PAGE;
    this.load();
  }

  async load() {
    const params = { timeZone: timeZone() };
    if (this.view.tag) {
      params.list = 'all';
      params.tag = this.view.tag;
    } else {
      params.list = this.view.list;
    }
    if (this.query) params.q = this.query;
    // A page of rows, not the whole list: with thousands of tasks every live
    // change would otherwise fetch and draw them all again.
    params.limit = this.limit;
    try {
      if (this.loaded) {
        this.refreshCounts();
        const answer = await this.api.tasks(params);
        this.tasks = answer.tasks;
        this.seq = answer.seq;
      } else {
        const [answer, counts] = await Promise.all([this.api.tasks(params), this.api.lists(timeZone())]);
        this.tasks = answer.tasks;
        this.counts = counts;
        this.seq = answer.seq;
        this.loaded = true;
      }
      this.render();
    } catch (error) {
      if (error.status !== 401) this.hint.textContent = `Could not load the tasks: ${error.message}`;
    }
  }

  async loadCounts() {
    try {
      this.counts = await this.api.lists(timeZone());
      this.renderNav();
    } catch (error) {
      if (error.status !== 401) this.hint.textContent = `Could not load the counts: ${error.message}`;
    }
  }

  // The smart lists and tags with their counts; the keyboard stays on the
  // item it was on.
  renderNav() {
    const focused = this.nav.contains(document.activeElement)
      ? [...this.nav.querySelectorAll('button')].indexOf(document.activeElement) : -1;
    clear(this.nav);
    const item = (label, count, active, onclick, extra) => el('button', {
      class: `nav-item${active ? ' active' : ''}${extra ? ` ${extra}` : ''}`,
      'aria-current': active ? 'page' : undefined, onclick,
    }, el('span', {}, label), el('span', { class: 'count' }, count ?? ''));
    for (const [id, label] of LISTS) {
      this.nav.append(item(label, this.counts.lists[id], !this.view.tag && this.view.list === id,
        () => this.show(id), id === 'overdue' && this.counts.lists.overdue ? 'alert' : ''));
    }
    if (this.counts.tags.length) this.nav.append(el('h2', {}, 'Tags'));
    for (const { tag, count } of this.counts.tags) {
      this.nav.append(item(`#${tag}`, count, this.view.tag.toLowerCase() === tag.toLowerCase(),
        () => this.show('all', tag)));
    }
    if (focused >= 0) this.nav.querySelectorAll('button')[focused]?.focus();
  }

  render() {
    // Where the keyboard was in the list, to put it back after the redraw.
    const active = document.activeElement;
    const inList = this.list.contains(active);
    const rowsBefore = [...this.list.querySelectorAll('.task-title')];
    const focusIndex = inList ? rowsBefore.indexOf(active.closest('.task')?.querySelector('.task-title')) : -1;
    const focusId = inList ? active.closest('.task')?.dataset.id : undefined;
    this.renderNav();
    this.heading.textContent = this.view.tag ? `#${this.view.tag}`
      : LISTS.find(([id]) => id === this.view.list)[1];
    clear(this.list);
    const shown = withPending(this.tasks, this.live.outbox, this.view);
    if (!shown.length) {
      this.list.append(el('li', { class: 'empty' }, this.query ? 'No task matches the search.' : 'Nothing here.'));
    }
    for (const task of shown) this.list.append(this.row(task));
    if (this.tasks.length >= this.limit) {
      this.list.append(el('li', { class: 'more' }, el('button', {
        type: 'button',
        onclick: () => { this.limit += PAGE; this.load(); },
      }, 'Show more')));
    }
    const rows = [...this.list.querySelectorAll('.task-title')];
    const byId = (id) => id && rows.find((row) => row.dataset.id === id);
    let target = byId(focusId);
    // The focused task left the view (completed in Today, deleted): its neighbour.
    if (!target && inList && rows.length) target = rows[Math.min(Math.max(focusIndex, 0), rows.length - 1)];
    const wanted = byId(this.focusWanted);
    if (wanted) {
      this.focusWanted = null;
      target = wanted;
    }
    this.setCursor(target || byId(this.cursorId) || rows[0]);
    if (target && (inList || target === wanted)) target.focus();
    else if (inList) this.quick.focus();
  }

  // Roving focus: only the cursor's row is in the Tab order; arrows move it.
  setCursor(button) {
    for (const row of this.list.querySelectorAll('.task-title')) row.tabIndex = row === button ? 0 : -1;
    if (button) this.cursorId = button.dataset.id;
  }

  // Puts the keyboard on a task's row, now or when it is listed again; only
  // when the keyboard is not busy elsewhere (it was on the list, a toast, a
  // closed dialog, or nowhere).
  focusTask(id) {
    const active = document.activeElement;
    const idle = !active || active === document.body || this.list.contains(active)
      || active.closest('#toasts, dialog:not([open])');
    if (!idle) return;
    const row = this.list.querySelector(`.task-title[data-id="${CSS.escape(id)}"]`);
    if (row) {
      this.setCursor(row);
      row.focus();
    } else {
      this.focusWanted = id;
      const cursor = this.list.querySelector('.task-title[tabindex="0"]');
      if (cursor) cursor.focus();
    }
  }

  row(task) {
    const done = task.status === 'completed';
    const meta = el('span', { class: 'meta' });
    if (task.pending) meta.append(el('span', { class: 'pending-mark' }, 'waiting to sync'));
    if (task.due) meta.append(el('span', { class: `due${!done && isPast(task.due) ? ' overdue' : ''}` }, formatDue(task.due)));
    if (task.repeat) {
      const rule = describeRepeat(task.repeat);
      meta.append(el('span', { class: 'repeat', title: `Repeats: ${rule}` }, `\u21bb ${rule}`));
    }
    if (task.priority !== 'none') meta.append(el('span', { class: `priority p-${task.priority}` }, task.priority));
    for (const tag of task.tags) meta.append(el('span', { class: 'tag' }, `#${tag}`));
    const toggle = el('input', {
      type: 'checkbox', checked: done, tabindex: '-1', 'aria-label': `${done ? 'Reopen' : 'Complete'} “${task.title}”`,
      onchange: () => this.setDone(task, toggle.checked),
    });
    const open = el('button', {
      class: 'task-title', dataset: { id: task.id }, tabindex: '-1', onclick: () => this.edit(task),
      onkeydown: (e) => this.rowKey(e, task, open),
    }, el('span', { class: 'title' }, task.title), meta);
    return el('li', { class: `task${done ? ' done' : ''}${task.pending ? ' pending' : ''}`, dataset: { id: task.id } },
      toggle, open);
  }

  rowKey(e, task, open) {
    const rows = [...this.list.querySelectorAll('.task-title')];
    const at = rows.indexOf(open);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1, PageDown: at + 10, PageUp: at - 10 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      const next = rows[Math.min(Math.max(move, 0), rows.length - 1)];
      if (next) next.focus();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.remove(task);
    } else if (e.key === ' ') {
      e.preventDefault();
      this.setDone(task, task.status !== 'completed');
    }
  }

  edit(task) {
    this.editor.open(task);
  }

  async quickAdd() {
    const text = this.quick.value.trim();
    if (!text) return;
    this.quick.value = '';
    try {
      const answer = await this.api.quickAdd(text, timeZone(), uuid());
      this.showRecognised(answer.parsed, text);
    } catch (error) {
      if (error.status === 0) {
        // Offline: keep it as a plain task with an id chosen here, listed at
        // once as pending; it goes out with the outbox.
        this.live.command('task_create', { task: { id: uuid(), title: text } }).catch((e) => toast(e.message));
        this.hint.textContent = 'Offline: added as written; dates and tags are read once Tandem is back.';
      } else {
        this.quick.value = text;
        this.hint.textContent = error.message;
      }
    }
  }

  // What quick add recognised, each part in its colour.
  showRecognised(parsed, text) {
    clear(this.hint);
    let at = 0;
    for (const span of parsed.spans) {
      if (span.start > at) this.hint.append(text.slice(at, span.start));
      this.hint.append(el('mark', { class: `span-${span.kind}` }, text.slice(span.start, span.start + span.length)));
      at = span.start + span.length;
    }
    if (at < text.length) this.hint.append(text.slice(at));
    this.hint.prepend('Added: ');
  }

  // A task command: it waits in the outbox (shown at once as pending) until
  // the server has it. A task the server has not seen yet has no revision.
  command(type, task, data) {
    const revision = task.pending && task.revision === undefined ? undefined : task.revision;
    return this.live.command(type, { ...data, id: task.id, ...(revision === undefined ? {} : { revision }) });
  }

  async setDone(task, done) {
    try {
      await this.command('task_update', task, { changes: { status: done ? 'completed' : 'pending' } });
      if (done) toast(`Completed “${task.title}”`, { label: 'Undo', run: () => this.setDoneLatest(task.id, false) });
    } catch (error) {
      toast(error.code === 'conflict' ? `“${task.title}” was changed elsewhere; showing the current version.` : error.message);
      this.refresh();
    }
  }

  async setDoneLatest(id, done) {
    const current = await this.api.task(id);
    await this.setDone(current.task, done);
  }

  // Offline, the editor closes at once: the change is listed as pending.
  update(task, changes) {
    const done = this.command('task_update', task, { changes });
    if (this.live.state === 'online') return done;
    done.catch((error) => toast(error.message));
    return Promise.resolve();
  }

  async remove(task) {
    try {
      await this.command('task_delete', task, {});
      toast(`Deleted “${task.title}”`, {
        label: 'Undo',
        run: () => {
          this.focusTask(task.id);
          this.api.restore(task.id, uuid()).catch((e) => toast(e.message));
        },
      }, { focus: this.list.contains(document.activeElement) || document.activeElement === document.body,
        returnFocus: () => this.focusTask(this.cursorId) });
    } catch (error) {
      toast(error.message);
    }
  }
}
