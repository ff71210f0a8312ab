/**
 * The media library: images newest first (a keyset walk down `images(created_at, id)`),
 * searched by their editorial text and file name, read one at a time, and edited.
 */
import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { ListingCursor } from '../articles/cursor.ts';
import { changeContent } from '../content/content-version.ts';
import { findImageUses } from './image-usage.ts';
import { resyncSearchFor } from '../search/resync.ts';
import { dialectOf } from '../db/dialect.ts';
import type { DialectName } from '../db/dialect.ts';
import type { Database, ImageRow } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import type { ImageMetadataPatch } from './image-input.ts';
import type { ImageVariant } from './types.ts';

/** An image as the Admin API and the library pages present it. */
export interface MediaImage {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  creditOrganisation: string | null;
  /** False for wire and agency photos the site may show but not pass on (syndication, partners). */
  canDistribute: boolean;
  originalName: string | null;
  createdAt: string;
  uploadedBy: number | null;
  /** `/media/` URL of the 320px (or smallest) JPEG; null only for an image with no variants. */
  thumbnailUrl: string | null;
  /** `/media/` URL of the 960px (or largest up to 960px) JPEG. */
  previewUrl: string | null;
}

/** One page of the library and where the next starts (null on the last page). */
export interface MediaPage {
  images: MediaImage[];
  next: ListingCursor | null;
}

/** Images per library page. */
export const MEDIA_PAGE_SIZE = 24;
/** Longest search accepted, in characters. */
export const MAX_SEARCH_LENGTH = 200;
// More words than this add cost without narrowing anything a person would type.
const MAX_SEARCH_TERMS = 8;

const COLUMNS = ['id', 'width', 'height', 'alt', 'caption', 'credit', 'credit_organisation', 'can_distribute', 'variants', 'original_name', 'created_at', 'uploaded_by'] as const;
const SEARCHED_COLUMNS = ['caption', 'credit', 'credit_organisation', 'alt', 'original_name'] as const;

type LibraryRow = Pick<ImageRow, (typeof COLUMNS)[number]>;

/** The public URL of a stored variant (not escaped: views and JSON escape as they need). */
export function variantUrl(variant: ImageVariant): string {
  return `/media/${encodeURIComponent(variant.key)}`;
}

/** An image's stored variants, narrowest first. */
export function storedVariants(row: Pick<ImageRow, 'variants'>): ImageVariant[] {
  const value = parseStoredJson<unknown>(row.variants, []);
  if (!Array.isArray(value)) return [];
  return (value as ImageVariant[]).filter((variant) => typeof variant?.key === 'string' && Number.isSafeInteger(variant.width)).sort((a, b) => a.width - b.width);
}

function pickUrls(variants: ImageVariant[]): { thumbnailUrl: string | null; previewUrl: string | null } {
  const jpeg = variants.filter((variant) => variant.format === 'jpeg');
  // Every browser decodes WebP too, so an image stored without JPEG still gets a picture.
  const usable = jpeg.length > 0 ? jpeg : variants;
  const smallest = usable[0];
  if (!smallest) return { thumbnailUrl: null, previewUrl: null };
  const thumbnail = usable.find((variant) => variant.width === 320) ?? smallest;
  const preview = usable.find((variant) => variant.width === 960) ?? usable.filter((variant) => variant.width <= 960).at(-1) ?? smallest;
  return { thumbnailUrl: variantUrl(thumbnail), previewUrl: variantUrl(preview) };
}

/** Converts a stored row to the API shape. */
export function toMediaImage(row: LibraryRow): MediaImage {
  return {
    id: Number(row.id),
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    creditOrganisation: row.credit_organisation,
    canDistribute: row.can_distribute === 1,
    originalName: row.original_name,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by === null ? null : Number(row.uploaded_by),
    ...pickUrls(storedVariants(row)),
  };
}

/** Escapes LIKE wildcards so a search for `50%` or `file_1` means those characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * `column` contains `term`, ignoring case. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL's does not, so it gets ILIKE (which also folds non-ASCII letters).
 */
function containsText(dialect: DialectName, column: (typeof SEARCHED_COLUMNS)[number], term: string): Expression<SqlBool> {
  const operator = sql.raw(dialect === 'postgres' ? 'ilike' : 'like');
  return sql<SqlBool>`${sql.ref(column)} ${operator} ${`%${escapeLike(term)}%`} escape '\\'`;
}

/** Splits a search into words; every word must appear in some searched field. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.trim().split(/\s+/u).filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
}

/** Lists images newest first, `MEDIA_PAGE_SIZE` at a time, strictly after `after` when given. */
export async function listImages(db: Kysely<Database>, options: { q?: string; after?: ListingCursor | null; limit?: number } = {}): Promise<MediaPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? MEDIA_PAGE_SIZE), 1), 100);
  const dialect = dialectOf(db);
  const terms = searchTerms(options.q);
  let query = db.selectFrom('images').select(COLUMNS);
  if (terms.length > 0) query = query.where((eb) => eb.and(terms.map((term) => eb.or(SEARCHED_COLUMNS.map((column) => containsText(dialect, column, term))))));
  const after = options.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.at, after.id)));
  // One extra row tells whether a next page exists without counting the table.
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const images = rows.slice(0, limit).map(toMediaImage);
  const last = images.at(-1);
  return { images, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

/** One image and its stored variants, or null when no image has that id. */
export async function getImageWithVariants(db: Kysely<Database>, id: number): Promise<{ image: MediaImage; variants: ImageVariant[] } | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await db.selectFrom('images').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? { image: toMediaImage(row), variants: storedVariants(row) } : null;
}

/** One image, or null when no image has that id. */
export async function getImage(db: Kysely<Database>, id: number): Promise<MediaImage | null> {
  return (await getImageWithVariants(db, id))?.image ?? null;
}

/** The display name of the person who uploaded an image, if they still have an account. */
export async function uploaderName(db: Kysely<Database>, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Changes an image's editorial fields; returns the image, or null when it does not exist.
 * Captions, credits and alt text appear on published pages, so the change bumps the
 * content version and no cached page keeps the old words.
 */
export async function updateImageMetadata(db: Kysely<Database>, id: number, patch: ImageMetadataPatch): Promise<MediaImage | null> {
  const changes = {
    ...(patch.alt === undefined ? {} : { alt: patch.alt }),
    ...(patch.caption === undefined ? {} : { caption: patch.caption }),
    ...(patch.credit === undefined ? {} : { credit: patch.credit }),
    ...(patch.creditOrganisation === undefined ? {} : { credit_organisation: patch.creditOrganisation }),
    ...(patch.canDistribute === undefined ? {} : { can_distribute: patch.canDistribute ? 1 : 0 }),
  };
  const current = await getImage(db, id);
  if (!current || Object.keys(changes).length === 0) return current;
  await changeContent(db, async (trx) => {
    await trx.updateTable('images').set(changes).where('id', '=', id).execute();
  });
  // Captions are searchable: re-index the articles that show this photo.
  if (patch.caption !== undefined) await resyncSearchFor(db, { articleIds: (await findImageUses(db, id)).map((use) => use.articleId) });
  return getImage(db, id);
}
