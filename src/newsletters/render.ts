/**
 * Rendering newsletter issues. PLACEHOLDER: a minimal freeze so the delivery engine can be
 * built and tested; the real MJML rendering replaces this with the same signature.
 */
import type { AppContext } from '../app-context.ts';
import type { FrozenIssue } from './frozen.ts';
import { PLACEHOLDER } from './frozen.ts';
import { escapeHtml } from '../shared/escape.ts';

/** Renders an issue once, as every recipient will get it (per-recipient parts as placeholders). */
export async function freezeIssue(app: AppContext, issueId: number): Promise<FrozenIssue> {
  const issue = await app.db.selectFrom('newsletter_issues').selectAll().where('id', '=', issueId).executeTakeFirstOrThrow();
  const list = await app.db.selectFrom('newsletters').selectAll().where('id', '=', issue.newsletter_id).executeTakeFirstOrThrow();
  const host = new URL(app.config.publicUrl).hostname;
  return {
    issueId,
    newsletterId: list.id,
    listId: `${list.slug}.${host}`,
    listName: list.name,
    fromName: list.sender_name,
    fromAddress: list.sender_address,
    replyTo: list.reply_to,
    language: list.language,
    subject: issue.subject,
    html: `<p>${escapeHtml(issue.intro)}</p><p><a href="${PLACEHOLDER.preferencesUrl}">Preferences</a> <a href="${PLACEHOLDER.unsubscribeUrl}">Unsubscribe</a></p>`,
    text: `${issue.intro}\n\nPreferences: ${PLACEHOLDER.preferencesUrl}\nUnsubscribe: ${PLACEHOLDER.unsubscribeUrl}\n`,
    trackOpens: list.track_opens === 1,
  };
}
