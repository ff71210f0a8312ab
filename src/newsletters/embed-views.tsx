/**
 * The embeddable sign-up form of one list, for an <iframe> on another site, and every answer
 * shown inside that frame: the form, the form again with its problems, "check your inbox",
 * and failures (too many attempts, refused, too large, a list that is gone). No site chrome:
 * the frame is all there is, so every state is kept short enough for the snippet's default
 * height at phone widths (the description is cut to three lines; answers leave it out).
 * One small same-origin script tells the page around the frame how tall it is
 * (assets/newsletter-embed.js; the loader on the partner page is embed-loader.ts).
 */
import { format } from '../i18n/index.ts';
import { directionOf } from '../i18n/languages.ts';
import type { PageChrome } from '../site/chrome.ts';
import type { Child } from '../site/jsx/jsx-runtime.ts';
import { absoluteUrl } from '../site/urls.ts';
import { EmailField, FormProblems, Honeypot, newslettersUrl } from './form-parts.tsx';
import type { Newsletter } from './lists.ts';
import type { SignupProblem } from './signup.ts';

/** Where the embedded form of a list lives, and where it posts. */
export function embedPath(slug: string): string {
  return `/newsletters/${slug}/embed`;
}

/** A failure shown inside the frame: a title in the frame's language and, when there is one, the reason. */
export interface EmbedFailure {
  title: string;
  text?: string;
}

/** The document around every embedded state. */
function EmbedFrame(props: { chrome: PageChrome; language: string; title: string; children: Child }) {
  const { chrome } = props;
  return (
    <html lang={props.language} dir={directionOf(props.language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={chrome.assetPath('styles.css')} />
        <script src={chrome.assetPath('newsletter-embed.js')} defer></script>
      </head>
      <body class="newsletter-embed">
        <main class="newsletter-embed__box">
          <p class="newsletter-promo__kicker">{format(chrome.t.newsletters.embedFrom, { site: chrome.site.name })}</p>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The form of a list, or one of its answers (`done`, `problems`, `failure`). */
export function EmbedPage(props: { chrome: PageChrome; list: Newsletter; problems?: SignupProblem[]; failure?: EmbedFailure; email?: string; done?: string }) {
  const { chrome, list } = props;
  const { t } = chrome;
  const n = t.newsletters;
  const language = list.language;
  const problems = props.problems ?? [];
  // An answer replaces the description: the reader has read it, and the frame keeps its height.
  const isAnswer = problems.length > 0 || props.failure !== undefined;
  return (
    <EmbedFrame chrome={chrome} language={language} title={`${list.name} | ${chrome.site.name}`}>
      <h1 class="newsletter-promo__title">{list.name}</h1>
      {props.done ? (
        <p class="newsletter-embed__done" role="status">
          {props.done}
        </p>
      ) : (
        <>
          {!isAnswer && list.description ? <p class="newsletter-promo__description newsletter-embed__description">{list.description}</p> : null}
          {!isAnswer && list.cadence ? <p class="newsletter-promo__cadence">{list.cadence}</p> : null}
          {props.failure ? <FailureBox failure={props.failure} /> : null}
          <form class="newsletter-form" method="post" action={embedPath(list.slug)} novalidate={isAnswer ? true : undefined}>
            <FormProblems id="newsletter-embed-problems" problems={problems} t={t} />
            <input type="hidden" name="newsletter" value={String(list.id)} />
            <input type="hidden" name="language" value={language} />
            <input type="hidden" name="source" value="embed" />
            <div class="newsletter-form__inline">
              <EmailField id="newsletter-embed-email" t={t} value={props.email ?? ''} invalid={problems.length > 0} describedBy="newsletter-embed-smallprint" />
              <button type="submit" class="newsletter-form__submit">
                {n.subscribe}
              </button>
            </div>
            <Honeypot id="newsletter-embed-website" />
            <p class="newsletter-promo__smallprint" id="newsletter-embed-smallprint">
              {n.promoSmallPrint}
            </p>
          </form>
        </>
      )}
    </EmbedFrame>
  );
}

function FailureBox(props: { failure: EmbedFailure }) {
  return (
    <div class="newsletter-problems" role="alert">
      <p>{props.failure.title}</p>
      {props.failure.text ? <p class="newsletter-embed__reason">{props.failure.text}</p> : null}
    </div>
  );
}

/** A frame whose list cannot be shown (gone, private, or not known from the request): the failure and a way to the site's newsletters. */
export function EmbedUnavailablePage(props: { chrome: PageChrome; failure: EmbedFailure }) {
  const { chrome } = props;
  const n = chrome.t.newsletters;
  return (
    <EmbedFrame chrome={chrome} language={chrome.language} title={`${n.pageTitle} | ${chrome.site.name}`}>
      <FailureBox failure={props.failure} />
      <p>
        {/* Our pages refuse to be framed, so the link leaves the frame. */}
        <a href={absoluteUrl(chrome.publicUrl, newslettersUrl(chrome.language))} target="_blank" rel="noopener">
          {n.promoAll}
        </a>
      </p>
    </EmbedFrame>
  );
}
