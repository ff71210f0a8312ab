// The image card: a thumbnail from the library, the caption, credit and alt text of
// this use (empty fields fall back to the library's values, shown as placeholders),
// and warnings an editor must see before publishing.

import type { NodeViewRenderer } from '@tiptap/core';
import { numberAttr, stringAttr } from './attribute-rules.ts';
import { h, uniqueId } from './dom.ts';
import { icon } from './icons.ts';
import { attributeField, cardHeader, cardView } from './card.ts';
import type { ImageInfo } from './types.ts';

/** "Loading" until the library answers, then the image's details or null when it is missing. */
type InfoState = { status: 'loading' } | { status: 'ready'; info: ImageInfo | null };

// What a field shows when the node stores null (use the library's value) or '' (none on purpose).
function fallbackHint(stored: string | null, libraryValue: string | null | undefined, emptyHint: string): string {
  if (stored === '') return 'None for this use';
  const value = libraryValue?.trim() ?? '';
  return value === '' ? emptyHint : `From the library: ${value}`;
}

/** The node view of an imageBlock. */
export function imageBlockView(context: { imageInfo(imageId: number): Promise<ImageInfo | null> }): NodeViewRenderer {
  return (props) => {
    let node = props.node;
    let state: InfoState = { status: 'loading' };
    let loadedId: number | null = null;

    const frame = h('div', { class: 'body-image__frame' });
    const badge = h('span', { class: 'body-badge body-badge--wire', hidden: true }, 'Wire photo — not distributable');
    const caption = attributeField(props, { label: 'Caption', name: 'caption', multiline: true });
    const credit = attributeField(props, { label: 'Credit', name: 'credit' });
    const alt = attributeField(props, { label: 'Alt text', name: 'alt' });
    const warningId = uniqueId('body-alt-warning');
    const warning = h('p', { class: 'body-warning', id: warningId, hidden: true }, icon('warning'), 'Alt text is required before publishing');
    alt.input.setAttribute('aria-describedby', warningId);
    const header = cardHeader(props, 'Photo', 'Remove photo', badge);
    const fields = h('div', { class: 'body-image__fields' }, caption.element, credit.element, alt.element, warning);
    const dom = h('figure', { class: 'body-node body-card body-image', 'data-body-node': 'imageBlock' }, header, h('div', { class: 'body-image__layout' }, frame, fields));
    dom.prepend(h('span', { class: 'body-card__icon' }, icon('image')));

    const render = () => {
      const imageId = numberAttr(node, 'imageId');
      const info = state.status === 'ready' ? state.info : undefined;
      frame.replaceChildren();
      if (state.status === 'loading') {
        frame.append(h('span', { class: 'body-image__status' }, 'Loading photo…'));
      } else if (info === null || info === undefined) {
        frame.append(h('span', { class: 'body-image__status body-image__status--error' }, `Photo #${imageId ?? '?'} is not in the library`));
      } else if (info.thumbnailUrl === null) {
        frame.append(h('span', { class: 'body-image__status' }, 'No preview yet'));
      } else {
        frame.append(h('img', { src: info.thumbnailUrl, alt: '', loading: 'lazy', decoding: 'async' }));
      }
      badge.hidden = info?.canDistribute !== false;

      const storedAlt = stringAttr(node, 'alt');
      caption.show(stringAttr(node, 'caption'));
      credit.show(stringAttr(node, 'credit'));
      alt.show(storedAlt);
      caption.input.placeholder = fallbackHint(stringAttr(node, 'caption'), info?.caption, 'Add a caption');
      credit.input.placeholder = fallbackHint(stringAttr(node, 'credit'), info?.credit, 'Photographer/Agency');
      alt.input.placeholder = fallbackHint(storedAlt, info?.alt, 'Describe the photo for people who cannot see it');

      // Until the library answers, an empty field may still fall back to a library alt text.
      const effectiveAlt = storedAlt ?? (state.status === 'ready' ? (info?.alt ?? '') : null);
      const isMissingAlt = effectiveAlt !== null && effectiveAlt.trim() === '';
      warning.hidden = !isMissingAlt;
      if (isMissingAlt) alt.input.setAttribute('aria-invalid', 'true');
      else alt.input.removeAttribute('aria-invalid');
      dom.classList.toggle('has-warning', isMissingAlt);
    };

    const load = () => {
      const imageId = numberAttr(node, 'imageId');
      if (imageId === null || imageId === loadedId) return;
      loadedId = imageId;
      state = { status: 'loading' };
      context.imageInfo(imageId).then(
        (info) => {
          if (loadedId !== imageId) return;
          state = { status: 'ready', info };
          render();
        },
        () => {
          if (loadedId !== imageId) return;
          state = { status: 'ready', info: null };
          render();
        },
      );
    };

    load();
    render();
    return cardView(dom, (next) => {
      if (next.type !== node.type) return false;
      node = next;
      load();
      render();
      return true;
    });
  };
}

/** Keeps one request per image for the editor's lifetime; a failed request may be retried. */
export function cachedImageInfo(fetchInfo: (imageId: number) => Promise<ImageInfo | null>): (imageId: number) => Promise<ImageInfo | null> {
  const cache = new Map<number, Promise<ImageInfo | null>>();
  return (imageId) => {
    let pending = cache.get(imageId);
    if (pending === undefined) {
      pending = fetchInfo(imageId);
      pending.catch(() => cache.delete(imageId));
      cache.set(imageId, pending);
    }
    return pending;
  };
}
