/**
 * What the sections, tags and authors admin share: the field schemas of their forms
 * (slugs, texts, lists, ids), the not-found error, name-ordered page cursors, and turning
 * a unique-key clash that slipped past the checks into a readable refusal.
 */
import { z } from 'zod';
import { ValidationError } from '../shared/validation.ts';

/** Longest slug the admin accepts (what `slugForName` produces at most). */
export const SLUG_MAX_LENGTH = 80;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID_PATTERN = /^[1-9][0-9]{0,14}$/;

/** No section, tag or author has that id (answered with 404). */
export class TaxonomyNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaxonomyNotFoundError';
  }
}

/** A required one-line text of a form. */
export function requiredText(max: number) {
  return z.string({ error: 'is required' }).trim().min(1, 'is required').max(max, `is longer than ${max} characters`);
}

/** An optional text of a form; a missing field reads as empty. */
export function optionalText(max: number) {
  return z.string().trim().max(max, `is longer than ${max} characters`).default('');
}

/** A slug typed into a form; empty means "make one from the name". */
export const slugText = z
  .string()
  .trim()
  .max(SLUG_MAX_LENGTH, `is longer than ${SLUG_MAX_LENGTH} characters`)
  .refine((value) => value === '' || SLUG_PATTERN.test(value), 'use lowercase letters, digits and single hyphens, like "middle-east"')
  .default('');

/** An optional record number typed or chosen in a form; empty means none. */
export function optionalId(message: string) {
  return z
    .string()
    .trim()
    .refine((value) => value === '' || ID_PATTERN.test(value), message)
    .default('')
    .transform((value) => (value === '' ? null : Number(value)));
}

/**
 * Splits a typed list (one per line, or comma separated) into trimmed entries, dropping
 * empty ones and repeats that differ only in letter case; the first spelling is kept.
 */
export function splitList(text: string, separator: RegExp): string[] {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const part of text.split(separator)) {
    const entry = part.trim();
    const key = entry.toLocaleLowerCase();
    if (entry === '' || seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries;
}

/** A list field of a form: entries split by `separator`, each at most `max` characters, at most `count` of them. */
export function listText(separator: RegExp, max: number, count: number) {
  return z
    .string()
    .default('')
    .transform((text) => splitList(text, separator))
    .pipe(z.array(z.string().max(max, `has an entry longer than ${max} characters`)).max(count, `has more than ${count} entries`));
}

/** The text of a form field ('' when absent or a file). */
export function formText(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** The texts of the named fields of a form, to show a refused form again as it was typed. */
export function formTexts<K extends string>(form: Record<string, unknown>, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, formText(form, name)])) as Record<K, string>;
}

/** A position in a list ordered by name, then id. */
export interface NameCursor {
  name: string;
  id: number;
}

/** Encodes a position for `?after=`. */
export function encodeNameCursor(cursor: NameCursor): string {
  return Buffer.from(`${cursor.id}|${cursor.name}`, 'utf8').toString('base64url');
}

/** Decodes `?after=`; null when it is not a marker this admin made. */
export function decodeNameCursor(value: string): NameCursor | null {
  if (value.length > 700 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const match = /^([1-9][0-9]{0,14})\|([^]{1,200})$/u.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return null;
  return { id: Number(match[1]), name: match[2] };
}

/** Whether an error is a database unique-key violation (SQLite or PostgreSQL). */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs a change; a unique-key clash the explicit checks could not see (someone saved the
 * same slug a moment earlier) becomes the same 422 a checked duplicate gets.
 */
export async function refusingDuplicates<T>(message: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([message]);
    throw error;
  }
}

/** "1 article" / "3 articles". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * How many articles hold on to something, and how many of those readers cannot see yet:
 * "2 articles use it", "3 articles, 1 not yet published, use it".
 */
export function articleUse(total: number, published: number, verbs: { one: string; many: string }): string {
  const unpublished = total - published;
  const note = unpublished === 0 ? '' : unpublished === total ? (total === 1 ? ', not yet published,' : ', none yet published,') : `, ${unpublished} not yet published,`;
  return `${countOf(total, 'article')}${note} ${total === 1 ? verbs.one : verbs.many}`;
}
