/**
 * The article page's republishing notice: which policy applies and the way to it.
 *
 * Creative Commons articles get the "Republish this article" dialog, built as a
 * `<details>`/`<summary>` disclosure: it opens and closes with the keyboard, is announced
 * as expanded/collapsed, and needs no script (a `:target` modal would add history entries
 * and trap nobody's focus correctly). It holds the licence badge, the newsroom's
 * conditions, the attribution line, what was left out, and the package itself (HTML and
 * plain text in read-only text areas) to copy. Copy buttons are the only script, and an
 * optional one: they ship hidden and republish-copy.js shows them. The package comes from
 * ccPackageOf() (once per content generation); paid and not-available articles carry
 * none of this.
 */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import { directionOf } from '../i18n/languages.ts';
import type { PageChrome } from '../site/chrome.ts';
import { CC_LICENCES } from '../site/settings.ts';
import { republishPath, requestFormPath } from './links.ts';
import type { RepublishPackage } from './package.ts';

/** Strings of the notice and the republishing pages that the shared catalogues do not hold. */
export const REPUBLISH_TEXTS = {
  en: {
    requestLicence: 'Request a licence',
    republishFree: 'Republish this article for free',
    getPackage: 'Get the text and HTML to republish',
    licence: 'Licence:',
    conditions: 'Conditions',
    attribution: 'The copy ends with this credit line, a link to the original and a 1×1 image that counts readers; please keep them:',
    removed: 'Left out of this copy, not ours to pass on:',
    html: 'HTML to copy',
    htmlHint: 'Paste it into your publishing system’s HTML view.',
    text: 'Plain text to copy',
    copy: 'Copy',
    copied: 'Copied.',
    copyFailed: 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).',
    onePage: 'The same on a page of its own',
  },
  ar: {
    requestLicence: 'اطلب ترخيصًا',
    republishFree: 'أعد نشر هذا المقال مجانًا',
    getPackage: 'احصل على النص ورمز HTML لإعادة النشر',
    licence: 'الرخصة:',
    conditions: 'الشروط',
    attribution: 'تنتهي النسخة بسطر الإسناد هذا ورابط إلى المقال الأصلي وصورة بحجم 1×1 تحصي القراء؛ يرجى الإبقاء عليها:',
    removed: 'حُذف من هذه النسخة ما لا يحق لنا تمريره:',
    html: 'رمز HTML للنسخ',
    htmlHint: 'الصقه في عرض HTML في نظام النشر لديك.',
    text: 'النص العادي للنسخ',
    copy: 'نسخ',
    copied: 'تم النسخ.',
    copyFailed: 'تعذّر النسخ: النص محدد، اضغط Ctrl+C ‏(⌘C على ماك).',
    onePage: 'المحتوى نفسه في صفحة مستقلة',
  },
  fr: {
    requestLicence: 'Demander une licence',
    republishFree: 'Republier cet article gratuitement',
    getPackage: 'Obtenir le texte et le HTML à republier',
    licence: 'Licence :',
    conditions: 'Conditions',
    attribution: 'La copie se termine par cette mention, un lien vers l’original et une image de 1×1 qui compte les lecteurs ; merci de les conserver :',
    removed: 'Retiré de cette copie, car nous ne pouvons pas le céder :',
    html: 'HTML à copier',
    htmlHint: 'Collez-le dans la vue HTML de votre outil de publication.',
    text: 'Texte brut à copier',
    copy: 'Copier',
    copied: 'Copié.',
    copyFailed: 'Copie impossible : le texte est sélectionné, appuyez sur Ctrl+C (⌘C sur Mac).',
    onePage: 'Le même contenu sur une page à part',
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
        // The newsroom writes them in one language for every edition: each paragraph takes its own direction.
        <p class={props.class} dir="auto">
          {paragraph}
        </p>
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

/**
 * A read-only text area to copy from, labelled by `labelledBy`, with a copy button that
 * stays hidden unless republish-copy.js runs, and a status line that announces the result.
 */
export function CopyBox(props: { id: string; labelledBy: string; value: string; rows: number; class: string; dir: 'ltr' | 'rtl'; texts: { copy: string; copied: string; copyFailed: string } }) {
  const status = `${props.id}-status`;
  return (
    <>
      <textarea class={props.class} readonly rows={props.rows} id={props.id} aria-labelledby={props.labelledBy} dir={props.dir} spellcheck="false">
        {props.value}
      </textarea>
      <p class="republish-copy">
        <button type="button" class="republish-copy__button" data-copy-from={props.id} data-copy-status={status} aria-describedby={props.labelledBy} hidden>
          {props.texts.copy}
        </button>{' '}
        <span id={status} class="republish-copy__status" role="status" data-copied={props.texts.copied} data-failed={props.texts.copyFailed}></span>
      </p>
    </>
  );
}

/** The script behind the copy buttons (the page must be served with `readerScripts`). */
export function CopyScript(props: { chrome: PageChrome }) {
  return <script type="module" src={props.chrome.assetPath('republish-copy.js')}></script>;
}

/** The Creative Commons dialog's contents: conditions, attribution, what was removed, and the package to copy. */
function CcDialogPanel(props: { article: ArticlePageData; chrome: PageChrome; pkg: RepublishPackage | null }) {
  const { article, chrome, pkg } = props;
  const texts = republishTexts(article.language);
  const fullPage = (
    <p>
      <a class="republish-notice__action" href={republishPath(article.id)}>
        {pkg ? texts.onePage : texts.getPackage}
      </a>
    </p>
  );
  return (
    <div class="republish-notice__panel">
      <p>{chrome.t.republishCc}</p>
      <h3 class="republish-notice__subhead">{texts.conditions}</h3>
      <ConditionParagraphs text={chrome.site.republishing.conditions} />
      {pkg ? (
        <>
          <p>{texts.attribution}</p>
          <p class="republish-notice__credit">{pkg.credit}</p>
          {pkg.removed.length > 0 ? (
            <>
              <p>{texts.removed}</p>
              <ul class="republish-notice__removed" lang="en" dir="ltr">
                {pkg.removed.map((item) => (
                  <li>{item.description}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 class="republish-notice__subhead" id="republish-notice-html">
            {texts.html}
          </h3>
          <p class="republish-notice__hint">{texts.htmlHint}</p>
          <CopyBox id="republish-notice-html-code" labelledBy="republish-notice-html" value={pkg.html} rows={8} class="republish-notice__code" dir="ltr" texts={texts} />
          <h3 class="republish-notice__subhead" id="republish-notice-text">
            {texts.text}
          </h3>
          <CopyBox id="republish-notice-text-code" labelledBy="republish-notice-text" value={pkg.text} rows={8} class="republish-notice__code" dir={directionOf(article.language)} texts={texts} />
          <CopyScript chrome={chrome} />
        </>
      ) : null}
      {fullPage}
    </div>
  );
}

/**
 * Renders the notice. `ccPackage` is the article's Creative Commons package (ccPackageOf)
 * when its policy is `cc`; without one (a preview of an unpublished article) the dialog
 * leads to the republishing page instead of holding the copy.
 */
export function RepublishingNotice(props: { article: ArticlePageData; chrome: PageChrome; ccPackage?: RepublishPackage | null }) {
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
            <CcDialogPanel article={article} chrome={chrome} pkg={props.ccPackage ?? null} />
          </details>
        </>
      ) : null}
    </aside>
  );
}
