/** The article page's republishing notice (the slot the foundation left): which policy applies and the way to it. */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import type { PageChrome } from '../site/chrome.ts';
import { staticPageUrl } from '../site/urls.ts';

/** Renders the notice. */
export function RepublishingNotice(props: { article: ArticlePageData; chrome: PageChrome }) {
  const { article, chrome } = props;
  const { t } = chrome;
  const text = article.licensingPolicy === 'cc' ? t.republishCc : article.licensingPolicy === 'none' ? t.republishNone : t.republishPaid;
  return (
    <aside class="slot slot--republish" data-slot="republishing-notice" data-policy={article.licensingPolicy} aria-labelledby="republish-heading">
      <h2 id="republish-heading">{t.republishTitle}</h2>
      <p>
        {article.licensingPolicy === 'none' ? text : <a href={staticPageUrl(article.language, chrome.site.policyPages.contact)}>{text}</a>}
      </p>
    </aside>
  );
}
