// The article body's TipTap schema and behaviour. Node names, attributes and nesting
// are exactly those of src/articles/body/document.ts (test/editor/body-schema.test.ts
// proves it), so the editor loads stored bodies and saves them back unchanged.
// Nothing here touches the DOM: node views come in as options, which lets Node.js
// build the schema for tests.

import type { Extensions, NodeViewRenderer } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Placeholder } from '@tiptap/extension-placeholder';
import { StarterKit } from '@tiptap/starter-kit';
import { BodyHeading, BodyOrderedList, PullQuote } from './block-nodes.ts';
import { BodyCode, BodyLink, Subscript, Superscript } from './marks.ts';
import { Embed, ImageBlock, RelatedLink } from './media-nodes.ts';

/** Browser renderers for the custom nodes; without them each node renders its plain HTML. */
export interface BodyNodeViews {
  pullQuote?: NodeViewRenderer;
  imageBlock?: NodeViewRenderer;
  embed?: NodeViewRenderer;
  relatedLink?: NodeViewRenderer;
}

/** What the editor varies per use; every field is optional so tests can call bodyExtensions(). */
export interface BodyExtensionOptions {
  /** Hint shown in an empty body. */
  placeholder?: string;
  nodeViews?: BodyNodeViews;
}

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  heading: 'Subheading',
  pullQuote: 'Line to pull out of the story',
};

/** The extension list for the body editor. */
export function bodyExtensions(options: BodyExtensionOptions = {}): Extensions {
  const views = options.nodeViews ?? {};
  const bodyPlaceholder = options.placeholder ?? 'Write the story…';
  return [
    StarterKit.configure({
      // Not in the stored model.
      codeBlock: false,
      // Replaced by body versions whose attributes match the stored model (see marks.ts, block-nodes.ts).
      heading: false,
      orderedList: false,
      link: false,
      code: false,
      // It appends an empty paragraph after a closing image or card as soon as the
      // article is opened, which would mark an untouched article as changed.
      trailingNode: false,
      dropcursor: { color: false, width: 3, class: 'body-editor__drop-cursor' },
    }),
    BodyHeading,
    BodyOrderedList,
    BodyLink,
    Subscript,
    Superscript,
    // Last, so code nests innermost as on the reader site.
    BodyCode,
    PullQuote.configure({ nodeView: views.pullQuote ?? null }),
    ImageBlock.configure({ nodeView: views.imageBlock ?? null }),
    Embed.configure({ nodeView: views.embed ?? null }),
    RelatedLink.configure({ nodeView: views.relatedLink ?? null }),
    Placeholder.configure({
      placeholder: ({ node }: { node: ProseMirrorNode }) => PLACEHOLDERS[node.type.name] ?? bodyPlaceholder,
    }),
  ];
}
