/**
 * The public republishing pages of an article (`/republish/:id`), one per policy:
 * Creative Commons (the package to copy: HTML and plain text in read-only text areas,
 * so it works with no script at all; copy buttons when republish-copy.js runs), paid (the
 * way to the request form) and none.
 *
 * The instructions are in English (republishers work with our English-language desk);
 * inside an Arabic or French edition's frame they are marked `lang="en" dir="ltr"`.
 * Classes are prefixed `republish-pkg-` (src/site/assets/republish-package.css).
 */
import type { ArticlePageData } from '../articles/article-page-data.ts';
import { directionOf } from '../i18n/languages.ts';
import type { Child } from '../site/jsx/jsx-runtime.ts';
import type { PageChrome } from '../site/chrome.ts';
import { Layout } from '../site/layout.tsx';
import { staticPageUrl } from '../site/urls.ts';
import { republishPath, requestFormPath } from './links.ts';
import { ConditionParagraphs, CopyBox, CopyScript, LicenceBadge, republishTexts } from './notice-view.tsx';
import type { RepublishPackage } from './package.ts';

/** The copy buttons speak the page's language of instruction, English. */
const COPY_TEXTS = republishTexts('en');

function RepublishFrame(props: { chrome: PageChrome; article: ArticlePageData; title: string; children: Child }) {
  const { chrome, article } = props;
  const isEnglish = chrome.language === 'en';
  return (
    <Layout chrome={chrome} meta={{ title: props.title, canonicalPath: republishPath(article.id), noindex: true }}>
      {/* A stylesheet link is allowed in the body; the shared Layout has no per-page styles yet. */}
      <link rel="stylesheet" href={chrome.assetPath('republish-package.css')} />
      <div class="republish-pkg" lang={isEnglish ? undefined : 'en'} dir={isEnglish ? undefined : 'ltr'}>
        <p class="republish-pkg-kicker">Republish</p>
        <h1 class="republish-pkg-title">{props.title}</h1>
        <p class="republish-pkg-article">
          Article:{' '}
          <a href={article.url} lang={article.language}>
            {article.headline}
          </a>
        </p>
        {props.children}
      </div>
    </Layout>
  );
}

function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section class="republish-pkg-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The Creative Commons page: licence, conditions, attribution, canonical link, the package to copy. */
export function CcRepublishPage(props: { chrome: PageChrome; article: ArticlePageData; pkg: RepublishPackage }) {
  const { chrome, article, pkg } = props;
  const { republishing } = chrome.site;
  const canonicalTag = `<link rel="canonical" href="${pkg.canonicalUrl}">`;
  const images = pkg.removed.filter((item) => item.kind === 'image').length;
  const embeds = pkg.removed.length - images;
  return (
    <RepublishFrame chrome={chrome} article={article} title="Republish this article for free">
      <div class="republish-pkg-licence">
        <LicenceBadge name={republishing.ccLicence} label="Licence:" class="republish-pkg-badge" />
        <p>You may republish this article for free, online or in print, under this Creative Commons licence and the conditions below.</p>
      </div>
      <Section id="republish-conditions" title="Conditions">
        <ConditionParagraphs text={republishing.conditions} />
      </Section>
      <Section id="republish-attribution" title="Attribution">
        <p>Print this credit line at the end of the article. The copy below already carries it:</p>
        <p class="republish-pkg-credit">{pkg.credit}</p>
      </Section>
      <Section id="republish-canonical" title="Canonical link">
        <p>
          Put this in the <code>&lt;head&gt;</code> of your page, so search engines know where the article was first published:
        </p>
        <CopyBox id="republish-canonical-code" labelledBy="republish-canonical" value={canonicalTag} rows={2} class="republish-pkg-code" dir="ltr" texts={COPY_TEXTS} />
      </Section>
      {pkg.removed.length > 0 ? (
        <Section id="republish-removed" title="Left out of this copy">
          <p>
            {images > 0 ? `${images} ${images === 1 ? 'photo is' : 'photos are'} not ours to pass on (wire photos); ` : ''}
            {embeds > 0 ? `${embeds} embedded ${embeds === 1 ? 'post was' : 'posts were'} removed; ` : ''}
            do not copy them from our page.
          </p>
          <ul>
            {pkg.removed.map((item) => (
              <li>{item.description}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="republish-html" title="HTML to copy">
        <p>
          Select all the text in the box and paste it into your content system's HTML view. It ends with a 1×1 image that counts how many people read your copy; it sets no cookie and
          tells us only the address of the page it is on. Please keep it.
        </p>
        <CopyBox id="republish-html-code" labelledBy="republish-html" value={pkg.html} rows={16} class="republish-pkg-code" dir="ltr" texts={COPY_TEXTS} />
      </Section>
      <Section id="republish-text" title="Plain text">
        <p>The same article as plain text, for print or systems that do not take HTML. Keep the credit line at the end.</p>
        <CopyBox id="republish-text-code" labelledBy="republish-text" value={pkg.text} rows={16} class="republish-pkg-code" dir={directionOf(article.language)} texts={COPY_TEXTS} />
      </Section>
      <CopyScript chrome={chrome} />
    </RepublishFrame>
  );
}

/** The page of a paid-licence article: what a licence is and the way to the request form. */
export function PaidRepublishPage(props: { chrome: PageChrome; article: ArticlePageData }) {
  const { chrome, article } = props;
  return (
    <RepublishFrame chrome={chrome} article={article} title="Republish this article under licence">
      <p>
        Other outlets may republish this article under a paid licence. Tell us where, in which medium and for how long; the form gives you an indicative fee at once, and our syndication
        desk answers every request.
      </p>
      <p>Once a licence is approved you receive a link to the ready-to-publish copy, with the credit line and any photos we may pass on.</p>
      <p>
        <a class="republish-pkg-button" href={requestFormPath(article.id, article.language)}>
          Request a licence
        </a>
      </p>
    </RepublishFrame>
  );
}

/** The page of an article that is not offered for republishing (answered 200: the page exists and says so). */
export function NoRepublishPage(props: { chrome: PageChrome; article: ArticlePageData }) {
  const { chrome, article } = props;
  return (
    <RepublishFrame chrome={chrome} article={article} title="This article is not available for republishing">
      <p>It may contain reporting, photos or material from others that we cannot license. You are welcome to link to it.</p>
      <p>
        For questions, <a href={staticPageUrl(article.language, chrome.site.policyPages.contact)}>contact the newsroom</a>.
      </p>
    </RepublishFrame>
  );
}
