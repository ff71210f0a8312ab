/**
 * The newsroom's pages around the editor: the inbox, the article list, starting a new
 * article, the editor page itself, the byte-for-byte preview, and the history with
 * revision diffs and restore.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../../app-context.ts';
import { can, isAtLeast } from '../../accounts/policy.ts';
import type { SessionUser } from '../../accounts/sessions.ts';
import { ARTICLE_TYPES } from '../../articles/article-types.ts';
import { loadArticlePreview } from '../../articles/article-page-data.ts';
import { articlePageMeta } from '../../articles/article-meta.ts';
import { ArticlePage } from '../../articles/views/article-page.tsx';
import { PublicError } from '../../http/errors.tsx';
import { htmlPage } from '../../http/respond.ts';
import { LANGUAGES } from '../../i18n/languages.ts';
import { getImage } from '../../media/library.ts';
import { ACTIVITY_LABELS, listActivity } from '../../newsroom/activity.ts';
import { diffFields } from '../../newsroom/diff.ts';
import type { DiffNames } from '../../newsroom/diff.ts';
import { ConflictError, createDraft, loadEditable, readableState, restoreRevision } from '../../newsroom/editing.ts';
import { listNewsroomArticles, loadInbox } from '../../newsroom/listing.ts';
import type { NewsroomArticle } from '../../newsroom/listing.ts';
import { getRevision, listRevisions } from '../../newsroom/revisions.ts';
import { chromeFor } from '../../site/chrome.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import { ValidationError } from '../../shared/validation.ts';
import { EditorView } from '../editor/editor-page.tsx';
import { editorAssetUrls } from '../editor/assets.ts';
import { AdminLayout, FormErrors } from '../admin-layout.tsx';
import { checkCsrf, staffMember } from '../session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/** A time as staff read it: UTC, unambiguous. */
function when(iso: string | null): string {
  if (!iso) return '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The signed-in staff member, or a redirect to sign in. */
function staff(c: AnyContext, app: AppContext): Promise<SessionUser | Response> {
  return staffMember(c, app, 'admin.enter', { refusal: 'Your account cannot use the admin.' });
}

async function page(c: AnyContext, app: AppContext, user: SessionUser, title: string, body: Child, options: { current?: string; status?: number; scripts?: string[]; styles?: string[]; wide?: boolean } = {}): Promise<Response> {
  const catalog = await app.catalog();
  const layout = (
    <AdminLayout title={title} user={user} assetPath={app.assetPath} siteName={catalog.site.name} current={options.current} scripts={options.scripts} styles={options.styles} wide={options.wide}>
      {body}
    </AdminLayout>
  );
  return htmlPage(c, app, layout, { status: options.status ?? 200, cacheable: false, language: 'en', scripts: (options.scripts ?? []).length > 0 });
}

function articleId(c: AnyContext): number {
  const raw = c.req.param('id') ?? '';
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new PublicError(404, 'No article has that address.');
  return Number(raw);
}

/** A status as a small badge. */
export function StatusBadge(props: { status: string }) {
  return <span class={`status-badge status-badge--${props.status}`}>{STATUS_LABELS[props.status] ?? props.status}</span>;
}

function ArticleTable(props: { items: NewsroomArticle[]; empty: string; caption?: string }) {
  if (props.items.length === 0) return <p class="admin-empty">{props.empty}</p>;
  return (
    <table class="admin-table">
      {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">State</th>
          <th scope="col">Section</th>
          <th scope="col">By</th>
          <th scope="col">Assigned</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr>
            <td>
              <a href={`/admin/articles/${item.id}`} lang={item.language}>
                {item.headline.trim() === '' ? '(no headline yet)' : item.headline}
              </a>
              {item.language !== 'en' ? <span class="admin-lang"> {item.language.toUpperCase()}</span> : null}
              {item.note ? <span class="inbox-note">Note: {item.note}</span> : null}
            </td>
            <td>
              <StatusBadge status={item.status} />
              {item.status === 'scheduled' && item.scheduledAt ? <span class="admin-sub"> for {when(item.scheduledAt)}</span> : null}
            </td>
            <td>{item.sectionName}</td>
            <td>{item.createdBy ?? '—'}</td>
            <td>{item.assignee ?? '—'}</td>
            <td>{when(item.modifiedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The inbox at /admin: what waits for the signed-in person. */
export async function inboxPage(c: AnyContext, app: AppContext, user: SessionUser): Promise<Response> {
  const groups = await loadInbox(app.db, user);
  return page(
    c,
    app,
    user,
    'Inbox',
    <>
      <p class="admin-lede">
        Signed in as <strong>{user.name}</strong> ({user.email}), {user.role}. <a href="/admin/articles/new">Start a new article</a>.
      </p>
      {groups.map((group) => (
        <section class="inbox-group" aria-labelledby={`inbox-${group.title.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
          <h2 id={`inbox-${group.title.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
            {group.title} <span class="inbox-count">({group.items.length})</span>
          </h2>
          <ArticleTable items={group.items} empty={group.empty} />
        </section>
      ))}
      <section class="inbox-group">
        <h2>Your account</h2>
        <form method="post" action="/admin/logout-everywhere" class="admin-form admin-form--inline">
          <input type="hidden" name="csrf" value={user.csrfToken} />
          <button type="submit" class="button-secondary">Sign out on every device</button>
        </form>
      </section>
    </>,
    { current: '/admin' },
  );
}

function NewArticleForm(props: { csrf: string; sections: { id: number; name: string }[]; problems: string[] }) {
  return (
    <>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/articles/new" class="admin-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Working headline <span class="hint">You can change it at any time.</span>
          <input name="headline" maxlength={300} />
        </label>
        <label>
          Language
          <select name="language">
            {Object.values(LANGUAGES).map((language) => (
              <option value={language.code}>{language.name}</option>
            ))}
          </select>
        </label>
        <label>
          Section
          <select name="sectionId">
            {props.sections.map((section) => (
              <option value={String(section.id)}>{section.name}</option>
            ))}
          </select>
        </label>
        <label>
          Type of work
          <select name="type">
            {ARTICLE_TYPES.map((type) => (
              <option value={type}>{type[0]?.toUpperCase() + type.slice(1)}</option>
            ))}
          </select>
        </label>
        <button type="submit">Create the draft</button>
      </form>
    </>
  );
}

/** Registers the article pages under /admin/articles. */
export function registerArticleAdminPages(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/admin/articles', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const status = c.req.query('status') ?? '';
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const mine = c.req.query('mine') === '1';
    if (status !== '' && !(status in STATUS_LABELS)) throw new PublicError(400, 'Unknown state in the filter.');
    const result = await listNewsroomArticles(ctx.db, user, { q, status: status === '' ? undefined : (status as NewsroomArticle['status']), mine, after: c.req.query('after') });
    if (!result) throw new PublicError(400, 'The "after" value in this address is not a valid page marker.');
    const nextQuery = result.next ? new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}), ...(mine ? { mine: '1' } : {}), after: result.next }).toString() : null;
    return page(
      c,
      ctx,
      user,
      'Articles',
      <>
        <form method="get" action="/admin/articles" class="admin-filters" role="search" aria-label="Find articles">
          <label>
            Headline contains
            <input type="search" name="q" value={q} maxlength={200} />
          </label>
          <label>
            State
            <select name="status">
              <option value="">Any</option>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option value={value} selected={value === status}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label class="admin-check">
            <input type="checkbox" name="mine" value="1" checked={mine} /> Only mine
          </label>
          <button type="submit">Filter</button>
        </form>
        <ArticleTable items={result.items} empty="No article matches." caption="Articles" />
        {nextQuery ? (
          <p class="admin-pager">
            <a href={`/admin/articles?${nextQuery}`}>Older changes →</a>
          </p>
        ) : null}
      </>,
      { current: '/admin/articles' },
    );
  });

  app.get('/admin/articles/new', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    if (!can(user, 'article.create')) throw new PublicError(403, 'Your role cannot create articles.');
    const catalog = await ctx.catalog();
    return page(c, ctx, user, 'New article', <NewArticleForm csrf={user.csrfToken} sections={catalog.sections.map((s) => ({ id: s.id, name: s.name }))} problems={[]} />, { current: '/admin/articles/new' });
  });

  app.post('/admin/articles/new', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, user);
    const catalog = await ctx.catalog();
    const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const sectionId = Number(text('sectionId'));
    try {
      if (!catalog.sectionsById.has(sectionId)) throw new ValidationError(['section: choose a section']);
      if (!(text('language') in LANGUAGES)) throw new ValidationError(['language: choose a language']);
      if (!(ARTICLE_TYPES as readonly string[]).includes(text('type'))) throw new ValidationError(['type: choose a type of work']);
      const id = await createDraft(ctx.db, user, { language: text('language'), sectionId, type: text('type'), headline: text('headline').trim().slice(0, 300) });
      return c.redirect(`/admin/articles/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(c, ctx, user, 'New article', <NewArticleForm csrf={user.csrfToken} sections={catalog.sections.map((s) => ({ id: s.id, name: s.name }))} problems={error.problems} />, { status: 422 });
    }
  });

  app.get('/admin/articles/:id', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const id = articleId(c);
    const catalog = await ctx.catalog();
    const article = await loadEditable(ctx.db, catalog, user, id);
    const authors = await ctx.db.selectFrom('authors').select(['id', 'name']).orderBy('name').execute();
    const editors = (await ctx.db.selectFrom('users').select(['id', 'name', 'role']).where('status', '=', 'active').orderBy('name').execute()).filter((u) => isAtLeast(u.role, 'editor'));
    const tags = article.fields.tagIds.length > 0 ? await ctx.db.selectFrom('tags').select(['id', 'kind', 'name']).where('id', 'in', article.fields.tagIds).execute() : [];
    const tagOrder = new Map(article.fields.tagIds.map((tagId, index) => [tagId, index]));
    const hero = article.fields.heroImageId === null ? null : await getImage(ctx.db, article.fields.heroImageId);
    const assets = await editorAssetUrls();
    const headline = article.fields.headline.trim() === '' ? 'Untitled draft' : article.fields.headline;
    return page(
      c,
      ctx,
      user,
      `Edit: ${headline}`,
      <EditorView
        article={article}
        user={user}
        lookups={{
          sections: catalog.sections.map((s) => ({ id: s.id, name: s.name })),
          authors: authors.map((a) => ({ id: Number(a.id), name: a.name })),
          editors: editors.map((e) => ({ id: Number(e.id), name: e.name })),
          tags: tags.map((tag) => ({ id: Number(tag.id), kind: tag.kind, name: tag.name })).sort((a, b) => (tagOrder.get(a.id) ?? 0) - (tagOrder.get(b.id) ?? 0)),
          heroImage: hero ? { id: hero.id, thumbnailUrl: hero.thumbnailUrl ?? '', alt: hero.alt, caption: hero.caption, credit: hero.credit, canDistribute: hero.canDistribute } : null,
          articleTypes: ARTICLE_TYPES,
          languages: Object.values(LANGUAGES).map((l) => ({ code: l.code, name: l.name })),
        }}
      />,
      { scripts: [assets.script], styles: [assets.style], wide: true },
    );
  });

  // The preview is the public page's own code path and data, so its HTML is the page readers will get.
  app.get('/admin/articles/:id/preview', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const id = articleId(c);
    await readableState(ctx.db, user, id);
    const catalog = await ctx.catalog();
    const article = await loadArticlePreview(ctx.db, catalog, id, new Date().toISOString());
    if (!article) throw new PublicError(404, 'This article has no section, so it cannot be shown.');
    const chrome = chromeFor(catalog, article.language, ctx.config.publicUrl, ctx.assetPath);
    const response = await htmlPage(c, ctx, <ArticlePage chrome={chrome} article={article} meta={articlePageMeta(chrome, article)} />, { cacheable: false, language: article.language });
    response.headers.set('x-robots-tag', 'noindex');
    return response;
  });

  app.get('/admin/articles/:id/history', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const id = articleId(c);
    const catalog = await ctx.catalog();
    const article = await loadEditable(ctx.db, catalog, user, id);
    const revisions = await listRevisions(ctx.db, id);
    const activity = await listActivity(ctx.db, id);
    const pick = (name: string, fallback: number | undefined) => {
      const raw = c.req.query(name);
      if (raw === undefined) return fallback;
      if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new PublicError(400, `"${name}" must be a revision number from this page.`);
      return Number(raw);
    };
    const toId = pick('to', revisions[0]?.id);
    const fromId = pick('from', revisions[1]?.id);
    const [from, to] = [fromId ? await getRevision(ctx.db, id, fromId) : null, toId ? await getRevision(ctx.db, id, toId) : null];
    if ((fromId && !from) || (toId && !to)) throw new PublicError(404, 'That revision does not belong to this article.');
    let names: DiffNames | null = null;
    if (from && to) {
      const authorIds = [...new Set([...from.fields.authorIds, ...to.fields.authorIds])];
      const tagIds = [...new Set([...from.fields.tagIds, ...to.fields.tagIds])];
      names = {
        sections: new Map(catalog.sections.map((s) => [s.id, s.name])),
        authors: new Map((authorIds.length ? await ctx.db.selectFrom('authors').select(['id', 'name']).where('id', 'in', authorIds).execute() : []).map((a) => [Number(a.id), a.name])),
        tags: new Map((tagIds.length ? await ctx.db.selectFrom('tags').select(['id', 'name']).where('id', 'in', tagIds).execute() : []).map((t) => [Number(t.id), t.name])),
        images: new Map(),
      };
    }
    const diffs = from && to && names ? diffFields(from.fields, to.fields, names) : [];
    const headline = article.fields.headline.trim() === '' ? 'Untitled draft' : article.fields.headline;
    return page(
      c,
      ctx,
      user,
      `History: ${headline}`,
      <>
        <p class="admin-lede">
          <a href={`/admin/articles/${id}`}>← Back to the editor</a> · Now <StatusBadge status={article.status} />, revision {article.revision}
        </p>
        <div class="history-layout">
          <section aria-labelledby="revisions-title">
            <h2 id="revisions-title">Revisions</h2>
            <form method="get" action={`/admin/articles/${id}/history`} class="history-compare">
              <table class="admin-table">
                <thead>
                  <tr>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Saved</th>
                    <th scope="col">By</th>
                    <th scope="col">Kind</th>
                    <th scope="col">
                      <span class="visually-hidden">Restore</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {revisions.map((revision) => (
                    <tr class={revision.kind === 'conflict' ? 'history-conflict' : undefined}>
                      <td>
                        <input type="radio" name="from" value={String(revision.id)} checked={revision.id === fromId} aria-label={`Compare from revision saved ${when(revision.createdAt)}`} />
                      </td>
                      <td>
                        <input type="radio" name="to" value={String(revision.id)} checked={revision.id === toId} aria-label={`Compare to revision saved ${when(revision.createdAt)}`} />
                      </td>
                      <td>{when(revision.createdAt)}</td>
                      <td>{revision.user?.name ?? 'Masthead'}</td>
                      <td>
                        {revision.kind}
                        {revision.note ? <span class="admin-sub"> — {revision.note}</span> : null}
                      </td>
                      <td>
                        {article.permissions.edit ? (
                          <button type="submit" form={`restore-${revision.id}`} class="button-link">
                            Restore
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="submit">Compare</button>
            </form>
            {article.permissions.edit
              ? revisions.map((revision) => (
                  <form id={`restore-${revision.id}`} method="post" action={`/admin/articles/${id}/revisions/${revision.id}/restore`} hidden>
                    <input type="hidden" name="csrf" value={user.csrfToken} />
                    <input type="hidden" name="baseRevision" value={String(article.revision)} />
                  </form>
                ))
              : null}
          </section>
          <section aria-labelledby="diff-title">
            <h2 id="diff-title">Changes</h2>
            {from && to ? (
              <p class="admin-sub">
                From the version saved {when(from.createdAt)} by {from.user?.name ?? 'Masthead'} to the version saved {when(to.createdAt)} by {to.user?.name ?? 'Masthead'}.
              </p>
            ) : (
              <p class="admin-empty">Choose two revisions to compare.</p>
            )}
            {from && to && diffs.length === 0 ? <p class="admin-empty">These two versions are the same.</p> : null}
            {diffs.map((diff) => (
              <div class="diff-field">
                <h3>{diff.label}</h3>
                <p class="diff-text">
                  {diff.parts.map((part) => (part.change === 'added' ? <ins>{part.text}</ins> : part.change === 'removed' ? <del>{part.text}</del> : part.text))}
                </p>
              </div>
            ))}
          </section>
          <section aria-labelledby="activity-title">
            <h2 id="activity-title">Activity</h2>
            <ol class="activity-list">
              {activity.map((entry) => (
                <li>
                  <time datetime={entry.at}>{when(entry.at)}</time> <strong>{entry.user?.name ?? 'Masthead'}</strong> {ACTIVITY_LABELS[entry.action] ?? entry.action}
                  {typeof entry.details.at === 'string' ? ` for ${when(entry.details.at)}` : ''}
                  {entry.note ? <blockquote class="activity-note">{entry.note}</blockquote> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </>,
      { wide: true },
    );
  });

  app.post('/admin/articles/:id/revisions/:revisionId/restore', async (c) => {
    const user = await staff(c, ctx);
    if (user instanceof Response) return user;
    const id = articleId(c);
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, user);
    const revisionId = Number(c.req.param('revisionId'));
    const baseRevision = Number(form.baseRevision);
    if (!Number.isInteger(revisionId) || revisionId <= 0 || !Number.isInteger(baseRevision) || baseRevision <= 0) throw new PublicError(400, 'That restore request is not complete.');
    try {
      await restoreRevision(ctx.db, user, id, revisionId, baseRevision);
    } catch (error) {
      if (error instanceof ConflictError) throw new PublicError(422, 'The article changed since you opened its history; nothing was restored. Reload the history and try again.');
      throw error;
    }
    return c.redirect(`/admin/articles/${id}`, 303);
  });
}
