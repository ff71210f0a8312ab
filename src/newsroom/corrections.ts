/**
 * Notes for readers after publication: a dated correction, update or clarification.
 * It shows on the article, on the site-wide corrections page and in the JSON-LD, and
 * it changes the article's "Updated" time (dateModified).
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import { recordAudit } from '../accounts/audit.ts';
import { can } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { afterArticleWrite } from '../content/article-hooks.ts';
import type { Database } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { isoNow } from '../shared/time.ts';
import { sendCorrectionNotices } from '../syndication/correction-notices.ts';
import { recordActivity } from './activity.ts';
import { loadState, writeArticle } from './editing.ts';

/**
 * Adds a note for readers to an article. With the app (`notify`), the article's current
 * licensees are emailed once it is committed (src/syndication/correction-notices.ts).
 */
export async function addReaderNote(
  db: Kysely<Database>,
  actor: SessionUser,
  articleId: number,
  note: { kind: 'correction' | 'update' | 'clarification'; body: string },
  ip: string | null = null,
  notify: AppContext | null = null,
): Promise<void> {
  if (!can(actor, 'article.addCorrection')) throw new PublicError(403, 'Only editors can add corrections.');
  const state = await loadState(db, articleId);
  if (state.status !== 'published') throw new PublicError(422, 'Corrections are for published articles; edit the draft instead.');
  const at = isoNow();
  await writeArticle(db, true, async (trx) => {
    await trx.insertInto('article_corrections').values({ article_id: articleId, kind: note.kind, body: note.body, created_at: at }).execute();
    await trx.updateTable('articles').set({ updated_at: at, modified_at: at, revision: (eb) => eb('revision', '+', 1) }).where('id', '=', articleId).execute();
    await afterArticleWrite(trx, articleId);
    await recordActivity(trx, { articleId, userId: actor.id, action: 'corrected', note: note.body, details: { kind: note.kind } });
    await recordAudit(trx, { actorUserId: actor.id, action: `article.${note.kind}_added`, subjectType: 'article', subjectId: articleId, ip });
  });
  if (notify) await sendCorrectionNotices(notify, articleId, note);
}
