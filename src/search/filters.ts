/**
 * Tag and author filters as readers type them: a name, an alias (in any script) or a slug.
 * A name can belong to several tags (Jordan the country, Jordan the river), so a filter
 * resolves to every tag it names and results carry any of them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseStringList } from '../shared/json.ts';
import { normalizeForSearch } from './normalize.ts';

/** Longest tag or author name a filter looks for. */
const MAX_NAME_LENGTH = 120;

function comparable(text: string): string {
  return normalizeForSearch(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Ids of the tags whose name, alias or slug is the text; empty when none is. */
export async function resolveTagFilter(db: Kysely<Database>, text: string): Promise<number[]> {
  const wanted = comparable(text);
  if (wanted === '' || wanted.length > MAX_NAME_LENGTH) return [];
  // Tags number in the thousands at most; comparing normalised names here also matches
  // Arabic aliases typed with or without hamza and harakat.
  const tags = await db.selectFrom('tags').select(['id', 'slug', 'name', 'aliases']).execute();
  return tags
    .filter((tag) => tag.slug === wanted || comparable(tag.name) === wanted || parseStringList(tag.aliases).some((alias) => comparable(alias) === wanted))
    .map((tag) => Number(tag.id));
}

/** Ids of the authors whose name or slug is the text; empty when none is. */
export async function resolveAuthorFilter(db: Kysely<Database>, text: string): Promise<number[]> {
  const wanted = comparable(text);
  if (wanted === '' || wanted.length > MAX_NAME_LENGTH) return [];
  const authors = await db.selectFrom('authors').select(['id', 'slug', 'name']).execute();
  return authors.filter((author) => author.slug === wanted || comparable(author.name) === wanted).map((author) => Number(author.id));
}
