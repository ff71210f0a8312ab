/** The authors admin's views: the searched list and the profile form. */
import { FormErrors } from '../admin/admin-layout.tsx';
import type { MediaImage } from '../media/library.ts';
import { authorUrl } from '../site/urls.ts';
import type { AccountChoice, AuthorDetail, AuthorListItem } from './authors.ts';
import { AUTHOR_USE, MAX_AUTHOR_SEARCH } from './authors.ts';
import { articleUse, countOf } from './common.ts';
import { Csrf, DeleteBox, Notice, Pager, SlugField, TextArea } from './form-parts.tsx';

/** What the author form shows: the stored values, or what was just typed. */
export interface AuthorFormValues {
  name: string;
  slug: string;
  title: string;
  bio: string;
  expertise: string;
  languages: string;
  location: string;
  imageId: string;
  userId: string;
}

/** The names of the form's fields. */
export const AUTHOR_FIELDS = ['name', 'slug', 'title', 'bio', 'expertise', 'languages', 'location', 'imageId', 'userId'] as const;

/** Empty fields for a new author. */
export const EMPTY_AUTHOR: AuthorFormValues = { name: '', slug: '', title: '', bio: '', expertise: '', languages: '', location: '', imageId: '', userId: '' };

/** A stored author as form values. */
export function authorFormValues(author: AuthorDetail): AuthorFormValues {
  return {
    name: author.name,
    slug: author.slug,
    title: author.title,
    bio: author.bio,
    expertise: author.expertise.join(', '),
    languages: author.languages.join(', '),
    location: author.location,
    imageId: author.imageId === null ? '' : String(author.imageId),
    userId: author.account ? String(author.account.id) : '',
  };
}

/** The list of authors with its search and pager. */
export function AuthorListView(props: { authors: AuthorListItem[]; q: string; notice: string | null; firstHref: string | null; nextHref: string | null }) {
  const { authors, q } = props;
  return (
    <>
      <Notice text={props.notice} />
      <p class="admin-lede">Author profiles are the public pages behind bylines. A profile can belong to one staff account, whose new articles are credited to it.</p>
      <p>
        <a class="taxonomy-action" href="/admin/authors/new">
          New author
        </a>
      </p>
      <form method="get" action="/admin/authors" class="admin-filters" role="search" aria-label="Find authors">
        <label>
          Name, title or location contains
          <input type="search" name="q" value={q} maxlength={MAX_AUTHOR_SEARCH} dir="auto" />
        </label>
        <button type="submit">Find</button>
        {q ? <a href="/admin/authors">Show all</a> : null}
      </form>
      {authors.length === 0 ? (
        <p class="admin-empty">{q ? 'No authors match.' : 'No authors yet.'}</p>
      ) : (
        <table class="admin-table taxonomy-table">
          <thead>
            <tr>
              <th scope="col">Author</th>
              <th scope="col">Address</th>
              <th scope="col">Location</th>
              <th scope="col">Articles</th>
              <th scope="col">Staff account</th>
            </tr>
          </thead>
          <tbody>
            {authors.map((author) => (
              <tr>
                <td>
                  <a href={`/admin/authors/${author.id}`} class="taxonomy-table__name">
                    <bdi>{author.name}</bdi>
                  </a>
                  {author.title ? <span class="admin-sub taxonomy-block">{author.title}</span> : null}
                </td>
                <td data-label="Address">
                  <code>{authorUrl(author.slug)}</code>
                </td>
                <td data-label="Location">{author.location || <span class="admin-sub">—</span>}</td>
                <td data-label="Articles">
                  {author.articleCount}
                  {author.articleCount > author.publishedCount ? <span class="admin-sub"> ({author.publishedCount} published)</span> : null}
                </td>
                <td data-label="Staff account">
                  {author.account ? (
                    <>
                      <bdi>{author.account.name}</bdi>
                      <span class="admin-audit__email">{author.account.email}</span>
                    </>
                  ) : (
                    <span class="admin-sub">None</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </>
  );
}

/** Whether an account already belongs to another profile (it cannot be chosen here). */
function isOtherProfiles(account: AccountChoice, authorId: number | null): boolean {
  return account.linkedAuthor !== null && account.linkedAuthor.id !== authorId;
}

function accountLabel(account: AccountChoice, authorId: number | null): string {
  const notes = [account.status === 'active' ? null : account.status, isOtherProfiles(account, authorId) ? `profile of ${account.linkedAuthor?.name ?? ''}` : null].filter(Boolean);
  return `${account.name} (${account.email})${notes.length > 0 ? ` — ${notes.join(', ')}` : ''}`;
}

/** The form to create an author (no `author`) or edit one. */
export function AuthorFormView(props: { author: AuthorDetail | null; values: AuthorFormValues; accounts: AccountChoice[]; photo: MediaImage | null; csrf: string; problems: string[]; notice: string | null }) {
  const { author, values, photo } = props;
  return (
    <>
      <p>
        <a href="/admin/authors">← All authors</a>
      </p>
      <Notice text={props.notice} />
      <FormErrors problems={props.problems} />
      {author ? (
        <p class="admin-lede">
          Credited on {countOf(author.articleCount, 'article')}
          {author.articleCount > author.publishedCount ? ` (${author.publishedCount} published)` : ''} · <a href={authorUrl(author.slug)}>View the public page</a>
        </p>
      ) : null}
      <form method="post" action={author ? `/admin/authors/${author.id}` : '/admin/authors'} class="admin-form taxonomy-form">
        <Csrf token={props.csrf} />
        <label>
          Name
          <input name="name" required maxlength={120} value={values.name} dir="auto" autocomplete="off" />
        </label>
        <SlugField value={values.slug} publicPath={author ? authorUrl(author.slug) : null} example="rania-haddad" />
        <label>
          Title
          <span class="hint">Their role, such as “Environment correspondent”.</span>
          <input name="title" maxlength={120} value={values.title} dir="auto" />
        </label>
        <TextArea name="bio" label="Biography" value={values.bio} rows={5} maxlength={2000} dir="auto" hint="A few sentences in the third person, shown on their page." />
        <TextArea name="expertise" label="Expertise" value={values.expertise} rows={2} maxlength={2000} hint="Subjects they know well, separated by commas or one per line." />
        <label>
          Languages
          <span class="hint">Languages they report in, separated by commas: codes or English names, such as “en, ar, fa” or “English, Arabic, Persian”.</span>
          <input name="languages" maxlength={100} value={values.languages} autocomplete="off" spellcheck="false" />
        </label>
        <label>
          Location
          <span class="hint">Where they are based, such as “Amman”.</span>
          <input name="location" maxlength={120} value={values.location} dir="auto" />
        </label>
        <div class="taxonomy-photo">
          <label>
            Photo
            <span class="hint">
              The number of an image in the <a href="/admin/media" target="_blank" rel="noopener">media library</a> (shown on its page). Leave empty for none.
            </span>
            <input name="imageId" inputmode="numeric" pattern="[0-9]*" maxlength={15} value={values.imageId} class="taxonomy-code" />
          </label>
          {photo?.thumbnailUrl ? (
            <a href={`/admin/media/${photo.id}`} class="taxonomy-photo__preview">
              <img src={photo.thumbnailUrl} alt={photo.alt} width={96} height={Math.round((96 * photo.height) / Math.max(photo.width, 1))} />
            </a>
          ) : null}
        </div>
        <label>
          Staff account
          <span class="hint">The account this profile belongs to; articles it starts are credited to this profile. An account can have one profile.</span>
          <select name="userId">
            <option value="">No account</option>
            {props.accounts.map((account) => (
              <option value={String(account.id)} selected={String(account.id) === values.userId} disabled={isOtherProfiles(account, author?.id ?? null)}>
                {accountLabel(account, author?.id ?? null)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{author ? 'Save author' : 'Create author'}</button>
      </form>
      {author ? (
        <DeleteBox
          action={`/admin/authors/${author.id}/delete`}
          csrf={props.csrf}
          noun="author"
          blockedBecause={
            author.articleCount > 0 ? `They cannot be deleted while ${articleUse(author.articleCount, author.publishedCount, AUTHOR_USE)} them: change those bylines first.` : null
          }
          consequence="No article credits this author. Deleting the profile removes their public page; their staff account, if any, stays."
        />
      ) : null}
    </>
  );
}
