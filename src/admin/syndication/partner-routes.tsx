/**
 * Partners and licensees, their feed tokens, and views of republished copies in the admin
 * (`syndication.manage`). A new feed token is shown once, in the answer to the post that
 * made it (never in a redirect's address, never stored): the page is `no-store` like every
 * admin page, and the database keeps only its SHA-256.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import { PublicError } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { ValidationError } from '../../shared/validation.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import { absoluteUrl } from '../../site/urls.ts';
import { listLicensees } from '../../syndication/licences.ts';
import { createPartner, createPartnerToken, getLicensee, licencesOfLicensee, listPartnerTokens, revokePartnerToken } from '../../syndication/partner-tokens.ts';
import { topArticles, topLicensees, topReferrers, viewsPerDay } from '../../syndication/views.ts';
import type { ViewsFilter } from '../../syndication/views.ts';
import { AdminLayout, FormErrors } from '../admin-layout.tsx';
import { clientIp, staffMember } from '../session-middleware.ts';
import { EMPTY_PARTNER, LicenseeView, PartnerListView, ViewsView } from './partner-views.tsx';
import type { PartnerFormValues } from './partner-views.tsx';

type AnyContext = Context<AppEnv, string, Input>;
type Form = Record<string, string | File>;

const REFUSAL = 'Only editors and admins can manage republishing partners.';
const NOTICES: Record<string, string> = {
  'partner-created': 'Partner added. Create a feed token to give them their feed.',
  'token-revoked': 'Token revoked. The feed no longer opens with it.',
};

function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

function idOf(raw: string | undefined): number {
  if (raw === undefined || !/^[0-9]{1,12}$/.test(raw)) throw new PublicError(404, 'No such licensee or partner.');
  return Number(raw);
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Registers the routes. */
export function registerPartnerAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  function staff(c: AnyContext, form: Form | null): Promise<SessionUser | Response> {
    return staffMember(c, ctx, 'syndication.manage', { form, refusal: REFUSAL });
  }

  async function page(c: AnyContext, user: SessionUser, title: string, body: Child, options: { status?: number; current?: string; charts?: boolean } = {}): Promise<Response> {
    const catalog = await ctx.catalog();
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/syndication" styles={options.charts ? [ctx.assetPath('charts.css')] : []}>
        {notice ? (
          <p class="admin-notice" role="status">
            {notice}
          </p>
        ) : null}
        {body}
      </AdminLayout>,
      { status: options.status ?? 200, cacheable: false, language: 'en' },
    );
  }

  async function listPage(c: AnyContext, user: SessionUser, values: PartnerFormValues, problems: string[] = [], status = 200): Promise<Response> {
    const licensees = await listLicensees(ctx.db);
    return page(
      c,
      user,
      'Licensees and partners',
      <>
        <FormErrors problems={problems} />
        <PartnerListView licensees={licensees} values={values} csrf={user.csrfToken} />
      </>,
      { status },
    );
  }

  async function licenseePage(c: AnyContext, user: SessionUser, id: number, newToken: string | null = null, problems: string[] = [], status = 200): Promise<Response> {
    const licensee = await getLicensee(ctx.db, id);
    if (!licensee) throw new PublicError(404, 'No such licensee or partner.');
    const [licences, tokens] = await Promise.all([licencesOfLicensee(ctx.db, id), listPartnerTokens(ctx.db, id)]);
    const feedUrls = { atom: absoluteUrl(ctx.config.publicUrl, '/syndication/feed.atom'), json: absoluteUrl(ctx.config.publicUrl, '/syndication/feed.json') };
    return page(
      c,
      user,
      licensee.organisation,
      <>
        <p>
          <a href="/admin/syndication/partners">All licensees and partners</a> · <a href={`/admin/syndication/views?licensee=${id}`}>Views of their copies</a>
        </p>
        <FormErrors problems={problems} />
        <LicenseeView licensee={licensee} licences={licences} tokens={tokens} feedUrls={feedUrls} csrf={user.csrfToken} newToken={newToken} today={isoDay(Date.now())} />
      </>,
      { status },
    );
  }

  app.get('/admin/syndication/partners', async (c) => {
    const user = await staff(c, null);
    if (user instanceof Response) return user;
    return listPage(c, user, EMPTY_PARTNER);
  });

  app.post('/admin/syndication/partners', async (c) => {
    const form: Form = await c.req.parseBody();
    const user = await staff(c, form);
    if (user instanceof Response) return user;
    const values: PartnerFormValues = { name: text(form, 'name'), organisation: text(form, 'organisation'), email: text(form, 'email'), outletUrl: text(form, 'outletUrl') };
    try {
      const id = await createPartner(ctx.db, values, { userId: user.id, ip: clientIp(c) });
      return c.redirect(`/admin/syndication/partners/${id}?notice=partner-created`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return listPage(c, user, values, error.problems, 422);
      throw error;
    }
  });

  app.get('/admin/syndication/partners/:id', async (c) => {
    const user = await staff(c, null);
    if (user instanceof Response) return user;
    return licenseePage(c, user, idOf(c.req.param('id')));
  });

  app.post('/admin/syndication/partners/:id/tokens', async (c) => {
    const form: Form = await c.req.parseBody();
    const user = await staff(c, form);
    if (user instanceof Response) return user;
    const id = idOf(c.req.param('id'));
    try {
      const { token } = await createPartnerToken(ctx.db, { licenseeId: id, label: text(form, 'label') }, { userId: user.id, ip: clientIp(c) });
      return licenseePage(c, user, id, token, [], 201);
    } catch (error) {
      if (error instanceof ValidationError) return licenseePage(c, user, id, null, error.problems, 422);
      throw error;
    }
  });

  app.post('/admin/syndication/partners/:id/tokens/:tokenId/revoke', async (c) => {
    const form: Form = await c.req.parseBody();
    const user = await staff(c, form);
    if (user instanceof Response) return user;
    const id = idOf(c.req.param('id'));
    await revokePartnerToken(ctx.db, id, idOf(c.req.param('tokenId')), { userId: user.id, ip: clientIp(c) });
    return c.redirect(`/admin/syndication/partners/${id}?notice=token-revoked`, 303);
  });

  app.get('/admin/syndication/views', async (c) => {
    const user = await staff(c, null);
    if (user instanceof Response) return user;
    const days = [7, 30, 90, 365].find((choice) => String(choice) === c.req.query('days')) ?? 30;
    const today = isoDay(Date.now());
    const since = isoDay(Date.now() - (days - 1) * 86_400_000);
    const filter: ViewsFilter = {};
    let filterLabel: string | null = null;
    const articleParam = c.req.query('article');
    const licenseeParam = c.req.query('licensee');
    if (articleParam !== undefined) {
      filter.articleId = idOf(articleParam);
      const article = await ctx.db.selectFrom('articles').select('headline').where('id', '=', filter.articleId).executeTakeFirst();
      if (!article) throw new PublicError(404, 'No such article.');
      filterLabel = `Copies of “${article.headline}”`;
    } else if (licenseeParam !== undefined) {
      filter.licenseeId = idOf(licenseeParam);
      const licensee = await getLicensee(ctx.db, filter.licenseeId);
      if (!licensee) throw new PublicError(404, 'No such licensee or partner.');
      filterLabel = `Copies published by ${licensee.organisation}`;
    }
    const [daily, articles, licensees, referrers] = await Promise.all([viewsPerDay(ctx.db, since, filter), topArticles(ctx.db, since, filter), topLicensees(ctx.db, since, filter), topReferrers(ctx.db, since, filter)]);
    return page(c, user, 'Views of republished copies', <ViewsView days={days} since={since} today={today} filterLabel={filterLabel} daily={daily} articles={articles} licensees={licensees} referrers={referrers} />, { charts: true });
  });
}
