// The conflict banner: someone else saved a newer version. Saving stops, the page turns
// read-only (what is typed now could not be saved), and the user's refused version is
// already kept as a revision on the server, so loading the latest version loses nothing.
import { byId, h } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { Conflict } from './saver.ts';

/** Shows the banner once, at the top of the editor. */
export function showConflict(articleId: number, conflict: Conflict): void {
  const slot = byId(ID.alerts);
  if (slot.querySelector('.editor-conflict')) return;
  const reload = h('button', { type: 'button', class: 'editor-button editor-button--primary' }, 'Load the latest version');
  reload.addEventListener('click', () => location.reload());
  const banner = h(
    'div',
    { class: 'editor-conflict', role: 'alert' },
    h('h2', { class: 'editor-conflict__title' }, 'Someone else saved a newer version of this article'),
    h(
      'p',
      {},
      `Your version was not saved over theirs (now revision ${conflict.current.revision}), and it was not thrown away either: it is kept as a revision in the `,
      h('a', { href: `/admin/articles/${articleId}/history` }, 'article’s history'),
      ', where you can compare the two and restore yours.',
    ),
    h('p', {}, 'Saving is paused and the editor is read-only until you load the latest version.'),
    h('p', { class: 'editor-conflict__actions' }, reload),
  );
  slot.replaceChildren(banner);
  banner.scrollIntoView({ block: 'nearest' });
}

/** Makes every field of the page read-only (after a conflict). */
export function freezeFields(root: HTMLElement): void {
  for (const control of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('.editor-layout input, .editor-layout textarea, .editor-bar input')) {
    if (control.type === 'checkbox' || control.type === 'file') control.disabled = true;
    else control.readOnly = true;
  }
  for (const control of root.querySelectorAll<HTMLSelectElement | HTMLButtonElement>('.editor-layout select, .editor-layout button, #' + ID.save)) control.disabled = true;
}
