// The strip under the toolbar where link, image, embed and related-article forms open.
// One form at a time; Escape or Cancel closes it and puts focus back where it was.
// While a form is open the text it will act on stays highlighted, because the
// browser hides the editor's selection once focus moves into the form.

import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { h, uniqueId } from './dom.ts';
import { icon } from './icons.ts';

const pendingKey = new PluginKey<boolean>('bodyPendingSelection');

/** Highlights the selection while a panel is open (toggled by the panel through transaction meta). */
export const PendingSelection = Extension.create({
  name: 'bodyPendingSelection',

  addProseMirrorPlugins() {
    return [
      new Plugin<boolean>({
        key: pendingKey,
        state: {
          init: () => false,
          apply: (tr, isShown) => (tr.getMeta(pendingKey) as boolean | undefined) ?? isShown,
        },
        props: {
          decorations(state) {
            const { from, to, empty } = state.selection;
            if (pendingKey.getState(state) !== true || empty) return null;
            return DecorationSet.create(state.doc, [Decoration.inline(from, to, { class: 'body-editor__pending-selection' })]);
          },
        },
      }),
    ];
  },
});

/** What a form gives the panel to show. */
export interface PanelContent {
  /** Which toolbar button it belongs to, for aria-expanded. */
  name: string;
  title: string;
  body: HTMLElement;
  /** Receives focus when the panel opens. */
  initialFocus: HTMLElement;
}

/** The panel strip of one editor. */
export interface Panel {
  element: HTMLElement;
  open(content: PanelContent, returnFocus: HTMLElement | null): void;
  /**
   * Closes the panel; focus goes back to where it was when the panel opened, to the
   * text with `focusEditor`, or stays put with `keepFocus` (when the editor is going away).
   */
  close(options?: { focusEditor?: boolean; keepFocus?: boolean }): void;
  openName(): string | null;
  /** Called when the open panel changes, so toolbar buttons can update aria-expanded. */
  onChange(listener: (name: string | null) => void): void;
}

/** Creates the panel strip; it starts hidden. */
export function createPanel(editor: () => Editor | null): Panel {
  const titleId = uniqueId('body-panel-title');
  const title = h('p', { class: 'body-panel__title', id: titleId });
  const closeButton = h('button', { type: 'button', class: 'body-panel__close', 'aria-label': 'Close' }, icon('close'));
  const content = h('div', { class: 'body-panel__content' });
  const element = h('section', { class: 'body-panel', 'aria-labelledby': titleId, hidden: true }, h('div', { class: 'body-panel__header' }, title, closeButton), content);
  let current: string | null = null;
  let returnTo: HTMLElement | null = null;
  const listeners: ((name: string | null) => void)[] = [];

  const setPending = (isShown: boolean) => {
    const view = editor()?.view;
    if (view !== undefined && !view.isDestroyed) view.dispatch(view.state.tr.setMeta(pendingKey, isShown));
  };

  const panel: Panel = {
    element,
    open(next, focusAfter) {
      if (current === null) returnTo = focusAfter;
      current = next.name;
      title.textContent = next.title;
      content.replaceChildren(next.body);
      element.hidden = false;
      setPending(true);
      next.initialFocus.focus();
      for (const listener of listeners) listener(current);
    },
    close(options = {}) {
      if (current === null) return;
      current = null;
      element.hidden = true;
      content.replaceChildren();
      setPending(false);
      const target = options.focusEditor === true ? null : returnTo;
      returnTo = null;
      if (options.keepFocus === true) {
        // Nothing to move.
      } else if (target !== null && target.isConnected) target.focus();
      else editor()?.commands.focus();
      for (const listener of listeners) listener(null);
    },
    openName: () => current,
    onChange: (listener) => listeners.push(listener),
  };

  closeButton.addEventListener('click', () => panel.close());
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    panel.close();
  });
  return panel;
}

/** A labelled input with a hint and an error line, wired for screen readers. */
export function panelField(label: string, input: HTMLInputElement, hint?: string): { element: HTMLElement; showError(message: string | null): void } {
  const hintId = uniqueId('body-hint');
  const errorId = uniqueId('body-error');
  const error = h('p', { class: 'body-panel__error', id: errorId, hidden: true });
  const describedBy = hint === undefined ? errorId : `${hintId} ${errorId}`;
  input.setAttribute('aria-describedby', describedBy);
  const element = h(
    'div',
    { class: 'body-panel__field' },
    h('label', {}, h('span', { class: 'body-panel__label' }, label), input),
    ...(hint === undefined ? [] : [h('p', { class: 'body-panel__hint', id: hintId }, hint)]),
    error,
  );
  return {
    element,
    showError(message) {
      error.hidden = message === null;
      error.textContent = message ?? '';
      if (message === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    },
  };
}

/** A plain button for panel forms. */
export function panelButton(label: string, options: { kind?: 'primary' | 'secondary'; type?: 'button' | 'submit' } = {}): HTMLButtonElement {
  return h('button', { type: options.type ?? 'button', class: `body-button body-button--${options.kind ?? 'secondary'}` }, label);
}
