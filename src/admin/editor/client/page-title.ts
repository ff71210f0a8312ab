// The page's heading and the browser tab's title follow the headline as it is typed, in
// the server's own form ("Edit: <headline>", "Edit: Untitled draft" while it is empty),
// so a tab among many and a screen reader's heading list name the story being written.

/** The title's subject for a headline, as the server's editor route words it. */
function subject(headline: string): string {
  const text = headline.trim();
  return `Edit: ${text === '' ? 'Untitled draft' : text}`;
}

/**
 * Keeps the admin layout's `<h1>` and `document.title` in step with `headline`. The title
 * keeps the ending the server gave it (" | <site> admin"). Returns the update, for
 * changes made without an input event (fields loaded from a revision).
 */
export function wirePageTitle(headline: HTMLTextAreaElement, serverHeadline: string): () => void {
  const heading = headline.closest('main')?.querySelector<HTMLHeadingElement>(':scope > h1') ?? null;
  const start = subject(serverHeadline);
  // The <title> element's own text, not document.title, which collapses runs of spaces.
  const served = document.querySelector('title')?.textContent ?? document.title;
  const cut = served.startsWith(start) ? start.length : served.lastIndexOf(' | ');
  const ending = cut >= 0 ? served.slice(cut) : '';
  let shown = start;
  const update = () => {
    const next = subject(headline.value);
    if (next === shown) return;
    shown = next;
    if (heading) heading.textContent = next;
    document.title = `${next}${ending}`;
  };
  headline.addEventListener('input', update);
  update();
  return update;
}
