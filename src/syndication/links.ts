/**
 * Addresses of the republishing flows, in one place: the public pages, and the signed
 * links that requesters and licensees receive by email (they have no account).
 */
import type { AppContext } from '../app-context.ts';
import { DEFAULT_LANGUAGE, languagePrefix } from '../i18n/languages.ts';
import { absoluteUrl } from '../site/urls.ts';
import type { LinkPayload } from '../shared/signed-links.ts';

/** Purposes of syndication links (a token made for one is refused by the others). */
export const SYNDICATION_LINK = {
  request: 'syndication-request',
  delivery: 'licence-delivery',
  pixel: 'republish-pixel',
} as const;

/** The Creative Commons republishing page of an article (or, for paid articles, the way to the request form). */
export function republishPath(articleId: number): string {
  return `/republish/${articleId}`;
}

/** The paid-licence request form of an article, in an edition (`/ar/republish/12/request`; unprefixed for the default language). */
export function requestFormPath(articleId: number, language: string = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}/republish/${articleId}/request`;
}

/** The requester's own view of a request (quote, status, counter-offer); no expiry: it is only a view. */
export async function requestStatusUrl(app: AppContext, requestId: number): Promise<string> {
  const token = await app.links.sign(SYNDICATION_LINK.request, { r: requestId }, null);
  return absoluteUrl(app.config.publicUrl, `/republish/requests/${token}`);
}

/** The licensee's delivery page of a licence: works until the licence ends (plus a grace day). */
export async function licenceDeliveryUrl(app: AppContext, licenceId: number, validTo: string): Promise<string> {
  const expires = new Date(Date.parse(`${validTo.slice(0, 10)}T23:59:59.999Z`) + 86_400_000);
  const token = await app.links.sign(SYNDICATION_LINK.delivery, { l: licenceId }, expires);
  return absoluteUrl(app.config.publicUrl, `/republish/licences/${token}`);
}

/** The tracking pixel of a republished copy: per licence, or per article for Creative Commons copies. */
export async function pixelUrl(app: AppContext, articleId: number, licenceId: number | null): Promise<string> {
  const payload: LinkPayload = { a: articleId };
  if (licenceId !== null) payload.l = licenceId;
  const token = await app.links.sign(SYNDICATION_LINK.pixel, payload, null);
  return absoluteUrl(app.config.publicUrl, `/republish/pixel/${token}.gif`);
}
