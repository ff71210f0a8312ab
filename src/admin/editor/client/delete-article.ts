// Deleting the article: "Delete this article" in the Status section asks first, in a
// modal dialog, then deletes it and leaves for the article list. Saving stops for good
// once the article is gone, so no leftover change can hold the user on the page.
import { apiCall, problemsOf, refreshCsrfToken } from './api.ts';
import type { ApiResult } from './api.ts';
import { byId, maybeById, showProblems } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { Saver } from './saver.ts';

/** Where the user lands once the article is deleted. */
const AFTER_DELETE = '/admin/articles';

/** Wires the delete button and its dialog, when the page has them (the user may delete this article). */
export function wireDeleteArticle(articleId: number, saver: Saver | null): void {
  const opener = maybeById<HTMLButtonElement>(ID.deleteArticle);
  if (!opener) return;
  const dialog = byId<HTMLDialogElement>(ID.deleteDialog);
  const confirm = byId<HTMLButtonElement>(ID.deleteConfirm);
  const problems = byId(ID.deleteProblems);
  const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('button')];
  const label = confirm.textContent ?? '';
  let isDeleting = false;

  opener.addEventListener('click', () => {
    showProblems(problems, []);
    dialog.showModal();
  });
  dialog.querySelector('[data-close]')?.addEventListener('click', () => dialog.close());
  // Escape would otherwise close the dialog while the request runs, hiding how it ends.
  dialog.addEventListener('cancel', (event) => {
    if (isDeleting) event.preventDefault();
  });
  confirm.addEventListener('click', () => void remove());

  async function remove(): Promise<void> {
    isDeleting = true;
    for (const button of buttons) button.disabled = true;
    confirm.textContent = 'Deleting…';
    const path = `/admin/api/articles/${articleId}`;
    const request = async (): Promise<ApiResult<null>> => {
      const result = await apiCall<null>('DELETE', path);
      // The session was renewed in another tab: one more try with its token.
      return !result.ok && result.error.error === 'csrf' && (await refreshCsrfToken()) ? apiCall<null>('DELETE', path) : result;
    };
    // Waits for a save in flight, so none can reach the server after the article is gone.
    const result = saver ? await saver.exclusive(request) : await request();
    if (result.ok) {
      // Nothing is left to save, and the leave-page question must not ask about it.
      saver?.halt();
      // Replaced in the history: Back would only lead to a page that no longer exists.
      location.replace(AFTER_DELETE);
      return;
    }
    isDeleting = false;
    for (const button of buttons) button.disabled = false;
    confirm.textContent = label;
    showProblems(problems, [`The article was not deleted: ${problemsOf(result).join(' ')}`]);
  }
}
