/**
 * Partner feeds: the full text of every article a licensee currently holds a licence for
 * (valid today, not revoked), newest first, loaded here and written as Atom 1.0 here or as
 * IPTC ninjs 2.0 in partner-ninjs.ts.
 *
 * Each item's HTML is the article's republishing package for that licence, tracking pixel
 * included: a partner that publishes the HTML as given has its readers' views counted
 * under its licence, exactly like a copy pasted from the delivery page. Photos are the
 * distributable ones only (the package already leaves wire photos out; ninjs associations
 * list the same ones).
 */
import type { AppContext } from '../app-context.ts';
import type { ArticlePageData } from '../articles/article-page-data.ts';
import { collectImageBlocks } from '../articles/body/text.ts';
import { emptyElement, rfc3339Date, startTag, textElement } from '../feeds/xml.ts';
import { photoCredit } from '../media/credit.ts';
import type { RenderableImage } from '../media/types.ts';
import { buildPackage, loadPublishedArticle } from './package.ts';
import type { RepublishPackage } from './package.ts';

/** Most items in one feed: partners poll, and older licensed articles stay on their delivery pages. */
export const PARTNER_FEED_LIMIT = 50;

/** One licensed article in a partner feed. */
export interface PartnerFeedItem {
  /** Stable identifier (a `tag:` URI from the article's id and creation day), as the site's own feeds use. */
  uri: string;
  article: ArticlePageData;
  package: RepublishPackage;
  licence: { id: number; reference: string; validTo: string };
  revision: number;
  /** Distributable photos (hero first), for ninjs associations. */
  images: PhotoUse[];
}

/** A licensee's feed, ready to write in either format. */
export interface PartnerFeed {
  siteName: string;
  licensee: { id: number; name: string; organisation: string };
  items: PartnerFeedItem[];
  /** ISO time of the newest change among the items, or now when empty. */
  updated: string;
}

/** Loads the feed of a licensee; null when there is no such licensee. */
export async function loadPartnerFeed(app: AppContext, licenseeId: number, now = new Date()): Promise<PartnerFeed | null> {
  const licensee = await app.db.selectFrom('licensees').select(['id', 'name', 'organisation']).where('id', '=', licenseeId).executeTakeFirst();
  if (!licensee) return null;
  const nowIso = now.toISOString();
  const rows = await app.db
    .selectFrom('licences')
    .innerJoin('articles', 'articles.id', 'licences.article_id')
    .select(['licences.id as licence_id', 'licences.reference', 'licences.valid_to', 'articles.id as article_id', 'articles.created_at', 'articles.published_at', 'articles.revision'])
    .where('licences.licensee_id', '=', licenseeId)
    .where('licences.revoked_at', 'is', null)
    // Validity is in whole days (as isLicenceInForce in licences.ts reads it): from the first day to the end of the last.
    .where('licences.valid_from', '<=', nowIso.slice(0, 10))
    .where('licences.valid_to', '>=', nowIso.slice(0, 10))
    .where('articles.status', '=', 'published')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .orderBy('licences.valid_to', 'desc')
    .limit(PARTNER_FEED_LIMIT * 4)
    .execute();
  const host = new URL(app.config.publicUrl).hostname;
  const seen = new Set<number>();
  const items: PartnerFeedItem[] = [];
  for (const row of rows) {
    if (seen.has(row.article_id) || items.length >= PARTNER_FEED_LIMIT) continue;
    seen.add(row.article_id);
    const [article, pkg] = [await loadPublishedArticle(app, row.article_id), await buildPackage(app, row.article_id, row.licence_id)];
    if (!article || !pkg) continue;
    items.push({
      uri: `tag:${host},${row.created_at.slice(0, 10)}:article/${row.article_id}`,
      article,
      package: pkg,
      licence: { id: row.licence_id, reference: row.reference, validTo: row.valid_to },
      revision: row.revision,
      images: distributableImagesOf(article),
    });
  }
  const catalog = await app.catalog();
  const updated = items.map((item) => item.article.modifiedAt).sort().at(-1) ?? nowIso;
  return { siteName: catalog.site.name, licensee, items, updated };
}

/** A photo as one article uses it: the stored image with the caption, credit line and alt text of that use. */
export interface PhotoUse {
  image: RenderableImage;
  caption: string;
  credit: string;
  alt: string;
  isHero: boolean;
}

// Each photo once, at its first use (the hero first), with that use's caption and credit as the page prints them.
function distributableImagesOf(article: ArticlePageData): PhotoUse[] {
  const uses: PhotoUse[] = [];
  const { hero } = article;
  if (hero?.canDistribute) uses.push({ image: hero, caption: (hero.caption ?? '').trim(), credit: hero.creditLine, alt: hero.alt.trim(), isHero: true });
  for (const block of collectImageBlocks(article.body)) {
    const image = article.bodyImages.get(block.attrs.imageId);
    if (!image?.canDistribute || uses.some((kept) => kept.image.id === image.id)) continue;
    uses.push({ image, caption: (block.attrs.caption ?? image.caption ?? '').trim(), credit: photoCredit(image, block.attrs.credit), alt: (block.attrs.alt ?? image.alt).trim(), isHero: false });
  }
  return uses.filter((use) => use.image.variants.some((variant) => variant.format === 'jpeg'));
}

/** Writes a partner feed as Atom 1.0; `selfUrl` is the feed's address without any token. */
export function renderPartnerAtom(feed: PartnerFeed, app: AppContext, selfUrl: string): string {
  const entries = feed.items.map((item) => {
    const { article } = item;
    const authors = article.authors.length > 0 ? article.authors.map((author) => author.name) : [article.byline?.trim() || feed.siteName];
    return `${startTag('entry', { 'xml:lang': article.language })}\n${[
      textElement('id', item.uri),
      textElement('title', article.headline, { type: 'text' }),
      emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.package.canonicalUrl }),
      textElement('published', rfc3339Date(article.publishedAt)),
      textElement('updated', rfc3339Date(article.modifiedAt)),
      ...authors.map((name) => `<author>${textElement('name', name)}</author>`),
      ...article.tags.map((tag) => emptyElement('category', { term: tag.slug, label: tag.name })),
      article.standfirst ? textElement('summary', article.standfirst, { type: 'text' }) : '',
      textElement('rights', item.package.credit, { type: 'text' }),
      textElement('content', item.package.html, { type: 'html' }),
    ]
      .filter((line) => line !== '')
      .join('\n')}\n</entry>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    startTag('feed', { xmlns: 'http://www.w3.org/2005/Atom' }),
    textElement('id', selfUrl),
    textElement('title', `${feed.siteName}: articles licensed to ${feed.licensee.organisation}`, { type: 'text' }),
    textElement('updated', rfc3339Date(feed.updated)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: app.config.publicUrl }),
    textElement('generator', 'Masthead'),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
