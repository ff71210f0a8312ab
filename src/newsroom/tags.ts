/** Tags as the editor picks them: search by name or alias, and create-on-the-fly. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { Database, TagRow } from '../db/schema.ts';
import { isoNow } from '../shared/time.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { likePattern } from './listing.ts';
import { slugify } from './slugs.ts';

/** Kinds of tag, as the editor groups them. */
export const TAG_KINDS = ['topic', 'country', 'place', 'person', 'organisation'] as const;

/** A tag as the API returns it. */
export interface TagSummary {
  id: number;
  kind: TagRow['kind'];
  name: string;
  slug: string;
}

/** Input for a new tag. */
export const newTagSchema = z.object({
  kind: z.enum(TAG_KINDS),
  name: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
});

/** A URL slug for a tag name; names without Latin letters or digits get a short stable code. */
export function slugForName(name: string): string {
  const ascii = slugify(name);
  return ascii !== '' ? ascii : `t-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
}

/** Up to 20 tags whose name (or an alias) contains the text, names starting with it first. */
export async function searchTags(db: Kysely<Database>, text: string, kind?: TagRow['kind']): Promise<TagSummary[]> {
  const q = text.trim().slice(0, 120);
  let query = db.selectFrom('tags').select(['id', 'kind', 'name', 'slug']);
  if (kind) query = query.where('kind', '=', kind);
  if (q) {
    const pattern = likePattern(q);
    query = query.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(aliases) like ${pattern} escape '\\')`);
  }
  const rows = await query.orderBy(sql`case when lower(name) like ${`${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\' then 0 else 1 end`).orderBy('name').limit(20).execute();
  return rows.map((row) => ({ id: Number(row.id), kind: row.kind, name: row.name, slug: row.slug }));
}

/** Finds the tag of that kind and name, or creates it. */
export async function findOrCreateTag(db: Kysely<Database>, input: unknown, actorUserId: number): Promise<{ tag: TagSummary; created: boolean }> {
  const { kind, name } = parseOrThrow(newTagSchema, input);
  const existing = await db
    .selectFrom('tags')
    .select(['id', 'kind', 'name', 'slug'])
    .where('kind', '=', kind)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
    .executeTakeFirst();
  if (existing) return { tag: { ...existing, id: Number(existing.id) }, created: false };
  const base = slugForName(name);
  let slug = base;
  for (let n = 2; await db.selectFrom('tags').select('id').where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst(); n += 1) slug = `${base}-${n}`;
  const row = await db
    .insertInto('tags')
    .values({ kind, slug, name, aliases: '[]', description: null, country_code: null, parent_id: null, created_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, { actorUserId, action: 'tag.created', subjectType: 'tag', subjectId: Number(row.id), details: { kind, name } });
  return { tag: { id: Number(row.id), kind, name, slug }, created: true };
}
