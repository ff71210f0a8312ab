/** Site-wide settings (name, description, languages, policies) stored as one JSON value. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import { parseOrThrow } from '../shared/validation.ts';

/**
 * The Creative Commons 4.0 licences a newsroom may offer its free-to-republish articles
 * under, with the deed readers are sent to (a plain link: nothing is loaded from there).
 */
export const CC_LICENCES = {
  'CC BY 4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC BY-SA 4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC BY-ND 4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC BY-NC 4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC BY-NC-SA 4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC BY-NC-ND 4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
} as const;

/** The name of an offered Creative Commons licence, e.g. `CC BY-NC-ND 4.0`. */
export type CcLicence = keyof typeof CC_LICENCES;

/** The licence names, for validation and the settings form. */
export const CC_LICENCE_NAMES = Object.keys(CC_LICENCES) as [CcLicence, ...CcLicence[]];

/** The conditions a new site shows beside the licence until the newsroom writes its own. */
export const DEFAULT_REPUBLISHING_CONDITIONS =
  'Credit the author and the publication, keep the link to the original article and the tracking image, do not edit the text beyond house style, and do not sell the article or republish it in a paid product.';

/** How free republishing works: the Creative Commons licence and the newsroom's own conditions. */
const republishingSettingsSchema = z.object({
  ccLicence: z.enum(CC_LICENCE_NAMES, { error: `choose one of ${CC_LICENCE_NAMES.join(', ')}` }).default('CC BY-NC-ND 4.0'),
  conditions: z.string().trim().max(2000).default(DEFAULT_REPUBLISHING_CONDITIONS),
});

/** Settings that shape every page. */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  tagline: z.string().max(200).default(''),
  description: z.string().max(500).default(''),
  publisherBlurb: z.string().max(600).default(''),
  /** Name, tagline, description and blurb as other editions show them; missing texts fall back to the main ones. */
  localized: z
    .partialRecord(
      z.enum(['en', 'ar', 'fr']),
      z.object({ name: z.string().trim().min(1).max(100), tagline: z.string().max(200), description: z.string().max(500), publisherBlurb: z.string().max(600) }).partial(),
    )
    .default({}),
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
  /** Whether saving an article adds the existing place and country tags its text names, without asking (src/suggest). */
  autoTagPlaces: z.boolean().default(false),
  /**
   * The newsroom's postal address, printed at the foot of every newsletter: anti-spam laws
   * (CAN-SPAM in the US, CASL in Canada, and others) require bulk mail to carry the sender's
   * physical address. Plain text, one line of the address per line.
   */
  postalAddress: z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trim()).filter((line) => line !== '').join('\n'))
    .pipe(z.string().max(300, 'is longer than 300 characters'))
    .refine((value) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value), 'must not contain control characters')
    .refine((value) => value.split('\n').length <= 6, 'has more than six lines')
    .default(''),
  /** Creative Commons republishing (src/syndication): which licence, and the newsroom's conditions shown with it. */
  republishing: republishingSettingsSchema.default({ ccLicence: 'CC BY-NC-ND 4.0', conditions: DEFAULT_REPUBLISHING_CONDITIONS }),
});

/** Validated site settings. */
export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** Settings of a database that has none yet. */
export const DEFAULT_SITE_SETTINGS: SiteSettings = siteSettingsSchema.parse({ name: 'Masthead' });

/** The settings as one edition shows them, with its own texts where the newsroom wrote them. */
export function localizeSettings(settings: SiteSettings, language: string): SiteSettings {
  const texts = settings.localized[language as keyof SiteSettings['localized']];
  return texts ? { ...settings, ...texts } : settings;
}

/** Reads the settings; a fresh database gets sensible defaults. */
export async function loadSiteSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', 'site').executeTakeFirst();
  const parsed = siteSettingsSchema.safeParse(parseStoredJson<unknown>(row?.value, null));
  return parsed.success ? parsed.data : DEFAULT_SITE_SETTINGS;
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

/**
 * Validates and stores the settings as a content change, so every cached page shows the
 * new name and texts at once, and audits which settings changed.
 */
export async function saveSettingsAsChange(db: Kysely<Database>, input: unknown, audit: { actorUserId: number; ip: string | null }): Promise<SiteSettings> {
  return changeContent(db, async (trx) => {
    const before = await loadSiteSettings(trx);
    const settings = await saveSiteSettings(trx, input);
    const fields = (Object.keys(settings) as (keyof SiteSettings)[]).filter((key) => JSON.stringify(settings[key]) !== JSON.stringify(before[key]));
    await recordAudit(trx, { actorUserId: audit.actorUserId, action: 'settings.updated', subjectType: 'site', details: { fields }, ip: audit.ip });
    return settings;
  });
}
