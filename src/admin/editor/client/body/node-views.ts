// Browser renderings of the custom nodes inside the editor: cards with their own form
// fields that write straight into the node's attributes. Nothing third-party loads here.

import type { NodeViewRenderer } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { numberAttr, stringAttr } from './attribute-rules.ts';
import { attributeField, cardHeader, cardView } from './card.ts';
import { h } from './dom.ts';
import { EMBED_PROVIDER_LABELS, isEmbedProvider } from './embed-url.ts';
import type { BodyNodeViews } from './extensions.ts';
import { icon } from './icons.ts';
import { imageBlockView } from './image-view.ts';
import type { ImageInfo } from './types.ts';

/** What the node views need from the page. */
export interface NodeViewContext {
  /** Cached image details; null when the image is not in the library. */
  imageInfo(imageId: number): Promise<ImageInfo | null>;
}

/** The node views for createBodyEditor. */
export function createNodeViews(context: NodeViewContext): BodyNodeViews {
  return {
    pullQuote: pullQuoteView,
    imageBlock: imageBlockView(context),
    embed: embedView,
    relatedLink: relatedLinkView,
  };
}

const pullQuoteView: NodeViewRenderer = (props) => {
  const text = h('blockquote', { class: 'body-pull-quote__text', 'data-placeholder': 'Line to pull out of the story' });
  const attribution = attributeField(props, { label: 'Attribution', name: 'attribution' });
  const label = h('span', { class: 'body-card__title', contenteditable: 'false' }, 'Pull quote');
  const footer = h('div', { class: 'body-pull-quote__footer', contenteditable: 'false' }, attribution.element);
  // A div, not the aside readers get: every card would otherwise be a landmark of the admin page.
  const dom = h('div', { class: 'body-node body-pull-quote', 'data-body-node': 'pullQuote' }, label, text, footer);
  const show = (node: ProseMirrorNode) => {
    attribution.show(stringAttr(node, 'attribution'));
    text.classList.toggle('is-empty', node.content.size === 0);
  };
  show(props.node);
  return {
    dom,
    contentDOM: text,
    update(node) {
      if (node.type !== props.node.type) return false;
      show(node);
      return true;
    },
    stopEvent: (event) => event.target instanceof Node && !text.contains(event.target),
    // The quote's text is ProseMirror's to read; the attribution field is ours.
    ignoreMutation: (mutation) => mutation.type !== 'selection' && !text.contains(mutation.target),
  };
};

const embedView: NodeViewRenderer = (props) => {
  const providerName = h('span', { class: 'body-embed__provider' });
  const url = h('p', { class: 'body-embed__url', dir: 'ltr' });
  const title = attributeField(props, { label: 'Title (optional)', name: 'title' });
  const note = h('p', { class: 'body-card__note' }, 'Readers see a placeholder and load the content only if they choose to.');
  const header = cardHeader(props, h('span', {}, 'Embed · ', providerName), 'Remove embed');
  const dom = h('div', { class: 'body-node body-card body-embed', 'data-body-node': 'embed' }, header, url, title.element, note);
  dom.prepend(h('span', { class: 'body-card__icon' }, icon('embed')));
  const show = (node: ProseMirrorNode) => {
    const provider: unknown = node.attrs.provider;
    const name = isEmbedProvider(provider) ? EMBED_PROVIDER_LABELS[provider] : 'Embed';
    providerName.textContent = name;
    dom.dataset.provider = isEmbedProvider(provider) ? provider : 'other';
    url.textContent = stringAttr(node, 'url') ?? '';
    title.show(stringAttr(node, 'title'));
  };
  show(props.node);
  return cardView(dom, (node) => {
    if (node.type !== props.node.type) return false;
    show(node);
    return true;
  });
};

const relatedLinkView: NodeViewRenderer = (props) => {
  const target = h('p', { class: 'body-related__target', dir: 'ltr' });
  const title = attributeField(props, { label: 'Title', name: 'title', isRequired: true });
  const note = h('p', { class: 'body-card__note' });
  const header = cardHeader(props, 'Related', 'Remove related link');
  const dom = h('div', { class: 'body-node body-card body-related', 'data-body-node': 'relatedLink' }, header, title.element, target, note);
  dom.prepend(h('span', { class: 'body-card__icon' }, icon('related')));
  const show = (node: ProseMirrorNode) => {
    const articleId = numberAttr(node, 'articleId');
    const href = stringAttr(node, 'href');
    target.textContent = articleId !== null ? `Article #${articleId}${href === null ? '' : ` · ${href}`}` : (href ?? '');
    // The reader site shows a linked article's current headline, so the title is only a fallback there.
    note.textContent = articleId !== null ? 'Readers see the article’s current headline.' : 'Leave the title empty to show the address.';
    title.show(stringAttr(node, 'title'));
  };
  show(props.node);
  return cardView(dom, (node) => {
    if (node.type !== props.node.type) return false;
    show(node);
    return true;
  });
};
