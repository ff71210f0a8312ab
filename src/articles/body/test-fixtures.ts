// Builders shared by the body tests; not used by application code.

import type { ImageVariant, RenderableImage } from '../../media/types.ts';
import type { BlockNode, BodyDocument, InlineNode } from './document.ts';
import type { BodyLabels, BodyRenderContext } from './render-context.ts';

/** English labels as a message catalogue would supply them. */
export const englishLabels: BodyLabels = {
  embedNotice: (provider) => `This content is hosted by ${provider}. Loading it shares data with that service.`,
  embedLoad: 'Load content',
  embedOpen: (provider) => `Open on ${provider}`,
  related: 'Related',
  photoCredit: 'Photo:',
};

/** A document holding the given blocks. */
export function docOf(...content: BlockNode[]): BodyDocument {
  return { type: 'doc', content };
}

/** A paragraph holding the given inline nodes. */
export function paragraphOf(...content: InlineNode[]): BlockNode {
  return { type: 'paragraph', content };
}

/** A plain text node. */
export function text(value: string): InlineNode {
  return { type: 'text', text: value };
}

/** A stored image with WebP and JPEG variants at 640, 800 and 1600 pixels wide. */
export function buildImage(overrides: Partial<RenderableImage> = {}): RenderableImage {
  const variants: ImageVariant[] = [640, 800, 1600].flatMap((width) => [
    { width, height: width / 2, format: 'webp' as const, key: `img7-${width}.webp` },
    { width, height: width / 2, format: 'jpeg' as const, key: `img7-${width}.jpg` },
  ]);
  return {
    id: 7,
    width: 3200,
    height: 1600,
    alt: 'A city square at dusk',
    caption: 'The square on Monday.',
    credit: 'Jane Doe',
    creditOrganisation: 'Agency',
    canDistribute: false,
    variants,
    ...overrides,
  };
}

/** A render context with one image (id 7) and one published article (id 42). */
export function buildContext(overrides: Partial<BodyRenderContext> = {}): BodyRenderContext {
  return {
    images: new Map([[7, buildImage()]]),
    articleLinks: new Map([[42, { url: '/news/envoy-holds-talks', headline: 'Envoy holds talks in capital' }]]),
    labels: englishLabels,
    ...overrides,
  };
}
