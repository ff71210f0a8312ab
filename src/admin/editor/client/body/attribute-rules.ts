// Attribute rules shared by the body schema's nodes and marks. Each mirrors a rule of
// src/articles/body/schema.ts, so a document the editor holds is one the server keeps.
// They run in ProseMirror's Node.check() (which createBodyEditor calls on load) and
// in the parse rules for pasted HTML.

import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { hrefProblem } from '../../../../articles/body/url.ts';

/** Longest caption, credit, alt text, title or attribution the server accepts. */
export const MAX_ATTRIBUTE_LENGTH = 10_000;

const MAX_LIST_START = 1_000_000;

/** Whether a value may be stored as a link href (the server's rule; it stores the trimmed value). */
export function isStorableHref(value: unknown): boolean {
  return typeof value === 'string' && value === value.trim() && hrefProblem(value) === null;
}

/** Whether a value is a database id: a positive whole number. */
export function isPositiveId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Whether a value is an optional text attribute: null or a string within the server's limits. */
export function isOptionalText(value: unknown): value is string | null {
  return value === null || isText(value);
}

/** Whether a value is a required text attribute. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ATTRIBUTE_LENGTH && !value.includes('\u0000');
}

/** Turns an attribute rule into a ProseMirror `validate` function, which must throw. */
export function validator(rule: (value: unknown) => boolean, message: string): (value: unknown) => void {
  return (value) => {
    if (!rule(value)) throw new RangeError(message);
  };
}

/** A numbered list's first number from markup or typed text; 1 when unusable, as the server allows only 0 to 1,000,000. */
export function listStart(raw: string | null | undefined): number {
  const start = Number.parseInt(raw ?? '', 10);
  return isListStart(start) ? start : 1;
}

/** Whether a value is a list start the server accepts. */
export function isListStart(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_LIST_START;
}

/** A string attribute of a node, or null. */
export function stringAttr(node: ProseMirrorNode, name: string): string | null {
  const value: unknown = node.attrs[name];
  return typeof value === 'string' ? value : null;
}

/** A numeric attribute of a node, or null. */
export function numberAttr(node: ProseMirrorNode, name: string): number | null {
  const value: unknown = node.attrs[name];
  return typeof value === 'number' ? value : null;
}

/** A data attribute as an optional text value; absent means null (fall back), present but empty stays ''. */
export function optionalTextFrom(raw: string | null): string | null {
  return raw !== null && isText(raw) ? raw : null;
}
