/**
 * Type-of-work labels (page anatomy element 5) and the schema.org type each maps to,
 * so search engines learn an opinion piece is opinion.
 */
export const ARTICLE_TYPES = ['news', 'opinion', 'analysis', 'explainer', 'feature', 'interview', 'review', 'sponsored'] as const;

/** A type-of-work label. */
export type ArticleType = (typeof ARTICLE_TYPES)[number];

const SCHEMA_TYPES: Record<ArticleType, string> = {
  news: 'ReportageNewsArticle',
  opinion: 'OpinionNewsArticle',
  analysis: 'AnalysisNewsArticle',
  explainer: 'BackgroundNewsArticle',
  feature: 'NewsArticle',
  interview: 'NewsArticle',
  review: 'ReviewNewsArticle',
  sponsored: 'AdvertiserContentArticle',
};

/** The schema.org @type for an article of this label. */
export function schemaTypeFor(type: string): string {
  return isArticleType(type) ? SCHEMA_TYPES[type] : 'NewsArticle';
}

/** Type guard for stored or submitted labels. */
export function isArticleType(value: string): value is ArticleType {
  return (ARTICLE_TYPES as readonly string[]).includes(value);
}
