/** The Media RSS block for a photo (http://search.yahoo.com/mrss/): RSS and Atom feeds both carry it, with the credit. */
import type { FeedImage } from './feed-model.ts';
import { startTag, textElement } from './xml.ts';

/** The Media RSS namespace URI. */
export const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/';

/** `<media:content>` for a photo, with its credit (EBU role "photographer") and caption. */
export function mediaContentXml(image: FeedImage): string {
  const attributes = { url: image.url, type: image.mimeType, medium: 'image', width: image.width, height: image.height, ...(image.bytes > 0 ? { fileSize: image.bytes } : {}) };
  return [
    startTag('media:content', attributes),
    image.credit ? textElement('media:credit', image.credit, { role: 'photographer', scheme: 'urn:ebu' }) : '',
    image.caption ? textElement('media:description', image.caption, { type: 'plain' }) : '',
    '</media:content>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
