/** The article page's newsletter sign-up promo (the slot the foundation left). */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import type { PageChrome } from '../site/chrome.ts';

/** Renders the promo. */
export function NewsletterPromo(props: { article: ArticlePageData; chrome: PageChrome }) {
  const { t } = props.chrome;
  return <aside class="slot slot--newsletter" data-slot="newsletter-promo" aria-label={t.newsletterPromoTitle} hidden></aside>;
}
