// The notice on a live article whose changes this user autosaved but never published:
// the editor opens on the live text, and offers those changes back. "Bring them back"
// loads that version into every field; "Discard" only hides the notice (the version
// stays in the article's history).
import type { EditableArticle } from '../../../newsroom/editable.ts';
import { apiCall, problemsOf } from './api.ts';
import type { ApiResult } from './api.ts';
import { byId, clockTime, h, setText } from './dom.ts';
import { ID } from './dom-ids.ts';

type Fields = EditableArticle['fields'];
type Pending = NonNullable<EditableArticle['pendingAutosave']>;

/** "at 14:02" today; "on 27 Nov 2026 at 14:02" another day. */
function whenSaved(savedAt: string): string {
  const at = new Date(savedAt);
  if (Number.isNaN(at.getTime())) return '';
  const day = (date: Date) => date.toDateString();
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(at);
  return day(at) === day(new Date()) ? ` at ${clockTime(at)}` : ` on ${date} at ${clockTime(at)}`;
}

/**
 * Shows the notice at the top of the editor. `bringBack` puts the fields into the page
 * (and marks them unsaved); the notice goes once it has.
 */
export function offerPendingAutosave(articleId: number, pending: Pending, bringBack: (fields: Fields) => Promise<void>): void {
  const path = `/admin/api/articles/${articleId}/revisions/${pending.revisionId}`;
  const load = () => apiCall<{ fields: Fields }>('GET', path);
  // Fetched now, not on the click: typing before choosing autosaves, and the server may fold
  // that autosave into this very revision, replacing the changes the notice speaks of.
  let fetched: Promise<ApiResult<{ fields: Fields }>> = load();

  const text = h('p', { class: 'editor-pending__text' }, `You have changes saved${whenSaved(pending.savedAt)} that readers do not see yet.`);
  const problem = h('p', { class: 'editor-pending__problem' });
  const restore = h('button', { type: 'button', class: 'editor-button editor-button--primary' }, 'Bring them back');
  const discard = h('button', { type: 'button', class: 'editor-button' }, 'Discard');
  const notice = h('div', { id: ID.pendingAutosave, class: 'editor-pending', role: 'region', 'aria-label': 'Unpublished changes' }, text, problem, h('p', { class: 'editor-pending__actions' }, restore, ' ', discard));

  const close = () => {
    notice.remove();
    byId(ID.headline).focus();
  };
  discard.addEventListener('click', close);
  restore.addEventListener('click', () => {
    restore.disabled = true;
    discard.disabled = true;
    setText(problem, '');
    restore.textContent = 'Bringing them back…';
    void fetched.then(async (result) => {
      if (result.ok) {
        await bringBack(result.data.fields);
        close();
        return;
      }
      // Asked again on the next click: the failure may have been passing.
      fetched = load();
      restore.disabled = false;
      discard.disabled = false;
      restore.textContent = 'Bring them back';
      setText(problem, `Your changes could not be loaded: ${problemsOf(result).join(' ')}`);
    });
  });

  byId(ID.alerts).prepend(notice);
}
