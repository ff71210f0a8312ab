/**
 * Public newsletter pages: /newsletters (and /ar/newsletters…), confirmation, preferences and
 * one-click unsubscribe; sign-up and the embeddable form are signup-routes.tsx. Handlers stay
 * thin: guards (origin, signed links, tokens), then a command from this folder, then a page.
 *
 * Which guard protects which post:
 * - /newsletters/subscribe and embedded forms: see signup-routes.tsx.
 * - /newsletters/confirm/:token and …/preferences/:token: the signed link is the authority;
 *   posts must also be same-origin, and the preferences page (rendered per visitor, never
 *   cached) adds a double-submit token.
 * - /newsletters/unsubscribe/:token (RFC 8058 one-click): mail providers post from their
 *   servers, without cookies or Origin, so the signed link alone is the authority.
 */
import type { Context, Hono, Input, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../app-context.ts';
import { getInEveryEdition } from '../http/editions.ts';
import { chromeOf } from '../http/page-context.ts';
import { checkPublicFormToken, checkSameOrigin, publicFormToken } from '../http/public-forms.ts';
import { htmlPage } from '../http/respond.ts';
import { preferredLanguage } from '../i18n/languages.ts';
import { ValidationError } from '../shared/validation.ts';
import { chromeFor } from '../site/chrome.ts';
import type { PageChrome } from '../site/chrome.ts';
import { NEWSLETTER_LINK, preferencesUrl } from './links.ts';
import { getNewsletter, publicNewsletters } from './lists.ts';
import type { Newsletter } from './lists.ts';
import { ConfirmPage, ConfirmedPage, FORM_TOKEN_FIELD, LinkProblemPage, MessagePage, NewslettersPage, PreferencesPage, UnsubscribePage, UnsubscribedPage } from './public-pages.tsx';
import type { NewsletterLinkKind } from './public-pages.tsx';
import { eraseSubscriber, preferenceLines, readerData, readerOfLink, savePreferences, unsubscribeAll, unsubscribeOne } from './reader-account.ts';
import type { LinkReader } from './reader-account.ts';
import { registerSignupRoutes, tooLargeAnswer } from './signup-routes.tsx';
import { confirmPending, listsInStatus } from './subscribers.ts';

type AnyContext = Context<AppEnv, string, Input>;

// Any segment: a mangled token (a mail client that cut the link short) gets the clear
// "this link does not work" page from the signature check, not a bare 404 or 405.
const TOKEN_ROUTE = ':token{[^/]{1,2100}}';

/** Pages whose address holds a reader's link: the address must not travel in Referer headers. */
function private_(response: Response): Response {
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
}

/** Registers the routes. */
export function registerNewsletterRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => tooLargeAnswer(c as AnyContext, ctx) });
  app.use('/newsletters/*', async (c: Context<AppEnv, string>, next: Next) => (c.req.method === 'POST' ? formLimit(c, next) : next()));

  const chromeIn = async (language: string): Promise<PageChrome> => chromeFor(await ctx.catalog(), language, ctx.config.publicUrl, ctx.assetPath);
  const page = (c: AnyContext, chrome: PageChrome, jsx: { toString(): string | Promise<string> }, status = 200) => htmlPage(c, ctx, jsx, { status, cacheable: false, language: chrome.language });

  // --- The newsletters page of each edition (cached like every public page) ---------

  getInEveryEdition(app, '/newsletters', async (c) => {
    const chrome = await chromeOf(c, ctx);
    const lists = await publicNewsletters(ctx.db, chrome.language);
    return htmlPage(c, ctx, <NewslettersPage chrome={chrome} lists={lists} />, { language: chrome.language });
  });

  // --- Sign-up and the embeddable form (signup-routes.tsx) -------------------------------

  registerSignupRoutes(app, ctx);

  // --- Links in mail -------------------------------------------------------------------------

  async function linkProblem(c: AnyContext, reader: Extract<LinkReader, { ok: false }>, kind: NewsletterLinkKind): Promise<Response> {
    const chrome = await chromeIn(preferredLanguage(c.req.header('accept-language')));
    return private_(await page(c, chrome, <LinkProblemPage chrome={chrome} reason={reader.reason} kind={kind} />, 400));
  }

  const manageUrlOf = (subscriber: { id: number; linkVersion: number }) => preferencesUrl(ctx, subscriber.id, subscriber.linkVersion);

  // Confirming takes a button press, not just the GET of the link: mail security scanners
  // fetch every link in a message before the reader sees it, and a GET that confirmed would
  // let them subscribe an address whose owner never asked (double opt-in means the person
  // acted). The page is one click away and explains what is being confirmed.
  app.get(`/newsletters/confirm/${TOKEN_ROUTE}`, async (c) => {
    const reader = await readerOfLink(ctx.db, ctx.links, NEWSLETTER_LINK.confirm, c.req.param('token'));
    if (!reader.ok) return linkProblem(c, reader, 'confirm');
    const chrome = await chromeIn(reader.subscriber.language);
    const lists = await listsInStatus(ctx.db, reader.subscriber.id, 'pending');
    return private_(await page(c, chrome, <ConfirmPage chrome={chrome} action={c.req.path} lists={lists} manageUrl={await manageUrlOf(reader.subscriber)} />));
  });

  app.post(`/newsletters/confirm/${TOKEN_ROUTE}`, async (c) => {
    checkSameOrigin(c, ctx);
    const reader = await readerOfLink(ctx.db, ctx.links, NEWSLETTER_LINK.confirm, c.req.param('token'));
    if (!reader.ok) return linkProblem(c, reader, 'confirm');
    const lists = await confirmPending(ctx.db, reader.subscriber.id);
    const chrome = await chromeIn(reader.subscriber.language);
    return private_(await page(c, chrome, <ConfirmedPage chrome={chrome} lists={lists} manageUrl={await manageUrlOf(reader.subscriber)} />));
  });

  const PREFERENCE_NOTICES = { saved: 'saved', 'unsubscribed-all': 'unsubscribedAll' } as const;

  async function preferencesPage(c: AnyContext, reader: Extract<LinkReader, { ok: true }>, problem: string | null = null, status = 200): Promise<Response> {
    const chrome = await chromeIn(reader.subscriber.language);
    const noticeKey = PREFERENCE_NOTICES[c.req.query('notice') as keyof typeof PREFERENCE_NOTICES];
    const lines = await preferenceLines(ctx.db, reader.subscriber.id, reader.subscriber.language);
    const body = (
      <PreferencesPage
        chrome={chrome}
        action={c.req.path}
        email={reader.subscriber.email}
        lines={lines}
        formToken={publicFormToken(c, ctx)}
        notice={noticeKey ? chrome.t.newsletters[noticeKey] : null}
        problem={problem}
      />
    );
    return private_(await page(c, chrome, body, status));
  }

  app.get(`/newsletters/preferences/${TOKEN_ROUTE}`, async (c) => {
    const reader = await readerOfLink(ctx.db, ctx.links, NEWSLETTER_LINK.preferences, c.req.param('token'));
    if (!reader.ok) return linkProblem(c, reader, 'preferences');
    return preferencesPage(c, reader);
  });

  app.post(`/newsletters/preferences/${TOKEN_ROUTE}`, async (c) => {
    checkSameOrigin(c, ctx);
    const body = await c.req.parseBody({ all: true });
    checkPublicFormToken(c, body[FORM_TOKEN_FIELD]);
    const reader = await readerOfLink(ctx.db, ctx.links, NEWSLETTER_LINK.preferences, c.req.param('token'));
    if (!reader.ok) return linkProblem(c, reader, 'preferences');
    const { subscriber } = reader;
    const t = (await chromeIn(subscriber.language)).t.newsletters;
    switch (body.action) {
      case 'save': {
        const raw = body.newsletter;
        const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
        if (!values.every((value) => typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value))) return preferencesPage(c, reader, t.unknownList, 400);
        try {
          await savePreferences(ctx.db, subscriber.id, values.map(Number));
        } catch (error) {
          if (error instanceof ValidationError) return preferencesPage(c, reader, t.unknownList, 400);
          throw error;
        }
        return c.redirect(`${c.req.path}?notice=saved`, 303);
      }
      case 'unsubscribe-all':
        await unsubscribeAll(ctx.db, subscriber.id);
        return c.redirect(`${c.req.path}?notice=unsubscribed-all`, 303);
      case 'download': {
        const data = await readerData(ctx.db, subscriber.id);
        return c.body(JSON.stringify(data, null, 2), 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': 'attachment; filename="newsletter-data.json"',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
      }
      case 'erase': {
        if (body.confirm !== 'yes') return preferencesPage(c, reader, t.eraseNeedsConfirm, 422);
        await eraseSubscriber(ctx.db, subscriber.id);
        const chrome = await chromeIn(subscriber.language);
        return private_(await page(c, chrome, <MessagePage chrome={chrome} title={t.erasedTitle} text={t.erasedText} />));
      }
      default:
        return preferencesPage(c, reader, t.unknownList, 400);
    }
  });

  /** The reader and list of an unsubscribe link, or the refusal (a link for a list that no longer exists is invalid). */
  async function unsubscribeTarget(c: AnyContext): Promise<{ reader: Extract<LinkReader, { ok: true }>; list: Newsletter } | Extract<LinkReader, { ok: false }>> {
    const reader = await readerOfLink(ctx.db, ctx.links, NEWSLETTER_LINK.unsubscribe, c.req.param('token'));
    if (!reader.ok) return reader;
    const list = reader.newsletterId ? await getNewsletter(ctx.db, reader.newsletterId) : null;
    return list ? { reader, list } : { ok: false, reason: 'invalid' };
  }

  // A GET only shows the button: link scanners and prefetchers must unsubscribe no one.
  app.get(`/newsletters/unsubscribe/${TOKEN_ROUTE}`, async (c) => {
    const target = await unsubscribeTarget(c);
    if ('ok' in target) return linkProblem(c, target, 'unsubscribe');
    const chrome = await chromeIn(target.list.language);
    return private_(await page(c, chrome, <UnsubscribePage chrome={chrome} action={c.req.path} list={target.list} email={target.reader.subscriber.email} />));
  });

  // RFC 8058: the body is `List-Unsubscribe=One-Click`, sent without cookies or Origin by the
  // mail provider's servers. It is not read: the signed link alone decides.
  app.post(`/newsletters/unsubscribe/${TOKEN_ROUTE}`, async (c) => {
    const target = await unsubscribeTarget(c);
    if ('ok' in target) return linkProblem(c, target, 'unsubscribe');
    const { subscriber, issueId } = target.reader;
    await unsubscribeOne(ctx.db, subscriber.id, target.list.id, issueId);
    const chrome = await chromeIn(target.list.language);
    return private_(await page(c, chrome, <UnsubscribedPage chrome={chrome} list={target.list} manageUrl={await manageUrlOf(subscriber)} />));
  });

}
