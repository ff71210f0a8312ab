/**
 * Creative Commons republishing page, tracking pixels and token-authenticated partner feeds.
 *
 * - `GET /republish/:articleId` (digits only): the page for the article's policy. Cached
 *   like article pages (htmlPage at the content generation): it is built from the current
 *   article and settings, both of which move the generation, and its pixel link is the same
 *   for every visitor. Missing or unpublished → 404; policy `none` → 200 with a clear page
 *   (the address exists and answers the question; 403 would read as "you lack access").
 * - `GET /republish/pixel/<token>.gif`: always a 1×1 GIF, never cached. A valid token counts
 *   one view by day and referring page; a forged one counts nothing (and answers the same,
 *   so probing learns nothing). Counting failures are logged, never a 500.
 * - `GET /syndication/feed.atom`, `/syndication/feed.json`: a licensee's partner feed
 *   (Atom 1.0; a JSON array of IPTC ninjs 2.0 objects, with `Link` headers to itself, its
 *   Atom twin and the ninjs schema), with `Authorization: Bearer <token>` or `?token=`;
 *   unknown or revoked → 401. Never cached.
 */
import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf } from '../http/page-context.ts';
import { htmlPage, sendDocument } from '../http/respond.ts';
import { escapeXml } from '../feeds/xml.ts';
import { isoNow } from '../shared/time.ts';
import { absoluteUrl } from '../site/urls.ts';
import { SYNDICATION_LINK } from './links.ts';
import { ccPackageOf, loadPublishedArticle } from './package.ts';
import { loadPartnerFeed, renderPartnerAtom } from './partner-feeds.ts';
import { NINJS_SCHEMA_URL, renderPartnerNinjs } from './partner-ninjs.ts';
import { authenticatePartnerToken } from './partner-tokens.ts';
import { CcRepublishPage, NoRepublishPage, PaidRepublishPage } from './republish-page.tsx';
import { recordView, referrerOf } from './views.ts';

/** A transparent 1×1 GIF (43 bytes). */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The pixel's file name: a signed token (body.seal) and `.gif`. */
const PIXEL_FILE = /^([A-Za-z0-9_-]{1,1500}\.[A-Za-z0-9_-]{43})\.gif$/;

/** Partner feed formats: path, content type, and how an error is written in each. */
const PARTNER_FORMATS = {
  atom: { path: '/syndication/feed.atom', type: 'application/atom+xml; charset=utf-8' },
  json: { path: '/syndication/feed.json', type: 'application/json; charset=utf-8' },
} as const;

type PartnerFormat = keyof typeof PARTNER_FORMATS;

/** Registers the routes. */
export function registerRepublishRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/republish/:articleId{[0-9]+}', async (c) => {
    const id = c.req.param('articleId');
    const article = id.length <= 12 ? await loadPublishedArticle(ctx, Number(id)) : null;
    if (!article) return errorPage(c, ctx, 404);
    c.set('language', article.language);
    const chrome = await chromeOf(c, ctx);
    const options = { language: article.language };
    if (article.licensingPolicy === 'none') return htmlPage(c, ctx, <NoRepublishPage chrome={chrome} article={article} />, options);
    if (article.licensingPolicy === 'paid') return htmlPage(c, ctx, <PaidRepublishPage chrome={chrome} article={article} />, options);
    const pkg = await ccPackageOf(ctx, article.id);
    if (!pkg) return errorPage(c, ctx, 404);
    return htmlPage(c, ctx, <CcRepublishPage chrome={chrome} article={article} pkg={pkg} />, { ...options, readerScripts: true });
  });

  app.get('/republish/pixel/:file', async (c) => {
    const match = PIXEL_FILE.exec(c.req.param('file'));
    if (!match) return errorPage(c, ctx, 404);
    if (c.req.method === 'GET') await countView(c, match[1] ?? '');
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(PIXEL_GIF), {
      headers: {
        'content-type': 'image/gif',
        'content-length': String(PIXEL_GIF.length),
        'cache-control': 'no-store, max-age=0',
        'x-content-type-options': 'nosniff',
        // Republishers' pages are on other sites; the image must load there.
        'cross-origin-resource-policy': 'cross-origin',
      },
    });
  });

  async function countView(c: Context<AppEnv>, token: string): Promise<void> {
    try {
      const check = await ctx.links.verify(SYNDICATION_LINK.pixel, token);
      if (!check.ok) return;
      const { a: articleId, l: licenceId } = check.payload;
      if (typeof articleId !== 'number' || (licenceId !== undefined && typeof licenceId !== 'number')) return;
      await recordView(ctx.db, { articleId, licenceId: licenceId ?? null, at: isoNow(), referrer: referrerOf(c.req.header('referer')) });
    } catch (error) {
      // A deleted article or licence (foreign key), or a database hiccup: the image still loads.
      ctx.logger.warn('republication view not counted', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  for (const format of Object.keys(PARTNER_FORMATS) as PartnerFormat[]) {
    app.get(PARTNER_FORMATS[format].path, async (c) => {
      const token = presentedToken(c);
      const holder = token === null ? null : await authenticatePartnerToken(ctx.db, token);
      if (!holder) return unauthorized(c, format, token === null ? 'This feed needs a partner token: send "Authorization: Bearer <token>" (or add ?token=<token>).' : 'This partner token is unknown or has been revoked. Ask the newsroom for a new one.');
      const feed = await loadPartnerFeed(ctx, holder.licenseeId);
      if (!feed) return unauthorized(c, format, 'This partner token no longer belongs to a licensee.');
      const urlOf = (other: PartnerFormat) => absoluteUrl(ctx.config.publicUrl, PARTNER_FORMATS[other].path);
      const body = format === 'atom' ? renderPartnerAtom(feed, ctx, urlOf('atom')) : renderPartnerNinjs(feed, ctx.config.publicUrl);
      // Per licensee: never in the shared page cache, never kept by a proxy.
      const response = sendDocument(c, ctx, body, { contentType: PARTNER_FORMATS[format].type, cacheable: false });
      if (format === 'json') {
        // A ninjs body holds ninjs objects only; what the feed says about itself goes in headers.
        response.headers.set('link', [`<${urlOf('json')}>; rel="self"`, `<${urlOf('atom')}>; rel="alternate"; type="application/atom+xml"`, `<${NINJS_SCHEMA_URL}>; rel="describedby"`].join(', '));
      }
      return response;
    });
  }
}

/** The token from `Authorization: Bearer …`, else from `?token=`; null when neither was sent. */
function presentedToken(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  const bearer = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const query = c.req.query('token');
  return query === undefined || query === '' ? null : query;
}

function unauthorized(c: Context<AppEnv>, format: PartnerFormat, message: string): Response {
  const headers = { 'www-authenticate': 'Bearer realm="partner-feed"', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'json') return c.json({ error: 'unauthorized', message }, 401, headers);
  return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<error><code>unauthorized</code><message>${escapeXml(message)}</message></error>\n`, 401, { ...headers, 'content-type': 'application/xml; charset=utf-8' });
}
