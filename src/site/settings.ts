/** Site-wide settings (name, description, languages, policies) stored as one JSON value. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { parseOrThrow } from '../shared/validation.ts';

/** Settings that shape every page. */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  tagline: z.string().max(200).default(''),
  description: z.string().max(500).default(''),
  publisherBlurb: z.string().max(600).default(''),
  languages: z.array(z.enum(['en', 'ar', 'fr'])).min(1).default(['en']),
  defaultLanguage: z.enum(['en', 'ar', 'fr']).default('en'),
  /** Slugs of the static pages that hold the newsroom's policies (for schema.org and the footer). */
  policyPages: z
    .object({
      about: z.string().default('about'),
      corrections: z.string().default('corrections-policy'),
      ethics: z.string().default('ethics'),
      contact: z.string().default('contact'),
    })
    .default({ about: 'about', corrections: 'corrections-policy', ethics: 'ethics', contact: 'contact' }),
});

/** Validated site settings. */
export type SiteSettings = z.output<typeof siteSettingsSchema>;

const FALLBACK: SiteSettings = siteSettingsSchema.parse({ name: 'Masthead' });

/** Reads the settings; a fresh database gets sensible defaults. */
export async function loadSiteSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', 'site').executeTakeFirst();
  const parsed = siteSettingsSchema.safeParse(parseStoredJson<unknown>(row?.value, null));
  return parsed.success ? parsed.data : FALLBACK;
}

/** Validates and stores the settings. */
export async function saveSiteSettings(db: Kysely<Database>, input: unknown): Promise<SiteSettings> {
  const settings = parseOrThrow(siteSettingsSchema, input);
  const value = JSON.stringify(settings);
  await db
    .insertInto('site_settings')
    .values({ key: 'site', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return settings;
}
