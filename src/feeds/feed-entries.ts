/**
 * The articles of a feed, loaded for a whole listing in a few batched queries (rather
 * than an article page's worth of queries per item) and rendered once per content
 * generation: the same story sits in the home, section, tag and author feeds, in three
 * formats each, and all of them share one rendering.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { BodyDocument } from '../articles/body/document.ts';
import { collectArticleIds, collectImageIds } from '../articles/body/render.ts';
import { bodyLabels } from '../articles/views/article-page.tsx';
import { prepareQuery } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';
import { messagesFor } from '../i18n/index.ts';
import { directionOf } from '../i18n/languages.ts';
import { creditLine, photoCredit } from '../media/credit.ts';
import { loadImages } from '../media/image-queries.ts';
import { VARIANT_KEY } from '../media/routes.ts';
import type { ImageVariant, RenderableImage } from '../media/types.ts';
import { escapeHtml } from '../shared/escape.ts';
import { parseStoredJson } from '../shared/json.ts';
import type { SiteCatalog } from '../site/chrome.ts';
import { localizeSettings } from '../site/settings.ts';
import { absoluteUrl, articleUrl, authorUrl, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';
import { renderFeedBodyHtml } from './feed-body.ts';
import type { FeedEntry, FeedImage, FeedPerson } from './feed-model.ts';

interface EntryRow {
  id: number;
  slug: string;
  language: string;
  headline: string;
  standfirst: string;
  section_id: number;
  byline: string | null;
  body: string;
  hero_image_id: number | null;
  hero_caption: string | null;
  hero_credit: string | null;
  hero_alt: string | null;
  published_at: string | null;
  updated_at: string | null;
  created_at: string;
}

const entryRows = prepareQuery<{ ids: number[] }, EntryRow>((db, p) =>
  db
    .selectFrom('articles')
    .select(['id', 'slug', 'language', 'headline', 'standfirst', 'section_id', 'byline', 'body', 'hero_image_id', 'hero_caption', 'hero_credit', 'hero_alt', 'published_at', 'updated_at', 'created_at'])
    .where('id', 'in', p.list('ids'))
    .where('status', '=', 'published'),
);

const entryAuthors = prepareQuery<{ ids: number[] }, { article_id: number; slug: string; name: string }>((db, p) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', 'in', p.list('ids'))
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

const entryTags = prepareQuery<{ ids: number[] }, { article_id: number; kind: TagKindName; slug: string; name: string }>((db, p) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.kind', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', p.list('ids'))
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position'),
);

const linkedArticles = prepareQuery<{ ids: number[] }, { id: number; language: string; slug: string; headline: string; section_id: number }>((db, p) =>
  db.selectFrom('articles').select(['id', 'language', 'slug', 'headline', 'section_id']).where('id', 'in', p.list('ids')).where('status', '=', 'published'),
);

/** What loading feed entries needs from the app. */
export interface FeedEntrySources {
  db: Kysely<Database>;
  catalog: SiteCatalog;
  publicUrl: string;
  /** Folder of stored media, for the byte size RSS enclosures must state. */
  mediaDir: string;
}

/** Loads and renders the published articles among `ids`, keyed by id; others are absent. */
export async function loadFeedEntries(sources: FeedEntrySources, ids: readonly number[]): Promise<Map<number, FeedEntry>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const { db, catalog, publicUrl } = sources;
  const [rows, authorRows, tagRows] = await Promise.all([entryRows.execute(db, { ids: list }), entryAuthors.execute(db, { ids: list }), entryTags.execute(db, { ids: list })]);
  const bodies = new Map(rows.map((row) => [row.id, parseStoredJson<BodyDocument>(row.body, { type: 'doc', content: [] })]));
  const imageIds = [...rows.flatMap((row) => (row.hero_image_id ? [row.hero_image_id] : [])), ...[...bodies.values()].flatMap(collectImageIds)];
  const linkedIds = [...new Set([...bodies.values()].flatMap(collectArticleIds))];
  const [allImages, linked] = await Promise.all([loadImages(db, imageIds), linkedIds.length > 0 ? linkedArticles.execute(db, { ids: linkedIds }) : Promise.resolve([])]);
  // Feeds are read and re-shown by others: photos the newsroom may not pass on (wire
  // photos) stay on its own pages and are left out of feeds, hero and body alike.
  const images = new Map([...allImages].filter(([, image]) => image.canDistribute));
  const articleLinks = new Map(
    linked.flatMap((link) => {
      const section = catalog.sectionsById.get(link.section_id);
      return section ? [[link.id, { url: articleUrl(link.language, section.slug, link.slug), headline: link.headline }] as const] : [];
    }),
  );
  const authorsOf = groupBy(authorRows, (row) => row.article_id);
  const tagsOf = groupBy(tagRows, (row) => row.article_id);

  const entries = new Map<number, FeedEntry>();
  await Promise.all(
    rows.map(async (row) => {
      const section = catalog.sectionsById.get(row.section_id);
      if (!section || !row.published_at) return;
      const url = absoluteUrl(publicUrl, articleUrl(row.language, section.slug, row.slug));
      const labels = bodyLabels(messagesFor(row.language));
      const storedHero = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
      const image = storedHero ? await feedImageOf(storedHero, row, sources) : null;
      const body = renderFeedBodyHtml(bodies.get(row.id) ?? { type: 'doc', content: [] }, { images, articleLinks, labels }, { publicUrl, articleUrl: url });
      const content = (image ? heroFigureHtml(image, labels.photoCredit) : '') + body;
      entries.set(row.id, {
        id: tagUriOf(publicUrl, row),
        url,
        language: row.language,
        title: row.headline,
        summary: row.standfirst,
        // Readers that ignore the feed's language still lay Arabic out right to left.
        contentHtml: directionOf(row.language) === 'rtl' ? `<div dir="rtl" lang="${escapeHtml(row.language)}">${content}</div>` : content,
        published: row.published_at,
        updated: row.updated_at ?? row.published_at,
        authors: creditsOf(row, authorsOf.get(row.id) ?? [], catalog, publicUrl),
        categories: (tagsOf.get(row.id) ?? []).map((tag) => ({
          term: tag.slug,
          label: tag.name,
          url: absoluteUrl(publicUrl, tagUrl(row.language, tag.kind, tag.slug)),
          scheme: absoluteUrl(publicUrl, tagUrl(row.language, tag.kind, '')),
        })),
        image,
      });
    }),
  );
  return entries;
}

/**
 * Rendered entries for one content generation at a time, bounded by count. A request
 * rendered at an older generation than the cache holds neither reads nor fills it.
 */
export class FeedEntryCache {
  #generation = -1;
  readonly #entries = new Map<number, FeedEntry>();

  constructor(readonly capacity: number) {}

  /** The entries of `ids` in order, loading (with `load`) only those not already rendered at this generation. */
  async entries(generation: number, ids: readonly number[], load: (ids: number[]) => Promise<Map<number, FeedEntry>>): Promise<FeedEntry[]> {
    if (generation > this.#generation) {
      this.#entries.clear();
      this.#generation = generation;
    }
    const isCurrent = generation === this.#generation && this.capacity > 0;
    const found = new Map<number, FeedEntry>();
    if (isCurrent) {
      for (const id of ids) {
        const entry = this.#entries.get(id);
        if (entry) found.set(id, entry);
      }
    }
    const missing = ids.filter((id) => !found.has(id));
    const loaded = missing.length > 0 ? await load(missing) : new Map<number, FeedEntry>();
    if (generation === this.#generation && this.capacity > 0) {
      for (const [id, entry] of loaded) this.#entries.set(id, entry);
      for (const oldest of this.#entries.keys()) {
        if (this.#entries.size <= this.capacity) break;
        this.#entries.delete(oldest);
      }
    }
    return ids.flatMap((id) => found.get(id) ?? loaded.get(id) ?? []);
  }
}

// Ids must never change (readers use them to tell new items from seen ones), and an
// article's URL can (a corrected slug, a moved section); its database id and creation
// date cannot. The date is part of the tag URI scheme (RFC 4151): the host held the
// name then.
function tagUriOf(publicUrl: string, row: EntryRow): string {
  return `tag:${new URL(publicUrl).hostname},${row.created_at.slice(0, 10)}:article/${row.id}`;
}

function creditsOf(row: EntryRow, authors: { slug: string; name: string }[], catalog: SiteCatalog, publicUrl: string): FeedPerson[] {
  if (authors.length > 0) return authors.map((author) => ({ name: author.name, url: absoluteUrl(publicUrl, authorUrl(author.slug)) }));
  const byline = row.byline?.trim() ?? '';
  // Every article has authors or a byline by validation; an old row without either is credited to the site.
  return [{ name: byline !== '' ? byline : localizeSettings(catalog.site, row.language).name, url: null }];
}

// Feed readers and aggregators take one file, not a srcset: a JPEG about as wide as a
// reader's column, which every reader can decode.
const ENCLOSURE_TARGET_WIDTH = 1280;

async function feedImageOf(image: RenderableImage, row: EntryRow, sources: FeedEntrySources): Promise<FeedImage | null> {
  const jpeg = image.variants.filter((variant) => variant.format === 'jpeg');
  const variant = closestTo(jpeg.length > 0 ? jpeg : image.variants, ENCLOSURE_TARGET_WIDTH);
  if (!variant) return null;
  return {
    url: absoluteUrl(sources.publicUrl, `/media/${encodeURIComponent(variant.key)}`),
    mimeType: variant.format === 'jpeg' ? 'image/jpeg' : 'image/webp',
    width: variant.width,
    height: variant.height,
    bytes: await fileSize(sources.mediaDir, variant.key),
    alt: row.hero_alt ?? image.alt,
    caption: (row.hero_caption ?? image.caption ?? '').trim(),
    credit: photoCredit(image, row.hero_credit),
  };
}

function closestTo(variants: readonly ImageVariant[], width: number): ImageVariant | undefined {
  let best: ImageVariant | undefined;
  for (const variant of variants) {
    if (!Number.isSafeInteger(variant.width) || variant.width <= 0) continue;
    if (best === undefined || Math.abs(variant.width - width) < Math.abs(best.width - width)) best = variant;
  }
  return best;
}

async function fileSize(mediaDir: string, key: string): Promise<number> {
  if (!VARIANT_KEY.test(key)) return 0;
  try {
    return (await fs.stat(path.join(mediaDir, 'variants', key))).size;
  } catch {
    return 0;
  }
}

// The hero leads the content too: many readers show only the content and ignore
// enclosures, and the credit must travel with the photo wherever it is shown.
function heroFigureHtml(image: FeedImage, creditLabel: string): string {
  const caption = image.caption === '' ? '' : escapeHtml(image.caption);
  const credit = escapeHtml(creditLine(image.credit, creditLabel));
  const figcaption = caption || credit ? `<figcaption>${[caption, credit].filter((part) => part !== '').join(' ')}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" width="${image.width}" height="${image.height}" alt="${escapeHtml(image.alt)}">${figcaption}</figure>`;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
