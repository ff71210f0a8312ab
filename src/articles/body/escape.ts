// The body renderer's names for the shared escaper (src/shared/escape.ts): text content
// and double-quoted attribute values need the same five characters escaped.
import { escapeHtml } from '../../shared/escape.ts';

export { escapeHtml };

/** Escapes a string for use inside a double-quoted HTML attribute value. */
export const escapeAttribute: (value: string) => string = escapeHtml;
