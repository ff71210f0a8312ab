/**
 * Sign-up posts and the embeddable form: POST /newsletters/subscribe (the /newsletters page
 * and the article promo), GET and POST /newsletters/:slug/embed (the form other sites show
 * in an <iframe>), and the snippet's loader /newsletters/embed.js.
 *
 * Forms on cached, shared pages (and in other sites' frames) can carry no per-visitor token,
 * so the browser's Origin / Sec-Fetch-Site must name this site; plus the honeypot and
 * per-client and per-address rate limits.
 *
 * Framing: every answer to an embedded form is drawn inside the embed layout and may be
 * framed by any site — the form, "check your inbox", a refused form (400), and failures
 * (403 cross-site, 413 too large, 429 too many attempts, 404 for a list that is gone, 500).
 * A browser shows a page that forbids framing as "refused to connect", which inside a
 * partner's page would be all the reader learns. Every other page keeps its anti-framing
 * headers. An embedded form posts to its own address, so even a post too large to read is
 * known to come from it; a post to /newsletters/subscribe marked `source=embed` (or made from
 * a frame, as the browser's Sec-Fetch-Dest says) is answered the same way.
 */
import type { Context, Hono, Input } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppContext, AppEnv } from '../app-context.ts';
import { clientIp } from '../admin/session-middleware.ts';
import { PublicError, errorPage, errorTitle } from '../http/errors.tsx';
import { isSlug } from '../http/editions.ts';
import { checkSameOrigin, isHoneypotFilled } from '../http/public-forms.ts';
import { PAGE_SECURITY_HEADERS, htmlPage, sendDocument } from '../http/respond.ts';
import { format } from '../i18n/index.ts';
import { preferredLanguage } from '../i18n/languages.ts';
import { chromeFor } from '../site/chrome.ts';
import type { PageChrome } from '../site/chrome.ts';
import { EMBED_LOADER_PATH, embedLoaderScript } from './embed-loader.ts';
import { EmbedPage, EmbedUnavailablePage } from './embed-views.tsx';
import type { EmbedFailure } from './embed-views.tsx';
import { SUBSCRIBE_PATH } from './form-parts.tsx';
import { getNewsletter, publicNewsletterBySlug, publicNewsletters } from './lists.ts';
import type { Newsletter } from './lists.ts';
import { CheckInboxPage, NewslettersPage } from './public-pages.tsx';
import { checkSignupForm, limitClient, readSignupForm, requestSubscription } from './signup.ts';
import type { SignupForm, SignupProblem } from './signup.ts';

type AnyContext = Context<AppEnv, string, Input>;

/** What a post too large to read is told. */
const TOO_LARGE = 'The form sent more data than this page accepts.';

const EMBED_ROUTE = /^\/newsletters\/([^/]+)\/embed$/;

/**
 * Headers of a page other sites may show in a frame: any ancestor may frame it, and it may
 * run our own scripts (the frame reports its height to the page around it); nothing else is relaxed.
 */
function frameable(response: Response): Response {
  const policy = (PAGE_SECURITY_HEADERS['content-security-policy'] ?? '').replace(/frame-ancestors [^;]+/, 'frame-ancestors *').replace("default-src 'none';", "default-src 'none'; script-src 'self';");
  response.headers.set('content-security-policy', policy);
  response.headers.delete('x-frame-options');
  return response;
}

/** The status and reader-safe reason of a failure; anything unexpected is a 500 that says nothing. */
function failureOf(error: unknown): { status: number; detail?: string } | null {
  if (error instanceof PublicError) return { status: error.status, detail: error.message };
  if (error instanceof HTTPException && error.status < 500) return { status: error.status, detail: error.message };
  return null;
}

/** Sign-up posts and answers for the page at `/newsletters/subscribe` and for embedded forms. */
class SignupRoutes {
  constructor(private readonly ctx: AppContext) {}

  chromeIn = async (language: string): Promise<PageChrome> => chromeFor(await this.ctx.catalog(), language, this.ctx.config.publicUrl, this.ctx.assetPath);

  page(c: AnyContext, chrome: PageChrome, jsx: { toString(): string | Promise<string> }, status = 200): Promise<Response> {
    return htmlPage(c, this.ctx, jsx, { status, cacheable: false, language: chrome.language });
  }

  /** The public list an embedded post names, or null. */
  async embeddedList(listIds: readonly number[]): Promise<Newsletter | null> {
    const id = listIds[0];
    const list = id ? await getNewsletter(this.ctx.db, id) : null;
    return list?.visibility === 'public' ? list : null;
  }

  /** The public list of an embed address (`/newsletters/<slug>/embed`), or null. */
  async listOfEmbedPath(path: string): Promise<Newsletter | null> {
    const slug = EMBED_ROUTE.exec(path)?.[1] ?? '';
    return isSlug(slug) ? publicNewsletterBySlug(this.ctx.db, slug) : null;
  }

  /**
   * Guards, reads and records a sign-up, then answers: on the site, the page everyone gets or
   * the form again with its problems; for an embedded form (`embedFrom`, or a post marked as
   * one), the same inside the frame.
   */
  async signUp(c: AnyContext, embedFrom: Newsletter | null): Promise<Response> {
    checkSameOrigin(c, this.ctx);
    await limitClient(this.ctx, clientIp(c));
    const body = await c.req.parseBody({ all: true });
    const posted = readSignupForm(body);
    // An embedded form signs up for its own list, in its language, whatever the post says.
    const form: SignupForm = embedFrom ? { ...posted, listIds: [embedFrom.id], language: embedFrom.language, source: 'embed', hasBadListValue: false } : posted;
    const embedList = embedFrom ?? (form.source === 'embed' ? await this.embeddedList(form.listIds) : null);
    const accepted = async () => {
      if (embedList) return this.embedAnswer(c, embedList, { done: form.email.trim() });
      const chrome = await this.chromeIn(form.language);
      return this.page(c, chrome, <CheckInboxPage chrome={chrome} email={form.email.trim()} />);
    };
    // A bot that filled the honeypot gets the answer everyone gets, and nothing is done.
    if (isHoneypotFilled(body)) return accepted();
    const checked = checkSignupForm(form, await publicNewsletters(this.ctx.db));
    if (!checked.ok) {
      if (embedList) return this.embedAnswer(c, embedList, { problems: checked.problems, email: form.email }, 400);
      return this.refusedOnSite(c, form, checked.problems);
    }
    await requestSubscription(this.ctx, { email: checked.email, lists: checked.lists, language: form.language, source: form.source });
    return accepted();
  }

  async refusedOnSite(c: AnyContext, form: SignupForm, problems: SignupProblem[]): Promise<Response> {
    const chrome = await this.chromeIn(form.language);
    const lists = await publicNewsletters(this.ctx.db, form.language);
    return this.page(c, chrome, <NewslettersPage chrome={chrome} lists={lists} problems={problems} email={form.email} checked={form.listIds} />, 400);
  }

  /** An embedded form's page in one of its states, framable. */
  async embedAnswer(c: AnyContext, list: Newsletter, state: { done?: string; problems?: SignupProblem[]; failure?: EmbedFailure; email?: string }, status = 200): Promise<Response> {
    const chrome = await this.chromeIn(list.language);
    const done = state.done === undefined ? undefined : format(chrome.t.newsletters.checkInboxText, { email: state.done });
    return frameable(await this.page(c, chrome, <EmbedPage chrome={chrome} list={list} done={done} problems={state.problems} failure={state.failure} email={state.email} />, status));
  }

  /**
   * A failure of an embedded form (or of its page) answered inside the frame: the form again
   * with the reason when the list is known, else the reason and a link to the site's newsletters.
   */
  async embedFailure(c: AnyContext, list: Newsletter | null, error: unknown, options: { isBodyReadable?: boolean } = {}): Promise<Response> {
    const known = failureOf(error);
    if (!known) this.ctx.logger.error('request failed', { method: c.req.method, path: c.req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    const status = known?.status ?? 500;
    const chrome = await this.chromeIn(list?.language ?? preferredLanguage(c.req.header('accept-language')));
    const text = status >= 500 ? chrome.t.serverErrorText : status === 404 ? chrome.t.newsletters.embedUnavailable : known?.detail;
    const failure: EmbedFailure = { title: errorTitle(status, chrome.t), ...(text ? { text } : {}) };
    if (!list) return frameable(await this.page(c, chrome, <EmbedUnavailablePage chrome={chrome} failure={failure} />, status));
    // The address typed is shown again, when the post can still be read.
    const email = options.isBodyReadable === false ? '' : readSignupForm(await c.req.parseBody({ all: true }).catch(() => ({}))).email;
    return this.embedAnswer(c, list, { failure, email }, status);
  }

  /** The list a post to /newsletters/subscribe came from when it came from an embedded form, or null. */
  async embedListOfPost(c: AnyContext): Promise<Newsletter | null> {
    const form = readSignupForm(await c.req.parseBody({ all: true }).catch(() => ({})));
    return form.source === 'embed' ? this.embeddedList(form.listIds) : null;
  }
}

/** Whether the browser says this request loads a document inside a frame. */
function isFramed(c: AnyContext): boolean {
  return c.req.header('sec-fetch-dest') === 'iframe';
}

/**
 * The answer to a post too large to read (the body limit's error handler): inside the embed
 * layout for an embedded form, the site's error page otherwise.
 */
export async function tooLargeAnswer(c: AnyContext, ctx: AppContext): Promise<Response> {
  const routes = new SignupRoutes(ctx);
  const error = new PublicError(413, TOO_LARGE);
  if (EMBED_ROUTE.test(c.req.path)) return routes.embedFailure(c, await routes.listOfEmbedPath(c.req.path), error, { isBodyReadable: false });
  if (c.req.path === SUBSCRIBE_PATH && isFramed(c)) return routes.embedFailure(c, null, error, { isBodyReadable: false });
  return errorPage(c, ctx, 413, TOO_LARGE);
}

/** Registers the routes (after the body limit of /newsletters/* posts). */
export function registerSignupRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const routes = new SignupRoutes(ctx);

  app.post(SUBSCRIBE_PATH, async (c) => {
    try {
      return await routes.signUp(c, null);
    } catch (error) {
      const embedList = await routes.embedListOfPost(c);
      if (!embedList && !isFramed(c)) throw error;
      return routes.embedFailure(c, embedList, error);
    }
  });

  app.get('/newsletters/:slug/embed', async (c) => {
    const list = await routes.listOfEmbedPath(c.req.path);
    if (!list) return routes.embedFailure(c, null, new PublicError(404, 'No public newsletter has this sign-up form.'));
    try {
      return await routes.embedAnswer(c, list, {});
    } catch (error) {
      return routes.embedFailure(c, list, error);
    }
  });

  app.post('/newsletters/:slug/embed', async (c) => {
    const list = await routes.listOfEmbedPath(c.req.path);
    if (!list) return routes.embedFailure(c, null, new PublicError(404, 'No public newsletter has this sign-up form.'));
    try {
      return await routes.signUp(c, list);
    } catch (error) {
      return routes.embedFailure(c, list, error);
    }
  });

  // Partners paste this address into their pages: it stays put, and is cached briefly.
  app.get(EMBED_LOADER_PATH, (c) => sendDocument(c, ctx, embedLoaderScript(ctx.config.publicUrl), { contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=3600' }));
}
