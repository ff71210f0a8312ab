/**
 * Licences in the admin: the list (filtered by invoice status), one licence with its
 * delivery link, invoice status and revocation, its printable certificate, and the form
 * that grants a licence directly (partners). Editors only; every post is CSRF-checked.
 */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import type { InvoiceStatus } from '../../db/schema-syndication.ts';
import { PublicError } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { isoNow } from '../../shared/time.ts';
import { ValidationError } from '../../shared/validation.ts';
import { LicenceRefusal, licensedArticle } from '../../syndication/licence-issue.ts';
import { INVOICE_STATUSES, getLicence, grantLicence, listLicences, listLicensees, revokeLicence, setInvoiceStatus } from '../../syndication/licences.ts';
import type { LicenceDetail } from '../../syndication/licences.ts';
import { licenceDeliveryUrl } from '../../syndication/links.ts';
import { CURRENCY_CODES, parseMoney } from '../../syndication/money.ts';
import { currentRateCard } from '../../syndication/rate-card.ts';
import { CertificateDocument } from './licence-documents.tsx';
import type { DocumentSite } from './licence-documents.tsx';
import { GrantView, LicenceListView, LicenceView } from './licence-views.tsx';
import type { GrantFormValues } from './licence-views.tsx';
import { ID_ROUTE, actorOf, cursorParam, cursorText, deskPage, deskRoute, fields, pathId, withQuery } from './queue-page.tsx';
import type { AnyContext, Form } from './queue-page.tsx';

const NOTICES: Record<string, string> = {
  granted: 'Licence granted. Give the licensee the delivery link below.',
  invoice: 'Invoice status saved.',
  revoked: 'Licence revoked. Its delivery page and certificate now say so.',
};

const GRANT_FIELDS = ['licensee', 'article', 'fee', 'currency', 'medium', 'territory', 'language', 'exclusive', 'valid_from', 'valid_to', 'terms'] as const;

/** The site as the licence documents name it. */
export async function documentSite(ctx: AppContext): Promise<DocumentSite> {
  return { name: (await ctx.catalog()).site.name, publicUrl: ctx.config.publicUrl, faviconPath: ctx.assetPath('favicon.svg'), previewStylesPath: ctx.assetPath('package-preview.css') };
}

/** Registers /admin/syndication/licences and its pages. */
export function registerLicenceAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const noticeOf = (c: AnyContext): string | null => NOTICES[c.req.query('notice') ?? ''] ?? null;

  async function licenceOr404(id: number): Promise<LicenceDetail> {
    const licence = await getLicence(ctx.db, id);
    if (!licence) throw new PublicError(404, 'No licence has that number.');
    return licence;
  }

  async function licencePage(c: AnyContext, user: SessionUser, id: number, problems: string[] = [], status = 200): Promise<Response> {
    const licence = await licenceOr404(id);
    const deliveryUrl = await licenceDeliveryUrl(ctx, licence.id, licence.validTo);
    const body = <LicenceView licence={licence} deliveryUrl={deliveryUrl} today={isoNow().slice(0, 10)} csrf={user.csrfToken} notice={problems.length ? null : noticeOf(c)} problems={problems} />;
    return deskPage(c, ctx, user, `Licence ${licence.reference}`, body, status);
  }

  async function grantPage(c: AnyContext, user: SessionUser, values: GrantFormValues, problems: string[] = [], status = 200): Promise<Response> {
    const licensees = await listLicensees(ctx.db);
    return deskPage(c, ctx, user, 'Grant a licence', <GrantView licensees={licensees} currencies={CURRENCY_CODES} values={values} csrf={user.csrfToken} problems={problems} />, status);
  }

  /** Runs a change to a licence; refusals show its page again with the reason. */
  async function change(c: AnyContext, user: SessionUser, work: () => Promise<string>): Promise<Response> {
    const id = pathId(c);
    try {
      return c.redirect(`/admin/syndication/licences/${id}?notice=${await work()}`, 303);
    } catch (error) {
      if (error instanceof LicenceRefusal) {
        if (error.status === 404) throw new PublicError(404, error.message);
        return licencePage(c, user, id, [error.message], error.status);
      }
      if (error instanceof ValidationError) return licencePage(c, user, id, error.problems, 422);
      throw error;
    }
  }

  deskRoute(app, ctx, 'get', '/admin/syndication/licences', async (c, user) => {
    const raw = c.req.query('invoice') ?? '';
    if (raw !== '' && !(INVOICE_STATUSES as readonly string[]).includes(raw)) throw new PublicError(400, 'The "invoice" value in this address must be unpaid, paid or waived.');
    const invoice = (raw || null) as InvoiceStatus | null;
    const after = cursorParam(c);
    const page = await listLicences(ctx.db, { invoiceStatus: invoice, after });
    const nextHref = page.next ? withQuery('/admin/syndication/licences', { invoice: raw, after: cursorText(page.next) }) : null;
    const firstHref = after ? withQuery('/admin/syndication/licences', { invoice: raw }) : null;
    return deskPage(c, ctx, user, 'Licences', <LicenceListView licences={page.licences} invoice={invoice} today={isoNow().slice(0, 10)} nextHref={nextHref} firstHref={firstHref} notice={noticeOf(c)} />);
  });

  deskRoute(app, ctx, 'get', '/admin/syndication/licences/new', async (c, user) => {
    const today = isoNow().slice(0, 10);
    const nextYear = new Date(Date.parse(`${today}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
    const currency = (await currentRateCard(ctx.db)).card.currency;
    const values: GrantFormValues = { licensee: c.req.query('licensee') ?? '', article: c.req.query('article') ?? '', fee: '0', currency, medium: 'web', territory: 'worldwide', language: 'en', exclusive: 'no', valid_from: today, valid_to: nextYear, terms: '' };
    return grantPage(c, user, values);
  });

  deskRoute(app, ctx, 'post', '/admin/syndication/licences', async (c, user, form: Form) => {
    const values = fields(form, GRANT_FIELDS);
    const problems: string[] = [];
    const fee = parseMoney(values.fee, values.currency);
    if (!fee.ok) problems.push(`Fee: ${fee.problem}.`);
    const licenseeId = /^[1-9][0-9]{0,9}$/.test(values.licensee) ? Number(values.licensee) : 0;
    const articleId = /^[1-9][0-9]{0,9}$/.test(values.article.trim()) ? Number(values.article.trim()) : 0;
    if (!licenseeId) problems.push('Licensee: choose a licensee or partner.');
    if (!articleId) problems.push('Article number: must be the number of a published article.');
    if (problems.length > 0 || !fee.ok) return grantPage(c, user, values, problems, 422);
    try {
      const granted = await grantLicence(ctx, actorOf(c, user), {
        licenseeId,
        articleId,
        feeMinor: fee.value,
        currency: values.currency as (typeof CURRENCY_CODES)[number],
        territory: values.territory.trim(),
        medium: values.medium as 'web',
        language: values.language,
        exclusive: values.exclusive === 'yes',
        validFrom: values.valid_from.trim(),
        validTo: values.valid_to.trim(),
        ...(values.terms.trim() === '' ? {} : { terms: values.terms }),
      });
      return c.redirect(`/admin/syndication/licences/${granted.licenceId}?notice=granted`, 303);
    } catch (error) {
      if (error instanceof LicenceRefusal) return grantPage(c, user, values, [error.message], error.status === 404 ? 422 : error.status);
      if (error instanceof ValidationError) return grantPage(c, user, values, error.problems, 422);
      throw error;
    }
  });

  deskRoute(app, ctx, 'get', `/admin/syndication/licences/${ID_ROUTE}`, (c, user) => licencePage(c, user, pathId(c)));

  deskRoute(app, ctx, 'post', `/admin/syndication/licences/${ID_ROUTE}/invoice`, (c, user, form: Form) =>
    change(c, user, async () => {
      await setInvoiceStatus(ctx.db, actorOf(c, user), pathId(c), fields(form, ['invoice_status'] as const).invoice_status);
      return 'invoice';
    }),
  );

  deskRoute(app, ctx, 'post', `/admin/syndication/licences/${ID_ROUTE}/revoke`, (c, user, form: Form) =>
    change(c, user, async () => {
      await revokeLicence(ctx.db, actorOf(c, user), pathId(c), fields(form, ['reason'] as const).reason);
      return 'revoked';
    }),
  );

  deskRoute(app, ctx, 'get', `/admin/syndication/licences/${ID_ROUTE}/certificate`, async (c) => {
    const licence = await licenceOr404(pathId(c));
    const article = await licensedArticle(ctx, ctx.db, licence.articleId);
    const page = <CertificateDocument site={await documentSite(ctx)} licence={licence} canonicalUrl={article?.canonicalUrl ?? null} backHref={`/admin/syndication/licences/${licence.id}`} />;
    return htmlPage(c, ctx, page, { cacheable: false, language: 'en' });
  });
}
