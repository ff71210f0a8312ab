// Small DOM helpers for the island: typed look-ups and an element builder that only
// ever sets text (never HTML), so values from the API cannot become markup.

type Attributes = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

/** The element with this id, which the server-rendered page must contain. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`editor: #${id} is missing from the page`);
  return element as T;
}

/** The element with this id, or null when the page left it out (e.g. read-only). */
export function maybeById<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** Builds an element; `false`/`null` attributes are left out, `true` sets an empty one. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Sets an element's text; clears it for an empty string. */
export function setText(element: Element, text: string): void {
  element.textContent = text;
}

/** Shows a list of problems in a container (an empty list clears it). */
export function showProblems(container: HTMLElement, problems: string[], intro = 'Please fix:'): void {
  container.replaceChildren();
  if (problems.length === 0) return;
  const [first] = problems;
  if (problems.length === 1 && first !== undefined) {
    container.append(h('p', {}, first));
    return;
  }
  container.append(h('p', {}, intro), h('ul', {}, ...problems.map((problem) => h('li', {}, problem))));
}

/** A local clock time such as 14:02, in the reader's own time zone. */
export function clockTime(date: Date = new Date()): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Rewrites server-rendered UTC times (`<time data-local-time>`) in the browser's time zone. */
export function localiseTimes(root: ParentNode): void {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-local-time]')) {
    const at = Date.parse(element.dateTime);
    if (!Number.isNaN(at)) element.textContent = format.format(at);
  }
}
