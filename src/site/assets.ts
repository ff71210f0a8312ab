/**
 * Static assets (stylesheet, icon), read once at start and served under a path that
 * holds their content hash, so browsers and CDNs may keep them forever.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-context.ts';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8' };

interface Asset {
  body: Buffer;
  hash: string;
  type: string;
}

/** The site's assets, loaded from src/site/assets. */
export class AssetStore {
  readonly #assets = new Map<string, Asset>();

  constructor(dir: string = ASSET_DIR) {
    for (const name of fs.readdirSync(dir)) {
      const type = TYPES[path.extname(name)];
      if (!type) continue;
      const body = fs.readFileSync(path.join(dir, name));
      this.#assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
    }
  }

  /** Public path of an asset: `/assets/<hash>/<name>`. */
  pathOf(name: string): string {
    const asset = this.#assets.get(name);
    return asset ? `/assets/${asset.hash}/${name}` : `/assets/missing/${name}`;
  }

  /** Registers the route that serves assets. */
  register(app: Hono<AppEnv>): void {
    app.get('/assets/:hash/:name', (c) => {
      const asset = this.#assets.get(c.req.param('name'));
      if (!asset) return c.text('No such asset.', 404);
      const isCurrent = asset.hash === c.req.param('hash');
      return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(asset.body), {
        headers: {
          'content-type': asset.type,
          // An old hash still gets the current file (a page cached elsewhere keeps its styles), but only briefly.
          'cache-control': isCurrent ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        },
      });
    });
  }
}
