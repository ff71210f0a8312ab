/** The small XML toolkit the RSS and Atom writers share: escaping, and dates in each format's style. */

// Characters XML 1.0 forbids outright (most C0 controls, U+FFFE/U+FFFF) and lone
// surrogates. One of them in a headline would make the whole feed unparseable, so they
// are dropped rather than escaped (XML has no escape for them). One pass finds both
// these and the five characters that must be escaped.
const NEEDS_ESCAPING = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML element content or a quoted attribute value. No CDATA anywhere:
 * a headline holding `]]>` would end a CDATA section early, whereas escaped text is
 * always safe.
 */
export function escapeXml(value: string): string {
  return value.replace(NEEDS_ESCAPING, (char) => XML_ENTITIES[char] ?? '');
}

/** An element with escaped text content, e.g. `<title>A &amp; B</title>`; attributes are escaped too. */
export function textElement(name: string, text: string, attributes: Readonly<Record<string, string | number>> = {}): string {
  return `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An opening tag with escaped attributes, for elements that hold other elements. */
export function startTag(name: string, attributes: Readonly<Record<string, string | number>> = {}): string {
  return `<${name}${attributesOf(attributes)}>`;
}

/** A self-closing element with escaped attributes, e.g. `<link rel="self" href="…"/>`. */
export function emptyElement(name: string, attributes: Readonly<Record<string, string | number>>): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

function attributesOf(attributes: Readonly<Record<string, string | number>>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
}

/** An ISO time as RSS 2.0 writes dates (RFC 822, in GMT): `Tue, 03 Mar 2026 10:00:00 GMT`. */
export function rfc822Date(iso: string): string {
  return new Date(iso).toUTCString();
}

/** An ISO time as Atom and JSON Feed write dates (RFC 3339, UTC, whole seconds). */
export function rfc3339Date(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
