// Block atoms that point at things outside the text: a stored image, third-party
// content and another article. In the browser each is drawn by a node view (see
// node-views.ts); the HTML below is what copy and paste carry between editors.

import { Node } from '@tiptap/core';
import { hrefProblem } from '../../../../articles/body/url.ts';
import { isOptionalText, isPositiveId, isStorableHref, isText, optionalTextFrom, stringAttr, validator } from './attribute-rules.ts';
import type { NodeViewOption } from './block-nodes.ts';
import { detectEmbed, isEmbedProvider } from './embed-url.ts';

interface AttributeSource {
  getAttribute(name: string): string | null;
}

function idFrom(raw: string | null): number | null {
  const id = Number(raw);
  return isPositiveId(id) ? id : null;
}

// A data-* attribute holding an optional text value, rendered only when not null.
function optionalTextAttribute(name: string, label: string) {
  const dataName = `data-${name}`;
  return {
    default: null,
    parseHTML: (element: AttributeSource) => optionalTextFrom(element.getAttribute(dataName)),
    renderHTML: (attributes: Record<string, unknown>) => {
      const value = attributes[name];
      return typeof value === 'string' ? { [dataName]: value } : {};
    },
    validate: validator(isOptionalText, `${label} must be text or null`),
  };
}

/** A stored image; null caption, credit or alt falls back to the image's own values. */
export const ImageBlock = Node.create<NodeViewOption>({
  name: 'imageBlock',
  group: 'block',
  atom: true,
  selectable: true,

  addOptions() {
    return { nodeView: null };
  },

  addAttributes() {
    return {
      imageId: {
        isRequired: true,
        parseHTML: (element) => idFrom(element.getAttribute('data-image-id')),
        renderHTML: (attributes) => ({ 'data-image-id': String(attributes.imageId) }),
        validate: validator(isPositiveId, 'image id must be a positive whole number'),
      },
      caption: optionalTextAttribute('caption', 'caption'),
      credit: optionalTextAttribute('credit', 'credit'),
      alt: optionalTextAttribute('alt', 'alt text'),
    };
  },

  parseHTML() {
    // Only figures this editor wrote; a pasted <img> from the web has no rule and is dropped.
    return [
      {
        tag: 'figure[data-body-node="imageBlock"]',
        getAttrs: (element) => (idFrom(element.getAttribute('data-image-id')) === null ? false : null),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', { 'data-body-node': 'imageBlock', ...HTMLAttributes }];
  },

  renderText() {
    return '';
  },

  addNodeView() {
    return this.options.nodeView;
  },
});

/** Third-party content, shown to readers as a click-to-load placeholder. */
export const Embed = Node.create<NodeViewOption>({
  name: 'embed',
  group: 'block',
  atom: true,
  selectable: true,

  addOptions() {
    return { nodeView: null };
  },

  addAttributes() {
    return {
      provider: {
        isRequired: true,
        parseHTML: (element) => element.getAttribute('data-provider'),
        renderHTML: (attributes) => ({ 'data-provider': String(attributes.provider) }),
        validate: validator(isEmbedProvider, 'unknown embed provider'),
      },
      url: {
        isRequired: true,
        parseHTML: (element) => element.getAttribute('data-url'),
        renderHTML: (attributes) => ({ 'data-url': String(attributes.url) }),
        validate: validator((value) => typeof value === 'string' && detectEmbed(value).ok, 'embed URL must be an absolute https URL'),
      },
      title: optionalTextAttribute('title', 'embed title'),
    };
  },

  parseHTML() {
    return [
      {
        tag: 'div[data-body-node="embed"]',
        // The provider must match the URL's host, as the server requires.
        getAttrs: (element) => {
          const detected = detectEmbed(element.getAttribute('data-url') ?? '');
          const provider = element.getAttribute('data-provider');
          return detected.ok && (provider === detected.provider || provider === 'other') ? null : false;
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const url = stringAttr(node, 'url') ?? '';
    return ['div', { 'data-body-node': 'embed', ...HTMLAttributes }, ['a', { href: url }, stringAttr(node, 'title') ?? url]];
  },

  renderText({ node }) {
    return stringAttr(node, 'url') ?? '';
  },

  addNodeView() {
    return this.options.nodeView;
  },
});

/** A "Related" card linking another article (by id) or any safe URL. */
export const RelatedLink = Node.create<NodeViewOption>({
  name: 'relatedLink',
  group: 'block',
  atom: true,
  selectable: true,

  addOptions() {
    return { nodeView: null };
  },

  addAttributes() {
    return {
      articleId: {
        default: null,
        parseHTML: (element) => idFrom(element.getAttribute('data-article-id')),
        renderHTML: (attributes) => (attributes.articleId === null ? {} : { 'data-article-id': String(attributes.articleId) }),
        validate: validator((value) => value === null || isPositiveId(value), 'related article id must be a positive whole number or null'),
      },
      href: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-href'),
        renderHTML: (attributes) => (attributes.href === null ? {} : { 'data-href': String(attributes.href) }),
        validate: validator((value) => value === null || isStorableHref(value), 'related link href must be a safe link or null'),
      },
      title: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-title') ?? '',
        renderHTML: (attributes) => ({ 'data-title': String(attributes.title) }),
        validate: validator(isText, 'related link title must be text'),
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'aside[data-body-node="relatedLink"]',
        // Like the server: it needs an article or a safe address to lead to.
        getAttrs: (element) => {
          const articleId = idFrom(element.getAttribute('data-article-id'));
          const href = element.getAttribute('data-href');
          if (href !== null && hrefProblem(href) !== null) return false;
          return articleId !== null || href !== null ? null : false;
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const title = stringAttr(node, 'title') ?? '';
    const href = stringAttr(node, 'href');
    return ['aside', { 'data-body-node': 'relatedLink', ...HTMLAttributes }, href === null ? title : ['a', { href }, title || href]];
  },

  renderText({ node }) {
    return stringAttr(node, 'title') ?? '';
  },

  addNodeView() {
    return this.options.nodeView;
  },
});
