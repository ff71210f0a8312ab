/**
 * The rate card editor in the admin (`syndication.rateCard`: admins and owners). GET shows
 * the card in force as a form with example quotes; POST reads every field, and saves a new
 * version (303 back with a notice) or shows the form again with its problems (422).
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import { recordAudit } from '../../accounts/audit.ts';
import { htmlPage } from '../../http/respond.ts';
import { isoNow } from '../../shared/time.ts';
import { currentRateCard, saveRateCard } from '../../syndication/rate-card.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { clientIp, staffMember } from '../session-middleware.ts';
import { missingOverrideArticles, postedValues, rateCardFormValues, readRateCardForm } from './rate-card-form.ts';
import type { RateCardFormValues } from './rate-card-form.ts';
import { RateCardView } from './rate-card-view.tsx';

type AnyContext = Context<AppEnv, string, Input>;

const PATH = '/admin/syndication/rate-card';
const REFUSAL = 'Only admins and owners can change the rate card.';

/** Registers the routes. */
export function registerRateCardRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  async function page(c: AnyContext, user: SessionUser, state: { values?: RateCardFormValues; problems?: string[] }, status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    const current = await currentRateCard(ctx.db);
    const notice = c.req.query('notice') === 'saved' ? 'Rate card saved. New requests are quoted with it from now on.' : null;
    const body = (
      <RateCardView
        current={current}
        values={state.values ?? rateCardFormValues(current.card)}
        problems={state.problems ?? []}
        notice={notice}
        csrf={user.csrfToken}
        sections={catalog.sections.map((section) => ({ id: section.id, name: section.name }))}
      />
    );
    return htmlPage(
      c,
      ctx,
      <AdminLayout title="Rate card" user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/syndication" styles={[ctx.assetPath('republish.css')]} wide>
        {body}
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  app.get(PATH, async (c) => {
    const user = await staffMember(c, ctx, 'syndication.rateCard', { refusal: REFUSAL });
    if (user instanceof Response) return user;
    return page(c, user, {});
  });

  app.post(PATH, async (c) => {
    const form = await c.req.parseBody();
    const user = await staffMember(c, ctx, 'syndication.rateCard', { form, refusal: REFUSAL });
    if (user instanceof Response) return user;
    const values = postedValues(form);
    const sectionIds = new Set((await ctx.catalog()).sections.map((section) => section.id));
    const read = readRateCardForm(values, sectionIds);
    if (!read.ok) return page(c, user, { values, problems: read.problems }, 422);
    const missing = await missingOverrideArticles(ctx.db, read.card);
    if (missing.length > 0) return page(c, user, { values, problems: missing.map((id) => `Overrides: no article has the number ${id}`) }, 422);
    await ctx.db.transaction().execute(async (trx) => {
      const id = await saveRateCard(trx, read.card, user.id, isoNow());
      await recordAudit(trx, {
        actorUserId: user.id,
        action: 'syndication.rate_card.saved',
        subjectType: 'rate_card',
        subjectId: id,
        details: { currency: read.card.currency, minimumMinor: read.card.minimumMinor, outletTypes: read.card.outletTypes.length, overrides: read.card.overrides.length },
        ip: clientIp(c),
      });
    });
    return c.redirect(`${PATH}?notice=saved`, 303);
  });
}
