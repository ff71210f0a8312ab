/**
 * Turns a rendered page into a response with validators and caching headers, answers
 * conditional requests with 304, and hands cacheable pages to the in-process cache.
 */
import { hash } from 'node:crypto';
import type { Context, Input } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext, AppEnv } from '../app-context.ts';

/** Cache-Control for public pages: short browser life, longer at a CDN, served stale while it refreshes. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=120, stale-while-revalidate=300';

/**
 * Headers every HTML page carries. Pages run no script, frame nothing and post nowhere
 * but here, so the policy can be strict; JSON-LD blocks are data, not scripts, and CSP
 * does not apply to them.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
};

/**
 * Headers of reader pages with a small enhancement (the republishing dialog's copy
 * buttons): scripts from this origin only, nothing else loosened. The page works the
 * same without the script; it only adds buttons.
 */
export const READER_SCRIPT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_SECURITY_HEADERS,
  'content-security-policy': "default-src 'none'; script-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
};

/**
 * Headers of admin pages that carry an interactive island (the editor, the media
 * library): scripts and API calls from this origin only, images from blobs for upload
 * previews. Still no inline script, no third party, no framing by others.
 */
export const ADMIN_SCRIPT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_SECURITY_HEADERS,
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
};

/** Whether a conditional request can be answered 304: the ETag matches, or (without one) nothing changed since the given date. */
export function isNotModified(ifNoneMatch: string | undefined | null, ifModifiedSince: string | undefined | null, etag: string, lastModified: string): boolean {
  if (ifNoneMatch) return matchesEtag(ifNoneMatch, etag);
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}

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
  /** Public pages are cached by browsers, CDNs and this process; error pages are not. */
  cacheable?: boolean;
  language?: string;
  /** Admin pages with an island: allow same-origin scripts and API calls. */
  scripts?: boolean;
  /** Reader pages with an enhancement script: allow same-origin scripts only (READER_SCRIPT_SECURITY_HEADERS). */
  readerScripts?: boolean;
}

/** Renders a JSX page to a complete HTML response. */
export async function htmlPage<P extends string, I extends Input>(c: Context<AppEnv, P, I>, app: AppContext, page: { toString(): string | Promise<string> }, options: PageOptions = {}): Promise<Response> {
  return sendDocument(c, app, `<!doctype html>${await page.toString()}`, { ...options, contentType: 'text/html; charset=utf-8' });
}

/** Options for any document response (HTML, XML, JSON, text). */
export interface DocumentOptions extends PageOptions {
  contentType: string;
  /** Cache-Control for a cacheable 200 (public pages' default otherwise). */
  cacheControl?: string;
}

/**
 * Answers with a document: ETag, Last-Modified (the time content last changed), Cache-Control,
 * 304 for conditional requests, and the in-process page cache for cacheable URLs. Feeds,
 * sitemaps and robots.txt use it as HTML pages do.
 */
export function sendDocument<P extends string, I extends Input>(c: Context<AppEnv, P, I>, app: AppContext, document: string | Buffer, options: DocumentOptions): Response {
  const body: Buffer<ArrayBuffer> = typeof document === 'string' ? Buffer.from(document, 'utf8') : Buffer.from(document);
  const status = options.status ?? 200;
  const etag = etagOf(body);
  const lastModified = new Date(app.generation.changedAt()).toUTCString();
  const cacheControl = options.cacheable === false || status !== 200 ? 'no-store' : (options.cacheControl ?? PUBLIC_PAGE_CACHE_CONTROL);
  const securityHeaders = options.scripts ? ADMIN_SCRIPT_SECURITY_HEADERS : options.readerScripts ? READER_SCRIPT_SECURITY_HEADERS : PAGE_SECURITY_HEADERS;
  const headers: Record<string, string> = {
    ...securityHeaders,
    'content-type': options.contentType,
    'cache-control': cacheControl,
  };
  if (options.language) headers['content-language'] = options.language;
  if (status === 200) {
    headers.etag = etag;
    headers['last-modified'] = lastModified;
    const key = options.cacheable === false ? null : cacheKeyOf(c);
    if (key && app.pageCache.isEnabled) {
      app.pageCache.set(key, {
        status,
        contentType: options.contentType,
        body,
        etag,
        lastModified,
        cacheControl,
        generation: c.get('generation'),
        headers: { ...securityHeaders, ...(options.language ? { 'content-language': options.language } : {}) },
      });
    }
    if (isNotModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), etag, lastModified)) {
      return c.body(null, 304, { etag, 'last-modified': lastModified, 'cache-control': cacheControl });
    }
  }
  // Through the context, so headers set earlier in the request (cookies) are kept.
  if (c.req.method === 'HEAD') return c.body(null, status as ContentfulStatusCode, headers);
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), status as ContentfulStatusCode, headers);
}
