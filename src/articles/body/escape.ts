// The only place Masthead turns untrusted strings into HTML. Everything that builds
// markup by hand goes through these two functions, so they escape conservatively.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const HTML_SPECIALS = /[&<>"']/g;

/** Escapes a string for use as HTML text content. */
export function escapeHtml(value: string): string {
  // Quotes are escaped here too, so a value that later lands in an attribute by
  // mistake still cannot break out of it.
  return value.replace(HTML_SPECIALS, (char) => HTML_ESCAPES[char] ?? char);
}

/** Escapes a string for use inside a double-quoted HTML attribute value. */
export function escapeAttribute(value: string): string {
  // Same set as escapeHtml: `&` stops entity smuggling, `"` and `'` stop breakout
  // whichever quote style a caller uses, `<` and `>` keep naive scanners honest.
  return value.replace(HTML_SPECIALS, (char) => HTML_ESCAPES[char] ?? char);
}
