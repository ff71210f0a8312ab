/** Serves stored image variants. Keys are matched against a strict pattern, never joined blindly to a path. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { errorPage } from '../http/errors.tsx';
import { etagOf, matchesEtag } from '../http/respond.ts';

/** Shape of every variant file name Masthead writes: `<hash>-<width>.<webp|jpg>`. */
export const VARIANT_KEY = /^[a-f0-9]{16,64}-\d{2,4}\.(webp|jpg)$/;

/** Registers `/media/:key`. */
export function registerMediaRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const variantsDir = path.join(ctx.mediaDir, 'variants');
  app.get('/media/:key', async (c) => {
    const key = c.req.param('key');
    if (!VARIANT_KEY.test(key)) return errorPage(c, ctx, 404, 'No image has that address.');
    let body: Buffer;
    try {
      body = await fs.readFile(path.join(variantsDir, key));
    } catch {
      return errorPage(c, ctx, 404, 'No image has that address.');
    }
    // Variant names carry the content hash, so a URL never changes meaning: cache for a year.
    const etag = etagOf(key);
    const headers = {
      'content-type': key.endsWith('.webp') ? 'image/webp' : 'image/jpeg',
      'cache-control': 'public, max-age=31536000, immutable',
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'content-length': String(body.byteLength) } });
  });
}
