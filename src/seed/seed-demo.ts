/**
 * Creates the demo newsroom on a fresh install: settings, sections, authors, tags,
 * generated photos (drawn as SVG, rasterised by sharp; nothing is downloaded), articles
 * and static pages. Runs only when the database holds no sections and no articles.
 */
import type { Kysely } from 'kysely';
import { seedDemoNewsletters } from './demo-newsletters.ts';
import { seedDemoSyndication } from './demo-syndication.ts';
import sharp from 'sharp';
import { createArticle } from '../articles/commands.ts';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import { ingestImage } from '../media/ingest.ts';
import { isoHoursFrom, isoNow } from '../shared/time.ts';
import { languagePrefix } from '../i18n/languages.ts';
import { saveSiteSettings } from '../site/settings.ts';
import { staticPageUrl } from '../site/urls.ts';
import { buildDemoContent } from './demo/index.ts';
import type { DemoContent } from './demo-types.ts';

/** Counts of what the demo seed created. */
export interface DemoSeedReport {
  sections: number;
  authors: number;
  tags: number;
  images: number;
  articles: number;
  pages: number;
  newsletters: number;
  subscribers: number;
  syndicationRequests: number;
  licences: number;
}

/** Replaces photo keys in imageBlock nodes with stored image ids. */
function resolveImageKeys(node: unknown, ids: ReadonlyMap<string, number>): unknown {
  if (Array.isArray(node)) return node.map((child) => resolveImageKeys(child, ids));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = resolveImageKeys(value, ids);
  if (record.type === 'imageBlock' && copy.attrs && typeof copy.attrs === 'object') {
    const attrs = copy.attrs as Record<string, unknown>;
    if (typeof attrs.imageId === 'string') attrs.imageId = ids.get(attrs.imageId) ?? 0;
  }
  return copy;
}

const STATIC_PAGE_LINK = /^\/(about|ethics|corrections-policy|contact)$/;
const ARTICLE_LINK = /^\/[a-z0-9-]+\/[a-z0-9-]+$/;

/** The demo writes site links as `/ethics` or `/<section>/<slug>`; this gives them the edition's real address. */
function siteHref(href: string, language: string): string {
  const page = STATIC_PAGE_LINK.exec(href);
  if (page?.[1]) return staticPageUrl(language, page[1]);
  return ARTICLE_LINK.test(href) ? `${languagePrefix(language)}${href}` : href;
}

/** Rewrites link marks and related-link hrefs throughout a body document. */
function resolveSiteLinks(node: unknown, language: string): unknown {
  if (Array.isArray(node)) return node.map((child) => resolveSiteLinks(child, language));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) copy[key] = resolveSiteLinks(value, language);
  const isLink = copy.type === 'link' || copy.type === 'relatedLink';
  const attrs = copy.attrs as Record<string, unknown> | undefined;
  if (isLink && attrs && typeof attrs.href === 'string') copy.attrs = { ...attrs, href: siteHref(attrs.href, language) };
  return copy;
}

/** Seeds the demo newsroom when the database is empty; returns counts, or null when it was not empty. */
export async function seedDemoIfEmpty(db: Kysely<Database>, mediaDir: string, content: DemoContent = buildDemoContent()): Promise<DemoSeedReport | null> {
  const existing = await db.selectFrom('sections').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  return seedDemo(db, mediaDir, content);
}

/** Writes the demo newsroom. */
export async function seedDemo(db: Kysely<Database>, mediaDir: string, content: DemoContent): Promise<DemoSeedReport> {
  const now = isoNow();
  await saveSiteSettings(db, content.site);

  // Two at a time: sharp works on libuv's thread pool, so this keeps both cores busy.
  const photoIds = new Map<string, number>();
  const queue = [...content.photos];
  const worker = async () => {
    for (let photo = queue.shift(); photo; photo = queue.shift()) {
      const jpeg = await sharp(Buffer.from(photo.svg)).jpeg({ quality: 90 }).toBuffer();
      const id = await ingestImage(db, mediaDir, jpeg, {
        alt: photo.alt,
        caption: photo.caption,
        credit: photo.credit,
        creditOrganisation: photo.creditOrganisation,
        canDistribute: photo.canDistribute,
      });
      photoIds.set(photo.key, id);
    }
  };
  await Promise.all([worker(), worker()]);

  const { sectionIds, authorIds, tagIds } = await changeContent(db, async (trx) => {
    const sectionIds = new Map<string, number>();
    for (const [position, section] of content.sections.entries()) {
      const row = await trx
        .insertInto('sections')
        .values({ slug: section.slug, name: section.name, name_translations: JSON.stringify({ ar: section.nameAr }), description: section.description, position, default_licensing_policy: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      sectionIds.set(section.slug, Number(row.id));
    }
    const authorIds = new Map<string, number>();
    for (const author of content.authors) {
      const row = await trx
        .insertInto('authors')
        .values({
          slug: author.slug,
          name: author.name,
          title: author.title,
          bio: author.bio,
          expertise: JSON.stringify(author.expertise),
          languages: JSON.stringify(author.languages),
          location: author.location,
          image_id: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      authorIds.set(author.slug, Number(row.id));
    }
    const tagIds = new Map<string, number>();
    // Parents (countries) first, so places can point at them.
    const ordered = [...content.tags].sort((a, b) => Number(a.parentSlug !== null) - Number(b.parentSlug !== null));
    for (const tag of ordered) {
      const row = await trx
        .insertInto('tags')
        .values({
          kind: tag.kind,
          slug: tag.slug,
          name: tag.name,
          aliases: JSON.stringify(tag.aliases),
          description: tag.description,
          country_code: tag.countryCode,
          parent_id: tag.parentSlug ? (tagIds.get(tag.parentSlug) ?? null) : null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      tagIds.set(tag.slug, Number(row.id));
    }
    for (const page of content.pages) {
      await trx.insertInto('static_pages').values({ slug: page.slug, language: page.language, title: page.title, body: JSON.stringify(resolveSiteLinks(resolveImageKeys(page.body, photoIds), page.language)), created_at: now, updated_at: now }).execute();
    }
    return { sectionIds, authorIds, tagIds };
  });

  const lookup = (map: ReadonlyMap<string, number>, key: string, what: string): number => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`demo content refers to unknown ${what} "${key}"`);
    return id;
  };

  for (const article of content.articles) {
    const publishedAt = isoHoursFrom(now, -article.hoursAgo);
    const hero = article.heroPhotoKey ? content.photos.find((photo) => photo.key === article.heroPhotoKey) : undefined;
    await createArticle(db, {
      slug: article.slug,
      language: article.language,
      translationGroup: article.translationGroup,
      headline: article.headline,
      standfirst: article.standfirst,
      type: article.type,
      sectionId: lookup(sectionIds, article.sectionSlug, 'section'),
      authorIds: article.authorSlugs.map((slug) => lookup(authorIds, slug, 'author')),
      byline: article.byline,
      dateline: article.dateline,
      body: resolveSiteLinks(resolveImageKeys(article.body, photoIds), article.language),
      heroImageId: article.heroPhotoKey ? lookup(photoIds, article.heroPhotoKey, 'photo') : null,
      heroCaption: article.heroCaption,
      heroCredit: hero?.credit ?? null,
      heroAlt: hero?.alt ?? null,
      sources: article.sources,
      tagIds: article.tagSlugs.map((slug) => lookup(tagIds, slug, 'tag')),
      status: 'published',
      publishedAt,
      updatedAt: article.updatedHoursAfter === null ? null : isoHoursFrom(publishedAt, Math.min(article.updatedHoursAfter, article.hoursAgo)),
      licensingPolicy: article.licensingPolicy,
      corrections: article.corrections.map((correction) => ({
        kind: correction.kind,
        body: correction.text,
        createdAt: isoHoursFrom(publishedAt, Math.min(correction.hoursAfter, article.hoursAgo)),
      })),
    });
  }

  // The audience and syndication desks: lists with readers, a rate card, requests and licences.
  const newsletters = await seedDemoNewsletters(db);
  const syndication = await seedDemoSyndication(db);

  return {
    newsletters: newsletters.newsletters,
    subscribers: newsletters.subscribers,
    syndicationRequests: syndication.requests,
    licences: syndication.licences,
    sections: content.sections.length,
    authors: content.authors.length,
    tags: content.tags.length,
    images: content.photos.length,
    articles: content.articles.length,
    pages: content.pages.length,
  };
}
