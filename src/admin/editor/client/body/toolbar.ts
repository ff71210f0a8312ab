// The formatting toolbar: one tab stop (roving tabindex; arrow keys, Home and End move
// within it), buttons named by text or aria-label, aria-pressed on toggles. Disabled
// buttons stay focusable (aria-disabled) so keyboard users can still discover them.

import { ariaShortcut, h, shortcutLabel } from './dom.ts';
import { icon } from './icons.ts';
import type { IconName } from './icons.ts';

/** One toolbar button. */
export interface ToolbarItem {
  name: string;
  label: string;
  /** An icon, or a short glyph such as "B" or "H2" drawn in text. */
  face: { icon: IconName } | { glyph: string };
  /** Also show the label next to the icon (for the insert buttons). */
  isLabelShown?: boolean;
  shortcut?: string;
  /** Present for toggles: whether the format is on at the selection. */
  isActive?: () => boolean;
  isEnabled?: () => boolean;
  /** Set for buttons that open a panel. */
  opensPanel?: boolean;
  run(button: HTMLButtonElement): void;
}

/** A named group of buttons. */
export interface ToolbarGroup {
  label: string;
  items: ToolbarItem[];
}

/** A rendered toolbar. */
export interface Toolbar {
  element: HTMLElement;
  /** Re-reads pressed and enabled states (after every transaction). */
  refresh(): void;
  setDisabled(isDisabled: boolean): void;
  /** Shows which panel is open on its button. */
  setExpanded(name: string | null): void;
  focus(): void;
}

interface RenderedItem {
  item: ToolbarItem;
  button: HTMLButtonElement;
}

/** Builds the toolbar; `panelId` is the id of the panel strip its panel buttons control. */
export function createToolbar(groups: ToolbarGroup[], options: { label: string; controls: string; panelId: string }): Toolbar {
  const rendered: RenderedItem[] = [];
  let isDisabled = false;
  const element = h('div', { class: 'body-toolbar', role: 'toolbar', 'aria-label': options.label, 'aria-controls': options.controls });

  for (const group of groups) {
    const groupElement = h('div', { class: 'body-toolbar__group', role: 'group', 'aria-label': group.label });
    for (const item of group.items) {
      const button = renderButton(item, options.panelId);
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-disabled') === 'true') return;
        setCurrent(button);
        item.run(button);
      });
      // Keeps the text selection (and its highlight) when clicking with a mouse.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      rendered.push({ item, button });
      groupElement.append(button);
    }
    element.append(groupElement);
  }

  const setCurrent = (button: HTMLButtonElement) => {
    for (const { button: other } of rendered) other.tabIndex = other === button ? 0 : -1;
  };
  const first = rendered[0];
  if (first !== undefined) setCurrent(first.button);

  element.addEventListener('keydown', (event) => {
    const buttons = rendered.map(({ button }) => button);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    // Arrows follow the visual order, which right-to-left layout reverses.
    const isRtl = getComputedStyle(element).direction === 'rtl';
    const forward = isRtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = isRtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (event.key === forward) next = (index + 1) % buttons.length;
    else if (event.key === backward) next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else return;
    event.preventDefault();
    const target = buttons[next];
    if (target === undefined) return;
    setCurrent(target);
    target.focus();
  });

  const refresh = () => {
    for (const { item, button } of rendered) {
      const isEnabled = !isDisabled && (item.isEnabled?.() ?? true);
      button.setAttribute('aria-disabled', String(!isEnabled));
      if (item.isActive !== undefined) button.setAttribute('aria-pressed', String(!isDisabled && item.isActive()));
    }
  };

  return {
    element,
    refresh,
    setDisabled(value) {
      isDisabled = value;
      refresh();
    },
    setExpanded(name) {
      for (const { item, button } of rendered) {
        if (item.opensPanel === true) button.setAttribute('aria-expanded', String(item.name === name));
      }
    },
    focus() {
      const current = rendered.find(({ button }) => button.tabIndex === 0) ?? rendered[0];
      current?.button.focus();
    },
  };
}

function renderButton(item: ToolbarItem, panelId: string): HTMLButtonElement {
  const tooltip = item.shortcut === undefined ? item.label : `${item.label} (${shortcutLabel(item.shortcut)})`;
  const button = h('button', {
    type: 'button',
    class: `body-toolbar__button body-toolbar__button--${item.name}`,
    title: tooltip,
    'aria-label': item.isLabelShown === true ? null : item.label,
    'aria-keyshortcuts': item.shortcut === undefined ? null : ariaShortcut(item.shortcut),
    'aria-expanded': item.opensPanel === true ? 'false' : null,
    'aria-controls': item.opensPanel === true ? panelId : null,
    tabindex: '-1',
  });
  if ('icon' in item.face) button.append(icon(item.face.icon));
  else button.append(h('span', { class: 'body-toolbar__glyph', 'aria-hidden': 'true' }, item.face.glyph));
  if (item.isLabelShown === true) button.append(h('span', { class: 'body-toolbar__label' }, item.label));
  return button;
}
