// The one HTML escaper: every string that becomes markup (JSX children and attributes,
// the body renderer, picture markup) passes through it. Quotes are escaped too, so a
// value that lands in an attribute by mistake still cannot break out of it.

const SPECIAL = /[&<>"']/;

/** Escapes `& < > " '` for HTML text and quoted attribute values. */
export function escapeHtml(value: string): string {
  const first = value.search(SPECIAL);
  if (first === -1) return value;
  // Copy unchanged runs in slices; most text has few or no special characters.
  let out = value.slice(0, first);
  let last = first;
  for (let index = first; index < value.length; index += 1) {
    let entity: string;
    switch (value.charCodeAt(index)) {
      case 38:
        entity = '&amp;';
        break;
      case 60:
        entity = '&lt;';
        break;
      case 62:
        entity = '&gt;';
        break;
      case 34:
        entity = '&quot;';
        break;
      case 39:
        entity = '&#39;';
        break;
      default:
        continue;
    }
    if (last !== index) out += value.slice(last, index);
    out += entity;
    last = index + 1;
  }
  return last === value.length ? out : out + value.slice(last);
}
