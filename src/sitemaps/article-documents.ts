/** The article sitemaps as XML: a month part (with photos and translations) and the Google News sitemap. */
import { isSlug } from '../http/editions.ts';
import type { SectionNavItem } from '../site/chrome.ts';
import { articleUrl } from '../site/urls.ts';
import type { MonthEntry, NewsArticle, TranslationMember } from './queries.ts';
import { URLSET_END, escapeXml, urlsetStart, w3cDateTime } from './xml.ts';

/** What both article documents need to turn rows into absolute URLs. */
export interface ArticleUrlContext {
  publicUrl: string;
  sectionsById: ReadonlyMap<number, SectionNavItem>;
}

function articleLoc(context: ArticleUrlContext, base: string, row: { language: string; section_id: number; slug: string }): string | null {
  const section = context.sectionsById.get(row.section_id);
  // An article is only reachable under a section that exists and a slug its route accepts.
  if (!section || !isSlug(section.slug) || !isSlug(row.slug)) return null;
  return base + escapeXml(articleUrl(row.language, section.slug, row.slug));
}

// Media keys as Masthead writes them: nothing in them needs encoding or escaping.
const PLAIN_KEY = /^[A-Za-z0-9._-]+$/;

/**
 * One file of a month's sitemap: every article's page, when it changed, its photos and
 * its translations. Written for thousands of entries at a time: URL prefixes are built
 * once per section and language, and slugs (checked) and keys need no escaping.
 */
export function monthPartDocument(context: ArticleUrlContext, entries: readonly MonthEntry[], translations: ReadonlyMap<string, TranslationMember[]>): string {
  const base = escapeXml(context.publicUrl);
  const mediaBase = `${base}/media/`;
  const prefixes = new Map<string, string | null>();
  const alternates = new Map<string, { owners: Set<number>; xml: string }>();
  let xml = urlsetStart(['image', 'xhtml']);
  for (const entry of entries) {
    const prefixKey = `${entry.language} ${entry.section_id}`;
    let prefix = prefixes.get(prefixKey);
    if (prefix === undefined) {
      const section = context.sectionsById.get(entry.section_id);
      prefix = section && isSlug(section.slug) ? base + escapeXml(articleUrl(entry.language, section.slug, '')) : null;
      prefixes.set(prefixKey, prefix);
    }
    if (prefix === null || !isSlug(entry.slug)) continue;
    const lastmod = w3cDateTime(entry.lastmod);
    xml += `<url><loc>${prefix}${entry.slug}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}`;
    if (entry.translation_group !== null) {
      let group = alternates.get(entry.translation_group);
      if (!group) {
        group = alternatesOf(context, base, translations.get(entry.translation_group) ?? []);
        alternates.set(entry.translation_group, group);
      }
      if (group.owners.has(entry.article_id)) xml += group.xml;
    }
    if (entry.image_keys !== '') {
      for (const key of entry.image_keys.split(' ')) {
        xml += `<image:image><image:loc>${mediaBase}${PLAIN_KEY.test(key) ? key : escapeXml(encodeURIComponent(key))}</image:loc></image:image>`;
      }
    }
    xml += '</url>\n';
  }
  return xml + URLSET_END;
}

/**
 * hreflang links of a translation group: one page per language (the first published),
 * every page listing all of them including itself, as Google asks. A group with one
 * language has none; an extra page in an already-listed language gets none either.
 */
function alternatesOf(context: ArticleUrlContext, base: string, members: readonly TranslationMember[]): { owners: Set<number>; xml: string } {
  const byLanguage = new Map<string, { id: number; loc: string }>();
  for (const member of members) {
    if (byLanguage.has(member.language)) continue;
    const loc = articleLoc(context, base, member);
    if (loc !== null) byLanguage.set(member.language, { id: member.article_id, loc });
  }
  if (byLanguage.size < 2) return { owners: new Set(), xml: '' };
  const languages = [...byLanguage.keys()].sort();
  const xml = languages.map((language) => `<xhtml:link rel="alternate" hreflang="${escapeXml(language)}" href="${byLanguage.get(language)?.loc ?? ''}"/>`).join('');
  return { owners: new Set([...byLanguage.values()].map((member) => member.id)), xml };
}

/** The Google News sitemap: each article with its publication (name and language), publication date and title. */
export function newsDocument(context: ArticleUrlContext, articles: readonly NewsArticle[], publicationName: (language: string) => string): string {
  const base = escapeXml(context.publicUrl);
  const parts: string[] = [urlsetStart(['news'])];
  for (const article of articles) {
    const loc = articleLoc(context, base, article);
    const published = w3cDateTime(article.published_at);
    if (loc === null || published === null) continue;
    parts.push(
      `<url><loc>${loc}</loc><news:news><news:publication><news:name>${escapeXml(publicationName(article.language))}</news:name>` +
        `<news:language>${escapeXml(article.language)}</news:language></news:publication>` +
        `<news:publication_date>${published}</news:publication_date><news:title>${escapeXml(article.headline)}</news:title></news:news></url>\n`,
    );
  }
  parts.push(URLSET_END);
  return parts.join('');
}
