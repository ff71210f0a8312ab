/**
 * Author profiles as editors keep them: a searched, keyset-paged list, creating and
 * editing (photo from the media library, the staff account the profile belongs to), and
 * deleting a profile no article credits. Profile changes are content changes (author
 * pages and bylines show them) and audited.
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import { changeContent } from '../content/content-version.ts';
import { resyncSearchFor } from '../search/resync.ts';
import type { AuthorRow, Database, UsersTable } from '../db/schema.ts';
import { likePattern } from '../newsroom/listing.ts';
import { slugForName } from '../newsroom/tags.ts';
import { parseStringList } from '../shared/json.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { TaxonomyNotFoundError, articleUse, listText, optionalId, optionalText, refusingDuplicates, requiredText, slugText, splitList } from './common.ts';
import type { NameCursor } from './common.ts';
import { LANGUAGE_SEPARATOR, storedLanguage } from './languages.ts';

/** Authors per admin list page. */
export const AUTHOR_PAGE_SIZE = 50;
/** Longest search accepted. */
export const MAX_AUTHOR_SEARCH = 120;

/** The fields of the author form, as submitted. */
export const authorInputSchema = z.object({
  name: requiredText(120),
  slug: slugText,
  title: optionalText(120),
  bio: optionalText(2000),
  expertise: listText(/[,\r\n]+/, 80, 20),
  languages: z
    .string()
    .default('')
    .transform((text) => splitList(text, LANGUAGE_SEPARATOR))
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        if (storedLanguage(entry) === null) ctx.addIssue({ code: 'custom', message: `"${entry}" is not a language Masthead knows: use codes or English names, such as "en, ar" or "English, Arabic"` });
      }
    })
    .transform((entries) => [...new Set(entries.map((entry) => storedLanguage(entry) ?? entry))])
    .pipe(z.array(z.string()).max(12, 'has more than 12 languages')),
  location: optionalText(120),
  imageId: optionalId('enter the number of an image from the media library'),
  userId: optionalId('choose an account from the list'),
});

/** The staff account a profile belongs to. */
export interface LinkedAccount {
  id: number;
  name: string;
  email: string;
  status: UsersTable['status'];
}

/** An author as the admin list shows them. */
export interface AuthorListItem {
  id: number;
  slug: string;
  name: string;
  title: string;
  location: string;
  /** Articles in any state that credit them (drafts too: they keep the profile from being deleted). */
  articleCount: number;
  publishedCount: number;
  account: LinkedAccount | null;
}

/** An author as the edit page shows them. */
export interface AuthorDetail extends AuthorListItem {
  bio: string;
  expertise: string[];
  languages: string[];
  imageId: number | null;
}

/** One page of the list and where the next starts (null on the last page). */
export interface AuthorPage {
  authors: AuthorListItem[];
  next: NameCursor | null;
}

/** An account the form offers, and the other profile it already belongs to, if any. */
export interface AccountChoice extends LinkedAccount {
  linkedAuthor: { id: number; name: string } | null;
}

async function accountsOf(db: Kysely<Database>, authorIds: number[]): Promise<Map<number, LinkedAccount>> {
  if (authorIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name', 'email', 'status', 'author_id']).where('author_id', 'in', authorIds).orderBy('id').execute();
  const accounts = new Map<number, LinkedAccount>();
  for (const row of rows) {
    const authorId = Number(row.author_id);
    if (!accounts.has(authorId)) accounts.set(authorId, { id: Number(row.id), name: row.name, email: row.email, status: row.status });
  }
  return accounts;
}

/** How many articles credit each author, and how many of those are published. */
async function creditCounts(db: Kysely<Database> | Transaction<Database>, authorIds: number[]): Promise<Map<number, { total: number; published: number }>> {
  if (authorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('article_authors')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .select(['article_authors.author_id', (eb) => eb.fn.countAll<number | string>().as('count'), sql<number | string>`count(case when articles.status = 'published' then 1 end)`.as('published')])
    .where('article_authors.author_id', 'in', authorIds)
    .groupBy('article_authors.author_id')
    .execute();
  return new Map(rows.map((row) => [Number(row.author_id), { total: Number(row.count), published: Number(row.published) }]));
}

const NO_CREDITS = { total: 0, published: 0 };

/** How a refusal says that articles credit an author. */
export const AUTHOR_USE = { one: 'credits', many: 'credit' };

/** Authors by name, `AUTHOR_PAGE_SIZE` at a time, matching a search of name, slug, title and location. */
export async function listAuthors(db: Kysely<Database>, options: { q?: string; after?: NameCursor | null } = {}): Promise<AuthorPage> {
  let query = db.selectFrom('authors').select(['id', 'slug', 'name', 'title', 'location']);
  const q = (options.q ?? '').trim().slice(0, MAX_AUTHOR_SEARCH);
  if (q) {
    const pattern = likePattern(q);
    query = query.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or slug like ${pattern} escape '\\' or lower(title) like ${pattern} escape '\\' or lower(location) like ${pattern} escape '\\')`);
  }
  const after = options.after;
  if (after) query = query.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(after.name, after.id)));
  const rows = await query
    .orderBy('name')
    .orderBy('id')
    .limit(AUTHOR_PAGE_SIZE + 1)
    .execute();
  const shown = rows.slice(0, AUTHOR_PAGE_SIZE);
  const ids = shown.map((row) => Number(row.id));
  const [accounts, counts] = await Promise.all([accountsOf(db, ids), creditCounts(db, ids)]);
  const authors = shown.map((row) => {
    const id = Number(row.id);
    const credits = counts.get(id) ?? NO_CREDITS;
    return { id, slug: row.slug, name: row.name, title: row.title, location: row.location, articleCount: credits.total, publishedCount: credits.published, account: accounts.get(id) ?? null };
  });
  const last = authors.at(-1);
  return { authors, next: rows.length > AUTHOR_PAGE_SIZE && last ? { name: last.name, id: last.id } : null };
}

/** One author, or null when none has that id. */
export async function getAuthor(db: Kysely<Database>, id: number): Promise<AuthorDetail | null> {
  const row = await db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [accounts, counts] = await Promise.all([accountsOf(db, [id]), creditCounts(db, [id])]);
  const credits = counts.get(id) ?? NO_CREDITS;
  return {
    id,
    slug: row.slug,
    name: row.name,
    title: row.title,
    location: row.location,
    articleCount: credits.total,
    publishedCount: credits.published,
    account: accounts.get(id) ?? null,
    bio: row.bio,
    expertise: parseStringList(row.expertise),
    languages: parseStringList(row.languages),
    imageId: row.image_id === null ? null : Number(row.image_id),
  };
}

/** Every account, by name, with the profile each already belongs to (a newsroom has tens or hundreds). */
export async function listAccountChoices(db: Kysely<Database>): Promise<AccountChoice[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('authors', 'authors.id', 'users.author_id')
    .select(['users.id', 'users.name', 'users.email', 'users.status', 'authors.id as author_id', 'authors.name as author_name'])
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    email: row.email,
    status: row.status,
    linkedAuthor: row.author_id === null || row.author_name === null ? null : { id: Number(row.author_id), name: row.author_name },
  }));
}

type AuthorValues = Pick<AuthorRow, 'slug' | 'name' | 'title' | 'bio' | 'expertise' | 'languages' | 'location' | 'image_id'>;

/** Validates the form and what it refers to: a free slug, a real image, an account not already another profile's. */
async function checkedValues(trx: Transaction<Database>, input: unknown, ownId: number | null): Promise<{ values: AuthorValues; userId: number | null }> {
  const fields = parseOrThrow(authorInputSchema, input);
  const slug = fields.slug || slugForName(fields.name);
  const problems: string[] = [];
  const holder = await trx.selectFrom('authors').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (holder && holder.id !== ownId) problems.push(`slug: "${slug}" is already used by the author "${holder.name}"`);
  if (fields.imageId !== null && !(await trx.selectFrom('images').select('id').where('id', '=', fields.imageId).executeTakeFirst())) {
    problems.push(`imageId: no image in the media library has the number ${fields.imageId}`);
  }
  if (fields.userId !== null) {
    const account = await trx.selectFrom('users').leftJoin('authors', 'authors.id', 'users.author_id').select(['users.author_id', 'authors.name as author_name']).where('users.id', '=', fields.userId).executeTakeFirst();
    if (!account) problems.push('userId: choose an account from the list');
    else if (account.author_id !== null && account.author_id !== ownId) problems.push(`userId: that account already belongs to the author "${account.author_name ?? ''}"; unlink it there first`);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const values = {
    slug,
    name: fields.name,
    title: fields.title,
    bio: fields.bio,
    expertise: JSON.stringify(fields.expertise),
    languages: JSON.stringify(fields.languages),
    location: fields.location,
    image_id: fields.imageId,
  };
  return { values, userId: fields.userId };
}

/** Makes `userId` the one account of the profile (none when null); returns whether anything changed. */
async function linkAccount(trx: Transaction<Database>, authorId: number, userId: number | null): Promise<boolean> {
  const now = isoNow();
  let unlinked = trx.updateTable('users').set({ author_id: null, updated_at: now }).where('author_id', '=', authorId);
  if (userId !== null) unlinked = unlinked.where('id', '!=', userId);
  const cleared = await unlinked.executeTakeFirst();
  if (userId === null) return Number(cleared.numUpdatedRows) > 0;
  // Only an unlinked account is taken: one linked elsewhere a moment ago is not stolen.
  const linked = await trx.updateTable('users').set({ author_id: authorId, updated_at: now }).where('id', '=', userId).where('author_id', 'is', null).executeTakeFirst();
  if (Number(linked.numUpdatedRows) === 0) {
    const account = await trx.selectFrom('users').select('author_id').where('id', '=', userId).executeTakeFirst();
    if (account?.author_id !== authorId) throw new ValidationError(['userId: that account was linked to another author a moment ago; choose again']);
  }
  return Number(cleared.numUpdatedRows) + Number(linked.numUpdatedRows) > 0;
}

function duplicateSlug<T>(work: () => Promise<T>): Promise<T> {
  return refusingDuplicates('slug: another author took this slug a moment ago; choose another', work);
}

/** Creates an author profile (linked to an account when one is chosen); returns its id. */
export async function createAuthor(db: Kysely<Database>, acting: ActingContext, input: unknown): Promise<number> {
  return duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const { values, userId } = await checkedValues(trx, input, null);
      const now = isoNow();
      const { id } = await trx
        .insertInto('authors')
        .values({ ...values, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await linkAccount(trx, Number(id), userId);
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'author.created', subjectType: 'author', subjectId: id, details: { slug: values.slug, name: values.name, userId }, ip: acting.ip });
      return Number(id);
    }),
  );
}

/** Saves an author's profile and which account it belongs to. */
export async function updateAuthor(db: Kysely<Database>, acting: ActingContext, id: number, input: unknown): Promise<void> {
  await duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const before = await trx.selectFrom('authors').select(['slug', 'name', 'title', 'bio', 'expertise', 'languages', 'location', 'image_id']).where('id', '=', id).executeTakeFirst();
      if (!before) throw new TaxonomyNotFoundError('No author has that number.');
      const { values, userId } = await checkedValues(trx, input, id);
      const changed: string[] = (Object.keys(values) as (keyof AuthorValues)[]).filter((key) => values[key] !== before[key]);
      await trx
        .updateTable('authors')
        .set({ ...values, updated_at: isoNow() })
        .where('id', '=', id)
        .execute();
      if (await linkAccount(trx, id, userId)) changed.push('account');
      const details = { fields: changed, ...(values.slug !== before.slug ? { previousSlug: before.slug, slug: values.slug } : {}), ...(changed.includes('account') ? { userId } : {}) };
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'author.updated', subjectType: 'author', subjectId: id, details, ip: acting.ip });
    }),
  );
  // Articles are found by their authors' names: re-index those this author signs.
  await resyncSearchFor(db, { authorId: id });
}

/** Deletes a profile no article credits (its account simply loses the link); otherwise refuses, saying how many do. */
export async function deleteAuthor(db: Kysely<Database>, acting: ActingContext, id: number): Promise<void> {
  await changeContent(db, async (trx) => {
    const author = await trx.selectFrom('authors').select(['slug', 'name']).where('id', '=', id).executeTakeFirst();
    if (!author) throw new TaxonomyNotFoundError('No author has that number.');
    const credits = (await creditCounts(trx, [id])).get(id) ?? NO_CREDITS;
    if (credits.total > 0) throw new ValidationError([`"${author.name}" cannot be deleted: ${articleUse(credits.total, credits.published, AUTHOR_USE)} them. Change those bylines first.`]);
    await trx.updateTable('users').set({ author_id: null, updated_at: isoNow() }).where('author_id', '=', id).execute();
    await trx.deleteFrom('authors').where('id', '=', id).execute();
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'author.deleted', subjectType: 'author', subjectId: id, details: { slug: author.slug, name: author.name }, ip: acting.ip });
  });
}
