// Plain-text views of a body, for syndication feeds, search indexing and word counts.

import type { BlockNode, BodyDocument, ImageBlockNode } from './document.ts';
import { inlineText } from './render-inline.ts';

/** Ids of the images a body uses, unique, in document order. */
export function collectImageIds(doc: BodyDocument): number[] {
  return [...new Set(collectImageBlocks(doc).map((node) => node.attrs.imageId))];
}

/** Every photo of a body as it is used there (with that use's caption, credit and alt), in document order, nested ones included. */
export function collectImageBlocks(doc: BodyDocument): ImageBlockNode[] {
  const blocks: ImageBlockNode[] = [];
  walk(doc.content, (node) => {
    if (node.type === 'imageBlock') blocks.push(node);
  });
  return blocks;
}

/** Ids of the articles a body's related links point at, unique, in document order. */
export function collectArticleIds(doc: BodyDocument): number[] {
  const ids = new Set<number>();
  walk(doc.content, (node) => {
    if (node.type === 'relatedLink' && node.attrs.articleId !== null) ids.add(node.attrs.articleId);
  });
  return [...ids];
}

function walk(blocks: readonly BlockNode[], visit: (node: BlockNode) => void): void {
  for (const node of blocks) {
    visit(node);
    if (node.type === 'blockquote') walk(node.content, visit);
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      for (const item of node.content) walk(item.content, visit);
    }
  }
}

interface TextOptions {
  /** Word counting wants prose only: no list numbers, no embed URLs. */
  isForCounting: boolean;
}

/** The body as plain text: blocks separated by blank lines, list items prefixed with "- " or "1. ". */
export function bodyToPlainText(doc: BodyDocument): string {
  return blocksText(doc.content, { isForCounting: false }).join('\n\n');
}

function blocksText(blocks: readonly BlockNode[], options: TextOptions): string[] {
  return blocks.map((block) => blockText(block, options)).filter((text) => text !== '');
}

function blockText(node: BlockNode, options: TextOptions): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.content).trim();
    case 'blockquote':
      return blocksText(node.content, options).join('\n\n');
    case 'bulletList':
    case 'orderedList': {
      const start = node.type === 'orderedList' ? (node.attrs?.start ?? 1) : 1;
      return node.content
        .map((item, index) => {
          const prefix = options.isForCounting ? '' : node.type === 'orderedList' ? `${start + index}. ` : '- ';
          const body = blocksText(item.content, options).join('\n');
          // Continuation lines line up under the item's text so nesting stays readable.
          return prefix + body.replaceAll('\n', `\n${' '.repeat(prefix.length)}`);
        })
        .join('\n');
    }
    case 'embed': {
      if (options.isForCounting) return '';
      const title = node.attrs.title?.trim() ?? '';
      return title === '' ? node.attrs.url : `${title}: ${node.attrs.url}`;
    }
    // Pull quotes repeat the body (counting them twice would skew word counts and
    // search ranking); images, rules and related links are not prose.
    case 'pullQuote':
    case 'imageBlock':
    case 'horizontalRule':
    case 'relatedLink':
      return '';
    default:
      return skipUnknownNode(node);
  }
}

// Segmenting by word rather than splitting on spaces also counts scripts written
// without spaces, and ignores punctuation and dashes standing alone.
const WORD_SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Number of words in the body's prose (pull quotes, captions and embeds excluded). */
export function countWords(doc: BodyDocument): number {
  const text = blocksText(doc.content, { isForCounting: true }).join('\n\n');
  let words = 0;
  for (const segment of WORD_SEGMENTER.segment(text)) {
    if (segment.isWordLike === true) words += 1;
  }
  return words;
}

const WORDS_PER_MINUTE = 230;

/** Estimated reading time in whole minutes, at about 230 words a minute and never less than 1. */
export function readingMinutes(words: number): number {
  if (!Number.isFinite(words) || words <= 0) return 1;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

// A node type added to the model but not handled above fails type-checking; at run
// time an unknown node (from an unvalidated document) is skipped, not fatal.
function skipUnknownNode(_node: never): string {
  return '';
}
