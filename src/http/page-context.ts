/** Per-request helpers that page routes share: the chrome for the edition and cursor parsing. */
import type { Context } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { decodeCursor } from '../articles/cursor.ts';
import type { ListingCursor } from '../articles/cursor.ts';
import { chromeFor } from '../site/chrome.ts';
import type { PageChrome } from '../site/chrome.ts';
import { PublicError } from './errors.tsx';

/** Header/footer data for the request's edition. */
export async function chromeOf(c: Context<AppEnv>, app: AppContext): Promise<PageChrome> {
  return chromeFor(await app.catalog(), c.get('language'), app.config.publicUrl, app.assetPath);
}

/** Reads `?after=`; a value this site did not make is a 400, not a silent first page. */
export function cursorOf(c: Context<AppEnv>): ListingCursor | null {
  const raw = c.req.query('after');
  if (raw === undefined) return null;
  const cursor = decodeCursor(raw);
  if (!cursor) throw new PublicError(400, 'The "after" value in this address is not a valid page marker. Go back to the first page and follow the links.');
  return cursor;
}
