/**
 * Takes in an uploaded or generated image: checks what it really is from its bytes,
 * re-encodes it without any metadata (EXIF, GPS, XMP, ICC comments — journalists'
 * sources depend on it), and writes the responsive variants once.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError } from '../shared/validation.ts';
import type { ImageVariant } from './types.ts';

/** Widths made for every image (never wider than the original). */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
/** Largest accepted upload. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Most pixels an image may declare; decoding more would let a small file claim gigabytes of memory. */
export const MAX_PIXELS = 60_000_000;
/** Longest side accepted: WebP's own limit, so every variant can be written. */
export const MAX_SIDE = 16_383;
/** Shortest side accepted: smaller is an icon or a tracking pixel, and its variant names would not be served. */
export const MIN_SIDE = 16;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);

/** Per-image editorial data stored with the file. */
export interface ImageMetadataInput {
  alt: string;
  caption: string | null;
  credit: string | null;
  creditOrganisation: string | null;
  canDistribute: boolean;
  /** The staff member who uploaded it; absent for seeded and generated images. */
  uploadedBy?: number | null;
  /** The uploaded file's name, already sanitised (see upload.ts). */
  originalName?: string | null;
}

/** Why a file was refused, so an HTTP layer can choose 413, 415 or 422. */
export type ImageRejection = 'empty' | 'too_large' | 'not_an_image' | 'unsupported_format' | 'too_many_pixels' | 'too_small' | 'damaged';

/** A file refused as an image; still a ValidationError, so every existing caller reports it the same way. */
export class ImageRejectedError extends ValidationError {
  constructor(
    readonly reason: ImageRejection,
    message: string,
  ) {
    super([`file: ${message}`]);
    this.name = 'ImageRejectedError';
  }
}

/** What the file's header says it is. */
export interface ImageFacts {
  format: string;
  width: number;
  height: number;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Reads what a file really is from its bytes (never its name or claimed type) and refuses
 * anything this site will not decode: empty, oversized, not an image, an unaccepted
 * format, or dimensions that would take too much memory to decode (a decompression bomb).
 */
export async function inspectImage(input: Buffer): Promise<ImageFacts> {
  if (input.byteLength === 0) throw new ImageRejectedError('empty', 'is empty (0 bytes)');
  if (input.byteLength > MAX_IMAGE_BYTES) throw new ImageRejectedError('too_large', `is ${megabytes(input.byteLength)}; the largest accepted image is ${megabytes(MAX_IMAGE_BYTES)}`);
  let header: Metadata;
  try {
    // Only the header is read here, so no pixel limit is needed yet: the declared size is
    // checked below with a message that says what was wrong, before anything is decoded.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('not_an_image', 'is not an image this site can read: its content is not JPEG, PNG, WebP, AVIF, GIF or TIFF, whatever its name says');
  }
  const format = header.format;
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new ImageRejectedError('unsupported_format', `${format ?? 'unknown'} images are not accepted; use JPEG, PNG, WebP or AVIF`);
  // The HEIF container also holds iPhone HEIC photos, whose HEVC coding sharp's build cannot decode.
  if (format === 'heif' && header.compression === 'hevc') throw new ImageRejectedError('unsupported_format', 'HEIC photos are not accepted; export the photo as JPEG first');
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width < 1 || height < 1) throw new ImageRejectedError('damaged', 'does not say how large it is, so it cannot be read');
  if (width * height > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
    throw new ImageRejectedError(
      'too_many_pixels',
      `declares ${width}×${height} pixels; images may have at most ${MAX_PIXELS / 1_000_000} megapixels and ${MAX_SIDE.toLocaleString('en')} pixels on a side`,
    );
  }
  if (width < MIN_SIDE || height < MIN_SIDE) throw new ImageRejectedError('too_small', `is ${width}×${height} pixels; images must be at least ${MIN_SIDE} pixels on each side`);
  return { format, width, height };
}

/** Writes the variants of a sanitised image and returns their descriptions. */
async function writeVariants(source: Buffer, width: number, hash: string, variantsDir: string): Promise<ImageVariant[]> {
  const widths = VARIANT_WIDTHS.filter((candidate) => candidate <= width);
  if (widths.length === 0) widths.push(width as (typeof VARIANT_WIDTHS)[number]);
  const variants: ImageVariant[] = [];
  for (const target of widths) {
    const resized = sharp(source).resize({ width: target, withoutEnlargement: true });
    const [webp, jpeg] = await Promise.all([
      resized.clone().webp({ quality: 78, effort: 2 }).toBuffer({ resolveWithObject: true }),
      resized.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true, optimiseCoding: true }).toBuffer({ resolveWithObject: true }),
    ]);
    const webpKey = `${hash}-${target}.webp`;
    const jpegKey = `${hash}-${target}.jpg`;
    await Promise.all([fs.writeFile(path.join(variantsDir, webpKey), webp.data), fs.writeFile(path.join(variantsDir, jpegKey), jpeg.data)]);
    variants.push({ width: webp.info.width, height: webp.info.height, format: 'webp', key: webpKey });
    variants.push({ width: jpeg.info.width, height: jpeg.info.height, format: 'jpeg', key: jpegKey });
  }
  return variants;
}

/** Stores an image and its variants; returns the new image id. Throws ImageRejectedError (a ValidationError) for files it will not take. */
export async function ingestImage(db: Kysely<Database>, mediaDir: string, input: Buffer, meta: ImageMetadataInput): Promise<number> {
  const { format } = await inspectImage(input);

  // rotate() applies the EXIF orientation to the pixels; sharp drops all metadata on
  // output unless asked to keep it, so the stored original carries none. Animated and
  // multi-page files keep their first frame only (animated: false).
  const oriented = sharp(input, { limitInputPixels: MAX_PIXELS, animated: false }).rotate();
  let sanitised: { data: Buffer; info: OutputInfo };
  try {
    sanitised = await (format === 'png' ? oriented.png() : oriented.flatten({ background: '#ffffff' }).jpeg({ quality: 92 })).toBuffer({ resolveWithObject: true });
  } catch {
    // A valid header over truncated or corrupt pixel data fails only here.
    throw new ImageRejectedError('damaged', 'is damaged or incomplete: its pixels could not be decoded');
  }
  const hash = createHash('sha256').update(sanitised.data).digest('hex').slice(0, 32);
  const extension = sanitised.info.format === 'png' ? 'png' : 'jpg';
  const originalsDir = path.join(mediaDir, 'originals');
  const variantsDir = path.join(mediaDir, 'variants');
  await fs.mkdir(originalsDir, { recursive: true });
  await fs.mkdir(variantsDir, { recursive: true });

  const existing = await db.selectFrom('images').select(['file_key', 'variants', 'mime']).where('content_hash', '=', hash).executeTakeFirst();
  const fileKey = existing?.file_key ?? `${hash}.${extension}`;
  const variants = existing ? existing.variants : JSON.stringify(await writeVariants(sanitised.data, sanitised.info.width, hash, variantsDir));
  if (!existing) await fs.writeFile(path.join(originalsDir, fileKey), sanitised.data);

  const row = await db
    .insertInto('images')
    .values({
      file_key: fileKey,
      content_hash: hash,
      mime: extension === 'png' ? 'image/png' : 'image/jpeg',
      width: sanitised.info.width,
      height: sanitised.info.height,
      alt: meta.alt,
      caption: meta.caption,
      credit: meta.credit,
      credit_organisation: meta.creditOrganisation,
      can_distribute: meta.canDistribute ? 1 : 0,
      variants,
      created_at: isoNow(),
      uploaded_by: meta.uploadedBy ?? null,
      original_name: meta.originalName ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
