/**
 * Masthead's JSX runtime: JSX compiles straight to escaped HTML strings, synchronously.
 * A server-rendered news page needs no virtual DOM, no hooks and no async components;
 * building the string directly renders an article page several times faster than a
 * general-purpose runtime, which matters on the uncached path.
 *
 * Every string child and attribute value is escaped; only values wrapped by `raw()`
 * (HTML this code produced itself, such as the rendered article body) pass unchanged.
 */
import { escapeHtml } from '../../shared/escape.ts';

/** HTML that is already safe to emit. */
export class SafeHtml {
  constructor(readonly html: string) {}

  /** The HTML text. */
  toString(): string {
    return this.html;
  }
}

/** Anything JSX accepts as a child. */
export type Child = SafeHtml | string | number | bigint | boolean | null | undefined | Child[];

type AttributeValue = string | number | boolean | null | undefined;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTRIBUTE_NAME = /^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/;

/** Escapes text for element content and quoted attribute values. */
export const escape: (value: string) => string = escapeHtml;

/** Marks HTML produced by our own code as safe to emit as-is. */
export function raw(html: string): SafeHtml {
  return new SafeHtml(html);
}

function appendChild(html: string, child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return html;
  if (child instanceof SafeHtml) return html + child.html;
  if (typeof child === 'string') return html + escape(child);
  if (Array.isArray(child)) {
    for (const item of child) html = appendChild(html, item);
    return html;
  }
  return html + escape(String(child));
}

// Attribute names come from our own templates; each distinct name is checked once so a
// bad one can never break out of the tag, without a regular expression per attribute.
const checkedNames = new Map<string, string>();

function attributeName(name: string): string {
  let checked = checkedNames.get(name);
  if (checked === undefined) {
    if (!ATTRIBUTE_NAME.test(name)) throw new Error(`invalid attribute name: ${name}`);
    checked = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
    checkedNames.set(name, checked);
  }
  return checked;
}

/** A function component. */
export type Component<P> = (props: P) => SafeHtml | null;

const EMPTY = new SafeHtml('');

/** Builds an element or calls a component (the automatic-runtime entry point). */
export function jsx(tag: string | Component<Record<string, unknown>>, props: Record<string, unknown>): SafeHtml {
  if (typeof tag === 'function') return tag(props) ?? EMPTY;
  let html = '<' + tag;
  for (const name in props) {
    if (name === 'children' || name === 'key') continue;
    const value = props[name] as AttributeValue;
    if (value === null || value === undefined || value === false) continue;
    html += value === true ? ' ' + attributeName(name) : ' ' + attributeName(name) + '="' + (typeof value === 'string' ? escape(value) : String(value)) + '"';
  }
  html += '>';
  if (VOID_ELEMENTS.has(tag)) return new SafeHtml(html);
  return new SafeHtml(appendChild(html, props.children as Child) + '</' + tag + '>');
}

/** Same as jsx; called for elements with several static children. */
export const jsxs = jsx;
/** Development-mode entry point; identical here. */
export const jsxDEV = jsx;

/** `<>…</>`: its children, joined. */
export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(appendChild('', props.children));
}

type ElementAttributes = Record<string, AttributeValue | Child> & { children?: Child };

/** Types for TypeScript's JSX checking. */
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace JSX {
  export type Element = SafeHtml;
  export interface ElementChildrenAttribute {
    children: unknown;
  }
  export interface IntrinsicElements {
    [tag: string]: ElementAttributes;
  }
  export interface IntrinsicAttributes {
    key?: string | number;
  }
}
