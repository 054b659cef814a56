// The dashboard: smart lists and tags with counts, search, quick add, the
// task list with a completion toggle, an editor for every field, delete with
// undo. Lists and counts come from the server (GET /api/tasks?list=…,
// /api/tasks/lists), which applies the one set of rules every Tandem surface
// uses; the page re-asks whenever the change stream moves.

import { el, clear, debounce, formatDue, isPast, timeZone, toast, uuid } from './util.js';

const LISTS = [
  ['today', 'Today'], ['upcoming', 'Upcoming'], ['overdue', 'Overdue'],
  ['no_date', 'No date'], ['all', 'All'], ['completed', 'Completed'],
];
const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];

export class Dashboard {
  constructor(api, live) {
    this.api = api;
    this.live = live;
    this.view = { list: 'today', tag: '' };
    this.query = '';
    this.tasks = [];
    this.counts = { lists: {}, tags: [] };
    this.refresh = debounce(() => this.load(), 40);
    this.root = this.build();
    live.addEventListener('change', (e) => {
      if (e.detail.type.startsWith('task_')) this.refresh();
    });
    live.addEventListener('reset', () => this.refresh());
  }

  build() {
    this.search = el('input', {
      type: 'search', class: 'search', placeholder: 'Search (/)', 'aria-label': 'Search tasks',
      oninput: debounce(() => { this.query = this.search.value.trim(); this.load(); }, 150),
    });
    this.nav = el('nav', { class: 'sidebar', 'aria-label': 'Lists' });
    this.quick = el('input', {
      class: 'quick', placeholder: 'Add a task: “Call Alex tomorrow 3pm #work p1”', 'aria-label': 'Quick add',
      enterkeyhint: 'done', maxlength: '4000',
      onkeydown: (e) => { if (e.key === 'Enter') this.quickAdd(); },
    });
    this.hint = el('div', { class: 'hint', 'aria-live': 'polite' });
    this.list = el('ul', { class: 'tasks', 'aria-label': 'Tasks' });
    this.heading = el('h2', { class: 'view-title' });
    this.editor = this.buildEditor();
    return el('div', { class: 'dashboard' },
      this.nav,
      el('main', { class: 'content' },
        el('div', { class: 'toolbar' }, this.heading, this.search),
        el('div', { class: 'quick-row' }, this.quick,
          el('button', { class: 'primary', onclick: () => this.quickAdd() }, 'Add')),
        this.hint, this.list),
      this.editor);
  }

  show(list, tag = '') {
    this.view = { list, tag };
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
    try {
      const [answer, counts] = await Promise.all([this.api.tasks(params), this.api.lists(timeZone())]);
      this.tasks = answer.tasks;
      this.counts = counts;
      this.seq = answer.seq;
      this.render();
    } catch (error) {
      if (error.status !== 401) this.hint.textContent = `Could not load the tasks: ${error.message}`;
    }
  }

  render() {
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.id : undefined;
    clear(this.nav);
    const item = (label, count, active, onclick, extra) => el('button', {
      class: `nav-item${active ? ' active' : ''}${extra ? ` ${extra}` : ''}`,
      'aria-current': active ? 'page' : undefined, onclick,
    }, el('span', {}, label), el('span', { class: 'count' }, count ?? ''));
    for (const [id, label] of LISTS) {
      this.nav.append(item(label, this.counts.lists[id], !this.view.tag && this.view.list === id,
        () => this.show(id), id === 'overdue' && this.counts.lists.overdue ? 'alert' : ''));
    }
    if (this.counts.tags.length) this.nav.append(el('h3', {}, 'Tags'));
    for (const { tag, count } of this.counts.tags) {
      this.nav.append(item(`#${tag}`, count, this.view.tag.toLowerCase() === tag.toLowerCase(),
        () => this.show('all', tag)));
    }
    this.heading.textContent = this.view.tag ? `#${this.view.tag}`
      : LISTS.find(([id]) => id === this.view.list)[1];
    clear(this.list);
    if (!this.tasks.length) {
      this.list.append(el('li', { class: 'empty' }, this.query ? 'No task matches the search.' : 'Nothing here.'));
    }
    for (const task of this.tasks) this.list.append(this.row(task));
    if (focusedId) {
      const again = this.list.querySelector(`[data-id="${CSS.escape(focusedId)}"]`);
      if (again) again.focus();
    }
  }

  row(task) {
    const done = task.status === 'completed';
    const meta = el('span', { class: 'meta' });
    if (task.due) meta.append(el('span', { class: `due${!done && isPast(task.due) ? ' overdue' : ''}` }, formatDue(task.due)));
    if (task.priority !== 'none') meta.append(el('span', { class: `priority p-${task.priority}` }, task.priority));
    for (const tag of task.tags) meta.append(el('span', { class: 'tag' }, `#${tag}`));
    const toggle = el('input', {
      type: 'checkbox', checked: done, 'aria-label': `${done ? 'Reopen' : 'Complete'} “${task.title}”`,
      onchange: () => this.setDone(task, toggle.checked),
    });
    const open = el('button', {
      class: 'task-title', dataset: { id: task.id }, onclick: () => this.edit(task),
      onkeydown: (e) => {
        if (e.key === 'Delete') this.remove(task);
        if (e.key === ' ' && e.target === open) { e.preventDefault(); this.setDone(task, !done); }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const rows = [...this.list.querySelectorAll('.task-title')];
          const next = rows[rows.indexOf(open) + (e.key === 'ArrowDown' ? 1 : -1)];
          if (next) next.focus();
        }
      },
    }, el('span', { class: 'title' }, task.title), meta);
    return el('li', { class: `task${done ? ' done' : ''}`, dataset: { id: task.id } }, toggle, open);
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
        // Offline: keep it as a plain task; it goes out with the outbox.
        this.live.command('task_create', { task: { title: text } }).catch((e) => toast(e.message));
        toast('Offline: added as written; dates and tags are read once Tandem is back.');
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

  async setDone(task, done) {
    try {
      await this.live.command('task_update', {
        id: task.id, revision: task.revision, changes: { status: done ? 'completed' : 'pending' },
      });
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

  async remove(task) {
    try {
      await this.live.command('task_delete', { id: task.id, revision: task.revision });
      toast(`Deleted “${task.title}”`, {
        label: 'Undo', run: () => this.api.restore(task.id, uuid()).catch((e) => toast(e.message)),
      });
    } catch (error) {
      toast(error.message);
    }
  }

  buildEditor() {
    const field = (label, input) => el('label', { class: 'field' }, el('span', {}, label), input);
    this.form = {
      title: el('input', { required: true, maxlength: '500' }),
      description: el('textarea', { rows: '4', maxlength: '20000' }),
      date: el('input', { type: 'date' }),
      time: el('input', { type: 'time' }),
      priority: el('select', {}, PRIORITIES.map((p) => el('option', { value: p }, p))),
      status: el('select', {}, ['pending', 'in_progress', 'completed'].map((s) => el('option', { value: s }, s.replace('_', ' ')))),
      tags: el('input', { placeholder: 'work, home' }),
      error: el('p', { class: 'error', role: 'alert' }),
    };
    const f = this.form;
    const dialog = el('dialog', { class: 'editor', 'aria-label': 'Edit task' },
      el('form', { method: 'dialog', onsubmit: (e) => { e.preventDefault(); this.save(); } },
        el('h2', {}, 'Edit task'),
        field('Title', f.title), field('Notes', f.description),
        el('div', { class: 'pair' }, field('Due date', f.date), field('Time', f.time)),
        el('div', { class: 'pair' }, field('Priority', f.priority), field('Status', f.status)),
        field('Tags', f.tags), f.error,
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'danger', onclick: () => { dialog.close(); this.remove(this.editing); } }, 'Delete'),
          el('span', { class: 'grow' }),
          el('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
          el('button', { type: 'submit', class: 'primary' }, 'Save'))));
    return dialog;
  }

  edit(task) {
    this.editing = task;
    const f = this.form;
    f.title.value = task.title;
    f.description.value = task.description;
    f.date.value = task.due ? task.due.slice(0, 10) : '';
    f.time.value = task.due && task.due.length > 10 ? task.due.slice(11, 16) : '';
    f.priority.value = task.priority;
    f.status.value = task.status;
    f.tags.value = task.tags.join(', ');
    f.error.textContent = '';
    this.editor.showModal();
    f.title.focus();
  }

  async save() {
    const f = this.form;
    let due = null;
    if (f.date.value) {
      if (f.time.value) {
        const local = new Date(`${f.date.value}T${f.time.value}:00`);
        const offset = -local.getTimezoneOffset();
        const sign = offset >= 0 ? '+' : '-';
        const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
        due = `${f.date.value}T${f.time.value}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
      } else {
        due = f.date.value;
      }
    }
    const changes = {
      title: f.title.value.trim(), description: f.description.value, due, priority: f.priority.value,
      status: f.status.value, tags: f.tags.value.split(',').map((t) => t.trim().replace(/^#/, '')).filter(Boolean),
    };
    try {
      await this.live.command('task_update', { id: this.editing.id, revision: this.editing.revision, changes });
      this.editor.close();
    } catch (error) {
      if (error.code === 'conflict' && error.task) {
        f.error.textContent = 'This task was changed elsewhere. The current version is shown; make your change again.';
        this.edit(error.task);
        f.error.textContent = 'This task was changed elsewhere. The current version is shown; make your change again.';
      } else {
        f.error.textContent = error.message;
      }
    }
  }
}
