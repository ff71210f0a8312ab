/**
 * An issue as it is sent: rendered once when sending starts and stored on the issue, so
 * every recipient (and every worker, and a restart after a crash) sends the very same issue.
 * Per-recipient parts are placeholders filled in by `personalize`.
 */

/** Placeholders in a frozen issue's HTML and text. */
export const PLACEHOLDER = {
  unsubscribeUrl: '%%MASTHEAD_UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%MASTHEAD_PREFERENCES_URL%%',
  /** The open pixel's URL; present only when the newsletter counts opens. */
  openPixelUrl: '%%MASTHEAD_OPEN_PIXEL_URL%%',
} as const;

/** Everything needed to send an issue to anyone, without reading the articles again. */
export interface FrozenIssue {
  issueId: number;
  newsletterId: number;
  /** `<slug>.<site host>`: the List-Id. */
  listId: string;
  /** Human name of the list, for the List-Id header's phrase. */
  listName: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  language: string;
  subject: string;
  html: string;
  text: string;
  trackOpens: boolean;
}

/** Per-recipient values for the placeholders. */
export interface RecipientLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
  openPixelUrl: string | null;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The HTML and text of a frozen issue for one recipient. */
export function personalize(issue: FrozenIssue, links: RecipientLinks): { html: string; text: string } {
  const html = issue.html
    .replaceAll(PLACEHOLDER.unsubscribeUrl, escapeAttribute(links.unsubscribeUrl))
    .replaceAll(PLACEHOLDER.preferencesUrl, escapeAttribute(links.preferencesUrl))
    .replaceAll(PLACEHOLDER.openPixelUrl, links.openPixelUrl ? escapeAttribute(links.openPixelUrl) : '');
  const text = issue.text.replaceAll(PLACEHOLDER.unsubscribeUrl, links.unsubscribeUrl).replaceAll(PLACEHOLDER.preferencesUrl, links.preferencesUrl);
  return { html, text };
}
