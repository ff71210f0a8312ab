/** schema.org descriptions of articles and the newsroom, for search engines and aggregators. */
import type { RenderableImage } from '../media/types.ts';
import type { SiteSettings } from '../site/settings.ts';
import { absoluteUrl, homeUrl, staticPageUrl } from '../site/urls.ts';
import type { ArticlePageData } from './article-page-data.ts';
import { schemaTypeFor } from './article-types.ts';

function imageObject(publicUrl: string, image: RenderableImage & { creditLine: string }): object | null {
  const largest = image.variants.filter((variant) => variant.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
  if (!largest) return null;
  return {
    '@type': 'ImageObject',
    url: absoluteUrl(publicUrl, `/media/${largest.key}`),
    width: largest.width,
    height: largest.height,
    caption: image.caption ?? undefined,
    creditText: image.creditLine || undefined,
    copyrightNotice: image.creditOrganisation ?? image.credit ?? undefined,
  };
}

/** The publisher as a NewsMediaOrganization, with its policy pages. */
export function organisationJsonLd(publicUrl: string, site: SiteSettings, language: string): Record<string, unknown> {
  const page = (slug: string) => absoluteUrl(publicUrl, staticPageUrl(language, slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsMediaOrganization',
    '@id': `${publicUrl}/#organization`,
    name: site.name,
    url: absoluteUrl(publicUrl, homeUrl(language)),
    description: site.description || undefined,
    publishingPrinciples: page(site.policyPages.ethics),
    ethicsPolicy: page(site.policyPages.ethics),
    correctionsPolicy: page(site.policyPages.corrections),
    masthead: page(site.policyPages.about),
    actionableFeedbackPolicy: page(site.policyPages.contact),
  };
}

/** The article as NewsArticle or its fitting subtype, with authors, dateline, image credits and corrections. */
export function articleJsonLd(publicUrl: string, site: SiteSettings, article: ArticlePageData): Record<string, unknown> {
  const url = absoluteUrl(publicUrl, article.url);
  const image = article.hero ? imageObject(publicUrl, article.hero) : null;
  const authors =
    article.authors.length > 0
      ? article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: absoluteUrl(publicUrl, author.url), jobTitle: author.title || undefined }))
      : [{ '@type': 'Organization', name: article.byline ?? site.name }];
  return {
    '@context': 'https://schema.org',
    '@type': schemaTypeFor(article.type),
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.headline,
    description: article.seoDescription ?? article.standfirst,
    inLanguage: article.language,
    articleSection: article.section.name,
    keywords: article.tags.map((tag) => tag.name),
    wordCount: article.wordCount,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    dateline: article.dateline ?? undefined,
    image: image ? [image] : undefined,
    author: authors,
    publisher: { '@type': 'NewsMediaOrganization', '@id': `${publicUrl}/#organization`, name: site.name, url: publicUrl },
    isAccessibleForFree: true,
    correction: article.corrections.map((correction) => ({
      '@type': 'CorrectionComment',
      text: correction.body,
      datePublished: correction.createdAt,
    })),
  };
}
