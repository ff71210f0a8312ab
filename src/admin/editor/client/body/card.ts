// The parts every card-style node view shares: fields bound to attributes, a header
// with a remove button, and the event and mutation rules for controls inside the editor.

import type { NodeViewRendererProps } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import { MAX_ATTRIBUTE_LENGTH } from './attribute-rules.ts';
import { h, isFromControl } from './dom.ts';
import { icon } from './icons.ts';

/** Writes attributes onto the node a view draws, as one undoable step. */
export function setNodeAttrs(props: NodeViewRendererProps, patch: Record<string, unknown>): void {
  const pos = props.getPos();
  if (typeof pos !== 'number') return;
  const { state } = props.editor;
  const node = state.doc.nodeAt(pos);
  if (node === null) return;
  props.view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...patch }));
}

/** Deletes the node a view draws and returns the caret to the text. */
export function removeNode(props: NodeViewRendererProps): void {
  const pos = props.getPos();
  if (typeof pos !== 'number') return;
  const node = props.editor.state.doc.nodeAt(pos);
  if (node === null) return;
  props.editor.chain().focus().deleteRange({ from: pos, to: pos + node.nodeSize }).run();
}

/** A labelled text input (or textarea) bound to one optional text attribute. */
export interface AttributeField {
  element: HTMLElement;
  input: HTMLInputElement | HTMLTextAreaElement;
  /** Shows a stored value; null shows an empty field. */
  show(value: string | null): void;
}

/**
 * A field whose emptied value is stored as null ("use the default"), while a value
 * stored as '' (a deliberate "none") is left alone until the editor types.
 */
export function attributeField(
  props: NodeViewRendererProps,
  options: { label: string; name: string; multiline?: boolean; dir?: 'ltr'; isRequired?: boolean },
): AttributeField {
  const input = options.multiline === true ? h('textarea', { rows: 2 }) : h('input', { type: 'text' });
  input.maxLength = MAX_ATTRIBUTE_LENGTH;
  input.disabled = !props.editor.isEditable;
  if (options.dir !== undefined) input.dir = options.dir;
  input.addEventListener('input', () => {
    const value = input.value;
    setNodeAttrs(props, { [options.name]: value === '' && options.isRequired !== true ? null : value });
  });
  const element = h('label', { class: 'body-field' }, h('span', { class: 'body-field__label' }, options.label), input);
  return {
    element,
    input,
    show(value) {
      // Only when it differs: rewriting the value while someone types would move their caret.
      if (input.value !== (value ?? '')) input.value = value ?? '';
    },
  };
}

/** The header row of a card: an icon, a title, optional notes and a remove button. */
export function cardHeader(props: NodeViewRendererProps, title: HTMLElement | string, removeLabel: string, ...extra: HTMLElement[]): HTMLElement {
  const remove = h('button', { type: 'button', class: 'body-card__remove', 'aria-label': removeLabel, title: removeLabel }, icon('remove'));
  remove.disabled = !props.editor.isEditable;
  remove.addEventListener('click', () => removeNode(props));
  return h('div', { class: 'body-card__header' }, h('span', { class: 'body-card__title' }, title), ...extra, remove);
}

/**
 * The parts every card view shares: its controls keep their events to themselves, and
 * all DOM changes inside are the view's own, not document edits.
 */
export function cardView(dom: HTMLElement, update: (node: ProseMirrorNode) => boolean): NodeView {
  dom.contentEditable = 'false';
  return {
    dom,
    update,
    stopEvent: (event) => isFromControl(event),
    ignoreMutation: () => true,
    selectNode: () => dom.classList.add('is-selected'),
    deselectNode: () => dom.classList.remove('is-selected'),
  };
}
