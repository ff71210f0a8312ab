/**
 * Which listing a feed mirrors and which articles it holds: the same listing functions
 * the pages use, so a feed and its page never disagree, cut to the newest 30.
 */
import type { Kysely } from 'kysely';
import { listPublished } from '../articles/listing.ts';
import type { Database } from '../db/schema.ts';
import { listHubArticles } from '../hubs/listing.ts';
import { format, messagesFor } from '../i18n/index.ts';
import type { SiteCatalog } from '../site/chrome.ts';
import { sectionName } from '../site/chrome.ts';
import { authorUrl, homeUrl, sectionUrl, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';

/** Number of articles in every feed. */
export const FEED_SIZE = 30;

/** The listing a feed request names, with its slugs already checked for shape. */
export type FeedRequest =
  | { kind: 'home'; language: string }
  | { kind: 'section'; language: string; slug: string }
  | { kind: 'tag'; language: string; tagKind: TagKindName; slug: string }
  | { kind: 'author'; slug: string };

/** A listing found, with its newest article ids. */
export interface FeedListing {
  /** What the feed is of, shown after the site's name: "Latest", a section, a tag, an author. */
  label: string;
  description: string;
  /** The edition's language; null for an author, whose articles may be in any language. */
  language: string | null;
  /** Path of the listing page, e.g. `/ar/news`. */
  listingPath: string;
  ids: number[];
}

/** Finds the listing and its newest articles; null when the section, tag or author does not exist. */
export async function loadFeedListing(db: Kysely<Database>, catalog: SiteCatalog, request: FeedRequest): Promise<FeedListing | null> {
  switch (request.kind) {
    case 'home': {
      const page = await listPublished(db, { kind: 'language', language: request.language }, { limit: FEED_SIZE });
      const t = messagesFor(request.language);
      return { label: t.latest, description: '', language: request.language, listingPath: homeUrl(request.language), ids: page.ids };
    }
    case 'section': {
      const section = catalog.sections.find((candidate) => candidate.slug === request.slug);
      if (!section) return null;
      const page = await listPublished(db, { kind: 'section', sectionId: section.id, language: request.language }, { limit: FEED_SIZE });
      return { label: sectionName(section, request.language), description: section.description, language: request.language, listingPath: sectionUrl(request.language, section.slug), ids: page.ids };
    }
    case 'tag': {
      const tag = await db.selectFrom('tags').select(['id', 'slug', 'name', 'description']).where('kind', '=', request.tagKind).where('slug', '=', request.slug).executeTakeFirst();
      if (!tag) return null;
      const page = await listHubArticles(db, { tagId: tag.id, language: request.language }, { limit: FEED_SIZE });
      const description = tag.description ?? format(messagesFor(request.language).latestIn, { name: tag.name });
      return { label: tag.name, description, language: request.language, listingPath: tagUrl(request.language, request.tagKind, tag.slug), ids: page.ids };
    }
    case 'author': {
      const author = await db.selectFrom('authors').select(['id', 'slug', 'name', 'title', 'bio']).where('slug', '=', request.slug).executeTakeFirst();
      if (!author) return null;
      const page = await listPublished(db, { kind: 'author', authorId: author.id }, { limit: FEED_SIZE });
      return { label: author.name, description: author.bio || author.title, language: null, listingPath: authorUrl(author.slug), ids: page.ids };
    }
  }
}
