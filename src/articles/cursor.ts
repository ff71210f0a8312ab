/**
 * Keyset-pagination cursors: the (published_at, id) of the last item shown, encoded as
 * URL-safe base64. Opaque to readers, strictly checked on the way in.
 */

/** Position in a listing ordered by published_at desc, id desc. */
export interface ListingCursor {
  at: string;
  id: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Encodes a position for use in `?after=`. */
export function encodeCursor(cursor: ListingCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Decodes `?after=`; null when the value is not a cursor this site made. */
export function decodeCursor(value: string): ListingCursor | null {
  if (value.length > 80 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^([^|]+)\|(\d{1,15})$/.exec(text);
  if (!match?.[1] || !match[2] || !ISO.test(match[1]) || Number.isNaN(Date.parse(match[1]))) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id > 0 ? { at: match[1], id } : null;
}
