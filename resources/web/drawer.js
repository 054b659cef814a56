// The chat page's conversations as a drawer on narrow screens (below 700 px the
// sidebar has no room): a toggle in the navbar opens it over the page with the
// keyboard on the current conversation; Escape, choosing a conversation, the
// scrim or the keyboard leaving it closes it. On wider screens the toggle is
// hidden by the style sheet and the sidebar is always shown.

import { el, icon } from './util.js';

export class Drawer {
  constructor() {
    this.isOpen = false;
    this.panel = null;
    this.toggle = el('button', {
      class: 'icon drawer-toggle', 'aria-label': 'Conversations', 'aria-expanded': 'false',
      'aria-controls': 'chat-side', onclick: () => (this.isOpen ? this.close(true) : this.open()),
    }, icon('menu'));
    this.scrim = el('div', { class: 'drawer-scrim', hidden: true, onclick: () => this.close(true) });
  }

  attach(panel) {
    this.panel = panel;
    panel.addEventListener('focusout', (e) => {
      if (this.isOpen && !panel.contains(e.relatedTarget) && e.relatedTarget !== this.toggle) this.close(false);
    });
  }

  open() {
    this.isOpen = true;
    this.panel.classList.add('open');
    this.scrim.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    const target = this.panel.querySelector('[aria-current="true"]') || this.panel.querySelector('button');
    if (target) target.focus();
  }

  close(returnFocus) {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.classList.remove('open');
    this.scrim.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.toggle.focus();
  }
}
