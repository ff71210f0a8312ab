/**
 * The site's sections: listed in reading order with their article counts, created,
 * edited, moved up or down, and deleted only while no article uses them. Every change is
 * a content change (the navigation of every public page shows the sections) and audited.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import { changeContent } from '../content/content-version.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Database, LicensingPolicy, SectionRow } from '../db/schema.ts';
import { slugForName } from '../newsroom/tags.ts';
import { parseStoredJson } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { RESERVED_SEGMENTS } from '../site/urls.ts';
import { TaxonomyNotFoundError, articleUse, optionalText, refusingDuplicates, requiredText, slugText } from './common.ts';

/** Languages whose section names the form offers besides the main one. */
export const TRANSLATED_LANGUAGES = ['ar', 'fr'] as const;

/** How a refusal says that articles use a section. */
export const SECTION_USE = { one: 'uses', many: 'use' };

/** The fields of the section form, as submitted. */
export const sectionInputSchema = z.object({
  name: requiredText(80),
  slug: slugText,
  description: optionalText(500),
  nameAr: optionalText(80),
  nameFr: optionalText(80),
  defaultLicensingPolicy: z.enum(['', 'paid', 'cc', 'none'], { error: 'choose one of the listed licensing policies' }).default(''),
});

/** A section as the admin lists and edits it. */
export interface SectionSummary {
  id: number;
  slug: string;
  name: string;
  names: Partial<Record<(typeof TRANSLATED_LANGUAGES)[number], string>>;
  description: string;
  defaultLicensingPolicy: LicensingPolicy | null;
  /** Articles in any state that belong to the section (drafts too: they keep it from being deleted). */
  articleCount: number;
  publishedCount: number;
}

type SectionValues = Pick<SectionRow, 'slug' | 'name' | 'name_translations' | 'description' | 'default_licensing_policy'>;

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('sections')
    .leftJoin('articles', 'articles.section_id', 'sections.id')
    .select(['sections.id', 'sections.slug', 'sections.name', 'sections.name_translations', 'sections.description', 'sections.default_licensing_policy', 'sections.position'])
    .select((eb) => [eb.fn.count<number | string>('articles.id').as('article_count'), sql<number | string>`count(case when articles.status = 'published' then 1 end)`.as('published_count')])
    .groupBy('sections.id')
    .orderBy('sections.position')
    .orderBy('sections.id');
}

function toSummary(row: Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number]): SectionSummary {
  return {
    id: Number(row.id),
    slug: row.slug,
    name: row.name,
    names: parseStoredJson<SectionSummary['names']>(row.name_translations, {}),
    description: row.description,
    defaultLicensingPolicy: row.default_licensing_policy,
    articleCount: Number(row.article_count),
    publishedCount: Number(row.published_count),
  };
}

/** Every section in reading order; a site has a handful, so one page holds them all. */
export async function listSections(db: Kysely<Database>): Promise<SectionSummary[]> {
  return (await summaryQuery(db).execute()).map(toSummary);
}

/** One section, or null when none has that id. */
export async function getSection(db: Kysely<Database>, id: number): Promise<SectionSummary | null> {
  const row = await summaryQuery(db).where('sections.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Validates the form and checks the slug is free and not one of the site's own paths. */
async function checkedValues(trx: Transaction<Database>, input: unknown, ownId: number | null): Promise<SectionValues> {
  const fields = parseOrThrow(sectionInputSchema, input);
  const slug = fields.slug || slugForName(fields.name);
  if (RESERVED_SEGMENTS.has(slug)) throw new ValidationError([`slug: "${slug}" is a path the site itself uses; choose another`]);
  const holder = await trx.selectFrom('sections').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (holder && holder.id !== ownId) throw new ValidationError([`slug: "${slug}" is already used by the section "${holder.name}"`]);
  const names: SectionSummary['names'] = {};
  if (fields.nameAr) names.ar = fields.nameAr;
  if (fields.nameFr) names.fr = fields.nameFr;
  return { slug, name: fields.name, name_translations: JSON.stringify(names), description: fields.description, default_licensing_policy: fields.defaultLicensingPolicy || null };
}

function duplicateSlug<T>(work: () => Promise<T>): Promise<T> {
  return refusingDuplicates('slug: another section took this slug a moment ago; choose another', work);
}

/** Creates a section at the end of the navigation; returns its id. */
export async function createSection(db: Kysely<Database>, acting: ActingContext, input: unknown): Promise<number> {
  return duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const values = await checkedValues(trx, input, null);
      const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
      const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
      const { id } = await trx
        .insertInto('sections')
        .values({ ...values, position, created_at: isoNow() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'section.created', subjectType: 'section', subjectId: id, details: { slug: values.slug, name: values.name }, ip: acting.ip });
      return Number(id);
    }),
  );
}

/** Saves a section's fields; the audit entry names what changed (and the old slug, whose URLs stop working). */
export async function updateSection(db: Kysely<Database>, acting: ActingContext, id: number, input: unknown): Promise<void> {
  await duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const before = await trx.selectFrom('sections').select(['slug', 'name', 'name_translations', 'description', 'default_licensing_policy']).where('id', '=', id).executeTakeFirst();
      if (!before) throw new TaxonomyNotFoundError('No section has that number.');
      const values = await checkedValues(trx, input, id);
      const changed = (Object.keys(values) as (keyof SectionValues)[]).filter((key) => values[key] !== before[key]);
      await trx.updateTable('sections').set(values).where('id', '=', id).execute();
      const details = { fields: changed, ...(values.slug !== before.slug ? { previousSlug: before.slug, slug: values.slug } : {}) };
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'section.updated', subjectType: 'section', subjectId: id, details, ip: acting.ip });
    }),
  );
}

/** Moves a section one place up or down the navigation (nothing moves past either end). */
export async function moveSection(db: Kysely<Database>, acting: ActingContext, id: number, direction: 'up' | 'down'): Promise<void> {
  await changeContent(db, async (trx) => {
    // Locked on PostgreSQL so two editors reordering at once queue rather than interleave.
    const rows = await trx
      .selectFrom('sections')
      .select(['id', 'position'])
      .orderBy('position')
      .orderBy('id')
      .$if(dialectOf(trx) === 'postgres', (query) => query.forUpdate())
      .execute();
    const order = rows.map((row) => Number(row.id));
    const from = order.indexOf(id);
    if (from === -1) throw new TaxonomyNotFoundError('No section has that number.');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    // Positions are renumbered 0…n-1, which also repairs ties left by older data.
    for (const [position, sectionId] of order.entries()) {
      if (rows.find((row) => Number(row.id) === sectionId)?.position !== position) await trx.updateTable('sections').set({ position }).where('id', '=', sectionId).execute();
    }
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'section.moved', subjectType: 'section', subjectId: id, details: { direction, position: to + 1 }, ip: acting.ip });
  });
}

/** Deletes a section no article uses; otherwise refuses, saying how many do. */
export async function deleteSection(db: Kysely<Database>, acting: ActingContext, id: number): Promise<void> {
  await changeContent(db, async (trx) => {
    const section = await trx.selectFrom('sections').select(['slug', 'name']).where('id', '=', id).executeTakeFirst();
    if (!section) throw new TaxonomyNotFoundError('No section has that number.');
    const used = await trx
      .selectFrom('articles')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), sql<number | string>`count(case when status = 'published' then 1 end)`.as('published')])
      .where('section_id', '=', id)
      .executeTakeFirstOrThrow();
    const count = Number(used.count);
    if (count > 0) {
      throw new ValidationError([`"${section.name}" cannot be deleted: ${articleUse(count, Number(used.published), SECTION_USE)} it. Move ${count === 1 ? 'it' : 'them'} to another section first.`]);
    }
    await trx.deleteFrom('sections').where('id', '=', id).execute();
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'section.deleted', subjectType: 'section', subjectId: id, details: { slug: section.slug, name: section.name }, ip: acting.ip });
  });
}
