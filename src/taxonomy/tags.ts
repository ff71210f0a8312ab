/**
 * Tags as editors curate them: a filtered, searched, keyset-paged list (a newsroom has
 * thousands), creating and editing them, merging a duplicate into the tag that stays,
 * and deleting. Every change is a content change (tag pages and article pages show
 * tags) and audited. Finding and naming tags reuses src/newsroom/tags.ts.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import { changeContent } from '../content/content-version.ts';
import { articlesIn, resyncSearchFor } from '../search/resync.ts';
import { hubsDependingOn, refreshHubs, refreshHubsAfterTagEdit } from '../hubs/sync.ts';
import type { Database, TagRow } from '../db/schema.ts';
import { likePattern } from '../newsroom/listing.ts';
import { TAG_KINDS, searchTags, slugForName } from '../newsroom/tags.ts';
import type { TagSummary } from '../newsroom/tags.ts';
import { parseStringList } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { TaxonomyNotFoundError, listText, optionalId, optionalText, refusingDuplicates, requiredText, slugText } from './common.ts';
import type { NameCursor } from './common.ts';

/** A tag kind. */
export type TagKind = TagRow['kind'];

/** Tags per admin list page. */
export const TAG_PAGE_SIZE = 50;
/** Longest search accepted. */
export const MAX_TAG_SEARCH = 120;

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/** The English name of an ISO 3166-1 alpha-2 code, or null when it names no country. */
export function countryNameOf(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') return null;
  return regionNames.of(code) ?? null;
}

/** The fields of the tag form, as submitted. */
export const tagInputSchema = z.object({
  kind: z.enum(TAG_KINDS, { error: 'choose one of the listed kinds' }),
  name: requiredText(120),
  slug: slugText,
  description: optionalText(1000),
  aliases: listText(/\r?\n/, 120, 50),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .default('')
    .refine((code) => code === '' || countryNameOf(code) !== null, 'use a two-letter ISO 3166-1 code, such as JO or FR'),
  parentId: optionalId('choose a country from the list'),
});

/** A tag as the admin list shows it. */
export interface TagListItem {
  id: number;
  kind: TagKind;
  slug: string;
  name: string;
  aliases: string[];
  countryCode: string | null;
  parentName: string | null;
  articleCount: number;
}

/** A tag as its edit page shows it. */
export interface TagDetail extends TagListItem {
  description: string;
  parentId: number | null;
  /** Places that name this tag as their country. */
  placeCount: number;
}

/** One page of the list and where the next starts (null on the last page). */
export interface TagPage {
  tags: TagListItem[];
  next: NameCursor | null;
}

/** A country a place can belong to. */
export interface CountryChoice {
  id: number;
  name: string;
  countryCode: string | null;
}

function listQuery(db: Kysely<Database>) {
  return db
    .selectFrom('tags')
    .leftJoin('tags as parent', 'parent.id', 'tags.parent_id')
    .select(['tags.id', 'tags.kind', 'tags.slug', 'tags.name', 'tags.aliases', 'tags.country_code', 'tags.description', 'tags.parent_id', 'parent.name as parent_name']);
}

async function articleCounts(db: Kysely<Database>, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('article_tags')
    .select(['tag_id', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('tag_id', 'in', ids)
    .groupBy('tag_id')
    .execute();
  return new Map(rows.map((row) => [Number(row.tag_id), Number(row.count)]));
}

/** Tags by name, `TAG_PAGE_SIZE` at a time: of one kind, matching a search of names and aliases, after a position. */
export async function listTags(db: Kysely<Database>, options: { kind?: TagKind | null; q?: string; after?: NameCursor | null } = {}): Promise<TagPage> {
  let query = listQuery(db);
  if (options.kind) query = query.where('tags.kind', '=', options.kind);
  const q = (options.q ?? '').trim().slice(0, MAX_TAG_SEARCH);
  if (q) {
    const pattern = likePattern(q);
    query = query.where(sql<boolean>`(lower(tags.name) like ${pattern} escape '\\' or lower(tags.aliases) like ${pattern} escape '\\')`);
  }
  const after = options.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('tags.name', 'tags.id'), '>', eb.tuple(after.name, after.id)));
  // One extra row tells whether a next page exists without counting thousands of tags.
  const rows = await query
    .orderBy('tags.name')
    .orderBy('tags.id')
    .limit(TAG_PAGE_SIZE + 1)
    .execute();
  const shown = rows.slice(0, TAG_PAGE_SIZE);
  const counts = await articleCounts(
    db,
    shown.map((row) => Number(row.id)),
  );
  const tags = shown.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    aliases: parseStringList(row.aliases),
    countryCode: row.country_code,
    parentName: row.parent_name,
    articleCount: counts.get(Number(row.id)) ?? 0,
  }));
  const last = tags.at(-1);
  return { tags, next: rows.length > TAG_PAGE_SIZE && last ? { name: last.name, id: last.id } : null };
}

/** One tag, or null when none has that id. */
export async function getTag(db: Kysely<Database>, id: number): Promise<TagDetail | null> {
  const row = await listQuery(db).where('tags.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [counts, places] = await Promise.all([
    articleCounts(db, [id]),
    db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    id: Number(row.id),
    kind: row.kind,
    slug: row.slug,
    name: row.name,
    aliases: parseStringList(row.aliases),
    countryCode: row.country_code,
    parentName: row.parent_name,
    articleCount: counts.get(id) ?? 0,
    description: row.description ?? '',
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    placeCount: Number(places.count),
  };
}

/** Every country tag, by name, for the place form's parent list. */
export async function listCountries(db: Kysely<Database>): Promise<CountryChoice[]> {
  const rows = await db.selectFrom('tags').select(['id', 'name', 'country_code']).where('kind', '=', 'country').orderBy('name').orderBy('id').execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name, countryCode: row.country_code }));
}

/** Tags a duplicate could be merged into: a search of names and aliases, without the tag itself. */
export async function mergeCandidates(db: Kysely<Database>, sourceId: number, q: string): Promise<TagSummary[]> {
  if (q.trim() === '') return [];
  return (await searchTags(db, q)).filter((tag) => tag.id !== sourceId);
}

type TagValues = Pick<TagRow, 'kind' | 'slug' | 'name' | 'aliases' | 'description' | 'country_code' | 'parent_id'>;

/** Validates the form and the facts it depends on: a free slug within the kind, a real parent country, one tag per country code. */
async function checkedValues(trx: Transaction<Database>, input: unknown, ownId: number | null): Promise<TagValues> {
  const fields = parseOrThrow(tagInputSchema, input);
  const slug = fields.slug || slugForName(fields.name);
  const problems: string[] = [];
  const holder = await trx.selectFrom('tags').select(['id', 'name']).where('kind', '=', fields.kind).where('slug', '=', slug).executeTakeFirst();
  if (holder && holder.id !== ownId) problems.push(`slug: "${slug}" is already used by the ${fields.kind} "${holder.name}"`);
  const countryCode = fields.kind === 'country' && fields.countryCode !== '' ? fields.countryCode : null;
  if (countryCode) {
    const sameCode = await trx.selectFrom('tags').select(['id', 'name']).where('kind', '=', 'country').where('country_code', '=', countryCode).executeTakeFirst();
    if (sameCode && sameCode.id !== ownId) problems.push(`countryCode: ${countryCode} is already the code of "${sameCode.name}"`);
  }
  const parentId = fields.kind === 'place' ? fields.parentId : null;
  if (parentId !== null) {
    const parent = await trx.selectFrom('tags').select('kind').where('id', '=', parentId).executeTakeFirst();
    if (parent?.kind !== 'country') problems.push('parentId: choose a country from the list');
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const aliases = fields.aliases.filter((alias) => alias.toLocaleLowerCase() !== fields.name.toLocaleLowerCase());
  return { kind: fields.kind, slug, name: fields.name, aliases: JSON.stringify(aliases), description: fields.description || null, country_code: countryCode, parent_id: parentId };
}

function duplicateSlug<T>(work: () => Promise<T>): Promise<T> {
  return refusingDuplicates('slug: another tag of this kind took this slug a moment ago; choose another', work);
}

/** Creates a tag; returns its id. */
export async function createTag(db: Kysely<Database>, acting: ActingContext, input: unknown): Promise<number> {
  return duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const values = await checkedValues(trx, input, null);
      const { id } = await trx
        .insertInto('tags')
        .values({ ...values, created_at: isoNow() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'tag.created', subjectType: 'tag', subjectId: id, details: { kind: values.kind, slug: values.slug, name: values.name }, ip: acting.ip });
      return Number(id);
    }),
  );
}

/** Saves a tag's fields. A country with places under it keeps its kind, so no place is left pointing at a non-country. */
export async function updateTag(db: Kysely<Database>, acting: ActingContext, id: number, input: unknown): Promise<void> {
  await duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const before = await trx.selectFrom('tags').select(['kind', 'slug', 'name', 'aliases', 'description', 'country_code', 'parent_id']).where('id', '=', id).executeTakeFirst();
      if (!before) throw new TaxonomyNotFoundError('No tag has that number.');
      const values = await checkedValues(trx, input, id);
      if (values.parent_id === id) throw new ValidationError(['parentId: a place cannot belong to itself']);
      if (before.kind === 'country' && values.kind !== 'country') {
        const place = await trx.selectFrom('tags').select('name').where('parent_id', '=', id).executeTakeFirst();
        if (place) throw new ValidationError([`kind: places such as "${place.name}" belong to this country; move them to another country before changing its kind`]);
      }
      const changed = (Object.keys(values) as (keyof TagValues)[]).filter((key) => values[key] !== before[key]);
      await trx.updateTable('tags').set(values).where('id', '=', id).execute();
      await refreshHubsAfterTagEdit(trx, id, before);
      const moved = values.slug !== before.slug || values.kind !== before.kind;
      const details = { fields: changed, ...(moved ? { previous: `${before.kind}/${before.slug}`, now: `${values.kind}/${values.slug}` } : {}) };
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'tag.updated', subjectType: 'tag', subjectId: id, details, ip: acting.ip });
    }),
  );
  // Articles are found by their tags' names and aliases: re-index those that carry it.
  await resyncSearchFor(db, { tagId: id });
}

/** What a merge did. */
export interface MergeResult {
  /** Articles that now carry the target instead of the merged tag. */
  moved: number;
  /** Articles that carried both; they keep the target once. */
  alreadyTagged: number;
}

/**
 * Merges a duplicate tag into the one that stays, in one transaction: its articles move
 * to the target (an article carrying both keeps the target once, in its own position),
 * its name and aliases become aliases of the target, places under it move to the target
 * when that is a country, and the duplicate is deleted.
 */
export async function mergeTag(db: Kysely<Database>, acting: ActingContext, sourceId: number, targetId: number): Promise<MergeResult> {
  if (sourceId === targetId) throw new ValidationError(['A tag cannot be merged into itself; choose another tag.']);
  const result = await changeContent(db, async (trx) => {
    const tags = await trx.selectFrom('tags').select(['id', 'kind', 'slug', 'name', 'aliases']).where('id', 'in', [sourceId, targetId]).execute();
    const source = tags.find((tag) => Number(tag.id) === sourceId);
    const target = tags.find((tag) => Number(tag.id) === targetId);
    if (!source) throw new TaxonomyNotFoundError('No tag has that number.');
    if (!target) throw new ValidationError(['The tag to merge into no longer exists; search again.']);
    const hubs = await hubsDependingOn(trx, [sourceId, targetId]);

    const both = await trx
      .deleteFrom('article_tags')
      .where('tag_id', '=', sourceId)
      .where('article_id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', targetId))
      .executeTakeFirst();
    const moved = await trx.updateTable('article_tags').set({ tag_id: targetId }).where('tag_id', '=', sourceId).executeTakeFirst();

    const targetName = target.name.toLocaleLowerCase();
    const known = new Set(parseStringList(target.aliases).map((alias) => alias.toLocaleLowerCase()));
    const aliases = [...parseStringList(target.aliases)];
    for (const alias of [source.name, ...parseStringList(source.aliases)]) {
      const key = alias.toLocaleLowerCase();
      if (key === targetName || known.has(key)) continue;
      known.add(key);
      aliases.push(alias);
    }
    await trx.updateTable('tags').set({ aliases: JSON.stringify(aliases) }).where('id', '=', targetId).execute();
    await trx
      .updateTable('tags')
      .set({ parent_id: target.kind === 'country' ? targetId : null })
      .where('parent_id', '=', sourceId)
      .execute();
    await trx.deleteFrom('tags').where('id', '=', sourceId).execute();
    await refreshHubs(trx, hubs);

    const result = { moved: Number(moved.numUpdatedRows), alreadyTagged: Number(both.numDeletedRows) };
    const details = { into: targetId, intoName: target.name, merged: `${source.kind}/${source.slug}`, name: source.name, ...result };
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'tag.merged', subjectType: 'tag', subjectId: sourceId, details, ip: acting.ip });
    return result;
  });
  await resyncSearchFor(db, { tagId: targetId });
  return result;
}

/** Deletes a tag, taking it off every article that carries it; returns how many did. */
export async function deleteTag(db: Kysely<Database>, acting: ActingContext, id: number): Promise<number> {
  const carriers = await articlesIn(db, { tagId: id });
  const removedFrom = await changeContent(db, async (trx) => {
    const tag = await trx.selectFrom('tags').select(['kind', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
    if (!tag) throw new TaxonomyNotFoundError('No tag has that number.');
    const hubs = await hubsDependingOn(trx, [id]);
    const removed = await trx.deleteFrom('article_tags').where('tag_id', '=', id).executeTakeFirst();
    await trx.updateTable('tags').set({ parent_id: null }).where('parent_id', '=', id).execute();
    await trx.deleteFrom('tags').where('id', '=', id).execute();
    await refreshHubs(trx, hubs);
    const articles = Number(removed.numDeletedRows);
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'tag.deleted', subjectType: 'tag', subjectId: id, details: { kind: tag.kind, slug: tag.slug, name: tag.name, articles }, ip: acting.ip });
    return articles;
  });
  await resyncSearchFor(db, { articleIds: carriers });
  return removedFrom;
}
