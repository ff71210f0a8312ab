// URL rules shared by validation (schema.ts) and rendering (render*.ts). The renderer
// re-checks every URL so a document that skipped validation still cannot inject one.

import type { EmbedProvider } from './document.ts';

// Browsers silently drop tabs and newlines inside URLs and trim C0 controls and
// spaces at the ends, which is how `java\tscript:` becomes `javascript:`. Rather
// than mimic that, any whitespace or control character makes a URL unusable.
const WHITESPACE_OR_CONTROL =
  /[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u3000\uFEFF]/u;

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Why a link href is unsafe, or null when it may be rendered. */
export function hrefProblem(href: string): string | null {
  if (href === '') return 'link must not be empty';
  if (WHITESPACE_OR_CONTROL.test(href)) return 'link must not contain whitespace or control characters';
  // `//host` and `/\host` are protocol-relative, i.e. off-site, despite the slash.
  if (href.startsWith('/') || href.startsWith('#')) {
    if (href.startsWith('//') || href.startsWith('/\\')) {
      return 'only http, https, mailto and site-relative links are allowed';
    }
    return null;
  }
  const url = parseUrl(href);
  if (url === null || !ALLOWED_LINK_PROTOCOLS.has(url.protocol)) {
    return 'only http, https, mailto and site-relative links are allowed';
  }
  if (url.protocol !== 'mailto:' && (url.username !== '' || url.password !== '')) {
    // `https://trusted.example@evil.example` reads as one host and goes to another.
    return 'links must not contain a user name or password';
  }
  return null;
}

/** Whether an href may be rendered as a link. */
export function isSafeHref(href: string): boolean {
  return hrefProblem(href) === null;
}

/** Whether an href leaves the site (absolute http or https). */
export function isExternalHref(href: string): boolean {
  return /^https?:/i.test(href);
}

// Subdomains are accepted too (www., m., player.), hence suffix matching below.
const PROVIDER_HOSTS: Readonly<Record<Exclude<EmbedProvider, 'other'>, readonly string[]>> = {
  youtube: ['youtube.com', 'youtu.be', 'youtube-nocookie.com'],
  vimeo: ['vimeo.com'],
  x: ['x.com', 'twitter.com'],
  instagram: ['instagram.com'],
  facebook: ['facebook.com', 'fb.com', 'fb.watch'],
  tiktok: ['tiktok.com'],
};

/** Why an embed URL is unacceptable for its provider, or null when it is fine. */
export function embedUrlProblem(provider: EmbedProvider, rawUrl: string): string | null {
  if (WHITESPACE_OR_CONTROL.test(rawUrl)) return 'embed URL must not contain whitespace or control characters';
  const url = parseUrl(rawUrl);
  if (url === null || url.protocol !== 'https:' || url.hostname === '') {
    return 'embed URL must be an absolute https URL';
  }
  if (url.username !== '' || url.password !== '') return 'embed URL must not contain a user name or password';
  if (provider === 'other') return null;
  // A mismatch would let "Open on YouTube" point anywhere.
  const hosts = PROVIDER_HOSTS[provider];
  const host = url.hostname.toLowerCase();
  if (!hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))) {
    return `a ${provider} embed must point at ${hosts.join(', ')}`;
  }
  return null;
}

/** The host name of a URL, or the URL itself when it cannot be parsed. */
export function hostOf(rawUrl: string): string {
  return parseUrl(rawUrl)?.hostname ?? rawUrl;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
