/**
 * Public newsletter pages: /newsletters (and /ar/newsletters…), sign-up, confirmation,
 * preferences, one-click unsubscribe and the embeddable form. Handlers stay thin: guards
 * (origin, honeypot, rate limits, signed links), then a command from this folder, then a page.
 *
 * Which guard protects which post:
 * - /newsletters/subscribe: forms on cached, shared pages (and in other sites' iframes) can
 *   carry no per-visitor token, so the browser's Origin / Sec-Fetch-Site must name this site;
 *   plus the honeypot and per-client and per-address rate limits.
 * - /newsletters/confirm/:token and …/preferences/:token: the signed link is the authority;
 *   posts must also be same-origin, and the preferences page (rendered per visitor, never
 *   cached) adds a double-submit token.
 * - /newsletters/unsubscribe/:token (RFC 8058 one-click): mail providers post from their
 *   servers, without cookies or Origin, so the signed link alone is the authority.
 */
import type { Context, Hono, Input, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../app-context.ts';
import { clientIp } from '../admin/session-middleware.ts';
import { errorPage } from '../http/errors.tsx';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { chromeOf } from '../http/page-context.ts';
import { checkPublicFormToken, checkSameOrigin, isHoneypotFilled, publicFormToken } from '../http/public-forms.ts';
import { PAGE_SECURITY_HEADERS, htmlPage } from '../http/respond.ts';
import { format } from '../i18n/index.ts';
import { DEFAULT_LANGUAGE, isLanguageCode } from '../i18n/languages.ts';
import { ValidationError } from '../shared/validation.ts';
import { chromeFor } from '../site/chrome.ts';
import type { PageChrome } from '../site/chrome.ts';
import { NEWSLETTER_LINK, preferencesUrl } from './links.ts';
import { getNewsletter, publicNewsletterBySlug, publicNewsletters } from './lists.ts';
import type { Newsletter } from './lists.ts';
import { CheckInboxPage, ConfirmPage, ConfirmedPage, EmbedPage, FORM_TOKEN_FIELD, LinkProblemPage, MessagePage, NewslettersPage, PreferencesPage, UnsubscribePage, UnsubscribedPage } from './public-pages.tsx';
import type { NewsletterLinkKind } from './public-pages.tsx';
import { eraseSubscriber, preferenceLines, readerData, readerOfLink, savePreferences, unsubscribeAll, unsubscribeOne } from './reader-account.ts';
import type { LinkReader } from './reader-account.ts';
import { checkSignupForm, limitClient, readSignupForm, requestSubscription } from './signup.ts';
import type { SignupForm, SignupProblem } from './signup.ts';
import { confirmPending, listsInStatus } from './subscribers.ts';

type AnyContext = Context<AppEnv, string, Input>;

// Any segment: a mangled token (a mail client that cut the link short) gets the clear
// "this link does not work" page from the signature check, not a bare 404 or 405.
const TOKEN_ROUTE = ':token{[^/]{1,2100}}';

/** The reader's language for pages reached without an edition in the path (links in mail), from Accept-Language. */
export function preferredLanguage(header: string | undefined): string {
  let best = { language: DEFAULT_LANGUAGE as string, q: 0 };
  for (const part of (header ?? '').slice(0, 500).split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0] ?? '';
    const q = Number(params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean) ?? '1');
    if (isLanguageCode(language) && q > best.q) best = { language, q };
  }
  return best.language;
}

/** Headers of a page other sites may show in a frame (the embeddable form): only framing is relaxed. */
function frameable(response: Response): Response {
  const policy = PAGE_SECURITY_HEADERS['content-security-policy'] ?? '';
  response.headers.set('content-security-policy', policy.replace(/frame-ancestors [^;]+/, 'frame-ancestors *'));
  response.headers.delete('x-frame-options');
  return response;
}

/** Pages whose address holds a reader's link: the address must not travel in Referer headers. */
function private_(response: Response): Response {
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
}

/** Registers the routes. */
export function registerNewsletterRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorPage(c as AnyContext, ctx, 413, 'The form sent more data than this page accepts.') });
  app.use('/newsletters/*', async (c: Context<AppEnv, string>, next: Next) => (c.req.method === 'POST' ? formLimit(c, next) : next()));

  const chromeIn = async (language: string): Promise<PageChrome> => chromeFor(await ctx.catalog(), language, ctx.config.publicUrl, ctx.assetPath);
  const page = (c: AnyContext, chrome: PageChrome, jsx: { toString(): string | Promise<string> }, status = 200) => htmlPage(c, ctx, jsx, { status, cacheable: false, language: chrome.language });

  // --- The newsletters page of each edition (cached like every public page) ---------

  getInEveryEdition(app, '/newsletters', async (c) => {
    const chrome = await chromeOf(c, ctx);
    const lists = await publicNewsletters(ctx.db, chrome.language);
    return htmlPage(c, ctx, <NewslettersPage chrome={chrome} lists={lists} />, { language: chrome.language });
  });

  // --- Sign-up ------------------------------------------------------------------------

  app.post('/newsletters/subscribe', async (c) => {
    checkSameOrigin(c, ctx);
    await limitClient(ctx, clientIp(c));
    const body = await c.req.parseBody({ all: true });
    const form = readSignupForm(body);
    const chrome = await chromeIn(form.language);
    const embedList = form.source === 'embed' ? await embeddedList(form) : null;
    const accepted = async () => {
      if (!embedList) return page(c, chrome, <CheckInboxPage chrome={chrome} email={form.email.trim()} />);
      const embedChrome = await chromeIn(embedList.language);
      const done = format(embedChrome.t.newsletters.checkInboxText, { email: form.email.trim() });
      return frameable(await page(c, embedChrome, <EmbedPage chrome={embedChrome} list={embedList} done={done} />));
    };
    // A bot that filled the honeypot gets the answer everyone gets, and nothing is done.
    if (isHoneypotFilled(body)) return accepted();
    const lists = await publicNewsletters(ctx.db);
    const checked = checkSignupForm(form, lists);
    if (!checked.ok) return refused(c, form, checked.problems, embedList);
    await requestSubscription(ctx, { email: checked.email, lists: checked.lists, language: form.language, source: form.source });
    return accepted();
  });

  async function embeddedList(form: SignupForm): Promise<Newsletter | null> {
    const id = form.listIds[0];
    const list = id ? await getNewsletter(ctx.db, id) : null;
    return list?.visibility === 'public' ? list : null;
  }

  async function refused(c: AnyContext, form: SignupForm, problems: SignupProblem[], embedList: Newsletter | null): Promise<Response> {
    if (embedList) {
      const chrome = await chromeIn(embedList.language);
      return frameable(await page(c, chrome, <EmbedPage chrome={chrome} list={embedList} problems={problems} email={form.email} />, 400));
    }
    const chrome = await chromeIn(form.language);
    const lists = await publicNewsletters(ctx.db, form.language);
    return page(c, chrome, <NewslettersPage chrome={chrome} lists={lists} problems={problems} email={form.email} checked={form.listIds} />, 400);
  }

  // --- The embeddable form ----------------------------------------------------------------

  app.get('/newsletters/:slug/embed', async (c) => {
    const slug = c.req.param('slug');
    const list = isSlug(slug) ? await publicNewsletterBySlug(ctx.db, slug) : null;
    if (!list) return errorPage(c, ctx, 404);
    const chrome = await chromeIn(list.language);
    return frameable(await page(c, chrome, <EmbedPage chrome={chrome} list={list} />));
  });

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
