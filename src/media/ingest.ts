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
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError } from '../shared/validation.ts';
import type { ImageVariant } from './types.ts';

/** Widths made for every image (never wider than the original). */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
/** Largest accepted upload. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 60_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);

/** Per-image editorial data stored with the file. */
export interface ImageMetadataInput {
  alt: string;
  caption: string | null;
  credit: string | null;
  creditOrganisation: string | null;
  canDistribute: boolean;
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

/** Stores an image and its variants; returns the new image id. Throws ValidationError for files that are not images. */
export async function ingestImage(db: Kysely<Database>, mediaDir: string, input: Buffer, meta: ImageMetadataInput): Promise<number> {
  if (input.byteLength === 0) throw new ValidationError(['file: is empty']);
  if (input.byteLength > MAX_IMAGE_BYTES) throw new ValidationError([`file: is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`]);
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata()).format;
  } catch {
    throw new ValidationError(['file: is not an image this site can read']);
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new ValidationError([`file: ${format ?? 'unknown'} images are not accepted; use JPEG, PNG, WebP or AVIF`]);

  // rotate() applies the EXIF orientation to the pixels; sharp drops all metadata on
  // output unless asked to keep it, so the stored original carries none.
  const oriented = sharp(input, { limitInputPixels: MAX_PIXELS, animated: false }).rotate();
  const sanitised = await (format === 'png' ? oriented.png() : oriented.flatten({ background: '#ffffff' }).jpeg({ quality: 92 })).toBuffer({ resolveWithObject: true });
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
