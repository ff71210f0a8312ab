/**
 * The sort key of a search document: its publication second in the high bits and the low
 * 20 bits of the article id below, so ordering by the key is ordering by publication time.
 * It is the FTS5 rowid, which lets SQLite walk a term's matches newest first and stop at the
 * page size (FTS5 reads doclists in rowid order), and it turns a date range into a rowid
 * range. Keys stay within JavaScript's safe integers until the year 2106.
 */

const LOW_BITS = 2 ** 20;
const MAX_SECONDS = 2 ** 32;

function secondsOf(iso: string): number {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (Number.isNaN(seconds)) return 0;
  return Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, seconds));
}

/** The key an article would get; taken keys (the same second, ids 2^20 apart) move up by one. */
export function preferredSortKey(publishedAt: string, articleId: number): number {
  return secondsOf(publishedAt) * LOW_BITS + (articleId % LOW_BITS);
}

/** Smallest key of anything published at or after this time. */
export function firstSortKeyAt(iso: string): number {
  return secondsOf(iso) * LOW_BITS;
}

/** Lowest and highest keys there can be: open ends of a range. */
export const SORT_KEY_RANGE = { min: -(MAX_SECONDS + 1) * LOW_BITS, max: (MAX_SECONDS + 1) * LOW_BITS } as const;
