/**
 * Keyset cursors of search results, opaque in `?after=` and strictly decoded.
 * By date: the sort key of the last result shown. By relevance: its tier and sort key,
 * since relevance order is (tier ascending, sort key descending) — see search.ts.
 */

/** Position after the last result of a page. */
export type SearchCursor = { sort: 'date'; key: number } | { sort: 'relevance'; tier: number; key: number };

/** Encodes a position for `?after=`. */
export function encodeSearchCursor(cursor: SearchCursor): string {
  const text = cursor.sort === 'date' ? `d.${cursor.key}` : `r.${cursor.tier}.${cursor.key}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Decodes `?after=`; null when the value is not a cursor this site made. */
export function decodeSearchCursor(value: string): SearchCursor | null {
  if (value.length > 60 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(?:d|r\.([1-9]))\.(-?\d{1,17})$/.exec(text);
  if (!match?.[2]) return null;
  const key = Number(match[2]);
  if (!Number.isSafeInteger(key)) return null;
  if (text.startsWith('d.')) return { sort: 'date', key };
  return { sort: 'relevance', tier: Number(match[1]), key };
}
