// The task editor: a modal dialog with every field of a task. It keeps the
// keyboard inside while open (Tab wraps; Escape cancels) and gives the focus
// back to whoever opened it (the dashboard puts it on the task's row, which
// may have been redrawn meanwhile).

import { el, describeRepeat, repeatPresets, timeZone } from './util.js';

const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];

export class TaskEditor {
  // save(task, changes) and remove(task) return promises; returnFocus(task)
  // is called once the dialog has closed.
  constructor({ save, remove, returnFocus }) {
    this.saveTask = save;
    this.removeTask = remove;
    this.returnFocus = returnFocus;
    this.task = null;
    this.root = this.build();
  }

  build() {
    const field = (label, input) => el('label', { class: 'field' }, el('span', {}, label), input);
    this.form = {
      title: el('input', { required: true, maxlength: '500' }),
      description: el('textarea', { rows: '4', maxlength: '20000' }),
      date: el('input', { type: 'date' }),
      time: el('input', { type: 'time' }),
      priority: el('select', {}, PRIORITIES.map((p) => el('option', { value: p }, p))),
      status: el('select', {}, ['pending', 'in_progress', 'completed'].map((s) => el('option', { value: s }, s.replace('_', ' ')))),
      tags: el('input', { placeholder: 'work, home' }),
      repeat: el('select', { 'aria-label': 'Repeat' }),
      error: el('p', { class: 'error', role: 'alert' }),
    };
    const f = this.form;
    const dialog = el('dialog', {
      class: 'editor', 'aria-labelledby': 'editor-title',
      onclose: () => { if (this.task) this.returnFocus(this.task); },
      onkeydown: (e) => this.trapTab(e),
    },
    el('form', { method: 'dialog', onsubmit: (e) => { e.preventDefault(); this.save(); } },
      el('h2', { id: 'editor-title' }, 'Edit task'),
      field('Title', f.title), field('Notes', f.description),
      el('div', { class: 'pair' }, field('Due date', f.date), field('Time', f.time)),
      field('Repeat', f.repeat),
      el('div', { class: 'pair' }, field('Priority', f.priority), field('Status', f.status)),
      field('Tags', f.tags), f.error,
      el('div', { class: 'actions' },
        el('button', {
          type: 'button', class: 'danger',
          onclick: () => { const task = this.task; dialog.close(); this.removeTask(task); },
        }, 'Delete'),
        el('span', { class: 'grow' }),
        el('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        el('button', { type: 'submit', class: 'primary' }, 'Save'))));
    return dialog;
  }

  // A modal dialog makes the page behind it inert, but Tab past its last
  // control would leave the page for the browser's own toolbar: wrap instead.
  trapTab(e) {
    if (e.key !== 'Tab') return;
    const controls = [...this.root.querySelectorAll('input, select, textarea, button')].filter((c) => !c.disabled);
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }

  open(task) {
    this.task = task;
    const f = this.form;
    f.title.value = task.title;
    f.description.value = task.description;
    f.date.value = task.due ? task.due.slice(0, 10) : '';
    f.time.value = task.due && task.due.length > 10 ? task.due.slice(11, 16) : '';
    f.priority.value = task.priority;
    f.status.value = task.status;
    f.tags.value = task.tags.join(', ');
    this.fillRepeat(task);
    f.error.textContent = '';
    if (!this.root.open) this.root.showModal();
    f.title.focus();
  }

  // The common rules for the task's due day; a rule set elsewhere that is none
  // of them stays as it is ("custom").
  fillRepeat(task) {
    const f = this.form;
    const presets = repeatPresets(task.due ? task.due.slice(0, 10) : '');
    const same = (a, b) => describeRepeat(a) === describeRepeat(b);
    const options = [el('option', { value: '' }, 'Does not repeat')];
    for (const [key, rule] of Object.entries(presets)) options.push(el('option', { value: key }, describeRepeat(rule)));
    const preset = task.repeat && Object.keys(presets).find((key) => same(presets[key], task.repeat));
    if (task.repeat && !preset) options.push(el('option', { value: 'custom' }, describeRepeat(task.repeat)));
    f.repeat.replaceChildren(...options);
    f.repeat.value = task.repeat ? (preset || 'custom') : '';
  }

  repeat() {
    const choice = this.form.repeat.value;
    if (!choice) return null;
    if (choice === 'custom') return this.task.repeat;
    const rule = repeatPresets(this.form.date.value)[choice];
    return { ...rule, timeZone: timeZone() };
  }

  due() {
    const f = this.form;
    if (!f.date.value) return null;
    if (!f.time.value) return f.date.value;
    const local = new Date(`${f.date.value}T${f.time.value}:00`);
    const offset = -local.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
    return `${f.date.value}T${f.time.value}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  async save() {
    const f = this.form;
    const repeat = this.repeat();
    // A repeating task needs a due date: without one it starts today.
    if (repeat && !f.date.value) f.date.value = new Date().toLocaleDateString('en-CA');
    const changes = {
      title: f.title.value.trim(), description: f.description.value, due: this.due(), priority: f.priority.value,
      status: f.status.value, tags: f.tags.value.split(',').map((t) => t.trim().replace(/^#/, '')).filter(Boolean),
      repeat,
    };
    try {
      await this.saveTask(this.task, changes);
      this.root.close();
    } catch (error) {
      if (error.code === 'conflict' && error.task) {
        this.open(error.task);
        f.error.textContent = 'This task was changed elsewhere. The current version is shown; make your change again.';
      } else {
        f.error.textContent = error.message;
      }
    }
  }
}
