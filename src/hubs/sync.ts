/**
 * Keeps the hub listing (`article_hubs`) in step: a country's page lists every published
 * article tagged with the country or with a place inside it (a place tag whose parent is
 * the country). The rows are derived from `article_tags` alone, whose `language` and
 * `listed_at` copies are kept current by syncListing before afterArticleWrite runs.
 *
 * Three kinds of change move rows:
 * - an article write: its own rows are replaced (a handful of rows; `syncHubListing`);
 * - a tag edit, merge or delete: the hubs that depended on the tag are diffed against
 *   what they should hold (`refreshHubs`): stale rows deleted, missing rows inserted, so
 *   the writes are proportional to what changed, not to the size of the country (an edit
 *   also narrows the reading to the articles carrying the edited tag);
 * - a bulk load: everything rebuilt in two set-based statements (`rebuildHubListings`).
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { changeContent } from '../content/content-version.ts';
import type { Database, TagRow } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows that put articles on a country hub because they carry the country's own tag. */
function countryTagRows(db: Executor) {
  return db
    .selectFrom('article_tags as t')
    .innerJoin('tags as g', 'g.id', 't.tag_id')
    .where('g.kind', '=', 'country')
    .where('t.listed_at', 'is not', null)
    .select(['t.article_id', 't.tag_id as hub_tag_id', 't.language', 't.listed_at'])
    .$narrowType<{ listed_at: string }>();
}

/** Rows that put articles on a country hub because they carry a place inside it. */
function placeTagRows(db: Executor) {
  return db
    .selectFrom('article_tags as t')
    .innerJoin('tags as g', 'g.id', 't.tag_id')
    .innerJoin('tags as c', 'c.id', 'g.parent_id')
    .where('g.kind', '=', 'place')
    .where('c.kind', '=', 'country')
    .where('t.listed_at', 'is not', null)
    .select(['t.article_id', 'c.id as hub_tag_id', 't.language', 't.listed_at'])
    .$narrowType<{ listed_at: string }>();
}

const COLUMNS = ['article_id', 'hub_tag_id', 'language', 'listed_at'] as const;

/** Replaces one article's hub rows. Called by afterArticleWrite in the transaction of every article write. */
export async function syncHubListing(db: Executor, articleId: number): Promise<void> {
  await db.deleteFrom('article_hubs').where('article_id', '=', articleId).execute();
  const rows = [
    ...(await countryTagRows(db).where('t.article_id', '=', articleId).execute()),
    ...(await placeTagRows(db).where('t.article_id', '=', articleId).execute()),
  ];
  // An article tagged with a country and with a place in it is listed there once.
  const unique = new Map(rows.map((row) => [Number(row.hub_tag_id), row]));
  if (unique.size === 0) return;
  await db
    .insertInto('article_hubs')
    .values([...unique.values()].map((row) => ({ article_id: articleId, hub_tag_id: Number(row.hub_tag_id), language: row.language, listed_at: row.listed_at })))
    .execute();
}

/**
 * The hubs whose contents depend on these tags: a country's own hub, and a place's
 * country. Read before a tag change, refreshed after it (the change may remove the link).
 */
export async function hubsDependingOn(db: Executor, tagIds: readonly number[]): Promise<number[]> {
  if (tagIds.length === 0) return [];
  const rows = await db.selectFrom('tags').select(['id', 'kind', 'parent_id']).where('id', 'in', [...tagIds]).execute();
  const hubs = new Set<number>();
  for (const row of rows) {
    if (row.kind === 'country') hubs.add(Number(row.id));
    if (row.kind === 'place' && row.parent_id !== null) hubs.add(Number(row.parent_id));
  }
  return [...hubs];
}

/**
 * Brings hubs in step with the tags: rows no tag justifies any more go, missing rows come.
 * `onlyArticlesTaggedWith` narrows the work to the articles carrying those tags, when the
 * change is known to touch no others (a place moved: only its articles move with it).
 */
export async function refreshHubs(db: Executor, hubIds: readonly number[], options: { onlyArticlesTaggedWith?: readonly number[] } = {}): Promise<void> {
  const scope = options.onlyArticlesTaggedWith ? [...options.onlyArticlesTaggedWith] : null;
  const inScope = () => db.selectFrom('article_tags as s').select('s.article_id').where('s.tag_id', 'in', scope ?? []);
  for (const hubId of new Set(hubIds)) {
    const hub = await db.selectFrom('tags').select('kind').where('id', '=', hubId).executeTakeFirst();
    if (hub?.kind !== 'country') {
      await db.deleteFrom('article_hubs').where('hub_tag_id', '=', hubId).execute();
      continue;
    }
    const places = await db.selectFrom('tags').select('id').where('parent_id', '=', hubId).where('kind', '=', 'place').execute();
    const sourceTags = [hubId, ...places.map((place) => Number(place.id))];
    let stale = db
      .deleteFrom('article_hubs')
      .where('hub_tag_id', '=', hubId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('article_tags as t')
              .select(sql<number>`1`.as('one'))
              .whereRef('t.article_id', '=', 'article_hubs.article_id')
              .where('t.tag_id', 'in', sourceTags)
              .where('t.listed_at', 'is not', null),
          ),
        ),
      );
    let direct = countryTagRows(db).where('t.tag_id', '=', hubId);
    let viaPlaces = placeTagRows(db).where('c.id', '=', hubId);
    if (scope) {
      stale = stale.where('article_id', 'in', inScope());
      direct = direct.where('t.article_id', 'in', inScope());
      viaPlaces = viaPlaces.where('t.article_id', 'in', inScope());
    }
    await stale.execute();
    await db.insertInto('article_hubs').columns(COLUMNS).expression(direct).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('article_hubs').columns(COLUMNS).expression(viaPlaces).onConflict((oc) => oc.doNothing()).execute();
  }
}

/**
 * After a tag's fields were saved: when its kind or its country changed, the hubs it
 * fed before and feeds now are refreshed. Other edits (name, description…) move nothing.
 */
export async function refreshHubsAfterTagEdit(db: Executor, tagId: number, before: Pick<TagRow, 'kind' | 'parent_id'>): Promise<void> {
  const now = await db.selectFrom('tags').select(['kind', 'parent_id']).where('id', '=', tagId).executeTakeFirst();
  if (now && now.kind === before.kind && now.parent_id === before.parent_id) return;
  const hubs = new Set<number>();
  if (before.kind === 'country' || now?.kind === 'country') hubs.add(tagId);
  if (before.kind === 'place' && before.parent_id !== null) hubs.add(Number(before.parent_id));
  if (now?.kind === 'place' && now.parent_id !== null) hubs.add(Number(now.parent_id));
  // Only the articles carrying this tag can change hubs (a country cannot lose its kind while places remain in it).
  await refreshHubs(db, [...hubs], { onlyArticlesTaggedWith: [tagId] });
}

/** Rebuilds every hub from the tags, in set-based statements; for bulk loads (the benchmark seeder). */
export async function rebuildHubListings(db: Kysely<Database>): Promise<{ rows: number }> {
  return changeContent(db, async (trx) => {
    await trx.deleteFrom('article_hubs').execute();
    await trx.insertInto('article_hubs').columns(COLUMNS).expression(countryTagRows(trx)).onConflict((oc) => oc.doNothing()).execute();
    await trx.insertInto('article_hubs').columns(COLUMNS).expression(placeTagRows(trx)).onConflict((oc) => oc.doNothing()).execute();
    const { count } = await trx
      .selectFrom('article_hubs')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return { rows: Number(count) };
  });
}
