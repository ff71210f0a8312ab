/** Head metadata of an article page: canonical, Open Graph, Twitter card, hreflang and JSON-LD. */
import type { PageChrome } from '../site/chrome.ts';
import type { PageMeta } from '../site/layout.tsx';
import { absoluteUrl } from '../site/urls.ts';
import type { ArticlePageData } from './article-page-data.ts';
import { articleJsonLd } from './jsonld.ts';

// Like the body HTML, the JSON-LD is derived from the article's data alone: once per data object.
const jsonLdCache = new WeakMap<ArticlePageData, object>();

function jsonLdOf(chrome: PageChrome, article: ArticlePageData): object {
  let value = jsonLdCache.get(article);
  if (!value) {
    value = articleJsonLd(chrome.publicUrl, chrome.site, article);
    jsonLdCache.set(article, value);
  }
  return value;
}

/** Builds the head metadata for an article. */
export function articlePageMeta(chrome: PageChrome, article: ArticlePageData): PageMeta {
  const description = article.seoDescription ?? article.standfirst;
  const image = article.hero?.variants.filter((variant) => variant.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
  const openGraph: [string, string][] = [
    ['og:type', 'article'],
    ['og:title', article.seoTitle ?? article.headline],
    ['og:description', description],
    ['og:url', absoluteUrl(chrome.publicUrl, article.url)],
    ['article:published_time', article.publishedAt],
    ['article:modified_time', article.updatedAt ?? article.publishedAt],
    ['article:section', article.section.name],
    ...article.tags.map((tag): [string, string] => ['article:tag', tag.name]),
    ...article.authors.map((author): [string, string] => ['article:author', absoluteUrl(chrome.publicUrl, author.url)]),
    ['twitter:card', 'summary_large_image'],
    ['twitter:title', article.seoTitle ?? article.headline],
    ['twitter:description', description],
  ];
  if (image && article.hero) {
    const imageUrl = absoluteUrl(chrome.publicUrl, `/media/${image.key}`);
    openGraph.push(['og:image', imageUrl], ['og:image:width', String(image.width)], ['og:image:height', String(image.height)], ['og:image:alt', article.hero.alt], ['twitter:image', imageUrl], ['twitter:image:alt', article.hero.alt]);
  }
  return {
    title: article.seoTitle ?? article.headline,
    description,
    canonicalPath: article.url,
    openGraph,
    jsonLd: [jsonLdOf(chrome, article)],
    alternates: article.translations.length > 0 ? [{ language: article.language, path: article.url }, ...article.translations.map((t) => ({ language: t.language, path: t.url }))] : [],
    currentSection: article.section.slug,
  };
}
