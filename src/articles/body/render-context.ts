// What the body renderer needs from its caller. Kept apart from render.ts so the
// block renderers in render-media.ts can share it without an import cycle.

import type { RenderableImage } from '../../media/types.ts';
import type { EmbedProvider } from './document.ts';

/** UI strings the body renderer needs, taken from the reader's language catalogue. */
export interface BodyLabels {
  /** Notice on an embed placeholder, e.g. "This content is hosted by YouTube. Loading it shares data with that service." */
  embedNotice(providerName: string): string;
  /** Button that loads an embed once a script has enhanced the placeholder, e.g. "Load content". */
  embedLoad: string;
  /** Link to the content on the provider's site, e.g. "Open on YouTube". */
  embedOpen(providerName: string): string;
  /** Label before a related-article link, e.g. "Related". */
  related: string;
  /** Prefix of a photo credit, e.g. "Photo:". */
  photoCredit: string;
  /** Display name of a provider; defaults to its brand name, or the URL's host for "other". */
  providerName?(provider: EmbedProvider): string;
}

/** A published article a relatedLink can point at. */
export interface ArticleLinkTarget {
  url: string;
  headline: string;
}

/** Everything renderBodyHtml needs besides the document itself. */
export interface BodyRenderContext {
  /** Images the body refers to, by id; look them up with collectImageIds first. */
  images: ReadonlyMap<number, RenderableImage>;
  /** Published articles the body links to, by id; look them up with collectArticleIds first. */
  articleLinks: ReadonlyMap<number, ArticleLinkTarget>;
  labels: BodyLabels;
  /** How many body images load eagerly; 0 by default because the hero image sits above the body. */
  eagerImageCount?: number;
  /** `sizes` for inline images; defaults to DEFAULT_BODY_IMAGE_SIZES. */
  imageSizes?: string;
}

/** Layout width of an inline body image: the text column on wide screens, full width on phones. */
export const DEFAULT_BODY_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';
