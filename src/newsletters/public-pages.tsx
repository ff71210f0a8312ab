/**
 * The reader's newsletter pages: the list of newsletters with the sign-up form, "check
 * your inbox", confirming, link problems, the preferences page and unsubscribing (the
 * embeddable form is embed-views.tsx). Every text comes from the reader's catalogue (`t.newsletters`).
 */
import { format } from '../i18n/index.ts';
import type { Messages } from '../i18n/index.ts';
import { LANGUAGES, directionOf, isLanguageCode } from '../i18n/languages.ts';
import type { SubscriptionStatus } from '../db/schema-newsletters.ts';
import type { PageChrome } from '../site/chrome.ts';
import { CONFIRMATION_HOURS, MAIL_LINK_DAYS } from './links.ts';
import type { NEWSLETTER_LINK } from './links.ts';
import type { Child } from '../site/jsx/jsx-runtime.ts';
import { Layout } from '../site/layout.tsx';
import { EmailField, FormProblems, Honeypot, SUBSCRIBE_PATH, newslettersUrl } from './form-parts.tsx';
import type { Newsletter } from './lists.ts';
import type { PreferenceLine } from './reader-account.ts';
import type { SignupProblem } from './signup.ts';

/** Name of the double-submit token field on the preferences page. */
export const FORM_TOKEN_FIELD = 'form_token';

/** `lang` and `dir` for something in `language` on a page in `pageLanguage` (none when they are the same). */
function languageAttributes(language: string, pageLanguage: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  return language === pageLanguage ? {} : { lang: language, dir: directionOf(language) };
}

/** A list's name, description and cadence (the caller marks their language). */
function ListTextParts(props: { list: Newsletter; withLanguage?: boolean }) {
  const { list } = props;
  const language = isLanguageCode(list.language) ? LANGUAGES[list.language].nativeName : list.language;
  return (
    <>
      {props.withLanguage ? <span class="newsletter-list__language">{language}</span> : null}
      <span class="newsletter-list__name">{list.name}</span>
      {list.cadence ? <span class="newsletter-list__cadence">{list.cadence}</span> : null}
      {list.description ? <span class="newsletter-list__description">{list.description}</span> : null}
    </>
  );
}

/** A list's texts, marked with its language when it differs from the page's. */
function ListText(props: { list: Newsletter; pageLanguage: string }) {
  return (
    <span class="newsletter-list__text" {...languageAttributes(props.list.language, props.pageLanguage)}>
      <ListTextParts list={props.list} />
    </span>
  );
}

/**
 * One list as a check box card, labelled with its language. A list in another language than
 * the page's is laid out in its own direction as a whole (an Arabic card on an English page
 * has its box at the right, beside the start of its right-aligned text); anything in the
 * page's language inside it (the reader's status) keeps the page's language and direction.
 */
function ListCard(props: { list: Newsletter; pageLanguage: string; checked: boolean; status?: { status: SubscriptionStatus; text: string } }) {
  const { list, pageLanguage } = props;
  const isForeign = list.language !== pageLanguage;
  return (
    <label class="newsletter-list__item" {...languageAttributes(list.language, pageLanguage)}>
      <input type="checkbox" name="newsletter" value={String(list.id)} checked={props.checked ? true : undefined} />
      <span class="newsletter-list__text">
        <ListTextParts list={list} withLanguage />
      </span>
      {props.status ? (
        <span class={`newsletter-status newsletter-status--${props.status.status}`} {...(isForeign ? { lang: pageLanguage, dir: directionOf(pageLanguage) } : {})}>
          {props.status.text}
        </span>
      ) : null}
    </label>
  );
}

/** A page of the reader's site around newsletter content. */
function Page(props: { chrome: PageChrome; title: string; narrow?: boolean; children: Child }) {
  return (
    <Layout chrome={props.chrome} meta={{ title: props.title, noindex: true }}>
      <div class={props.narrow ? 'newsletters newsletters--narrow' : 'newsletters'}>{props.children}</div>
    </Layout>
  );
}

/** /newsletters: every public list with a checkbox (the edition's language first), and one email field. */
export function NewslettersPage(props: { chrome: PageChrome; lists: Newsletter[]; problems?: SignupProblem[]; email?: string; checked?: number[] }) {
  const { chrome, lists } = props;
  const { t, language } = chrome;
  const n = t.newsletters;
  const problems = props.problems ?? [];
  const checked = new Set(props.checked ?? []);
  const emailInvalid = problems.includes('invalidEmail') || problems.includes('emailTooLong');
  return (
    <Layout chrome={chrome} meta={{ title: n.pageTitle, canonicalPath: newslettersUrl(language), description: n.pageIntro }}>
      <div class="newsletters">
        <header class="newsletters__header">
          <h1>{n.pageTitle}</h1>
          <p class="newsletters__intro">{n.pageIntro}</p>
        </header>
        {lists.length === 0 ? (
          <p class="newsletters__empty">{n.empty}</p>
        ) : (
          <form class="newsletter-form newsletter-signup" method="post" action={SUBSCRIBE_PATH} novalidate={problems.length > 0 ? true : undefined}>
            <FormProblems id="newsletter-problems" problems={problems} t={t} />
            <input type="hidden" name="language" value={language} />
            <input type="hidden" name="source" value="form" />
            <fieldset class="newsletter-list">
              <legend>{n.choose}</legend>
              {lists.map((list) => (
                <ListCard list={list} pageLanguage={language} checked={checked.has(list.id) || lists.length === 1} />
              ))}
            </fieldset>
            <div class="newsletter-signup__submit">
              <EmailField id="newsletter-email" t={t} value={props.email ?? ''} invalid={emailInvalid} hint describedBy={problems.length > 0 ? 'newsletter-problems' : undefined} />
              <button type="submit" class="newsletter-form__submit">
                {n.subscribe}
              </button>
            </div>
            <Honeypot id="newsletter-website" />
          </form>
        )}
      </div>
    </Layout>
  );
}

/** The same answer to every accepted (or honeypot) sign-up. */
export function CheckInboxPage(props: { chrome: PageChrome; email: string }) {
  const { t, language } = props.chrome;
  const n = t.newsletters;
  return (
    <Page chrome={props.chrome} title={n.checkInboxTitle} narrow>
      <div class="newsletter-message" role="status">
        <h1>{n.checkInboxTitle}</h1>
        <p>{format(n.checkInboxText, { email: '\u2068' + props.email + '\u2069' })}</p>
        <p class="newsletter-message__aside">{n.checkInboxSpam}</p>
        <p>
          <a href={newslettersUrl(language)}>{n.backToNewsletters}</a>
        </p>
      </div>
    </Page>
  );
}

function ListNames(props: { lists: Newsletter[]; pageLanguage: string }) {
  return (
    <ul class="newsletter-names">
      {props.lists.map((list) => (
        <li>
          <ListText list={list} pageLanguage={props.pageLanguage} />
        </li>
      ))}
    </ul>
  );
}

/** The confirmation link's page: a button that posts, so that mail scanners following links confirm nothing. */
export function ConfirmPage(props: { chrome: PageChrome; action: string; lists: Newsletter[]; manageUrl: string }) {
  const { t, language } = props.chrome;
  const n = t.newsletters;
  return (
    <Page chrome={props.chrome} title={n.confirmTitle} narrow>
      <h1>{n.confirmTitle}</h1>
      {props.lists.length > 0 ? (
        <>
          <p>{n.confirmText}</p>
          <ListNames lists={props.lists} pageLanguage={language} />
          <form method="post" action={props.action} class="newsletter-form">
            <button type="submit" class="newsletter-form__submit">
              {n.confirmButton}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{n.nothingPending}</p>
          <p>
            <a href={props.manageUrl}>{n.manageLink}</a>
          </p>
        </>
      )}
    </Page>
  );
}

/** After confirming. */
export function ConfirmedPage(props: { chrome: PageChrome; lists: Newsletter[]; manageUrl: string }) {
  const { t, language } = props.chrome;
  const n = t.newsletters;
  return (
    <Page chrome={props.chrome} title={n.confirmedTitle} narrow>
      <div class="newsletter-message" role="status">
        <h1>{n.confirmedTitle}</h1>
        {props.lists.length > 0 ? (
          <>
            <p>{n.confirmedText}</p>
            <ListNames lists={props.lists} pageLanguage={language} />
          </>
        ) : (
          <p>{n.nothingPending}</p>
        )}
        <p>
          <a href={props.manageUrl}>{n.manageLink}</a>
        </p>
      </div>
    </Page>
  );
}

/** Which kind of link from our mail a reader followed. */
export type NewsletterLinkKind = keyof typeof NEWSLETTER_LINK;

/** Why a link of a kind expired, with how long links of that kind work and what to do instead. */
function expiredText(kind: NewsletterLinkKind, n: Messages['newsletters']): string {
  switch (kind) {
    case 'confirm':
      return format(n.confirmLinkExpiredText, { hours: CONFIRMATION_HOURS });
    case 'preferences':
      return format(n.preferencesLinkExpiredText, { days: MAIL_LINK_DAYS });
    case 'unsubscribe':
      return format(n.unsubscribeLinkExpiredText, { days: MAIL_LINK_DAYS });
  }
}

/** An expired, forged, superseded or erased link of a kind (confirmation, preferences, unsubscribe). */
export function LinkProblemPage(props: { chrome: PageChrome; reason: 'expired' | 'invalid'; kind: NewsletterLinkKind }) {
  const { t, language } = props.chrome;
  const n = t.newsletters;
  const title = props.reason === 'expired' ? n.linkExpiredTitle : n.linkInvalidTitle;
  return (
    <Page chrome={props.chrome} title={title} narrow>
      <div class="newsletter-message newsletter-message--problem">
        <h1>{title}</h1>
        <p>{props.reason === 'expired' ? expiredText(props.kind, n) : n.linkInvalidText}</p>
        <p>
          <a href={newslettersUrl(language)}>{n.backToNewsletters}</a>
        </p>
      </div>
    </Page>
  );
}

/** The preferences page of one reader. */
export function PreferencesPage(props: { chrome: PageChrome; action: string; email: string; lines: PreferenceLine[]; formToken: string; notice?: string | null; problem?: string | null }) {
  const { chrome, lines } = props;
  const { t, language } = chrome;
  const n = t.newsletters;
  const token = <input type="hidden" name={FORM_TOKEN_FIELD} value={props.formToken} />;
  return (
    <Page chrome={chrome} title={n.preferencesTitle} narrow>
      <h1>{n.preferencesTitle}</h1>
      {props.notice ? (
        <p class="newsletter-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.problem ? (
        <div class="newsletter-problems" role="alert">
          <p>{props.problem}</p>
        </div>
      ) : null}
      <form method="post" action={props.action} class="newsletter-form">
        {token}
        <input type="hidden" name="action" value="save" />
        <fieldset class="newsletter-list">
          <legend>{format(n.preferencesIntro, { email: '\u2068' + props.email + '\u2069' })}</legend>
          {lines.map((line) => (
            <ListCard
              list={line.newsletter}
              pageLanguage={language}
              checked={line.status === 'confirmed' || line.status === 'pending'}
              status={line.status ? { status: line.status, text: t.newsletters.statuses[line.status] } : undefined}
            />
          ))}
        </fieldset>
        <button type="submit" class="newsletter-form__submit">
          {n.save}
        </button>
      </form>
      <section class="newsletter-box" aria-labelledby="unsubscribe-all-heading">
        <h2 id="unsubscribe-all-heading">{n.unsubscribeAllTitle}</h2>
        <form method="post" action={props.action}>
          {token}
          <input type="hidden" name="action" value="unsubscribe-all" />
          <button type="submit" class="newsletter-button--secondary">
            {n.unsubscribeAll}
          </button>
        </form>
      </section>
      <section class="newsletter-box" aria-labelledby="your-data-heading">
        <h2 id="your-data-heading">{n.yourData}</h2>
        <p>{n.downloadText}</p>
        <form method="post" action={props.action}>
          {token}
          <input type="hidden" name="action" value="download" />
          <button type="submit" class="newsletter-button--secondary">
            {n.download}
          </button>
        </form>
      </section>
      <section class="newsletter-box newsletter-box--danger" aria-labelledby="erase-heading">
        <h2 id="erase-heading">{n.eraseTitle}</h2>
        <p>{n.eraseText}</p>
        <form method="post" action={props.action}>
          {token}
          <input type="hidden" name="action" value="erase" />
          <label class="newsletter-check">
            <input type="checkbox" name="confirm" value="yes" required />
            <span>{n.eraseConfirm}</span>
          </label>
          <button type="submit" class="newsletter-button--danger">
            {n.eraseButton}
          </button>
        </form>
      </section>
    </Page>
  );
}

/** A short message page (erased, unsubscribed from all). */
export function MessagePage(props: { chrome: PageChrome; title: string; text: string; link?: { href: string; label: string } }) {
  return (
    <Page chrome={props.chrome} title={props.title} narrow>
      <div class="newsletter-message" role="status">
        <h1>{props.title}</h1>
        <p>{props.text}</p>
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        ) : null}
      </div>
    </Page>
  );
}

/** The one-click unsubscribe link opened in a browser: a button that posts (scanners unsubscribe no one). */
export function UnsubscribePage(props: { chrome: PageChrome; action: string; list: Newsletter; email: string }) {
  const { t } = props.chrome;
  const n = t.newsletters;
  const title = format(n.unsubscribeTitle, { name: props.list.name });
  return (
    <Page chrome={props.chrome} title={title} narrow>
      <h1>{title}</h1>
      <p>{format(n.unsubscribeText, { name: props.list.name, email: '\u2068' + props.email + '\u2069' })}</p>
      <form method="post" action={props.action} class="newsletter-form">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" class="newsletter-form__submit">
          {n.unsubscribeButton}
        </button>
      </form>
    </Page>
  );
}

/** After a one-click (or button) unsubscribe. */
export function UnsubscribedPage(props: { chrome: PageChrome; list: Newsletter; manageUrl: string }) {
  const { t } = props.chrome;
  const n = t.newsletters;
  return (
    <Page chrome={props.chrome} title={n.unsubscribedTitle} narrow>
      <div class="newsletter-message" role="status">
        <h1>{n.unsubscribedTitle}</h1>
        <p>{format(n.unsubscribedText, { name: props.list.name })}</p>
        <p>
          {n.changedMind} <a href={props.manageUrl}>{n.manageLink}</a>
        </p>
      </div>
    </Page>
  );
}
