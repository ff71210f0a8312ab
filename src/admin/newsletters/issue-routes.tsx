/**
 * Admin pages for newsletter issues: a list's issues, compose, preview (desktop and phone
 * frames of the rendered mail, and its text), test send, send now (after a confirmation
 * showing the recipient count), schedule, and the stats pages. Composing is the desk's
 * (`newsletters.manage`); anything that sends or schedules needs `newsletters.send`.
 * Handlers stay thin: read the form, check CSRF and the policy, run a command from
 * src/newsletters, then redirect with a notice (303) or show the page again with problems.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { recordAudit } from '../../accounts/audit.ts';
import { can } from '../../accounts/policy.ts';
import type { Action } from '../../accounts/policy.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import { PublicError, errorPage } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { isPlausibleAddress } from '../../mail/address.ts';
import { IssueNotFoundError, IssueStateError, applyItemAction, cancelIssue, checkIssueSendable, createDigest, createIssue, deleteIssue, itemArticles, parseItemAction, requireIssue, scheduleIssue, searchPublishedArticles, unscheduleIssue, updateIssue } from '../../newsletters/issues.ts';
import type { IssueItem, IssueRecord } from '../../newsletters/issues.ts';
import { getNewsletter } from '../../newsletters/lists.ts';
import type { Newsletter } from '../../newsletters/lists.ts';
import { previewIssue } from '../../newsletters/render.ts';
import { sendTestCopy, startSending } from '../../newsletters/sending.ts';
import { confirmedCount, issueStats, issueSummaries, subscribersOverTime } from '../../newsletters/stats.ts';
import { ValidationError } from '../../shared/validation.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { clientIp, staffMember } from '../session-middleware.ts';
import { ComposeView, ISSUE_NOTICES, IssueListView, PreviewView, SendConfirmView } from './issue-views.tsx';
import type { ComposeValues } from './issue-views.tsx';
import { IssueStatsView, ListStatsView } from './issue-stats-views.tsx';

type AnyContext = Context<AppEnv, string, Input>;
type Form = Record<string, string | File | (string | File)[]>;

const LIST = ':id{[1-9][0-9]{0,9}}';
const ISSUE = ':issueId{[1-9][0-9]{0,9}}';
const REFUSALS: Partial<Record<Action, string>> = {
  'newsletters.manage': 'Only editors, admins and owners can write newsletter issues.',
  'newsletters.send': 'Only editors, admins and owners can send or schedule newsletter issues.',
};

/** A form field as one string ('' when missing; the last value when repeated). */
function field(form: Form, name: string): string {
  const value = form[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof last === 'string' ? last : '';
}

/** A repeated form field as strings. */
function fields(form: Form, name: string): string[] {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((item): item is string => typeof item === 'string');
}

/** The compose form's values: texts, and the items in the order the page listed them. */
function composeValues(form: Form): ComposeValues {
  const seen = new Set<number>();
  const items: IssueItem[] = [];
  for (const raw of fields(form, 'item')) {
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new PublicError(400, 'The list of articles in this form is not valid.');
    const articleId = Number(raw);
    if (seen.has(articleId)) continue;
    seen.add(articleId);
    const blurb = field(form, `blurb-${articleId}`);
    items.push(blurb.trim() === '' ? { articleId } : { articleId, blurb });
  }
  return { subject: field(form, 'subject'), preheader: field(form, 'preheader'), intro: field(form, 'intro'), items };
}

/** `YYYY-MM-DDTHH:MM` from a datetime-local field, read as UTC; anything else is passed on to fail validation. */
function scheduleTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

/** Registers the routes. */
export function registerIssueAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const noticeOf = (c: AnyContext): string | null => ISSUE_NOTICES[c.req.query('notice') ?? ''] ?? null;
  const actor = (c: AnyContext, user: SessionUser) => ({ userId: user.id, ip: clientIp(c) });

  async function page(c: AnyContext, user: SessionUser, title: string, body: Child, status = 200, wide = false): Promise<Response> {
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/newsletters" styles={[ctx.assetPath('charts.css')]} wide={wide}>
        {body}
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  /** Registers a path for an action; a missing issue is a 404, a state conflict a 409 page. */
  function route(method: 'get' | 'post', path: string, action: Action, handler: (c: AnyContext, user: SessionUser, form: Form) => Promise<Response>): void {
    app.on(method.toUpperCase(), path, async (c) => {
      const form = method === 'post' ? await c.req.parseBody({ all: true }) : null;
      const user = await staffMember(c, ctx, action, { form, refusal: REFUSALS[action] ?? 'You may not do this.' });
      if (user instanceof Response) return user;
      try {
        return await handler(c, user, form ?? {});
      } catch (error) {
        if (error instanceof IssueNotFoundError) throw new PublicError(404, error.message);
        if (error instanceof IssueStateError) return errorPage(c, ctx, 409, error.message);
        throw error;
      }
    });
  }

  async function listOf(id: number): Promise<Newsletter> {
    const found = await getNewsletter(ctx.db, id);
    if (!found) throw new PublicError(404, 'No newsletter has that number.');
    return found;
  }

  async function issueAndList(c: AnyContext): Promise<{ issue: IssueRecord; list: Newsletter }> {
    const issue = await requireIssue(ctx.db, Number(c.req.param('issueId')));
    return { issue, list: await listOf(issue.newsletterId) };
  }

  // --- A list's issues ----------------------------------------------------------------

  async function issueList(c: AnyContext, user: SessionUser, list: Newsletter, problems: string[] = [], status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    const tags = await ctx.db.selectFrom('tags').select(['id', 'name', 'kind']).where('kind', 'in', ['topic', 'country']).orderBy('name').limit(300).execute();
    const body = (
      <IssueListView
        list={list}
        issues={await issueSummaries(ctx.db, list.id)}
        csrf={user.csrfToken}
        notice={noticeOf(c)}
        problems={problems}
        sources={{ sections: catalog.sections.map((section) => ({ id: section.id, name: section.name })), tags }}
        canSend={can(user, 'newsletters.send')}
      />
    );
    return page(c, user, `Issues: ${list.name}`, body, status);
  }

  route('get', `/admin/newsletters/${LIST}/issues`, 'newsletters.manage', async (c, user) => issueList(c, user, await listOf(Number(c.req.param('id')))));

  route('post', `/admin/newsletters/${LIST}/issues`, 'newsletters.manage', async (c, user, form) => {
    const list = await listOf(Number(c.req.param('id')));
    try {
      const id = await createIssue(ctx.db, list.id, { subject: field(form, 'subject') }, actor(c, user));
      return c.redirect(`/admin/newsletters/issues/${id}?notice=created`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return issueList(c, user, list, error.problems, 422);
      throw error;
    }
  });

  route('post', `/admin/newsletters/${LIST}/issues/digest`, 'newsletters.manage', async (c, user, form) => {
    const list = await listOf(Number(c.req.param('id')));
    const match = /^(section|tag):([1-9][0-9]{0,9})$/.exec(field(form, 'source'));
    if (!match) return issueList(c, user, list, ['source: choose a section or a tag'], 422);
    const source = match[1] === 'section' ? { sectionId: Number(match[2]) } : { tagId: Number(match[2]) };
    try {
      const id = await createDigest(ctx.db, list.id, source, actor(c, user));
      return c.redirect(`/admin/newsletters/issues/${id}?notice=created`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return issueList(c, user, list, error.problems, 422);
      throw error;
    }
  });

  // --- Compose -------------------------------------------------------------------------

  async function compose(c: AnyContext, user: SessionUser, state: { values?: ComposeValues; problems?: string[]; q?: string } = {}, status = 200): Promise<Response> {
    const { issue, list } = await issueAndList(c);
    const values = state.values ?? { subject: issue.subject, preheader: issue.preheader, intro: issue.intro, items: issue.items };
    const q = (state.q ?? c.req.query('q') ?? '').trim();
    if (q.length > 200) throw new PublicError(400, 'A search may be at most 200 characters long.');
    const [articles, results] = await Promise.all([itemArticles(ctx.db, values.items), searchPublishedArticles(ctx.db, q, list.language)]);
    const body = (
      <ComposeView
        list={list}
        issue={issue}
        values={values}
        articles={articles}
        q={q}
        results={results}
        csrf={user.csrfToken}
        notice={noticeOf(c)}
        problems={state.problems ?? []}
        canSend={can(user, 'newsletters.send')}
        minSchedule={new Date(Date.now() + 60_000).toISOString().slice(0, 16)}
      />
    );
    return page(c, user, `Issue: ${issue.subject}`, body, status);
  }

  route('get', `/admin/newsletters/issues/${ISSUE}`, 'newsletters.manage', (c, user) => compose(c, user));

  route('post', `/admin/newsletters/issues/${ISSUE}`, 'newsletters.manage', async (c, user, form) => {
    const issueId = Number(c.req.param('issueId'));
    const values = composeValues(form);
    const action = parseItemAction(field(form, 'action'));
    const q = field(form, 'q').trim().slice(0, 200);
    const items = action ? applyItemAction(values.items, action) : values.items;
    try {
      await updateIssue(ctx.db, issueId, { ...values, items });
    } catch (error) {
      if (error instanceof ValidationError) return compose(c, user, { values: { ...values, items }, problems: error.problems, q }, 422);
      throw error;
    }
    const search = q ? `&q=${encodeURIComponent(q)}` : '';
    const anchor = action?.kind === 'add' ? '#add-articles' : '';
    return c.redirect(`/admin/newsletters/issues/${issueId}?notice=saved${search}${anchor}`, 303);
  });

  route('post', `/admin/newsletters/issues/${ISSUE}/delete`, 'newsletters.manage', async (c) => {
    const { issue } = await issueAndList(c);
    await deleteIssue(ctx.db, issue.id);
    return c.redirect(`/admin/newsletters/${issue.newsletterId}/issues?notice=deleted`, 303);
  });

  // --- Preview -------------------------------------------------------------------------

  route('get', `/admin/newsletters/issues/${ISSUE}/preview`, 'newsletters.manage', async (c, user) => {
    const { issue, list } = await issueAndList(c);
    const rendered = await previewIssue(ctx, issue.id);
    const response = await page(c, user, `Preview: ${issue.subject}`, <PreviewView issue={issue} text={rendered.text} subject={rendered.subject} language={list.language} />, 200, true);
    // The two frames show this site's own preview.html; nothing else may be framed.
    const policy = response.headers.get('content-security-policy');
    if (policy) response.headers.set('content-security-policy', `${policy}; frame-src 'self'`);
    return response;
  });

  route('get', `/admin/newsletters/issues/${ISSUE}/preview.html`, 'newsletters.manage', async (c) => {
    const { issue } = await issueAndList(c);
    const rendered = await previewIssue(ctx, issue.id);
    const origin = new URL(ctx.config.publicUrl).origin;
    return c.body(rendered.html, 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Shown sandboxed (no script, no forms, no same-origin rights) and only inside our own admin.
      'content-security-policy': `sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src 'self' ${origin} data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'`,
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });

  // --- Test, send, schedule ------------------------------------------------------------

  route('post', `/admin/newsletters/issues/${ISSUE}/test`, 'newsletters.send', async (c, user, form) => {
    const { issue } = await issueAndList(c);
    const to = field(form, 'to').trim();
    if (to.length > 254 || !isPlausibleAddress(to)) return compose(c, user, { problems: ['to: enter one valid email address for the test copy'] }, 422);
    try {
      await sendTestCopy(ctx, issue.id, to);
    } catch (error) {
      if (error instanceof ValidationError) return compose(c, user, { problems: error.problems }, 422);
      ctx.logger.error('newsletter test copy failed', { issueId: issue.id, error: error instanceof Error ? error.message : String(error) });
      return compose(c, user, { problems: ['The test copy could not be sent. Nothing was sent to subscribers; try again, or check the mail settings.'] }, 502);
    }
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'newsletter_issue.test_sent', subjectType: 'newsletter_issue', subjectId: issue.id, details: { newsletterId: issue.newsletterId }, ip: clientIp(c) });
    return c.redirect(`/admin/newsletters/issues/${issue.id}?notice=test-sent`, 303);
  });

  async function sendConfirm(c: AnyContext, user: SessionUser, problems: string[] = [], status = 200): Promise<Response> {
    const { issue, list } = await issueAndList(c);
    const [recipients, catalog] = await Promise.all([confirmedCount(ctx.db, list.id), ctx.catalog()]);
    const view = <SendConfirmView issue={issue} list={list} recipients={recipients} csrf={user.csrfToken} problems={problems} hasPostalAddress={catalog.site.postalAddress !== ''} />;
    return page(c, user, `Send: ${issue.subject}`, view, status);
  }

  route('get', `/admin/newsletters/issues/${ISSUE}/send`, 'newsletters.send', async (c, user) => {
    try {
      await checkIssueSendable(ctx.db, Number(c.req.param('issueId')));
    } catch (error) {
      if (error instanceof ValidationError) return sendConfirm(c, user, error.problems, 422);
      throw error;
    }
    return sendConfirm(c, user);
  });

  route('post', `/admin/newsletters/issues/${ISSUE}/send`, 'newsletters.send', async (c, user, form) => {
    const { issue } = await issueAndList(c);
    if (field(form, 'confirm') !== 'yes') return sendConfirm(c, user, ['Confirm the send with the button on this page.'], 422);
    let recipients: number;
    try {
      await checkIssueSendable(ctx.db, issue.id);
      recipients = await startSending(ctx, issue.id, user.id);
    } catch (error) {
      if (error instanceof ValidationError) return sendConfirm(c, user, error.problems, 422);
      throw error;
    }
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'newsletter_issue.send_started', subjectType: 'newsletter_issue', subjectId: issue.id, details: { newsletterId: issue.newsletterId, recipients }, ip: clientIp(c) });
    return c.redirect(`/admin/newsletters/issues/${issue.id}/stats?notice=sending`, 303);
  });

  route('post', `/admin/newsletters/issues/${ISSUE}/schedule`, 'newsletters.send', async (c, user, form) => {
    const issueId = Number(c.req.param('issueId'));
    try {
      await scheduleIssue(ctx.db, issueId, scheduleTime(field(form, 'at').trim()), actor(c, user));
    } catch (error) {
      if (error instanceof ValidationError) return compose(c, user, { problems: error.problems }, 422);
      throw error;
    }
    return c.redirect(`/admin/newsletters/issues/${issueId}?notice=scheduled`, 303);
  });

  route('post', `/admin/newsletters/issues/${ISSUE}/unschedule`, 'newsletters.send', async (c, user) => {
    const issueId = Number(c.req.param('issueId'));
    await unscheduleIssue(ctx.db, issueId, actor(c, user));
    return c.redirect(`/admin/newsletters/issues/${issueId}?notice=unscheduled`, 303);
  });

  route('post', `/admin/newsletters/issues/${ISSUE}/cancel`, 'newsletters.send', async (c, user) => {
    const issueId = Number(c.req.param('issueId'));
    await cancelIssue(ctx.db, issueId, actor(c, user));
    return c.redirect(`/admin/newsletters/issues/${issueId}?notice=cancelled`, 303);
  });

  // --- Stats ---------------------------------------------------------------------------

  route('get', `/admin/newsletters/issues/${ISSUE}/stats`, 'newsletters.manage', async (c, user) => {
    const { issue, list } = await issueAndList(c);
    const stats = await issueStats(ctx.db, issue.id);
    if (!stats) throw new PublicError(404, 'No newsletter issue has that number.');
    const notice = noticeOf(c);
    return page(
      c,
      user,
      `Stats: ${issue.subject}`,
      <>
        {notice ? (
          <p class="admin-notice" role="status">
            {notice}
          </p>
        ) : null}
        <IssueStatsView list={list} issue={issue} stats={stats} />
      </>,
    );
  });

  route('get', `/admin/newsletters/${LIST}/stats`, 'newsletters.manage', async (c, user) => {
    const list = await listOf(Number(c.req.param('id')));
    const [confirmed, growth, issues] = await Promise.all([confirmedCount(ctx.db, list.id), subscribersOverTime(ctx.db, list.id), issueSummaries(ctx.db, list.id)]);
    return page(c, user, `Stats: ${list.name}`, <ListStatsView list={list} confirmed={confirmed} growth={growth} issues={issues} />);
  });
}
