// Inline content is rendered the way ProseMirror's DOMSerializer does it: marks that
// continue across adjacent text nodes stay open, so a link spanning a bold word is
// one <a>, not three links that a screen reader would announce one by one.

import type { InlineNode, Mark } from './document.ts';
import { escapeAttribute, escapeHtml } from './escape.ts';
import { isExternalHref, isSafeHref } from './url.ts';

// Fixed nesting order (outermost first), so the same set of marks always nests the
// same way and shared marks can be kept open between nodes. Links are outermost so
// that one link can hold several differently formatted runs; code is innermost.
const MARK_RANK: Readonly<Record<Mark['type'], number>> = {
  link: 0,
  bold: 1,
  italic: 2,
  underline: 3,
  strike: 4,
  subscript: 5,
  superscript: 6,
  code: 7,
};

const SIMPLE_TAGS: Readonly<Record<Exclude<Mark['type'], 'link'>, string>> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
  subscript: 'sub',
  superscript: 'sup',
  code: 'code',
};

/** Renders inline nodes (text and hard breaks) with their marks as escaped HTML. */
export function renderInline(nodes: readonly InlineNode[] | undefined): string {
  if (nodes === undefined) return '';
  let html = '';
  const open: Mark[] = [];
  for (const node of nodes) {
    const marks = normalizeMarks(node.marks);
    let shared = 0;
    while (shared < open.length && shared < marks.length && sameMark(open[shared], marks[shared])) shared++;
    while (open.length > shared) html += closeTag(open.pop());
    for (const mark of marks.slice(shared)) {
      html += openTag(mark);
      open.push(mark);
    }
    html += node.type === 'text' ? escapeHtml(node.text) : '<br>';
  }
  while (open.length > 0) html += closeTag(open.pop());
  return html;
}

/** The plain text of inline nodes, hard breaks as newlines. */
export function inlineText(nodes: readonly InlineNode[] | undefined): string {
  if (nodes === undefined) return '';
  return nodes.map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

// Unsafe links are dropped here as well as in validation, so a document that never
// went through parseBodyDocument still cannot produce a javascript: link.
function normalizeMarks(marks: readonly Mark[] | undefined): Mark[] {
  if (marks === undefined) return [];
  const byType = new Map<Mark['type'], Mark>();
  for (const mark of marks) {
    if (!(mark.type in MARK_RANK) || byType.has(mark.type)) continue;
    if (mark.type === 'link' && !isSafeHref(mark.attrs.href)) continue;
    byType.set(mark.type, mark);
  }
  return [...byType.values()].sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);
}

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  if (a === undefined || b === undefined || a.type !== b.type) return false;
  return a.type !== 'link' || (b.type === 'link' && a.attrs.href === b.attrs.href);
}

function openTag(mark: Mark): string {
  if (mark.type !== 'link') return `<${SIMPLE_TAGS[mark.type]}>`;
  const href = mark.attrs.href;
  return `<a href="${escapeAttribute(href)}"${externalRel(href)}>`;
}

function closeTag(mark: Mark | undefined): string {
  if (mark === undefined) return '';
  return mark.type === 'link' ? '</a>' : `</${SIMPLE_TAGS[mark.type]}>`;
}

/** The rel attribute (with leading space) an outgoing link needs, or '' for on-site links. */
export function externalRel(href: string): string {
  // noopener guards window.opener; noreferrer keeps readers' paths private from other sites.
  return isExternalHref(href) ? ' rel="noopener noreferrer"' : '';
}
