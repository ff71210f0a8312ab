/**
 * Builders for article bodies in the ProseMirror/TipTap JSON model, with a tiny inline
 * markup so the prose stays readable: **bold**, *italic* and [text](https://… or /path).
 */
import { photoCredit, photoEntry } from './photo-catalogue.ts';

/** A text mark: bold, italic or a link. */
export interface BodyMark {
  type: 'bold' | 'italic' | 'link';
  attrs?: { href: string };
}

/** One node of a body document. */
export interface BodyNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: BodyNode[];
  text?: string;
  marks?: BodyMark[];
}

/** A whole body document. */
export interface BodyDoc {
  type: 'doc';
  content: BodyNode[];
}

/** Prefix that marks a related-link href still waiting for its target (see resolveRelatedLinks). */
export const RELATED_PLACEHOLDER = 'related:';

// Links are https (outside sites) or site-relative paths such as /ethics.
const INLINE = /(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\((?:https:\/\/|\/)[^)\s]*\))/;

/** Turns inline markup into text nodes with marks. */
export function inline(source: string): BodyNode[] {
  return source
    .split(INLINE)
    .filter((part) => part !== '')
    .map((part): BodyNode => {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return { type: 'text', text: part.slice(2, -2), marks: [{ type: 'bold' }] };
      const link = /^\[([^\]]+)\]\(((?:https:\/\/|\/)[^)\s]*)\)$/.exec(part);
      if (link?.[1] && link[2]) return { type: 'text', text: link[1], marks: [{ type: 'link', attrs: { href: link[2] } }] };
      if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return { type: 'text', text: part.slice(1, -1), marks: [{ type: 'italic' }] };
      return { type: 'text', text: part };
    });
}

/** A paragraph. */
export const p = (text: string): BodyNode => ({ type: 'paragraph', content: inline(text) });

/** A level-2 subhead (level 1 belongs to the headline). */
export const h = (text: string): BodyNode => ({ type: 'heading', attrs: { level: 2 }, content: inline(text) });

/** A level-3 subhead. */
export const h3 = (text: string): BodyNode => ({ type: 'heading', attrs: { level: 3 }, content: inline(text) });

/** A block quotation followed by its attribution line. */
export const quote = (text: string, attribution: string): BodyNode => ({
  type: 'blockquote',
  content: [p(text), p(`— ${attribution}`)],
});

const list = (type: 'bulletList' | 'orderedList', items: string[]): BodyNode => ({
  type,
  ...(type === 'orderedList' ? { attrs: { start: 1 } } : {}),
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
});

/** A bulleted list. */
export const ul = (...items: string[]): BodyNode => list('bulletList', items);

/** A numbered list. */
export const ol = (...items: string[]): BodyNode => list('orderedList', items);

/** A pull quote set large in the page, with inline text content. */
export const pull = (text: string, attribution: string): BodyNode => ({ type: 'pullQuote', attrs: { attribution }, content: inline(text) });

/** An inline photo; the caption is this use's own, alt and credit come from the catalogue. */
export function img(photoKey: string, caption: string, alt?: string): BodyNode {
  const photo = photoEntry(photoKey);
  return { type: 'imageBlock', attrs: { imageId: photoKey, caption, credit: photoCredit(photo), alt: alt ?? photo.alt } };
}

/** An embedded video or post from an outside platform. */
export const embed = (provider: 'youtube' | 'vimeo' | 'x', url: string, title: string): BodyNode => ({
  type: 'embed',
  attrs: { provider, url, title },
});

/** A "read more" card for another demo article, filled in once all articles exist. */
export const related = (articleSlug: string): BodyNode => ({
  type: 'relatedLink',
  attrs: { articleId: null, href: `${RELATED_PLACEHOLDER}${articleSlug}`, title: '' },
});

/** A horizontal rule between parts of a long piece. */
export const hr = (): BodyNode => ({ type: 'horizontalRule' });

/** Wraps blocks into a document. */
export const doc = (blocks: BodyNode[]): BodyDoc => ({ type: 'doc', content: blocks });
