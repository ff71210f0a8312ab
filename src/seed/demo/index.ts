/**
 * The demo newsroom a fresh install shows: "The Tamarisk", a fictional independent
 * outlet covering the Middle East and North Africa. Every name, quote and organisation
 * in the stories is invented; countries and cities are real.
 */
import type { DemoArticle, DemoContent } from '../demo-types.ts';
import { ANALYSIS_ARTICLES } from './articles-analysis.ts';
import { ARABIC_ARTICLES } from './articles-arabic.ts';
import { CULTURE_ARTICLES } from './articles-culture.ts';
import { EXPLAINER_ARTICLES } from './articles-explainers.ts';
import { FEATURE_ARTICLES } from './articles-features.ts';
import { FRENCH_ARTICLES } from './articles-french.ts';
import { NEWS_ARTICLES_1 } from './articles-news-1.ts';
import { NEWS_ARTICLES_2 } from './articles-news-2.ts';
import { OPINION_ARTICLES } from './articles-opinion.ts';
import { VIDEO_ARTICLES } from './articles-video.ts';
import { AUTHORS } from './authors.ts';
import { RELATED_PLACEHOLDER } from './body.ts';
import type { BodyDoc, BodyNode } from './body.ts';
import { PAGES } from './pages.ts';
import { buildPhotos } from './photos.ts';
import { SECTIONS } from './sections.ts';
import { SITE } from './site.ts';
import { TAGS } from './tags.ts';

/** Fills each related-link card with the href and headline of its target, in the same language. */
function resolveRelatedLinks(articles: DemoArticle[]): DemoArticle[] {
  const bySlug = new Map(articles.map((a) => [`${a.language}:${a.slug}`, a]));
  const resolve = (node: BodyNode, owner: DemoArticle): BodyNode => {
    const href = node.attrs?.['href'];
    if (node.type === 'relatedLink' && typeof href === 'string' && href.startsWith(RELATED_PLACEHOLDER)) {
      const slug = href.slice(RELATED_PLACEHOLDER.length);
      const target = bySlug.get(`${owner.language}:${slug}`);
      if (!target) throw new Error(`${owner.slug}: related link to unknown article ${slug}`);
      return { ...node, attrs: { articleId: null, href: `/${target.sectionSlug}/${target.slug}`, title: target.headline } };
    }
    return node.content ? { ...node, content: node.content.map((child) => resolve(child, owner)) } : node;
  };
  return articles.map((a) => {
    const body = a.body as BodyDoc;
    return { ...a, body: { ...body, content: body.content.map((node) => resolve(node, a)) } };
  });
}

/** Builds the whole demo newsroom; deterministic, so every install looks the same. */
export function buildDemoContent(): DemoContent {
  const articles = resolveRelatedLinks([
    ...NEWS_ARTICLES_1,
    ...NEWS_ARTICLES_2,
    ...VIDEO_ARTICLES,
    ...OPINION_ARTICLES,
    ...ANALYSIS_ARTICLES,
    ...EXPLAINER_ARTICLES,
    ...FEATURE_ARTICLES,
    ...CULTURE_ARTICLES,
    ...ARABIC_ARTICLES,
    ...FRENCH_ARTICLES,
  ]).sort((a, b) => a.hoursAgo - b.hoursAgo);
  // A fresh copy each call, so a seeder that mutates what it is given cannot change the next run.
  return structuredClone({
    site: SITE,
    sections: SECTIONS,
    authors: AUTHORS,
    tags: TAGS,
    photos: buildPhotos(),
    articles,
    pages: PAGES,
  });
}
