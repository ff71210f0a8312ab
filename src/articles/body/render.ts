// Server-side HTML for an article body. Every string from the document is escaped
// and every URL re-checked here, whether or not the document was validated first.

import type { BlockNode, BodyDocument, HeadingLevel, ListItemNode, PullQuoteNode } from './document.ts';
import { escapeHtml } from './escape.ts';
import type { BodyRenderContext } from './render-context.ts';
import { renderInline } from './render-inline.ts';
import { renderEmbed, renderImageBlock, renderRelatedLink } from './render-media.ts';

export type { ArticleLinkTarget, BodyLabels, BodyRenderContext } from './render-context.ts';
export { DEFAULT_BODY_IMAGE_SIZES } from './render-context.ts';
export { bodyToPlainText, collectArticleIds, collectImageIds, countWords, readingMinutes } from './text.ts';

interface RenderState {
  ctx: BodyRenderContext;
  eagerImageCount: number;
  imagesRendered: number;
}

/** Renders a body document as semantic, escaped HTML. */
export function renderBodyHtml(doc: BodyDocument, ctx: BodyRenderContext): string {
  const state: RenderState = { ctx, eagerImageCount: ctx.eagerImageCount ?? 0, imagesRendered: 0 };
  return renderBlocks(doc.content, state);
}

function renderBlocks(blocks: readonly BlockNode[], state: RenderState): string {
  return blocks.map((block) => renderBlock(block, state)).join('');
}

function renderBlock(node: BlockNode, state: RenderState): string {
  switch (node.type) {
    // Empty paragraphs and headings are editor spacing; screen readers would announce them as blank.
    case 'paragraph':
      return wrapUnlessEmpty('p', renderInline(node.content));
    case 'heading':
      return wrapUnlessEmpty(headingTag(node.attrs.level), renderInline(node.content));
    case 'blockquote':
      return wrapUnlessEmpty('blockquote', renderBlocks(node.content, state));
    case 'bulletList':
      return wrapUnlessEmpty('ul', renderListItems(node.content, state));
    case 'orderedList': {
      const start = node.attrs?.start;
      const items = renderListItems(node.content, state);
      if (items === '') return '';
      return start !== undefined && Number.isSafeInteger(start) && start !== 1
        ? `<ol start="${start}">${items}</ol>`
        : `<ol>${items}</ol>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'pullQuote':
      return renderPullQuote(node);
    case 'imageBlock': {
      const loading = state.imagesRendered < state.eagerImageCount ? 'eager' : 'lazy';
      const html = renderImageBlock(node, state.ctx, loading);
      if (html !== '') state.imagesRendered += 1;
      return html;
    }
    case 'embed':
      return renderEmbed(node, state.ctx.labels);
    case 'relatedLink':
      return renderRelatedLink(node, state.ctx);
    default:
      return skipUnknownNode(node);
  }
}

function renderListItems(items: readonly ListItemNode[], state: RenderState): string {
  return items.map((item) => `<li>${renderBlocks(item.content, state)}</li>`).join('');
}

// Pull quotes repeat words from the body, yet they stay in the accessibility tree:
// aria-hidden on visible text leaves screen-reader users (many of whom also see the
// page) unable to reach what everyone else is looking at, and editors sometimes pull
// a line that is not in the body verbatim. Inside the page's <article> an unnamed
// <aside> is not a landmark, so it does not clutter landmark navigation either.
function renderPullQuote(node: PullQuoteNode): string {
  const quote = renderInline(node.content);
  if (quote === '') return '';
  const attribution = node.attrs.attribution?.trim() ?? '';
  const attributionHtml = attribution === '' ? '' : `<p class="pull-quote__attribution">${escapeHtml(attribution)}</p>`;
  return `<aside class="pull-quote"><blockquote>${quote}</blockquote>${attributionHtml}</aside>`;
}

// The tag name is built from data, so it is chosen from a closed set, never interpolated.
function headingTag(level: HeadingLevel): 'h2' | 'h3' | 'h4' {
  if (level === 3) return 'h3';
  if (level === 4) return 'h4';
  return 'h2';
}

function wrapUnlessEmpty(tag: string, inner: string): string {
  return inner === '' ? '' : `<${tag}>${inner}</${tag}>`;
}

// A node type added to the model but not handled above fails type-checking; at run
// time an unknown node (from an unvalidated document) is skipped, not fatal.
function skipUnknownNode(_node: never): string {
  return '';
}
