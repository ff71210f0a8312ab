/**
 * An article's sitemap entry: which month lists it, the photos it shows (large variants)
 * and how many bytes its `<url>` may take. Shared by the per-article sync and the bulk rebuild.
 */
import type { Kysely, Transaction } from 'kysely';
import type { BodyDocument } from '../articles/body/document.ts';
import { collectImageIds } from '../articles/body/text.ts';
import type { Database } from '../db/schema.ts';
import { VARIANT_KEY } from '../media/routes.ts';
import type { ImageVariant } from '../media/types.ts';
import { parseStoredJson } from '../shared/json.ts';
import { MAX_IMAGES_PER_URL, entryByteBound } from './limits.ts';

/** The article columns an entry is made from; `body` may be null when it holds no photo. */
export interface ArticleForEntry {
  id: number;
  status: string;
  published_at: string | null;
  modified_at: string;
  language: string;
  section_id: number;
  slug: string;
  translation_group: string | null;
  hero_image_id: number | null;
  body: string | null;
}

/** The stored entry, minus the part it is counted in. */
export interface EntryValues {
  article_id: number;
  month: string;
  published_at: string;
  lastmod: string;
  language: string;
  section_id: number;
  slug: string;
  translation_group: string | null;
  image_keys: string;
  byte_estimate: number;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** `YYYY-MM` of a stored time (UTC), or null when the time is unusable. */
function monthOf(iso: string): string | null {
  if (ISO_TIME.test(iso)) return iso.slice(0, 7);
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const normal = new Date(time).toISOString();
  return ISO_TIME.test(normal) ? normal.slice(0, 7) : null;
}

/** The ids of the photos an article shows, hero first, without repeats. */
export function photoIdsOf(article: Pick<ArticleForEntry, 'hero_image_id' | 'body'>): number[] {
  const ids = new Set<number>();
  if (article.hero_image_id !== null) ids.add(article.hero_image_id);
  // Bodies are validated before they are stored; a damaged one just contributes no photos.
  const doc = parseStoredJson<BodyDocument | null>(article.body, null);
  if (doc && Array.isArray(doc.content)) {
    try {
      for (const id of collectImageIds(doc)) ids.add(id);
    } catch {
      // ignore the body's photos
    }
  }
  return [...ids].filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, MAX_IMAGES_PER_URL);
}

/** The variant a sitemap offers for an image: the widest JPEG (every crawler decodes it), else the widest WebP. */
function largeVariantKey(variantsJson: string): string | null {
  const variants = parseStoredJson<ImageVariant[]>(variantsJson, []);
  if (!Array.isArray(variants)) return null;
  let best: ImageVariant | null = null;
  for (const variant of variants) {
    if (typeof variant?.key !== 'string' || !VARIANT_KEY.test(variant.key) || !Number.isSafeInteger(variant.width)) continue;
    const better = best === null || (variant.format === 'jpeg' && best.format !== 'jpeg') || (variant.format === best.format && variant.width > best.width);
    if (better) best = variant;
  }
  return best?.key ?? null;
}

/** Looks up the large variant keys of images, keeping those already seen (variants are written once and never change). */
export class ImageKeyCache {
  readonly #keys = new Map<number, string | null>();

  /** Loads the keys of ids not seen yet, in batches small enough for any database. */
  async load(db: Kysely<Database> | Transaction<Database>, ids: Iterable<number>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#keys.has(id));
    for (let start = 0; start < missing.length; start += 1000) {
      const batch = missing.slice(start, start + 1000);
      const rows = await db.selectFrom('images').select(['id', 'variants']).where('id', 'in', batch).execute();
      for (const id of batch) this.#keys.set(id, null);
      for (const row of rows) this.#keys.set(Number(row.id), largeVariantKey(row.variants));
    }
  }

  /** The key of a loaded image, or null when it has no usable variant (or does not exist). */
  keyOf(id: number): string | null {
    return this.#keys.get(id) ?? null;
  }
}

/** The entry a published article should have, or null when the sitemaps must not list it. */
export function entryOf(article: ArticleForEntry, photoIds: readonly number[], images: ImageKeyCache): EntryValues | null {
  if (article.status !== 'published' || article.published_at === null) return null;
  const month = monthOf(article.published_at);
  if (month === null) return null;
  const imageKeys = [...new Set(photoIds.map((id) => images.keyOf(id)).filter((key): key is string => key !== null))];
  const hasTranslations = article.translation_group !== null && article.translation_group !== '';
  return {
    article_id: article.id,
    month,
    published_at: article.published_at,
    lastmod: article.modified_at,
    language: article.language,
    section_id: article.section_id,
    slug: article.slug,
    translation_group: hasTranslations ? article.translation_group : null,
    image_keys: imageKeys.join(' '),
    byte_estimate: entryByteBound({ slug: article.slug, imageKeys, hasTranslations }),
  };
}
