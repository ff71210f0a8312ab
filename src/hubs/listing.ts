/**
 * The articles of a tag's hub page and feed. A country's hub also gathers the articles
 * of the places inside it (to be built: until then, the tag's own articles).
 */
import type { Kysely } from 'kysely';
import type { ListingCursor } from '../articles/cursor.ts';
import { listPublished } from '../articles/listing.ts';
import type { ListingPage } from '../articles/listing.ts';
import type { Database } from '../db/schema.ts';

/** One keyset page of a hub's articles, newest first. */
export async function listHubArticles(db: Kysely<Database>, hub: { tagId: number; language: string }, options: { limit: number; after?: ListingCursor | null }): Promise<ListingPage> {
  return listPublished(db, { kind: 'tag', tagId: hub.tagId, language: hub.language }, { limit: options.limit, after: options.after ?? null });
}
