/**
 * The licensee's pages, reached by signed links from the approval email (they have no
 * account): the delivery page with the clean package, the printable certificate, and the
 * requester's acceptance of a counter-offer.
 *
 * A forged or mangled link is a plain 404 that names nothing. A genuine link whose licence
 * has ended or was revoked shows "this licence has ended" (410) and nothing of the package.
 * Pages are never stored by caches (no-store) and send no referrer, since the address is
 * the key.
 */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { PublicError } from '../../http/errors.tsx';
import { checkPublicFormToken, checkSameOrigin, isHoneypotFilled } from '../../http/public-forms.ts';
import { htmlPage } from '../../http/respond.ts';
import { isoNow } from '../../shared/time.ts';
import { acceptCounterOffer } from '../../syndication/decisions.ts';
import { LicenceRefusal, licensedArticle } from '../../syndication/licence-issue.ts';
import { requestStatusOf } from '../../syndication/licence-requests.ts';
import { getLicence } from '../../syndication/licences.ts';
import type { LicenceDetail } from '../../syndication/licences.ts';
import { SYNDICATION_LINK, pixelUrl } from '../../syndication/links.ts';
import { buildPackage } from '../../syndication/package.ts';
import { FORM_TOKEN_FIELD } from '../../syndication/request-form-view.tsx';
import { CertificateDocument, DeliveryDocument, LicenceEndedDocument } from './licence-documents.tsx';
import { documentSite } from './licence-routes.tsx';
import type { AnyContext } from './queue-page.tsx';

const NOT_VALID = 'This link is not valid. Use the link from the email we sent you.';

/** Registers /republish/licences/:token (+ /certificate) and POST /republish/requests/:token/accept. */
export function registerLicenceDeliveryRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  /** The licence a delivery link names: 404 when forged, `ended` when its time is up. */
  async function licenceOfLink(token: string): Promise<LicenceDetail | 'ended'> {
    const check = await ctx.links.verify(SYNDICATION_LINK.delivery, token);
    if (!check.ok) {
      if (check.reason === 'expired') return 'ended';
      throw new PublicError(404, NOT_VALID);
    }
    const id = check.payload.l;
    const licence = typeof id === 'number' ? await getLicence(ctx.db, id) : null;
    if (!licence) throw new PublicError(404, NOT_VALID);
    return licence;
  }

  async function send(c: AnyContext, page: { toString(): string | Promise<string> }, status = 200): Promise<Response> {
    const response = await htmlPage(c, ctx, page, { status, cacheable: false, language: 'en' });
    response.headers.set('referrer-policy', 'no-referrer');
    response.headers.set('x-robots-tag', 'noindex, nofollow');
    return response;
  }

  async function ended(c: AnyContext, reason: 'ended' | 'revoked'): Promise<Response> {
    return send(c, <LicenceEndedDocument site={await documentSite(ctx)} reason={reason} />, 410);
  }

  app.get('/republish/licences/:token', async (c) => {
    const token = c.req.param('token');
    const licence = await licenceOfLink(token);
    if (licence === 'ended') return ended(c, 'ended');
    if (licence.revokedAt) return ended(c, 'revoked');
    const today = isoNow().slice(0, 10);
    if (licence.validTo < today) return ended(c, 'ended');
    const pkg = await buildPackage(ctx, licence.articleId, licence.id);
    const pixel = await pixelUrl(ctx, licence.articleId, licence.id);
    return send(c, <DeliveryDocument site={await documentSite(ctx)} licence={licence} pkg={pkg} pixelUrl={pixel} certificateHref={`/republish/licences/${token}/certificate`} today={today} />);
  });

  app.get('/republish/licences/:token/certificate', async (c) => {
    const token = c.req.param('token');
    const licence = await licenceOfLink(token);
    if (licence === 'ended') return ended(c, 'ended');
    const article = await licensedArticle(ctx, ctx.db, licence.articleId);
    // A revoked licence's certificate is still shown, marked as no longer valid.
    return send(c, <CertificateDocument site={await documentSite(ctx)} licence={licence} canonicalUrl={article?.canonicalUrl ?? null} backHref={licence.revokedAt ? null : `/republish/licences/${token}`} />);
  });

  app.post('/republish/requests/:token/accept', async (c) => {
    checkSameOrigin(c, ctx);
    const form = await c.req.parseBody();
    checkPublicFormToken(c, form[FORM_TOKEN_FIELD]);
    const token = c.req.param('token');
    const check = await ctx.links.verify(SYNDICATION_LINK.request, token);
    const requestId = check.ok ? check.payload.r : undefined;
    if (typeof requestId !== 'number') throw new PublicError(404, 'This link is not valid. Use the link from the email we sent you, or send a new request.');
    const back = `/republish/requests/${token}`;
    if (isHoneypotFilled(form)) return c.redirect(back, 303);
    try {
      await acceptCounterOffer(ctx, requestId);
    } catch (error) {
      if (!(error instanceof LicenceRefusal)) throw error;
      // Accepting twice (a double click, a second tab) lands on the licence already issued.
      if ((await requestStatusOf(ctx.db, requestId)) === 'approved') return c.redirect(back, 303);
      throw new PublicError(error.status === 404 ? 404 : 422, error.status === 409 ? `${error.message} Please write to the newsroom if you still want this licence.` : error.message);
    }
    return c.redirect(back, 303);
  });
}
