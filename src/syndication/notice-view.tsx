/**
 * The article page's republishing notice: which policy applies and the way to it.
 *
 * Creative Commons articles get a "dialog" built as a `<details>`/`<summary>` disclosure:
 * the reader site's CSP allows no script at all, and a disclosure opens and closes with
 * the keyboard, is announced as expanded/collapsed, and needs no CSS trick (a `:target`
 * modal would add history entries and trap nobody's focus correctly). It shows the
 * licence, the newsroom's conditions and the way to the full republishing page.
 */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import type { PageChrome } from '../site/chrome.ts';
import { CC_LICENCES } from '../site/settings.ts';
import { republishPath, requestFormPath } from './links.ts';

/** Strings of the notice and the republishing pages that the shared catalogues do not hold. */
export const REPUBLISH_TEXTS = {
  en: {
    requestLicence: 'Request a licence',
    republishFree: 'Republish this article for free',
    getPackage: 'Get the text and HTML to republish',
    licence: 'Licence:',
    conditions: 'Conditions',
  },
  ar: {
    requestLicence: 'اطلب ترخيصًا',
    republishFree: 'أعد نشر هذا المقال مجانًا',
    getPackage: 'احصل على النص ورمز HTML لإعادة النشر',
    licence: 'الرخصة:',
    conditions: 'الشروط',
  },
  fr: {
    requestLicence: 'Demander une licence',
    republishFree: 'Republier cet article gratuitement',
    getPackage: 'Obtenir le texte et le HTML à republier',
    licence: 'Licence :',
    conditions: 'Conditions',
  },
} as const;

/** The notice and page strings of a language (English for any other). */
export function republishTexts(language: string): (typeof REPUBLISH_TEXTS)[keyof typeof REPUBLISH_TEXTS] {
  return language === 'ar' || language === 'fr' ? REPUBLISH_TEXTS[language] : REPUBLISH_TEXTS.en;
}

/** The newsroom's conditions as paragraphs: a blank line starts a new one. */
export function ConditionParagraphs(props: { text: string; class?: string }) {
  const paragraphs = props.text.split(/\n\s*\n/).map((part) => part.trim()).filter((part) => part !== '');
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p class={props.class}>{paragraph}</p>
      ))}
    </>
  );
}

/** The licence's name linked to its deed on creativecommons.org (a plain link; nothing is loaded from there). */
export function LicenceBadge(props: { name: keyof typeof CC_LICENCES; label: string; class: string }) {
  return (
    <p class={props.class}>
      {props.label}{' '}
      <a rel="license" href={CC_LICENCES[props.name]}>
        {props.name}
      </a>
    </p>
  );
}

/** Renders the notice. */
export function RepublishingNotice(props: { article: ArticlePageData; chrome: PageChrome }) {
  const { article, chrome } = props;
  const { t } = chrome;
  const texts = republishTexts(article.language);
  const policy = article.licensingPolicy;
  return (
    <aside class="slot slot--republish republish-notice" data-slot="republishing-notice" data-policy={policy} aria-labelledby="republish-heading">
      <h2 id="republish-heading">{t.republishTitle}</h2>
      {policy === 'none' ? <p>{t.republishNone}</p> : null}
      {policy === 'paid' ? (
        <p>
          {t.republishPaid}{' '}
          <a class="republish-notice__action" href={requestFormPath(article.id, article.language)}>
            {texts.requestLicence}
          </a>
        </p>
      ) : null}
      {policy === 'cc' ? (
        <>
          <LicenceBadge name={chrome.site.republishing.ccLicence} label={texts.licence} class="republish-notice__badge" />
          <details class="republish-notice__dialog">
            <summary>{texts.republishFree}</summary>
            <div class="republish-notice__panel">
              <p>{t.republishCc}</p>
              <ConditionParagraphs text={chrome.site.republishing.conditions} />
              <p>
                <a class="republish-notice__action" href={republishPath(article.id)}>
                  {texts.getPackage}
                </a>
              </p>
            </div>
          </details>
        </>
      ) : null}
    </aside>
  );
}
