/**
 * Keeps the sitemap's month summary in step with an article. Each published article has
 * one `sitemap_entries` row saying which month file and part list it; each part has a
 * `sitemap_parts` row with its URL count, byte bound and lastmod, which is all the
 * sitemap index reads. Because the entry remembers where the article was counted, a
 * move to another month, an unpublication or a deletion (through the database trigger
 * of the migration) takes it off the right part without recounting anything.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { ImageKeyCache, entryOf, photoIdsOf } from './entry.ts';
import type { EntryValues } from './entry.ts';
import { partByteCapacity, sitemapLimits } from './limits.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Called by afterArticleWrite in the transaction of every article write. */
export async function syncSitemapMonths(db: Executor, articleId: number): Promise<void> {
  const wanted = await wantedEntry(db, articleId);
  const current = await db.selectFrom('sitemap_entries').selectAll().where('article_id', '=', articleId).executeTakeFirst();
  if (wanted === null) {
    if (current) {
      // The trigger takes the entry off its part's count.
      await db.deleteFrom('sitemap_entries').where('article_id', '=', articleId).execute();
      await touchTranslations(db, current.translation_group, articleId, isoNow());
    }
    return;
  }
  if (current && sameEntry(current, wanted)) return;

  if (current && current.month === wanted.month && (await fitsWhereItIs(db, current, wanted))) {
    await db
      .updateTable('sitemap_parts')
      .set((eb) => ({ byte_estimate: eb('byte_estimate', '+', wanted.byte_estimate - current.byte_estimate) }))
      .where('month', '=', current.month)
      .where('part', '=', current.part)
      .execute();
    await db.updateTable('sitemap_entries').set(wanted).where('article_id', '=', articleId).execute();
    await advanceLastmod(db, current.month, current.part, wanted.lastmod);
  } else {
    if (current) await db.deleteFrom('sitemap_entries').where('article_id', '=', articleId).execute();
    const part = await claimPart(db, wanted.month, wanted.byte_estimate, wanted.lastmod);
    await db
      .insertInto('sitemap_entries')
      .values({ ...wanted, part })
      .execute();
    await advanceLastmod(db, wanted.month, part, wanted.lastmod);
  }

  const isUrlChange = !current || current.language !== wanted.language || current.section_id !== wanted.section_id || current.slug !== wanted.slug || current.translation_group !== wanted.translation_group;
  if (isUrlChange) {
    // Translations list this URL among their alternates: their files changed too.
    const at = isoNow();
    await touchTranslations(db, wanted.translation_group, articleId, at);
    if (current && current.translation_group !== wanted.translation_group) await touchTranslations(db, current.translation_group, articleId, at);
  }
}

/** The entry the article should have now, or null when the sitemaps must not list it. */
async function wantedEntry(db: Executor, articleId: number): Promise<EntryValues | null> {
  const article = await db
    .selectFrom('articles')
    .select(['id', 'status', 'published_at', 'modified_at', 'language', 'section_id', 'slug', 'translation_group', 'hero_image_id', 'body'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article || article.status !== 'published') return null;
  const photoIds = photoIdsOf(article);
  const images = new ImageKeyCache();
  await images.load(db, photoIds);
  return entryOf({ ...article, id: Number(article.id) }, photoIds, images);
}

function sameEntry(current: EntryValues & { part: number }, wanted: EntryValues): boolean {
  return (Object.keys(wanted) as (keyof EntryValues)[]).every((key) => current[key] === wanted[key]);
}

async function fitsWhereItIs(db: Executor, current: EntryValues & { part: number }, wanted: EntryValues): Promise<boolean> {
  if (wanted.byte_estimate <= current.byte_estimate) return true;
  const part = await db.selectFrom('sitemap_parts').select(['url_count', 'byte_estimate']).where('month', '=', current.month).where('part', '=', current.part).executeTakeFirst();
  if (!part) return false;
  return part.url_count <= 1 || part.byte_estimate - current.byte_estimate + wanted.byte_estimate <= partByteCapacity();
}

/**
 * Counts one more URL of `bytes` into the first part of the month with room, opening a
 * new part when none has any. The count moves by a guarded UPDATE, so two writers
 * racing for a part's last place cannot both take it: the loser tries the next part.
 * An empty part always takes the entry, however large, so the loop ends.
 */
async function claimPart(db: Executor, month: string, bytes: number, lastmod: string): Promise<number> {
  const limits = sitemapLimits();
  const room = partByteCapacity(limits) - bytes;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const candidate = await db
      .selectFrom('sitemap_parts')
      .select('part')
      .where('month', '=', month)
      .where('url_count', '<', limits.maxUrls)
      .where((eb) => eb.or([eb('url_count', '<=', 0), eb('byte_estimate', '<=', room)]))
      .orderBy('part')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) {
      const last = await db.selectFrom('sitemap_parts').select((eb) => eb.fn.max('part').as('part')).where('month', '=', month).executeTakeFirst();
      await db
        .insertInto('sitemap_parts')
        .values({ month, part: Number(last?.part ?? 0) + 1, url_count: 0, byte_estimate: 0, lastmod })
        .onConflict((oc) => oc.columns(['month', 'part']).doNothing())
        .execute();
      continue;
    }
    const claimed = await db
      .updateTable('sitemap_parts')
      .set((eb) => ({ url_count: eb('url_count', '+', 1), byte_estimate: eb('byte_estimate', '+', bytes) }))
      .where('month', '=', month)
      .where('part', '=', candidate.part)
      .where('url_count', '<', limits.maxUrls)
      .where((eb) => eb.or([eb('url_count', '<=', 0), eb('byte_estimate', '<=', room)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return Number(candidate.part);
  }
  throw new Error(`could not find room in the ${month} sitemap`);
}

/** Moves a part's lastmod forward (never back), in one statement so racing writers cannot lose the later time. */
async function advanceLastmod(db: Executor, month: string, part: number, at: string): Promise<void> {
  await db.updateTable('sitemap_parts').set({ lastmod: at }).where('month', '=', month).where('part', '=', part).where('lastmod', '<', at).execute();
}

async function touchTranslations(db: Executor, group: string | null, articleId: number, at: string): Promise<void> {
  if (group === null) return;
  const parts = await db.selectFrom('sitemap_entries').select(['month', 'part']).distinct().where('translation_group', '=', group).where('article_id', '!=', articleId).orderBy('month').orderBy('part').execute();
  for (const part of parts) await advanceLastmod(db, part.month, Number(part.part), at);
}

export { rebuildSitemapMonths } from './rebuild.ts';
