/**
 * Rebuilds every sitemap entry and month part from the articles, for archives written
 * without the per-article hook (the bulk seeder, imports). One keyset walk down the
 * articles' primary key, which reads the table in storage order and appends entries in
 * key order (about twice as fast at 1,000,000 articles as walking by publication time);
 * parts fill in id order, as the per-article sync fills them as articles arrive.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { changeContent } from '../content/content-version.ts';
import { dialectOf, maxBoundParameters } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { ImageKeyCache, entryOf, photoIdsOf } from './entry.ts';
import type { EntryValues } from './entry.ts';
import { partByteCapacity, sitemapLimits } from './limits.ts';

const READ_BATCH = 10_000;
const ENTRY_COLUMNS = 11;

interface OpenPart {
  month: string;
  part: number;
  url_count: number;
  byte_estimate: number;
  lastmod: string;
}

/** What a rebuild wrote. */
export interface RebuildReport {
  entries: number;
  parts: number;
}

/** Replaces the sitemap tables with what the articles say, in one transaction; returns the counts. */
export async function rebuildSitemapMonths(db: Kysely<Database>, options: { onProgress?: (entries: number) => void } = {}): Promise<RebuildReport> {
  const limits = sitemapLimits();
  const capacity = partByteCapacity(limits);
  const insertBatch = Math.floor(maxBoundParameters(dialectOf(db)) / ENTRY_COLUMNS);
  return changeContent(db, async (trx) => {
    // Parts first, so the per-row trigger of the second delete finds nothing to update.
    await trx.deleteFrom('sitemap_parts').execute();
    await trx.deleteFrom('sitemap_entries').execute();
    const images = new ImageKeyCache();
    const partsByMonth = new Map<string, OpenPart>();
    const closed: OpenPart[] = [];
    let pending: (EntryValues & { part: number })[] = [];
    let entries = 0;
    let afterId = 0;
    for (;;) {
      const rows = await trx
        .selectFrom('articles')
        .select(['id', 'status', 'published_at', 'modified_at', 'language', 'section_id', 'slug', 'translation_group', 'hero_image_id'])
        // Only bodies that place a photo are worth sending over and parsing.
        .select(sql<string | null>`case when body like '%"imageBlock"%' then body end`.as('body'))
        .where('id', '>', afterId)
        .where('status', '=', 'published')
        .orderBy('id')
        .limit(READ_BATCH)
        .execute();
      if (rows.length === 0) break;
      const photoIds = new Map(rows.map((row) => [Number(row.id), photoIdsOf(row)]));
      await images.load(trx, [...photoIds.values()].flat());
      for (const row of rows) {
        const entry = entryOf({ ...row, id: Number(row.id) }, photoIds.get(Number(row.id)) ?? [], images);
        if (!entry) continue;
        let open = partsByMonth.get(entry.month);
        if (!open || open.url_count >= limits.maxUrls || (open.url_count > 0 && open.byte_estimate + entry.byte_estimate > capacity)) {
          if (open) closed.push(open);
          open = { month: entry.month, part: (open?.part ?? 0) + 1, url_count: 0, byte_estimate: 0, lastmod: entry.lastmod };
          partsByMonth.set(entry.month, open);
        }
        open.url_count += 1;
        open.byte_estimate += entry.byte_estimate;
        if (entry.lastmod > open.lastmod) open.lastmod = entry.lastmod;
        pending.push({ ...entry, part: open.part });
      }
      while (pending.length >= insertBatch) {
        await trx.insertInto('sitemap_entries').values(pending.slice(0, insertBatch)).execute();
        entries += insertBatch;
        pending = pending.slice(insertBatch);
      }
      options.onProgress?.(entries + pending.length);
      if (rows.length < READ_BATCH) break;
      afterId = Number(rows.at(-1)?.id ?? Number.MAX_SAFE_INTEGER);
    }
    if (pending.length > 0) await trx.insertInto('sitemap_entries').values(pending).execute();
    entries += pending.length;
    const parts = [...closed, ...partsByMonth.values()];
    for (let start = 0; start < parts.length; start += 1000) await trx.insertInto('sitemap_parts').values(parts.slice(start, start + 1000)).execute();
    return { entries, parts: parts.length };
  });
}
