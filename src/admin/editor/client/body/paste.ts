// Clean-up of pasted and dropped content. The schema already reduces foreign HTML to
// the body's nodes and marks; this removes what must never be turned into anything
// (remote images and media) and turns a pasted address over selected text into a link.

import type { EditorView } from '@tiptap/pm/view';
import { isStorableHref } from './attribute-rules.ts';

// Elements that fetch or play something from elsewhere. None has a parse rule, so the
// schema would drop them anyway; removing them first makes that independent of any
// extension added later.
const REMOTE_CONTENT = 'img, picture, source, video, audio, track, iframe, frame, object, embed, svg, canvas, map, input, link, meta, style, script';

/** Removes remote media and NUL characters (which the server refuses) from pasted HTML. */
export function cleanPastedHtml(html: string): string {
  // DOMParser documents are inert: nothing in them loads or runs.
  const parsed = new DOMParser().parseFromString(html.replaceAll('\u0000', ''), 'text/html');
  for (const element of Array.from(parsed.querySelectorAll(REMOTE_CONTENT))) element.remove();
  return parsed.body.innerHTML;
}

/** Removes NUL characters from pasted plain text. */
export function cleanPastedText(text: string): string {
  return text.replaceAll('\u0000', '');
}

/**
 * Pasting a web address while text is selected links that text, as most editors do.
 * Returns whether the paste was handled.
 */
export function linkSelectionOnPaste(view: EditorView, event: ClipboardEvent): boolean {
  const { selection, schema } = view.state;
  const link = schema.marks.link;
  if (selection.empty || link === undefined || !selection.$from.sameParent(selection.$to)) return false;
  const text = event.clipboardData?.getData('text/plain').trim() ?? '';
  if (!/^https?:\/\/\S+$/i.test(text) || !isStorableHref(text)) return false;
  view.dispatch(view.state.tr.addMark(selection.from, selection.to, link.create({ href: text })));
  return true;
}
