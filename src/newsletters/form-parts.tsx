/**
 * Pieces every newsletter sign-up form shares (the /newsletters page, the article promo,
 * the embeddable form): the labelled email field, the honeypot, the problems list, and
 * the address of the newsletters page of an edition.
 */
import type { Messages } from '../i18n/index.ts';
import { languagePrefix } from '../i18n/languages.ts';
import { HONEYPOT_FIELD } from '../http/public-forms.ts';
import type { SignupProblem } from './signup.ts';

/** Where sign-up forms post. */
export const SUBSCRIBE_PATH = '/newsletters/subscribe';

/** The newsletters page of an edition (`/newsletters`, `/ar/newsletters`). */
export function newslettersUrl(language: string): string {
  return `${languagePrefix(language)}/newsletters`;
}

/** The honeypot: a field people never see or reach; bots fill it. */
export function Honeypot(props: { id: string }) {
  return (
    <div class="visually-hidden" aria-hidden="true">
      <label for={props.id}>Leave this field empty</label>
      <input id={props.id} type="text" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/** The email field with its label (addresses are always written left to right). */
export function EmailField(props: { id: string; t: Messages; value?: string; invalid?: boolean; describedBy?: string; hint?: boolean }) {
  const n = props.t.newsletters;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.describedBy ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="newsletter-form__field">
      <label for={props.id}>{n.emailLabel}</label>
      {props.hint ? (
        <p class="newsletter-form__hint" id={hintId}>
          {n.emailHint}
        </p>
      ) : null}
      <input
        id={props.id}
        class="newsletter-form__email"
        type="email"
        name="email"
        value={props.value ?? ''}
        required
        maxlength={254}
        autocomplete="email"
        inputmode="email"
        spellcheck="false"
        dir="ltr"
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** The text of a sign-up problem in the reader's language. */
export function problemText(problem: SignupProblem, t: Messages): string {
  return t.newsletters[problem];
}

/** The problems of a refused form, announced to screen readers. */
export function FormProblems(props: { id: string; problems: SignupProblem[]; t: Messages }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="newsletter-problems" id={props.id} role="alert">
      <p>{props.t.newsletters.errorSummary}</p>
      <ul>
        {props.problems.map((problem) => (
          <li>{problemText(problem, props.t)}</li>
        ))}
      </ul>
    </div>
  );
}
