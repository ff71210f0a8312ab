/**
 * The article page's newsletter promo: the list the rules chose for this article (name,
 * description, cadence), a one-field sign-up form, and the other lists of the edition.
 * Article pages are cached and shared, so the form carries no per-visitor token: its POST
 * is guarded by the same-origin check, the honeypot and the rate limits.
 */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import { format } from '../i18n/index.ts';
import { directionOf } from '../i18n/languages.ts';
import type { PageChrome } from '../site/chrome.ts';
import { EmailField, Honeypot, SUBSCRIBE_PATH, newslettersUrl } from './form-parts.tsx';

/** Renders the promo; an empty, hidden slot when no rule offers a list for this article (the page's anatomy stays the same). */
export function NewsletterPromo(props: { article: ArticlePageData; chrome: PageChrome }) {
  const promo = props.article.newsletterPromo;
  const { t } = props.chrome;
  if (!promo) return <aside class="slot slot--newsletter" data-slot="newsletter-promo" aria-label={t.newsletterPromoTitle} hidden></aside>;
  const n = t.newsletters;
  const language = props.article.language;
  // A language rule may offer a list written in another language: mark it up as such.
  const listLang = promo.language !== language ? promo.language : undefined;
  return (
    <aside class="slot slot--newsletter newsletter-promo" data-slot="newsletter-promo" aria-labelledby="newsletter-promo-title">
      <div class="newsletter-promo__text" lang={listLang} dir={listLang ? directionOf(listLang) : undefined}>
        <p class="newsletter-promo__kicker">{n.promoKicker}</p>
        <h2 id="newsletter-promo-title" class="newsletter-promo__title">
          {promo.name}
        </h2>
        {promo.description ? <p class="newsletter-promo__description">{promo.description}</p> : null}
        {promo.cadence ? <p class="newsletter-promo__cadence">{promo.cadence}</p> : null}
      </div>
      <form class="newsletter-form newsletter-promo__form" method="post" action={SUBSCRIBE_PATH}>
        <input type="hidden" name="newsletter" value={String(promo.newsletterId)} />
        <input type="hidden" name="language" value={language} />
        <input type="hidden" name="source" value="promo" />
        <div class="newsletter-form__inline">
          <EmailField id="newsletter-promo-email" t={t} describedBy="newsletter-promo-smallprint" />
          <button type="submit" class="newsletter-form__submit">
            {n.subscribe}
          </button>
        </div>
        <Honeypot id="newsletter-promo-website" />
        <p class="newsletter-promo__smallprint" id="newsletter-promo-smallprint">
          {n.promoSmallPrint}
        </p>
      </form>
      <p class="newsletter-promo__others">
        {promo.others.length > 0 ? <span>{format(n.promoAlso, { names: promo.others.join(language === 'ar' ? '، ' : ', ') })} — </span> : null}
        <a href={newslettersUrl(language)}>{n.promoAll}</a>
      </p>
    </aside>
  );
}
