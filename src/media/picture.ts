// Responsive <picture> markup for a stored image: WebP for browsers that take it,
// JPEG for the rest, and explicit dimensions so the page does not shift as it loads.

import { escapeAttribute } from '../articles/body/escape.ts';
import type { ImageVariant, RenderableImage } from './types.ts';

/** Options for renderPictureHtml. */
export interface PictureOptions {
  /** The `sizes` attribute: how wide the image is laid out, e.g. `(min-width: 48rem) 46rem, 100vw`. */
  sizes: string;
  loading: 'eager' | 'lazy';
  /** Overrides the image's stored alt text; pass '' for a purely decorative use. */
  alt?: string;
  /** Class on the <img>, which is the element layout CSS sizes. */
  className?: string;
  fetchPriority?: 'high' | 'auto';
}

// The `src` fallback is for browsers that ignore srcset; ~800px suits most screens.
const FALLBACK_TARGET_WIDTH = 800;

/** Renders an image as <picture> HTML, or '' when it has no usable variants. */
export function renderPictureHtml(image: RenderableImage, opts: PictureOptions): string {
  const webp = usableVariants(image.variants, 'webp');
  const jpeg = usableVariants(image.variants, 'jpeg');
  // Every current browser decodes WebP, so an image stored only as WebP still renders.
  const fallback = jpeg.length > 0 ? jpeg : webp;
  const largest = fallback.at(-1);
  const src = closestTo(fallback, FALLBACK_TARGET_WIDTH);
  if (largest === undefined || src === undefined) return '';

  const sizes = escapeAttribute(opts.sizes);
  const source =
    jpeg.length > 0 && webp.length > 0
      ? `<source type="image/webp" srcset="${srcset(webp)}" sizes="${sizes}">`
      : '';
  const attributes = [
    `src="${mediaUrl(src)}"`,
    `srcset="${srcset(fallback)}"`,
    `sizes="${sizes}"`,
    `width="${largest.width}"`,
    `height="${largest.height}"`,
    `alt="${escapeAttribute(opts.alt ?? image.alt)}"`,
    `loading="${opts.loading === 'eager' ? 'eager' : 'lazy'}"`,
    'decoding="async"',
  ];
  if (opts.fetchPriority !== undefined) attributes.push(`fetchpriority="${opts.fetchPriority === 'high' ? 'high' : 'auto'}"`);
  if (opts.className !== undefined && opts.className !== '') attributes.push(`class="${escapeAttribute(opts.className)}"`);
  return `<picture>${source}<img ${attributes.join(' ')}></picture>`;
}

/** The public URL of a stored variant, escaped for an attribute. */
export function mediaUrl(variant: ImageVariant): string {
  // encodeURIComponent also encodes commas and spaces, which would split a srcset entry.
  return escapeAttribute(`/media/${encodeURIComponent(variant.key)}`);
}

// Variants of one format, narrowest first, one per width: a srcset with two
// candidates of the same width is invalid and browsers drop the whole attribute.
function usableVariants(variants: readonly ImageVariant[], format: ImageVariant['format']): ImageVariant[] {
  const byWidth = new Map<number, ImageVariant>();
  for (const variant of variants) {
    if (variant.format !== format || !isPositiveInteger(variant.width) || !isPositiveInteger(variant.height)) continue;
    if (!byWidth.has(variant.width)) byWidth.set(variant.width, variant);
  }
  return [...byWidth.values()].sort((a, b) => a.width - b.width);
}

function srcset(variants: readonly ImageVariant[]): string {
  return variants.map((variant) => `${mediaUrl(variant)} ${variant.width}w`).join(', ');
}

// Ties go to the wider variant: slightly too sharp beats slightly blurry.
function closestTo(variants: readonly ImageVariant[], width: number): ImageVariant | undefined {
  let best: ImageVariant | undefined;
  for (const variant of variants) {
    if (best === undefined || Math.abs(variant.width - width) <= Math.abs(best.width - width)) best = variant;
  }
  return best;
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}
