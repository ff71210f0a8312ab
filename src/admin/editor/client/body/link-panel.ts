// The link form: set, change or remove the link on the selected text.

import type { Editor } from '@tiptap/core';
import { hrefProblem } from '../../../../articles/body/url.ts';
import { isStorableHref } from './attribute-rules.ts';
import { h } from './dom.ts';
import type { Panel, PanelContent } from './panel.ts';
import { panelButton, panelField } from './panel.ts';

/** A link as typed, made storable, or the reason it cannot be. */
export type HrefResult = { ok: true; href: string } | { ok: false; problem: string };

const LOOKS_LIKE_EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const LOOKS_LIKE_HOST = /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$/;

/**
 * Checks a typed link with the server's rule, completing the usual shorthand:
 * "example.org/page" becomes https://example.org/page and a bare e-mail address a mailto: link.
 */
export function normalizeHref(typed: string): HrefResult {
  const value = typed.trim();
  if (value === '') return { ok: false, problem: 'Enter the address to link to.' };
  if (isStorableHref(value)) return { ok: true, href: value };
  const completed = LOOKS_LIKE_EMAIL.test(value) ? `mailto:${value}` : LOOKS_LIKE_HOST.test(value) ? `https://${value}` : null;
  if (completed !== null && isStorableHref(completed)) return { ok: true, href: completed };
  const problem = hrefProblem(value) ?? 'This address cannot be used.';
  return { ok: false, problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` };
}

/** The link form for the current selection. */
export function linkPanel(editor: Editor, panel: Panel): PanelContent {
  const current: unknown = editor.getAttributes('link').href;
  const isLinked = typeof current === 'string';
  const input = h('input', { type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', placeholder: 'https://…' });
  input.value = isLinked ? current : '';
  const field = panelField('Link address', input, 'A web address, mailto: address, or a page on this site such as /news/story-slug.');
  const apply = panelButton(isLinked ? 'Update link' : 'Add link', { kind: 'primary', type: 'submit' });
  const remove = panelButton('Remove link');
  const cancel = panelButton('Cancel');
  remove.hidden = !isLinked;
  const form = h('form', { class: 'body-panel__form', novalidate: true }, field.element, h('div', { class: 'body-panel__actions' }, apply, remove, cancel));

  input.addEventListener('input', () => field.showError(null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = normalizeHref(input.value);
    if (!result.ok) {
      field.showError(result.problem);
      input.focus();
      return;
    }
    panel.close({ focusEditor: true });
    const { href } = result;
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the linked text.
      editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setMark('link', { href }).run();
    }
  });
  remove.addEventListener('click', () => {
    panel.close({ focusEditor: true });
    editor.chain().focus().extendMarkRange('link').unsetMark('link').run();
  });
  cancel.addEventListener('click', () => panel.close());

  return { name: 'link', title: isLinked ? 'Edit link' : 'Add link', body: form, initialFocus: input };
}
