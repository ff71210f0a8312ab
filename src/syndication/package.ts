/**
 * The clean republishing package of an article: what a licensee (or a Creative Commons
 * republisher) copies. Built from the stored body document, never from the page's HTML,
 * and on demand from the current article, so a correction reaches every package at once.
 *
 * The body goes through the feeds' renderer (src/feeds/feed-body.ts: absolute URLs,
 * related articles as absolute links) after a pass of our own that takes out what may not
 * travel: photos the newsroom may not pass on (`can_distribute` 0, hero included) and
 * third-party embeds. Both are removed rather than turned into links (a republisher's
 * page should not load or point readers at content we do not license) and each is listed
 * in `removed`. Photos that stay are offered as JPEG only, with absolute URLs.
 */
import type { AppContext } from '../app-context.ts';
import type { ArticlePageData } from '../articles/article-page-data.ts';
import { loadArticlePage } from '../articles/article-page-data.ts';
import type { BlockNode, BodyDocument, InlineNode, LinkMark } from '../articles/body/document.ts';
import { EMBED_PROVIDER_NAMES } from '../articles/body/document.ts';
import { bodyToPlainText } from '../articles/body/render.ts';
import { embedUrlProblem, hostOf, isSafeHref } from '../articles/body/url.ts';
import { bodyLabels } from '../articles/views/article-page.tsx';
import { renderFeedBodyHtml } from '../feeds/feed-body.ts';
import { format, formatDate, messagesFor } from '../i18n/index.ts';
import { directionOf } from '../i18n/languages.ts';
import { photoCredit } from '../media/credit.ts';
import type { RenderableImage } from '../media/types.ts';
import { escapeHtml } from '../shared/escape.ts';
import { CC_LICENCES, localizeSettings } from '../site/settings.ts';
import { absoluteUrl } from '../site/urls.ts';
import { pixelUrl } from './links.ts';

/** A package ready to show or send. */
export interface RepublishPackage {
  articleId: number;
  headline: string;
  /** Clean HTML: headline, byline, body, credit line, canonical link and tracking pixel; no site chrome, no embeds, no non-distributable images. */
  html: string;
  /** The same as plain text (no pixel). */
  text: string;
  /** The credit line the licensee must print. */
  credit: string;
  canonicalUrl: string;
  /** What was taken out and why, for the note shown to the licensee ("2 wire photos were removed…"). */
  removed: { kind: 'image' | 'embed'; description: string }[];
}

/** The credit line and package labels in the article's language (English for any other). */
const PACKAGE_TEXTS = {
  en: {
    firstPublished: 'This article was first published by {site} at {url}.',
    underLicence: 'Republished under licence {reference}.',
    underCc: 'Republished under a Creative Commons {licence} licence.',
    published: 'First published {date}',
    canonical: "Put this in the <head> of the page that shows the article:",
    photoRemoved: 'Photo removed: wire photo, credit {credit}',
    embedRemoved: 'Embed removed: {provider} content at {url}',
  },
  ar: {
    firstPublished: 'نُشر هذا المقال أولًا في {site} على الرابط {url}.',
    underLicence: 'أُعيد نشره بموجب الترخيص {reference}.',
    underCc: 'أُعيد نشره بموجب رخصة المشاع الإبداعي {licence}.',
    published: 'نُشر أولًا في {date}',
    canonical: 'Put this in the <head> of the page that shows the article:',
    photoRemoved: 'Photo removed: wire photo, credit {credit}',
    embedRemoved: 'Embed removed: {provider} content at {url}',
  },
  fr: {
    firstPublished: 'Cet article a été publié pour la première fois par {site} à l’adresse {url}.',
    underLicence: 'Republié sous la licence {reference}.',
    underCc: 'Republié sous licence Creative Commons {licence}.',
    published: 'Publié pour la première fois le {date}',
    canonical: 'Put this in the <head> of the page that shows the article:',
    photoRemoved: 'Photo removed: wire photo, credit {credit}',
    embedRemoved: 'Embed removed: {provider} content at {url}',
  },
} as const;

type PackageTexts = (typeof PACKAGE_TEXTS)[keyof typeof PACKAGE_TEXTS];

function textsFor(language: string): PackageTexts {
  return language === 'ar' || language === 'fr' ? PACKAGE_TEXTS[language] : PACKAGE_TEXTS.en;
}

/**
 * A published article by id, through the same per-generation cache the article page
 * uses; null when it is missing or not published.
 */
export async function loadPublishedArticle(app: AppContext, articleId: number): Promise<ArticlePageData | null> {
  if (!Number.isSafeInteger(articleId) || articleId <= 0) return null;
  const row = await app.db.selectFrom('articles').select(['language', 'slug', 'status']).where('id', '=', articleId).executeTakeFirst();
  if (row?.status !== 'published') return null;
  const catalog = await app.catalog();
  const article = await app.articleData.get(`${row.language}|${row.slug}`, app.generation.current(), () => loadArticlePage(app.db, catalog, row.language, row.slug));
  return article?.id === articleId ? article : null;
}

/** How a package is licensed: a licence's reference, or the site's Creative Commons licence. */
type PackageLicence = { kind: 'licence'; reference: string } | { kind: 'cc'; name: keyof typeof CC_LICENCES };

/**
 * Builds the package of a published article, for a licence (its pixel counts that licence) or for Creative Commons (licenceId null).
 * Null when the article is not published, the licence is not one of this article's, or (for
 * Creative Commons) the article's policy is not `cc`. Whether a licence is still valid is the
 * caller's concern (the delivery page and partner feeds check it).
 */
export async function buildPackage(app: AppContext, articleId: number, licenceId: number | null): Promise<RepublishPackage | null> {
  const article = await loadPublishedArticle(app, articleId);
  if (!article) return null;
  const catalog = await app.catalog();
  let licence: PackageLicence;
  if (licenceId === null) {
    if (article.licensingPolicy !== 'cc') return null;
    licence = { kind: 'cc', name: catalog.site.republishing.ccLicence };
  } else {
    const row = await app.db.selectFrom('licences').select('reference').where('id', '=', licenceId).where('article_id', '=', articleId).executeTakeFirst();
    if (!row) return null;
    licence = { kind: 'licence', reference: row.reference };
  }
  const publicUrl = app.config.publicUrl;
  const canonicalUrl = absoluteUrl(publicUrl, article.url);
  const siteName = localizeSettings(catalog.site, article.language).name;
  const texts = textsFor(article.language);
  const t = messagesFor(article.language);

  const removed: RepublishPackage['removed'] = [];
  const images = distributableImages(article.bodyImages);
  // The hero as a figure of its own, carrying the article's caption, credit line and alt text for it.
  const hero: BlockNode[] = article.hero ? [{ type: 'imageBlock', attrs: { imageId: article.hero.id, caption: article.hero.caption, credit: article.hero.creditLine, alt: article.hero.alt } }] : [];
  const doc: BodyDocument = { type: 'doc', content: cleanBlocks([...hero, ...article.body.content], article.bodyImages, texts, removed) };

  const bodyHtml = stripClasses(renderFeedBodyHtml(doc, { images, articleLinks: article.articleLinks, labels: bodyLabels(t) }, { publicUrl, articleUrl: canonicalUrl }));
  const creditText = creditLine(texts, { siteName, url: canonicalUrl, licence });
  const creditHtml = creditLine(texts, { siteName, url: canonicalUrl, licence }, true);
  const byline = bylineOf(article, t);
  const meta = [byline, article.dateline?.trim() ?? '', format(texts.published, { date: formatDate(article.publishedAt, article.language) })].filter((part) => part !== '');
  const corrections = article.corrections.map((note) => ({
    label: `${t.correctionKinds[note.kind as keyof typeof t.correctionKinds] ?? note.kind}, ${formatDate(note.createdAt, article.language)}:`,
    body: note.body,
  }));
  const pixel = await pixelUrl(app, article.id, licenceId);

  const html = [
    `<!-- ${commentSafe(`${texts.canonical} <link rel="canonical" href="${escapeHtml(canonicalUrl)}">`)} -->`,
    `<article lang="${escapeHtml(article.language)}" dir="${directionOf(article.language)}">`,
    `<h1>${escapeHtml(article.headline)}</h1>`,
    article.standfirst.trim() === '' ? '' : `<p><em>${escapeHtml(article.standfirst)}</em></p>`,
    `<p>${escapeHtml(meta.join(' | '))}</p>`,
    bodyHtml,
    corrections.length === 0
      ? ''
      : `<h2>${escapeHtml(t.corrections)}</h2>${corrections.map((note) => `<p><strong>${escapeHtml(note.label)}</strong> ${escapeHtml(note.body)}</p>`).join('')}`,
    `<p>${creditHtml}</p>`,
    `<img src="${escapeHtml(pixel)}" alt="" width="1" height="1" referrerpolicy="no-referrer-when-downgrade">`,
    '</article>',
  ].filter((part) => part !== '').join('\n');

  const text = [
    article.headline,
    article.standfirst.trim(),
    meta.join(' | '),
    bodyText(doc, article, publicUrl, canonicalUrl, t.photo),
    corrections.length === 0 ? '' : [t.corrections, ...corrections.map((note) => `${note.label} ${note.body}`)].join('\n\n'),
    creditText,
  ].filter((part) => part !== '').join('\n\n');

  return { articleId: article.id, headline: article.headline, html, text: `${text}\n`, credit: creditText, canonicalUrl, removed };
}

/**
 * The Creative Commons package of an article, built once per content generation and shared
 * by the article page's republishing dialog and the republishing page: everything it is
 * made of (article, settings) moves the generation when it changes. Null as buildPackage.
 */
export function ccPackageOf(app: AppContext, articleId: number): Promise<RepublishPackage | null> {
  return app.ccPackages.get(String(articleId), app.generation.current(), () => buildPackage(app, articleId, null));
}

/** Images that may travel, with only their JPEG variants (every republisher's CMS takes JPEG). */
function distributableImages(all: ReadonlyMap<number, RenderableImage>): Map<number, RenderableImage> {
  const kept = new Map<number, RenderableImage>();
  for (const [id, image] of all) {
    if (!image.canDistribute) continue;
    const jpeg = image.variants.filter((variant) => variant.format === 'jpeg');
    kept.set(id, { ...image, variants: jpeg.length > 0 ? jpeg : image.variants });
  }
  return kept;
}

// Walks the blocks that can hold other blocks (a photo or embed can sit in a quote or list item).
function cleanBlocks(blocks: readonly BlockNode[], images: ReadonlyMap<number, RenderableImage>, texts: PackageTexts, removed: RepublishPackage['removed']): BlockNode[] {
  return blocks.flatMap((block): BlockNode[] => {
    switch (block.type) {
      case 'imageBlock': {
        const image = images.get(block.attrs.imageId);
        if (image === undefined) return [];
        if (image.canDistribute) return [block];
        const credit = photoCredit(image, block.attrs.credit) || 'none given';
        const caption = (block.attrs.caption ?? image.caption ?? '').trim();
        const description = format(texts.photoRemoved, { credit }) + (caption === '' ? '' : ` (“${caption}”)`);
        if (!removed.some((item) => item.description === description)) removed.push({ kind: 'image', description });
        return [];
      }
      case 'embed': {
        const { provider, url, title } = block.attrs;
        if (embedUrlProblem(provider, url) !== null) return [];
        const name = provider === 'other' ? hostOf(url) : EMBED_PROVIDER_NAMES[provider];
        const label = title?.trim() ?? '';
        removed.push({ kind: 'embed', description: format(texts.embedRemoved, { provider: name, url }) + (label === '' ? '' : ` (“${label}”)`) });
        return [];
      }
      case 'blockquote': {
        const content = cleanBlocks(block.content, images, texts, removed);
        return content.length === 0 ? [] : [{ ...block, content }];
      }
      case 'bulletList':
      case 'orderedList': {
        const content = block.content.map((item) => ({ ...item, content: cleanBlocks(item.content, images, texts, removed) }));
        return [{ ...block, content }];
      }
      default:
        return [block];
    }
  });
}

// The renderer's classes style our own pages; a republisher's page has none of our CSS.
// Every attribute value it writes is double-quoted and escaped, so this cannot cut into text.
const CLASS_ATTRIBUTE = /\s(?:class|data-[a-z-]+)="[^"]*"/g;

function stripClasses(html: string): string {
  return html.replace(CLASS_ATTRIBUTE, '');
}

// `--` may not appear inside an HTML comment; a hyphen percent-encoded means the same in a URL.
function commentSafe(text: string): string {
  return text.replaceAll('--', '-%2D');
}

function creditLine(texts: PackageTexts, facts: { siteName: string; url: string; licence: PackageLicence }, isHtml = false): string {
  const link = (href: string, label: string) => (isHtml ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : label);
  const text = (value: string) => (isHtml ? escapeHtml(value) : value);
  const first = fill(texts.firstPublished, { site: text(facts.siteName), url: link(facts.url, facts.url) });
  const second =
    facts.licence.kind === 'licence'
      ? fill(texts.underLicence, { reference: text(facts.licence.reference) })
      : fill(texts.underCc, { licence: link(CC_LICENCES[facts.licence.name], facts.licence.name) });
  return `${first} ${second}`;
}

// `format` with values already escaped for HTML where needed; the template itself is our own text.
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function bylineOf(article: ArticlePageData, t: ReturnType<typeof messagesFor>): string {
  const names = article.authors.map((author) => author.name);
  if (names.length === 0) return article.byline?.trim() ?? '';
  const list = names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t.and} ${names.at(-1) ?? ''}`;
  return `${t.by} ${list}`;
}

/**
 * The body as plain text: bodyToPlainText's prose, with what it leaves out because it is
 * not prose put back for a republisher: link targets, photos (caption, credit, JPEG URL)
 * and related articles, every URL absolute.
 */
function bodyText(doc: BodyDocument, article: ArticlePageData, publicUrl: string, canonicalUrl: string, photoLabel: string): string {
  const absolute = (href: string) => (href.startsWith('#') ? `${canonicalUrl}${href}` : href.startsWith('/') && !href.startsWith('//') ? absoluteUrl(publicUrl, href) : href);
  const related = messagesFor(article.language).relatedLink;
  const asText = (blocks: readonly BlockNode[]): BlockNode[] =>
    blocks.map((block): BlockNode => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return { ...block, content: withLinkTargets(block.content, absolute) };
        case 'blockquote':
          return { ...block, content: asText(block.content) };
        case 'bulletList':
        case 'orderedList':
          return { ...block, content: block.content.map((item) => ({ ...item, content: asText(item.content) })) };
        case 'pullQuote': {
          const attribution = block.attrs.attribution?.trim() ?? '';
          const quote = (block.content ?? []).map((node) => (node.type === 'text' ? node.text : '\n')).join('');
          return paragraph(`“${quote.trim()}”${attribution === '' ? '' : ` (${attribution})`}`);
        }
        case 'imageBlock': {
          const image = article.bodyImages.get(block.attrs.imageId);
          const jpeg = image?.variants.filter((variant) => variant.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
          if (!image || !jpeg) return { type: 'paragraph' };
          const caption = (block.attrs.caption ?? image.caption ?? '').trim();
          const credit = photoCredit(image, block.attrs.credit);
          const parts = [caption, credit === '' ? '' : `${photoLabel} ${credit}`, absoluteUrl(publicUrl, `/media/${encodeURIComponent(jpeg.key)}`)];
          return paragraph(`[${parts.filter((part) => part !== '').join(' | ')}]`);
        }
        case 'relatedLink': {
          const target = block.attrs.articleId === null ? undefined : article.articleLinks.get(block.attrs.articleId);
          const href = target?.url ?? block.attrs.href;
          if (href === null || !isSafeHref(href)) return { type: 'paragraph' };
          return paragraph(`${related}: ${target?.headline ?? block.attrs.title} (${absolute(href)})`);
        }
        default:
          return block;
      }
    });
  return bodyToPlainText({ type: 'doc', content: asText(doc.content) });
}

function paragraph(text: string): BlockNode {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

// Appends " (URL)" after each run of text under one link, so the text keeps where links lead.
function withLinkTargets(nodes: readonly InlineNode[] | undefined, absolute: (href: string) => string): InlineNode[] | undefined {
  if (nodes === undefined) return undefined;
  const out: InlineNode[] = [];
  const hrefOf = (node: InlineNode | undefined) => node?.marks?.find((mark): mark is LinkMark => mark.type === 'link')?.attrs.href;
  nodes.forEach((node, index) => {
    out.push(node);
    const href = hrefOf(node);
    if (href !== undefined && isSafeHref(href) && hrefOf(nodes[index + 1]) !== href) out.push({ type: 'text', text: ` (${absolute(href)})` });
  });
  return out;
}
