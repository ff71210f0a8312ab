/**
 * The public republishing request form, its instant quote and the requester's view of a
 * request. Pages are rendered per visitor (no-store) and carry a double-submit token; posts
 * are checked for origin, token, honeypot and rate limits before anything is read further.
 *
 * GET/POST /republish/:articleId/request (and /ar/…, /fr/…) · GET /republish/requests/:token
 * (the accept POST of a counter-offer belongs to the admin's decisions, see queue-routes.tsx).
 */
import type { Context, Hono, Input } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, AppEnv } from '../app-context.ts';
import { clientIp } from '../admin/session-middleware.ts';
import { PublicError } from '../http/errors.tsx';
import { chromeOf } from '../http/page-context.ts';
import { checkPublicFormToken, checkSameOrigin, isHoneypotFilled, limitPublicForm, publicFormToken } from '../http/public-forms.ts';
import { htmlPage } from '../http/respond.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, languagePrefix } from '../i18n/languages.ts';
import { isoNow } from '../shared/time.ts';
import { Layout } from '../site/layout.tsx';
import { SYNDICATION_LINK, republishPath, requestFormPath } from './links.ts';
import { currentRateCard } from './rate-card.ts';
import { FORM_TOKEN_FIELD, RepublishStyles, RequestFormPage, RequestReceivedPage } from './request-form-view.tsx';
import { RequestStatusPage } from './request-status-view.tsx';
import { territoryLabel } from './request-territory.ts';
import { availableFrom, createRequest, loadRequestStatus, loadRequestableArticle, parseRequestInput, requestFormValues } from './requests.ts';
import type { RequestFormValues, RequestProblems, RequestableArticle } from './requests.ts';
import { mediumLabel } from './texts.ts';

type AnyContext = Context<AppEnv, string, Input>;

const FORM_ROUTE = '/republish/:articleId{[1-9][0-9]{0,9}}/request';

/** Requests per client address and per requester email, per hour. */
export const REQUEST_LIMITS = { perIp: 10, perEmail: 5, windowSeconds: 3600 } as const;

/** A form larger than this is not a republishing request. */
const MAX_FORM_BYTES = 64 * 1024;

function articleIdOf(c: AnyContext): number {
  return Number(c.req.param('articleId'));
}

/** Registers the routes. */
export function registerSyndicationRequestRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  /** The published article taking paid requests, or the page that explains why this one does not. */
  async function requestable(c: AnyContext, isPost: boolean): Promise<RequestableArticle | Response> {
    const article = await loadRequestableArticle(ctx, articleIdOf(c));
    if (!article) throw new PublicError(404, 'No published story has that number.');
    if (article.policy === 'none') throw new PublicError(404, 'This story is not offered for republishing.');
    if (article.policy === 'cc') {
      const chrome = await chromeOf(c, ctx);
      const page = (
        <Layout chrome={chrome} meta={{ title: 'Free to republish', noindex: true }}>
          <RepublishStyles chrome={chrome} />
          <div class="republish-page">
            <h1>Free to republish</h1>
            <p>This story is published under a Creative Commons licence: you do not need to ask or pay. Follow the conditions on its republishing page.</p>
            <p>
              <a class="republish-button" href={republishPath(article.id)}>
                Republish this story for free
              </a>
            </p>
          </div>
        </Layout>
      );
      return htmlPage(c, ctx, page, { status: isPost ? 422 : 200, cacheable: false, language: c.get('language') });
    }
    return article;
  }

  async function formPage(c: AnyContext, article: RequestableArticle, state: { values: RequestFormValues; problems: RequestProblems; notice: string | null }, status: number): Promise<Response> {
    const chrome = await chromeOf(c, ctx);
    const { card } = await currentRateCard(ctx.db);
    const page = (
      <RequestFormPage
        chrome={chrome}
        article={article}
        card={card}
        values={state.values}
        problems={state.problems}
        notice={state.notice}
        formToken={publicFormToken(c, ctx)}
        action={requestFormPath(article.id, c.get('language'))}
      />
    );
    return htmlPage(c, ctx, page, { status, cacheable: false, language: c.get('language') });
  }

  const limitBody = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      throw new PublicError(413, 'This form is too large to be a republishing request.');
    },
  });

  for (const language of [DEFAULT_LANGUAGE, ...Object.keys(LANGUAGES).filter((code) => code !== DEFAULT_LANGUAGE)]) {
    // One route per edition (as getInEveryEdition does), GET and POST side by side.
    const path = `${languagePrefix(language)}${FORM_ROUTE}`;
    app.get(path, async (c) => {
      c.set('language', language);
      const article = await requestable(c, false);
      if (article instanceof Response) return article;
      const today = isoNow().slice(0, 10);
      const values = requestFormValues({ periodStart: today, periodEnd: `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`, exclusive: 'no', language: article.language });
      return formPage(c, article, { values, problems: {}, notice: null }, 200);
    });
    app.on('POST', path, limitBody);
    app.post(path, async (c) => {
      c.set('language', language);
      checkSameOrigin(c, ctx);
      const form = await c.req.parseBody();
      checkPublicFormToken(c, form[FORM_TOKEN_FIELD]);
      const article = await requestable(c, true);
      if (article instanceof Response) return article;
      if (isHoneypotFilled(form)) return htmlPage(c, ctx, <RequestReceivedPage chrome={await chromeOf(c, ctx)} />, { cacheable: false, language });
      await limitPublicForm(ctx, [{ key: `syndication-request:ip:${clientIp(c) ?? 'unknown'}`, limit: REQUEST_LIMITS.perIp, windowSeconds: REQUEST_LIMITS.windowSeconds }]);

      const values = requestFormValues(form);
      // Validated here first only to rate-limit by the requester's address before anything is stored; createRequest validates again.
      const parsed = parseRequestInput(form, (await currentRateCard(ctx.db)).card, isoNow().slice(0, 10));
      if (!parsed.ok) return formPage(c, article, { values, problems: parsed.problems, notice: null }, 422);
      await limitPublicForm(ctx, [{ key: `syndication-request:email:${parsed.value.email.toLowerCase()}`, limit: REQUEST_LIMITS.perEmail, windowSeconds: REQUEST_LIMITS.windowSeconds }]);

      const outcome = await createRequest(ctx, article.id, form);
      if (outcome.ok) return c.redirect(new URL(outcome.statusUrl).pathname, 303);
      if (outcome.reason === 'invalid') return formPage(c, article, { values, problems: outcome.problems, notice: null }, 422);
      if (outcome.reason === 'conflict') {
        const notice = `This story is not available for ${territoryLabel(parsed.value.territory)} and ${mediumLabel(parsed.value.medium).toLowerCase()} until ${availableFrom(outcome.conflict)}: another outlet holds a licence there. Choose another territory, medium or period.`;
        return formPage(c, article, { values, problems: {}, notice }, 422);
      }
      throw new PublicError(404, 'This story is not offered for republishing.');
    });
  }

  app.get('/republish/requests/:token', async (c) => {
    c.set('language', DEFAULT_LANGUAGE);
    const token = c.req.param('token');
    const check = await ctx.links.verify(SYNDICATION_LINK.request, token);
    const requestId = check.ok ? check.payload.r : undefined;
    if (typeof requestId !== 'number') throw new PublicError(404, 'This link is not valid. Use the link from the email we sent you, or send a new request.');
    const request = await loadRequestStatus(ctx, requestId);
    if (!request) throw new PublicError(404, 'This request no longer exists.');
    const chrome = await chromeOf(c, ctx);
    const page = <RequestStatusPage chrome={chrome} request={request} acceptAction={`/republish/requests/${token}/accept`} formToken={publicFormToken(c, ctx)} />;
    return htmlPage(c, ctx, page, { cacheable: false, language: DEFAULT_LANGUAGE });
  });
}
