/**
 * Sections, tags and authors admin for editors (`taxonomy.manage`). Handlers stay thin:
 * read the form, check the CSRF token and the policy, run a command from src/taxonomy,
 * then redirect with a notice (303), show the form again with its problems (422), or
 * answer 403/404.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { getImage } from '../media/library.ts';
import { TAG_KINDS } from '../newsroom/tags.ts';
import { ValidationError } from '../shared/validation.ts';
import type { Child } from '../site/jsx/jsx-runtime.ts';
import { AUTHOR_FIELDS, AuthorFormView, AuthorListView, EMPTY_AUTHOR, authorFormValues } from '../taxonomy/author-views.tsx';
import type { AuthorFormValues } from '../taxonomy/author-views.tsx';
import { MAX_AUTHOR_SEARCH, createAuthor, deleteAuthor, getAuthor, listAccountChoices, listAuthors, updateAuthor } from '../taxonomy/authors.ts';
import type { AuthorDetail } from '../taxonomy/authors.ts';
import { TaxonomyNotFoundError, decodeNameCursor, encodeNameCursor, formText, formTexts } from '../taxonomy/common.ts';
import type { NameCursor } from '../taxonomy/common.ts';
import { listHref } from '../taxonomy/form-parts.tsx';
import { EMPTY_SECTION, SECTION_FIELDS, SectionFormView, SectionListView, sectionFormValues } from '../taxonomy/section-views.tsx';
import type { SectionFormValues } from '../taxonomy/section-views.tsx';
import { createSection, deleteSection, getSection, listSections, moveSection, updateSection } from '../taxonomy/sections.ts';
import type { SectionSummary } from '../taxonomy/sections.ts';
import { TAG_FIELDS, TagFormView, TagListView, TagMergeView, emptyTagValues, tagFormValues } from '../taxonomy/tag-views.tsx';
import type { TagFormValues } from '../taxonomy/tag-views.tsx';
import { MAX_TAG_SEARCH, createTag, deleteTag, getTag, listCountries, listTags, mergeCandidates, mergeTag, updateTag } from '../taxonomy/tags.ts';
import type { TagDetail, TagKind } from '../taxonomy/tags.ts';
import { AdminLayout } from './admin-layout.tsx';
import { clientIp, staffMember } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;
type Form = Record<string, string | File>;

/** What a finished action says on the page it lands on (fixed texts: nothing from the address is shown). */
const NOTICES: Record<string, string> = {
  'section-created': 'Section created. It is now in the navigation of every edition.',
  'section-saved': 'Section saved. Public pages show the change now.',
  'section-moved': 'Order saved.',
  'section-deleted': 'Section deleted.',
  'tag-created': 'Tag created.',
  'tag-saved': 'Tag saved.',
  'tag-merged': 'Merged: the other tag’s articles now carry this one, and its name is kept as an alias.',
  'tag-deleted': 'Tag deleted and taken off its articles.',
  'author-created': 'Author created.',
  'author-saved': 'Author saved.',
  'author-deleted': 'Author deleted.',
};

const ID_ROUTE = ':id{[1-9][0-9]{0,9}}';

/** The id in the path (the route pattern already admits digits only). */
function pathId(c: AnyContext): number {
  return Number(c.req.param('id'));
}

/** A search of a list page; too long is the caller's mistake (400). */
function searchOf(c: AnyContext, max: number): string {
  const q = (c.req.query('q') ?? '').trim();
  if (q.length > max) throw new PublicError(400, `A search may be at most ${max} characters long.`);
  return q;
}

/** `?after=` of a list page; a value this admin did not make is a 400. */
function cursorOf(c: AnyContext): NameCursor | null {
  const raw = c.req.query('after') ?? '';
  if (raw === '') return null;
  const cursor = decodeNameCursor(raw);
  if (!cursor) throw new PublicError(400, 'The "after" value in this address is not a valid page marker.');
  return cursor;
}

/** `?kind=` of the tag list; anything but a tag kind is a 400. */
function kindOf(c: AnyContext): TagKind | null {
  const raw = c.req.query('kind') ?? '';
  if (raw === '') return null;
  if (!(TAG_KINDS as readonly string[]).includes(raw)) throw new PublicError(400, 'The "kind" value in this address is not a kind of tag.');
  return raw as TagKind;
}

/** Registers /admin/sections, /admin/tags and /admin/authors with their forms. */
export function registerTaxonomyRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  /** The signed-in editor of a request (CSRF checked on posts), or the answer that ends it. */
  function editor(c: AnyContext, form: Form | null): Promise<SessionUser | Response> {
    return staffMember(c, ctx, 'taxonomy.manage', { form, refusal: 'Only editors, admins and owners can manage sections, tags and authors.' });
  }

  async function page(c: AnyContext, user: SessionUser, title: string, current: string, body: Child, status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current={current}>
        {body}
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  const acting = (c: AnyContext, user: SessionUser): ActingContext => ({ actor: user, ip: clientIp(c) });
  const noticeOf = (c: AnyContext): string | null => NOTICES[c.req.query('notice') ?? ''] ?? null;

  /** Runs a change; a missing record is a 404, refused input shows the page again with its problems (422). */
  async function attempt(change: () => Promise<Response>, again: (problems: string[]) => Promise<Response>): Promise<Response> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof TaxonomyNotFoundError) throw new PublicError(404, error.message);
      if (error instanceof ValidationError) return again(error.problems);
      throw error;
    }
  }

  /** Registers GET and POST of one path for editors; a handler receives the signed-in user and (on POST) the form. */
  function route(method: 'get' | 'post', path: string, handler: (c: AnyContext, user: SessionUser, form: Form) => Promise<Response>): void {
    app.on(method.toUpperCase(), path, async (c) => {
      const form = method === 'post' ? await c.req.parseBody() : null;
      const user = await editor(c, form);
      if (user instanceof Response) return user;
      return handler(c, user, form ?? {});
    });
  }

  // --- Sections -------------------------------------------------------------------

  async function section(id: number): Promise<SectionSummary> {
    const found = await getSection(ctx.db, id);
    if (!found) throw new PublicError(404, 'No section has that number.');
    return found;
  }

  async function sectionList(c: AnyContext, user: SessionUser, problems: string[] = [], status = 200): Promise<Response> {
    const sections = await listSections(ctx.db);
    return page(c, user, 'Sections', '/admin/sections', <SectionListView sections={sections} csrf={user.csrfToken} notice={noticeOf(c)} problems={problems} />, status);
  }

  async function sectionForm(c: AnyContext, user: SessionUser, found: SectionSummary | null, state: { values?: SectionFormValues; problems?: string[] } = {}, status = 200): Promise<Response> {
    const values = state.values ?? (found ? sectionFormValues(found) : EMPTY_SECTION);
    const body = <SectionFormView section={found} values={values} csrf={user.csrfToken} problems={state.problems ?? []} notice={noticeOf(c)} />;
    return page(c, user, found ? `Section: ${found.name}` : 'New section', '/admin/sections', body, status);
  }

  route('get', '/admin/sections', (c, user) => sectionList(c, user));
  route('get', '/admin/sections/new', (c, user) => sectionForm(c, user, null));
  route('get', `/admin/sections/${ID_ROUTE}`, async (c, user) => sectionForm(c, user, await section(pathId(c))));

  route('post', '/admin/sections', (c, user, form) =>
    attempt(
      async () => {
        await createSection(ctx.db, acting(c, user), form);
        return c.redirect('/admin/sections?notice=section-created', 303);
      },
      (problems) => sectionForm(c, user, null, { values: formTexts(form, SECTION_FIELDS), problems }, 422),
    ),
  );

  route('post', `/admin/sections/${ID_ROUTE}`, async (c, user, form) => {
    const found = await section(pathId(c));
    return attempt(
      async () => {
        await updateSection(ctx.db, acting(c, user), found.id, form);
        return c.redirect('/admin/sections?notice=section-saved', 303);
      },
      (problems) => sectionForm(c, user, found, { values: formTexts(form, SECTION_FIELDS), problems }, 422),
    );
  });

  route('post', `/admin/sections/${ID_ROUTE}/move`, async (c, user, form) => {
    const direction = formText(form, 'direction');
    if (direction !== 'up' && direction !== 'down') return sectionList(c, user, ['direction: move a section up or down'], 422);
    return attempt(
      async () => {
        await moveSection(ctx.db, acting(c, user), pathId(c), direction);
        return c.redirect('/admin/sections?notice=section-moved', 303);
      },
      (problems) => sectionList(c, user, problems, 422),
    );
  });

  route('post', `/admin/sections/${ID_ROUTE}/delete`, async (c, user) => {
    const found = await section(pathId(c));
    return attempt(
      async () => {
        await deleteSection(ctx.db, acting(c, user), found.id);
        return c.redirect('/admin/sections?notice=section-deleted', 303);
      },
      (problems) => sectionForm(c, user, found, { problems }, 422),
    );
  });

  // --- Tags -----------------------------------------------------------------------

  async function tag(id: number): Promise<TagDetail> {
    const found = await getTag(ctx.db, id);
    if (!found) throw new PublicError(404, 'No tag has that number.');
    return found;
  }

  async function tagForm(c: AnyContext, user: SessionUser, found: TagDetail | null, state: { values?: TagFormValues; problems?: string[] } = {}, status = 200): Promise<Response> {
    const values = state.values ?? (found ? tagFormValues(found) : emptyTagValues(kindOf(c)));
    const countries = await listCountries(ctx.db);
    const body = <TagFormView tag={found} values={values} countries={countries} csrf={user.csrfToken} problems={state.problems ?? []} notice={noticeOf(c)} />;
    return page(c, user, found ? `Tag: ${found.name}` : 'New tag', '/admin/tags', body, status);
  }

  async function mergePage(c: AnyContext, user: SessionUser, found: TagDetail, problems: string[] = [], status = 200): Promise<Response> {
    const q = c.req.query('q') === undefined ? found.name : searchOf(c, MAX_TAG_SEARCH);
    const candidates = await mergeCandidates(ctx.db, found.id, q);
    return page(c, user, `Merge “${found.name}” into another tag`, '/admin/tags', <TagMergeView tag={found} q={q} candidates={candidates} csrf={user.csrfToken} problems={problems} />, status);
  }

  route('get', '/admin/tags', async (c, user) => {
    const [kind, q, after] = [kindOf(c), searchOf(c, MAX_TAG_SEARCH), cursorOf(c)];
    const result = await listTags(ctx.db, { kind, q, after });
    const filters = { kind, q };
    const nextHref = result.next ? listHref('/admin/tags', { ...filters, after: encodeNameCursor(result.next) }) : null;
    const body = <TagListView tags={result.tags} kind={kind} q={q} notice={noticeOf(c)} firstHref={after ? listHref('/admin/tags', filters) : null} nextHref={nextHref} />;
    return page(c, user, 'Tags', '/admin/tags', body);
  });
  route('get', '/admin/tags/new', (c, user) => tagForm(c, user, null));
  route('get', `/admin/tags/${ID_ROUTE}`, async (c, user) => tagForm(c, user, await tag(pathId(c))));
  route('get', `/admin/tags/${ID_ROUTE}/merge`, async (c, user) => mergePage(c, user, await tag(pathId(c))));

  route('post', '/admin/tags', (c, user, form) =>
    attempt(
      async () => {
        const id = await createTag(ctx.db, acting(c, user), form);
        return c.redirect(`/admin/tags/${id}?notice=tag-created`, 303);
      },
      (problems) => tagForm(c, user, null, { values: formTexts(form, TAG_FIELDS), problems }, 422),
    ),
  );

  route('post', `/admin/tags/${ID_ROUTE}`, async (c, user, form) => {
    const found = await tag(pathId(c));
    return attempt(
      async () => {
        await updateTag(ctx.db, acting(c, user), found.id, form);
        return c.redirect(`/admin/tags/${found.id}?notice=tag-saved`, 303);
      },
      (problems) => tagForm(c, user, found, { values: formTexts(form, TAG_FIELDS), problems }, 422),
    );
  });

  route('post', `/admin/tags/${ID_ROUTE}/merge`, async (c, user, form) => {
    const found = await tag(pathId(c));
    const into = formText(form, 'into');
    return attempt(
      async () => {
        if (!/^[1-9][0-9]{0,9}$/.test(into)) throw new ValidationError(['Choose the tag to keep from the search results.']);
        await mergeTag(ctx.db, acting(c, user), found.id, Number(into));
        return c.redirect(`/admin/tags/${into}?notice=tag-merged`, 303);
      },
      (problems) => mergePage(c, user, found, problems, 422),
    );
  });

  route('post', `/admin/tags/${ID_ROUTE}/delete`, async (c, user) => {
    const found = await tag(pathId(c));
    return attempt(
      async () => {
        await deleteTag(ctx.db, acting(c, user), found.id);
        return c.redirect('/admin/tags?notice=tag-deleted', 303);
      },
      (problems) => tagForm(c, user, found, { problems }, 422),
    );
  });

  // --- Authors --------------------------------------------------------------------

  async function author(id: number): Promise<AuthorDetail> {
    const found = await getAuthor(ctx.db, id);
    if (!found) throw new PublicError(404, 'No author has that number.');
    return found;
  }

  async function authorForm(c: AnyContext, user: SessionUser, found: AuthorDetail | null, state: { values?: AuthorFormValues; problems?: string[] } = {}, status = 200): Promise<Response> {
    const values = state.values ?? (found ? authorFormValues(found) : EMPTY_AUTHOR);
    const imageId = /^[1-9][0-9]{0,9}$/.test(values.imageId) ? Number(values.imageId) : null;
    const [accounts, photo] = await Promise.all([listAccountChoices(ctx.db), imageId === null ? null : getImage(ctx.db, imageId)]);
    const body = <AuthorFormView author={found} values={values} accounts={accounts} photo={photo} csrf={user.csrfToken} problems={state.problems ?? []} notice={noticeOf(c)} />;
    return page(c, user, found ? `Author: ${found.name}` : 'New author', '/admin/authors', body, status);
  }

  route('get', '/admin/authors', async (c, user) => {
    const [q, after] = [searchOf(c, MAX_AUTHOR_SEARCH), cursorOf(c)];
    const result = await listAuthors(ctx.db, { q, after });
    const nextHref = result.next ? listHref('/admin/authors', { q, after: encodeNameCursor(result.next) }) : null;
    const body = <AuthorListView authors={result.authors} q={q} notice={noticeOf(c)} firstHref={after ? listHref('/admin/authors', { q }) : null} nextHref={nextHref} />;
    return page(c, user, 'Authors', '/admin/authors', body);
  });
  route('get', '/admin/authors/new', (c, user) => authorForm(c, user, null));
  route('get', `/admin/authors/${ID_ROUTE}`, async (c, user) => authorForm(c, user, await author(pathId(c))));

  route('post', '/admin/authors', (c, user, form) =>
    attempt(
      async () => {
        const id = await createAuthor(ctx.db, acting(c, user), form);
        return c.redirect(`/admin/authors/${id}?notice=author-created`, 303);
      },
      (problems) => authorForm(c, user, null, { values: formTexts(form, AUTHOR_FIELDS), problems }, 422),
    ),
  );

  route('post', `/admin/authors/${ID_ROUTE}`, async (c, user, form) => {
    const found = await author(pathId(c));
    return attempt(
      async () => {
        await updateAuthor(ctx.db, acting(c, user), found.id, form);
        return c.redirect(`/admin/authors/${found.id}?notice=author-saved`, 303);
      },
      (problems) => authorForm(c, user, found, { values: formTexts(form, AUTHOR_FIELDS), problems }, 422),
    );
  });

  route('post', `/admin/authors/${ID_ROUTE}/delete`, async (c, user) => {
    const found = await author(pathId(c));
    return attempt(
      async () => {
        await deleteAuthor(ctx.db, acting(c, user), found.id);
        return c.redirect('/admin/authors?notice=author-deleted', 303);
      },
      (problems) => authorForm(c, user, found, { problems }, 422),
    );
  });
}
