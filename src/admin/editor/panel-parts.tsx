/**
 * The building blocks the editor page's side panel is made of: labelled fields, titled
 * and folded sections, and times the island rewrites in the reader's own time zone.
 */
import type { Child } from '../../site/jsx/jsx-runtime.ts';

/** A labelled field with an optional hint tied to the control by aria-describedby (the control must use `hintId`). */
export function Field(props: { id: string; label: string; hint?: string; children: Child }) {
  return (
    <div class="editor-field">
      <label for={props.id} class="editor-label">
        {props.label}
      </label>
      {props.children}
      {props.hint ? (
        <p id={hintId(props.id)} class="editor-hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** The id of a field's hint, for the control's aria-describedby. */
export function hintId(id: string): string {
  return `${id}-hint`;
}

/** A panel section with a heading that names it for assistive technology. */
export function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section class="editor-section" aria-labelledby={props.id}>
      <h2 id={props.id} class="editor-section__title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A section folded away by default: the settings most articles never touch. */
export function Folded(props: { title: string; isOpen?: boolean; children: Child }) {
  return (
    <details class="editor-section editor-section--folded" open={props.isOpen}>
      <summary class="editor-section__title">{props.title}</summary>
      <div class="editor-section__body">{props.children}</div>
    </details>
  );
}

/** A time in UTC until the island rewrites it in the browser's time zone. */
export function LocalTime(props: { iso: string }) {
  return (
    <time datetime={props.iso} data-local-time>
      {`${props.iso.slice(0, 16).replace('T', ' ')} UTC`}
    </time>
  );
}
