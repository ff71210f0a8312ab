/** Pieces the sections, tags and authors pages share: notices, the slug field and its warning, deleting, paging. */
import type { Child } from '../site/jsx/jsx-runtime.ts';
import { SLUG_MAX_LENGTH } from './common.ts';

/** The confirmation of a finished action, announced to screen readers. */
export function Notice(props: { text: string | null | undefined }) {
  if (!props.text) return null;
  return (
    <p class="admin-notice" role="status">
      {props.text}
    </p>
  );
}

/** The hidden CSRF field every form posts. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

/**
 * The slug field. On an existing item it warns that a new slug moves the public page,
 * naming the address that would stop working.
 */
export function SlugField(props: { value: string; publicPath: string | null; example: string }) {
  return (
    <label>
      Slug
      <span class="hint">
        The last part of the public address: lowercase letters, digits and single hyphens, like “{props.example}”. Leave empty to make one from the name.
      </span>
      <input name="slug" value={props.value} maxlength={SLUG_MAX_LENGTH} pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" spellcheck="false" aria-describedby={props.publicPath ? 'slug-warning' : undefined} />
      {props.publicPath ? (
        <span class="taxonomy-warning" id="slug-warning">
          Changing the slug changes the public address <code>{props.publicPath}</code>: links and bookmarks to it will stop working.
        </span>
      ) : null}
    </label>
  );
}

/** A labelled multi-line text field. */
export function TextArea(props: { name: string; label: string; value: string; rows?: number; maxlength: number; hint?: Child; dir?: string }) {
  return (
    <label>
      {props.label}
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <textarea name={props.name} rows={props.rows ?? 3} maxlength={props.maxlength} dir={props.dir}>
        {props.value}
      </textarea>
    </label>
  );
}

/**
 * The delete box at the foot of an edit page: the button when deleting is allowed, or
 * why it is not.
 */
export function DeleteBox(props: { action: string; csrf: string; noun: string; blockedBecause: string | null; consequence: string }) {
  return (
    <section class="taxonomy-danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this {props.noun}</h2>
      {props.blockedBecause ? (
        <p>{props.blockedBecause}</p>
      ) : (
        <form method="post" action={props.action} class="admin-inline-form">
          <Csrf token={props.csrf} />
          <p>{props.consequence}</p>
          <button type="submit" class="taxonomy-danger__button">
            Delete {props.noun}
          </button>
        </form>
      )}
    </section>
  );
}

/** Links to the first and the next page of a keyset-paged list. */
export function Pager(props: { firstHref: string | null; nextHref: string | null }) {
  if (!props.firstHref && !props.nextHref) return null;
  return (
    <p class="admin-pager">
      {props.firstHref ? <a href={props.firstHref}>First page</a> : null}
      {props.firstHref && props.nextHref ? ' · ' : null}
      {props.nextHref ? (
        <a href={props.nextHref} rel="next">
          Next page
        </a>
      ) : null}
    </p>
  );
}

/** A list page's address with its filters, dropping empty ones. */
export function listHref(base: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')).toString();
  return query ? `${base}?${query}` : base;
}
