/**
 * Turns a rendered page into a response with validators and caching headers, answers
 * conditional requests with 304, and hands cacheable pages to the in-process cache.
 */
import { hash } from 'node:crypto';
import type { Context, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Cache-Control for public pages: short browser life, longer at a CDN, served stale while it refreshes. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=120, stale-while-revalidate=300';

/** Strong validator for a body. */
export function etagOf(body: string | Buffer): string {
  return `"${hash('sha1', body, 'base64url')}"`;
}

/** Whether an If-None-Match header names this ETag (or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/** Only requests without a query, or with a well-formed `after` cursor alone, may fill the cache; random queries must not evict real pages. */
function cacheKeyOf<P extends string, I extends Input>(c: Context<AppEnv, P, I>): string | null {
  const raw = c.env?.incoming?.url;
  if (!raw || raw.length > 512) return null;
  const query = raw.indexOf('?');
  if (query === -1) return raw;
  return /^after=[A-Za-z0-9_-]{1,80}$/.test(raw.slice(query + 1)) ? raw : null;
}

/** Options for an HTML page response. */
export interface PageOptions {
  status?: number;
  /** ISO time of the newest content on the page; Last-Modified. */
  lastModified?: string;
  /** Public pages are cached by browsers, CDNs and this process; error pages are not. */
  cacheable?: boolean;
  language?: string;
}

/** Renders a JSX page to a complete HTML response. */
export async function htmlPage<P extends string, I extends Input>(c: Context<AppEnv, P, I>, app: AppContext, page: { toString(): string | Promise<string> }, options: PageOptions = {}): Promise<Response> {
  const html = `<!doctype html>${await page.toString()}`;
  const body = Buffer.from(html, 'utf8');
  const status = options.status ?? 200;
  const etag = etagOf(body);
  const lastModified = new Date(options.lastModified ?? Date.now()).toUTCString();
  const cacheControl = options.cacheable === false || status !== 200 ? 'no-store' : PUBLIC_PAGE_CACHE_CONTROL;
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  };
  if (options.language) headers['content-language'] = options.language;
  if (status === 200) {
    headers.etag = etag;
    headers['last-modified'] = lastModified;
    const key = options.cacheable === false ? null : cacheKeyOf(c);
    if (key && app.pageCache.isEnabled) {
      app.pageCache.set(key, {
        status,
        contentType: headers['content-type'] ?? 'text/html; charset=utf-8',
        body,
        etag,
        lastModified,
        cacheControl,
        generation: c.get('generation'),
        headers: options.language ? { 'content-language': options.language } : {},
      });
    }
    if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl } });
  }
  return new Response(c.req.method === 'HEAD' ? null : body, { status, headers });
}
