/**
 * RSS, Atom and JSON Feed for every listing: each edition's home (`/feed.xml`,
 * `/ar/atom.xml`), sections (`/news/feed.json`), tag hubs (`/countries/jordan/feed.xml`)
 * and authors (`/authors/x/atom.xml`). Answered through sendDocument, so feeds get
 * validators, 304s and the page cache exactly as pages do.
 */
import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { sendDocument } from '../http/respond.ts';
import { DEFAULT_LANGUAGE } from '../i18n/languages.ts';
import { localizeSettings } from '../site/settings.ts';
import { FEED_FORMATS, RESERVED_SEGMENTS, TAG_KIND_SEGMENTS } from '../site/urls.ts';
import type { FeedFormat, TagKindName } from '../site/urls.ts';
import { buildFeedDocument, writeFeed } from './feed-document.ts';
import { FeedEntryCache, loadFeedEntries } from './feed-entries.ts';
import { loadFeedListing } from './feed-listing.ts';
import type { FeedRequest } from './feed-listing.ts';

// Rendered articles kept for the current content generation: enough for every feed of a
// large site to share them (a story appears in up to a dozen feeds).
const ENTRY_CACHE_SIZE = 2_000;

/** Registers the feed routes of every listing, in all three formats. */
export function registerFeedRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const entryCache = new FeedEntryCache(ENTRY_CACHE_SIZE);

  async function answer(c: Context<AppEnv>, format: FeedFormat, request: FeedRequest | null): Promise<Response> {
    if (!request) return errorPage(c, ctx, 404);
    const catalog = await ctx.catalog();
    const listing = await loadFeedListing(ctx.db, catalog, request);
    if (!listing) return errorPage(c, ctx, 404);
    const sources = { db: ctx.db, catalog, publicUrl: ctx.config.publicUrl, mediaDir: ctx.mediaDir };
    const entries = await entryCache.entries(c.get('generation'), listing.ids, (ids) => loadFeedEntries(sources, ids));
    const feed = buildFeedDocument({
      listing,
      entries,
      format,
      site: localizeSettings(catalog.site, listing.language ?? DEFAULT_LANGUAGE),
      publicUrl: ctx.config.publicUrl,
      iconPath: ctx.assetPath('favicon.svg'),
      contentChangedAt: ctx.generation.changedAt(),
    });
    return sendDocument(c, ctx, writeFeed(feed, format), {
      contentType: `${FEED_FORMATS[format].type}; charset=utf-8`,
      ...(listing.language ? { language: listing.language } : {}),
    });
  }

  const formats = Object.keys(FEED_FORMATS) as FeedFormat[];
  // Home feeds first: `/ar/feed.xml` is the Arabic edition's, not a section called "ar".
  for (const format of formats) {
    getInEveryEdition(app, `/${FEED_FORMATS[format].file}`, (c) => answer(c, format, { kind: 'home', language: c.get('language') }));
  }
  for (const format of formats) {
    const file = FEED_FORMATS[format].file;
    for (const [tagKind, segment] of Object.entries(TAG_KIND_SEGMENTS) as [TagKindName, string][]) {
      getInEveryEdition(app, `/${segment}/:slug/${file}`, (c) => {
        const slug = c.req.param('slug');
        return answer(c, format, isSlug(slug) ? { kind: 'tag', language: c.get('language'), tagKind, slug } : null);
      });
    }
    // Author pages exist once, not per edition; so do their feeds.
    app.get(`/authors/:slug/${file}`, (c) => {
      c.set('language', DEFAULT_LANGUAGE);
      const slug = c.req.param('slug');
      return answer(c, format, isSlug(slug) ? { kind: 'author', slug } : null);
    });
    getInEveryEdition(app, `/:section/${file}`, (c) => {
      const slug = c.req.param('section');
      // Reserved first segments belong to other routes (as on the section page itself).
      if (slug !== undefined && RESERVED_SEGMENTS.has(slug)) return undefined;
      return answer(c, format, isSlug(slug) ? { kind: 'section', language: c.get('language'), slug } : null);
    });
  }
}
