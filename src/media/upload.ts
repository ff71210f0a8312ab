/**
 * Staff uploads on top of ingestImage: the file's name made safe to store and show,
 * the uploader recorded, and a per-person pace so a runaway script cannot fill the disk.
 * What the file *is* is decided by ingest.ts from its bytes, never from its name or type.
 */
import type { Kysely } from 'kysely';
import { hitRateLimit } from '../accounts/rate-limit.ts';
import type { RateLimitResult } from '../accounts/rate-limit.ts';
import type { Database } from '../db/schema.ts';
import type { ImageMetadataInput } from './ingest.ts';
import { ingestImage } from './ingest.ts';

/** Uploads one person may make per window. */
export const UPLOAD_RATE_LIMIT = { count: 120, windowSeconds: 3600 } as const;
/** Longest stored original file name, in characters. */
export const MAX_ORIGINAL_NAME_LENGTH = 200;
// Extensions longer than this are not extensions worth keeping when a name is shortened.
const MAX_EXTENSION_LENGTH = 10;

// Control characters, and the bidirectional overrides that can make `gpj.exe` display as `exe.jpg`.
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * The uploaded file's name as the library stores and shows it: the last path segment only
 * (some browsers send `C:\fakepath\…`), no control or bidi-override characters, one line,
 * at most MAX_ORIGINAL_NAME_LENGTH characters with the extension kept. Null when nothing is left.
 */
export function sanitiseFileName(name: string): string | null {
  const base = name.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base.replace(/\s+/gu, ' ').replace(UNSAFE_NAME_CHARACTERS, '').trim();
  const characters = Array.from(cleaned); // code points, so a cut never splits a surrogate pair
  if (characters.length === 0) return null;
  if (characters.length <= MAX_ORIGINAL_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  const kept = extension.length > 1 && extension.length <= MAX_EXTENSION_LENGTH ? extension : [];
  return `${characters.slice(0, MAX_ORIGINAL_NAME_LENGTH - kept.length - 1).join('').trimEnd()}…${kept.join('')}`;
}

/** Counts one upload by a person against UPLOAD_RATE_LIMIT. */
export async function countUpload(db: Kysely<Database>, userId: number): Promise<RateLimitResult> {
  return hitRateLimit(db, `media-upload:${userId}`, UPLOAD_RATE_LIMIT.count, UPLOAD_RATE_LIMIT.windowSeconds);
}

/** An uploaded file and who sent it. */
export interface UploadedFile {
  bytes: Buffer;
  /** The name the browser sent; only ever stored as text, never used as a path. */
  fileName: string;
  uploadedBy: number;
}

/** Stores an uploaded image; returns its id. Throws ImageRejectedError for files it will not take. */
export async function uploadImage(db: Kysely<Database>, mediaDir: string, file: UploadedFile, fields: Omit<ImageMetadataInput, 'uploadedBy' | 'originalName'>): Promise<number> {
  return ingestImage(db, mediaDir, file.bytes, { ...fields, uploadedBy: file.uploadedBy, originalName: sanitiseFileName(file.fileName) });
}
