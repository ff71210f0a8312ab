/** Registers a route once per language edition: unprefixed for the default language, `/ar/…` for the others. */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../app-context.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/languages.ts';

const OTHER_LANGUAGES = Object.keys(LANGUAGES).filter((code) => code !== DEFAULT_LANGUAGE);

/** Adds GET handlers for `path` in every edition; the handler reads the language from `c.get('language')`. */
export function getInEveryEdition(app: Hono<AppEnv>, path: string, handler: (c: Context<AppEnv>) => Promise<Response | undefined> | Response | undefined): void {
  // One explicit route per edition (rather than a `:lang` pattern) keeps matching exact
  // and lets a handler decline with `undefined` so the next route is tried.
  for (const language of [DEFAULT_LANGUAGE, ...OTHER_LANGUAGES]) {
    const prefix = language === DEFAULT_LANGUAGE ? '' : `/${language}`;
    app.get(path === '/' ? prefix || '/' : `${prefix}${path}`, async (c, next) => {
      c.set('language', language);
      const response = await handler(c);
      if (response) return response;
      await next();
      return undefined;
    });
  }
}

/** A URL slug as Masthead makes them; anything else cannot name content. */
export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 120;
}
