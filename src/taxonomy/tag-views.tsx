/** The tags admin's views: the filtered list, the tag form, and choosing the tag to merge a duplicate into. */
import { FormErrors } from '../admin/admin-layout.tsx';
import { TAG_KINDS } from '../newsroom/tags.ts';
import type { TagSummary } from '../newsroom/tags.ts';
import { tagUrl } from '../site/urls.ts';
import { countOf } from './common.ts';
import { Csrf, DeleteBox, Notice, Pager, SlugField, TextArea } from './form-parts.tsx';
import { MAX_TAG_SEARCH, countryNameOf } from './tags.ts';
import type { CountryChoice, TagDetail, TagKind, TagListItem } from './tags.ts';

/** What the tag form shows: the stored values, or what was just typed. */
export interface TagFormValues {
  kind: string;
  name: string;
  slug: string;
  description: string;
  aliases: string;
  countryCode: string;
  parentId: string;
}

/** The names of the form's fields. */
export const TAG_FIELDS = ['kind', 'name', 'slug', 'description', 'aliases', 'countryCode', 'parentId'] as const;

/** Empty fields for a new tag (of a kind, when the list was filtered to one). */
export function emptyTagValues(kind: TagKind | null): TagFormValues {
  return { kind: kind ?? 'topic', name: '', slug: '', description: '', aliases: '', countryCode: '', parentId: '' };
}

/** A stored tag as form values. */
export function tagFormValues(tag: TagDetail): TagFormValues {
  return { kind: tag.kind, name: tag.name, slug: tag.slug, description: tag.description, aliases: tag.aliases.join('\n'), countryCode: tag.countryCode ?? '', parentId: tag.parentId === null ? '' : String(tag.parentId) };
}

/** How each kind is named in the admin. */
export const KIND_LABELS: Record<TagKind, string> = { topic: 'Topic', country: 'Country', place: 'Place', person: 'Person', organisation: 'Organisation' };
const KIND_PLURALS: Record<TagKind, string> = { topic: 'Topics', country: 'Countries', place: 'Places', person: 'People', organisation: 'Organisations' };

function KindOptions(props: { selected: string }) {
  return (
    <>
      {TAG_KINDS.map((kind) => (
        <option value={kind} selected={kind === props.selected}>
          {KIND_LABELS[kind]}
        </option>
      ))}
    </>
  );
}

function AliasPreview(props: { aliases: string[] }) {
  if (props.aliases.length === 0) return null;
  const shown = props.aliases.slice(0, 3);
  return (
    <span class="taxonomy-aliases">
      Also: {shown.map((alias, index) => [index > 0 ? ', ' : '', <bdi>{alias}</bdi>])}
      {props.aliases.length > shown.length ? ` and ${props.aliases.length - shown.length} more` : ''}
    </span>
  );
}

/** A country's code, or the country a place is in. */
function KindDetails(props: { tag: TagListItem }) {
  const { tag } = props;
  if (tag.kind === 'country' && tag.countryCode) {
    return (
      <abbr class="admin-sub" title={countryNameOf(tag.countryCode) ?? undefined}>
        {tag.countryCode}
      </abbr>
    );
  }
  if (tag.kind === 'place' && tag.parentName) return <span class="admin-sub">in {tag.parentName}</span>;
  return null;
}

/** The list of tags with its filters and pager. */
export function TagListView(props: { tags: TagListItem[]; kind: TagKind | null; q: string; notice: string | null; firstHref: string | null; nextHref: string | null }) {
  const { tags, kind, q } = props;
  return (
    <>
      <Notice text={props.notice} />
      <p class="admin-lede">Tags group articles by topic, country, place, person and organisation; each has a public page listing its articles.</p>
      <p>
        <a class="taxonomy-action" href={kind ? `/admin/tags/new?kind=${kind}` : '/admin/tags/new'}>
          New tag
        </a>
      </p>
      <form method="get" action="/admin/tags" class="admin-filters" role="search" aria-label="Find tags">
        <label>
          Kind
          <select name="kind">
            <option value="">All kinds</option>
            {TAG_KINDS.map((value) => (
              <option value={value} selected={value === kind}>
                {KIND_PLURALS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name or alias contains
          <input type="search" name="q" value={q} maxlength={MAX_TAG_SEARCH} dir="auto" />
        </label>
        <button type="submit">Find</button>
        {kind || q ? <a href="/admin/tags">Show all</a> : null}
      </form>
      {tags.length === 0 ? (
        <p class="admin-empty">{kind || q ? 'No tags match.' : 'No tags yet.'}</p>
      ) : (
        <table class="admin-table taxonomy-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Kind</th>
              <th scope="col">Address</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr>
                <td>
                  <a href={`/admin/tags/${tag.id}`} class="taxonomy-table__name">
                    <bdi>{tag.name}</bdi>
                  </a>
                  <AliasPreview aliases={tag.aliases} />
                </td>
                <td data-label="Kind">
                  {KIND_LABELS[tag.kind]} <KindDetails tag={tag} />
                </td>
                <td data-label="Address">
                  <code>{tagUrl('en', tag.kind, tag.slug)}</code>
                </td>
                <td data-label="Articles">{tag.articleCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
    </>
  );
}

/** The form to create a tag (no `tag`) or edit one. */
export function TagFormView(props: { tag: TagDetail | null; values: TagFormValues; countries: CountryChoice[]; csrf: string; problems: string[]; notice: string | null }) {
  const { tag, values } = props;
  return (
    <>
      <p>
        <a href="/admin/tags">← All tags</a>
      </p>
      <Notice text={props.notice} />
      <FormErrors problems={props.problems} />
      {tag ? (
        <p class="admin-lede">
          {KIND_LABELS[tag.kind]} on {countOf(tag.articleCount, 'article')} · <a href={tagUrl('en', tag.kind, tag.slug)}>View the public page</a> · <a href={`/admin/tags/${tag.id}/merge`}>Merge into another tag…</a>
        </p>
      ) : null}
      <form method="post" action={tag ? `/admin/tags/${tag.id}` : '/admin/tags'} class="admin-form taxonomy-form">
        <Csrf token={props.csrf} />
        <label>
          Kind
          {tag ? <span class="hint">The kind is part of the public address too.</span> : null}
          <select name="kind">
            <KindOptions selected={values.kind} />
          </select>
        </label>
        <label>
          Name
          <input name="name" required maxlength={120} value={values.name} dir="auto" autocomplete="off" />
        </label>
        <SlugField value={values.slug} publicPath={tag ? tagUrl('en', tag.kind, tag.slug) : null} example="climate-change" />
        <TextArea name="description" label="Description" value={values.description} maxlength={1000} hint="Shown on the tag's public page." />
        <TextArea
          name="aliases"
          label="Aliases"
          value={values.aliases}
          rows={4}
          maxlength={7000}
          dir="auto"
          hint="One per line: other spellings, abbreviations and names in other scripts, such as Arabic. Searching finds the tag by any of them."
        />
        <fieldset class="taxonomy-fieldset">
          <legend>Countries and places</legend>
          <label>
            Country code
            <span class="hint">Countries only: the two-letter ISO 3166-1 code, such as JO.</span>
            <input name="countryCode" value={values.countryCode} maxlength={2} size={3} pattern="[A-Za-z]{2}" autocomplete="off" class="taxonomy-code" />
          </label>
          <label>
            Country of this place
            <span class="hint">Places only.</span>
            <select name="parentId">
              <option value="">None</option>
              {props.countries
                .filter((country) => country.id !== tag?.id)
                .map((country) => (
                  <option value={String(country.id)} selected={String(country.id) === values.parentId}>
                    {country.countryCode ? `${country.name} (${country.countryCode})` : country.name}
                  </option>
                ))}
            </select>
          </label>
        </fieldset>
        <button type="submit">{tag ? 'Save tag' : 'Create tag'}</button>
      </form>
      {tag ? (
        <DeleteBox
          action={`/admin/tags/${tag.id}/delete`}
          csrf={props.csrf}
          noun="tag"
          blockedBecause={null}
          consequence={
            tag.articleCount > 0
              ? `Deleting it takes it off ${countOf(tag.articleCount, 'article')}; its public page will show “not found”. To keep those articles grouped, merge it into another tag instead.`
              : 'No article carries this tag. Deleting it removes its public page.'
          }
        />
      ) : null}
    </>
  );
}

/** Choosing the tag a duplicate is merged into: a search, and a button per match. */
export function TagMergeView(props: { tag: TagDetail; q: string; candidates: TagSummary[]; csrf: string; problems: string[] }) {
  const { tag } = props;
  return (
    <>
      <p>
        <a href={`/admin/tags/${tag.id}`}>← Back to {tag.name}</a>
      </p>
      <FormErrors problems={props.problems} />
      <p class="admin-lede">
        Merging moves the {countOf(tag.articleCount, 'article')} tagged “<bdi>{tag.name}</bdi>” to the tag you choose (an article that has both keeps it once), keeps “<bdi>{tag.name}</bdi>” and its aliases as aliases of that tag, and deletes “<bdi>{tag.name}</bdi>”. Its address <code>{tagUrl('en', tag.kind, tag.slug)}</code> will stop working.
      </p>
      <form method="get" action={`/admin/tags/${tag.id}/merge`} class="admin-filters" role="search" aria-label="Find the tag to keep">
        <label>
          Find the tag to keep
          <input type="search" name="q" value={props.q} maxlength={MAX_TAG_SEARCH} dir="auto" required />
        </label>
        <button type="submit">Find</button>
      </form>
      {props.q === '' ? null : props.candidates.length === 0 ? (
        <p class="admin-empty">No other tag matches “{props.q}”.</p>
      ) : (
        <table class="admin-table taxonomy-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Kind</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.candidates.map((candidate) => (
              <tr>
                <td>
                  <a href={`/admin/tags/${candidate.id}`}>
                    <bdi>{candidate.name}</bdi>
                  </a>
                </td>
                <td data-label="Kind">{KIND_LABELS[candidate.kind]}</td>
                <td data-label="Address">
                  <code>{tagUrl('en', candidate.kind, candidate.slug)}</code>
                </td>
                <td>
                  <form method="post" action={`/admin/tags/${tag.id}/merge`} class="admin-inline-form">
                    <Csrf token={props.csrf} />
                    <input type="hidden" name="into" value={String(candidate.id)} />
                    <button type="submit">
                      Merge into <bdi>{candidate.name}</bdi>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
