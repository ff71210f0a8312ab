// The stored article body: a ProseMirror/TipTap JSON document. The names and shape
// follow TipTap exactly so the editor can load and save these documents unchanged.

/** Mark types that carry no attributes. */
export type SimpleMarkType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strike'
  | 'code'
  | 'subscript'
  | 'superscript';

/** A formatting mark without attributes, e.g. bold. */
export interface SimpleMark {
  type: SimpleMarkType;
}

/** A hyperlink mark; `href` is http(s), mailto, site-relative or a #fragment. */
export interface LinkMark {
  type: 'link';
  attrs: { href: string };
}

/** Any mark a text node can carry. */
export type Mark = SimpleMark | LinkMark;

/** A run of text; never empty (ProseMirror forbids empty text nodes). */
export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}

/** A line break inside a block; may carry marks when typed inside formatted text. */
export interface HardBreakNode {
  type: 'hardBreak';
  marks?: Mark[];
}

/** Any inline node. */
export type InlineNode = TextNode | HardBreakNode;

/** A paragraph; TipTap omits `content` for empty paragraphs. */
export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}

/** Heading levels allowed in a body; level 1 belongs to the page headline. */
export type HeadingLevel = 2 | 3 | 4;

/** A subheading. */
export interface HeadingNode {
  type: 'heading';
  attrs: { level: HeadingLevel };
  content?: InlineNode[];
}

/** A quotation of one or more blocks. */
export interface BlockquoteNode {
  type: 'blockquote';
  content: BlockNode[];
}

/** One item of a bullet or ordered list. */
export interface ListItemNode {
  type: 'listItem';
  content: BlockNode[];
}

/** An unordered list. */
export interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}

/** A numbered list, optionally starting at a number other than 1. */
export interface OrderedListNode {
  type: 'orderedList';
  attrs?: { start?: number };
  content: ListItemNode[];
}

/** A thematic break between sections. */
export interface HorizontalRuleNode {
  type: 'horizontalRule';
}

/** A quote pulled out of the body for emphasis, with an optional attribution. */
export interface PullQuoteNode {
  type: 'pullQuote';
  attrs: { attribution: string | null };
  content?: InlineNode[];
}

/** A stored image placed in the body; null attrs fall back to the image's own values. */
export interface ImageBlockNode {
  type: 'imageBlock';
  attrs: {
    imageId: number;
    caption: string | null;
    credit: string | null;
    alt: string | null;
  };
}

/** Third-party services an embed can point at. */
export const EMBED_PROVIDERS = ['youtube', 'vimeo', 'x', 'instagram', 'facebook', 'tiktok', 'other'] as const;

/** A third-party service an embed can point at. */
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

/** What readers and editors call each named provider (an `other` embed is named by its host). */
export const EMBED_PROVIDER_NAMES: Readonly<Record<Exclude<EmbedProvider, 'other'>, string>> = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  x: 'X',
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
};

/** Third-party content, rendered as a click-to-load placeholder; `url` is https. */
export interface EmbedNode {
  type: 'embed';
  attrs: { provider: EmbedProvider; url: string; title: string | null };
}

/** A "Related" link to another article (by id) or to any safe URL. */
export interface RelatedLinkNode {
  type: 'relatedLink';
  attrs: { articleId: number | null; href: string | null; title: string };
}

/** Any node allowed directly in the document, a blockquote or a list item. */
export type BlockNode =
  | ParagraphNode
  | HeadingNode
  | BlockquoteNode
  | BulletListNode
  | OrderedListNode
  | HorizontalRuleNode
  | PullQuoteNode
  | ImageBlockNode
  | EmbedNode
  | RelatedLinkNode;

/** A whole article body. */
export interface BodyDocument {
  type: 'doc';
  content: BlockNode[];
}

/** Size limits a body must respect; they bound parse and render time. */
export const BODY_LIMITS = {
  /** Deepest allowed node level; top-level blocks are level 1. */
  maxDepth: 20,
  /** Most nodes (blocks, list items, text runs, breaks) in one document. */
  maxNodes: 20_000,
  /** Longest text node, in UTF-16 code units. */
  maxTextLength: 100_000,
} as const;
