/**
 * The site-wide data every page's header and footer need (settings and section
 * navigation), loaded once per content generation rather than per request.
 */
import type { Kysely } from 'kysely';
import type { Database, LicensingPolicy } from '../db/schema.ts';
import { messagesFor } from '../i18n/index.ts';
import type { Messages } from '../i18n/index.ts';
import type { SafeHtml } from './jsx/jsx-runtime.ts';
import { parseStoredJson } from '../shared/json.ts';
import { loadSiteSettings, localizeSettings } from './settings.ts';
import type { SiteSettings } from './settings.ts';
import { sectionUrl } from './urls.ts';

/** One entry of the section navigation. */
export interface SectionNavItem {
  id: number;
  slug: string;
  name: string;
  names: Record<string, string>;
  description: string;
  defaultLicensingPolicy: LicensingPolicy | null;
}

/** Header and footer data for one language. */
export interface PageChrome {
  site: SiteSettings;
  sections: SectionNavItem[];
  language: string;
  t: Messages;
  publicUrl: string;
  assetPath: (name: string) => string;
  /** Renders a piece of chrome once per edition and content generation, then reuses it. */
  fragment: (key: string, render: () => SafeHtml) => SafeHtml;
}

/** Shared data behind PageChrome, for every language at once. */
export interface SiteCatalog {
  site: SiteSettings;
  sections: SectionNavItem[];
  sectionsById: ReadonlyMap<number, SectionNavItem>;
  /** Rendered header/footer pieces; the catalogue is rebuilt per generation, so these are too. */
  fragments: Map<string, SafeHtml>;
}

/** Loads settings and sections. */
export async function loadSiteCatalog(db: Kysely<Database>): Promise<SiteCatalog> {
  const [site, sections] = await Promise.all([
    loadSiteSettings(db),
    db.selectFrom('sections').select(['id', 'slug', 'name', 'name_translations', 'description', 'default_licensing_policy']).orderBy('position').orderBy('id').execute(),
  ]);
  const items = sections.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    names: parseStoredJson<Record<string, string>>(row.name_translations, {}),
    description: row.description,
    defaultLicensingPolicy: row.default_licensing_policy,
  }));
  return { site, sections: items, sectionsById: new Map(items.map((item) => [item.id, item])), fragments: new Map() };
}

/** The name of a section in a language. */
export function sectionName(section: SectionNavItem, language: string): string {
  return section.names[language] ?? section.name;
}

/** Builds the chrome for one language from the catalogue. */
export function chromeFor(catalog: SiteCatalog, language: string, publicUrl: string, assetPath: (name: string) => string): PageChrome {
  return {
    site: localizeSettings(catalog.site, language),
    sections: catalog.sections,
    language,
    t: messagesFor(language),
    publicUrl,
    assetPath,
    fragment: (key, render) => {
      const fullKey = `${language}|${key}`;
      let html = catalog.fragments.get(fullKey);
      if (!html) {
        html = render();
        catalog.fragments.set(fullKey, html);
      }
      return html;
    },
  };
}

/** Section navigation links for a language. */
export function sectionLinks(chrome: PageChrome): { href: string; label: string; slug: string }[] {
  return chrome.sections.map((section) => ({ href: sectionUrl(chrome.language, section.slug), label: sectionName(section, chrome.language), slug: section.slug }));
}
