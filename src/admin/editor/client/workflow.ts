// The workflow panel (submit, send back, approve, publish, schedule, unschedule, unpublish,
// assign) and the corrections box. Each step first stores pending changes, so it always
// acts on what the user sees, then posts the step and reloads the page to show the result.
import type { EditableArticle } from '../../../newsroom/editable.ts';
import { apiCall, problemsOf } from './api.ts';
import type { ApiResult } from './api.ts';
import { byId, h, localiseTimes, maybeById, showProblems } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { Conflict, Saver } from './saver.ts';

type WorkflowBody = { action: string; note?: string; at?: string; assigneeId?: number | null };

/** What a step needs from the rest of the island. */
export interface StepContext {
  article: EditableArticle;
  /** Null for a reader without edit rights: nothing to save first. */
  saver: Saver | null;
  onConflict(conflict: Conflict): void;
}

function selectedId(id: string): number | null {
  const value = maybeById<HTMLSelectElement>(id)?.value ?? '';
  return value === '' ? null : Number(value);
}

/** The schedule box's local date and time as an ISO UTC time, or a problem to show. */
function scheduledTime(): { at: string } | { problem: string } {
  const input = byId<HTMLInputElement>(ID.scheduleAt);
  // A datetime-local value has no offset, so Date reads it in the browser's own time zone.
  const at = input.value === '' ? Number.NaN : new Date(input.value).getTime();
  if (Number.isNaN(at)) return { problem: 'Choose the date and time to publish at.' };
  if (at <= Date.now()) return { problem: 'The publishing time must be in the future.' };
  return { at: new Date(at).toISOString() };
}

function bodyFor(action: string): WorkflowBody | { problem: string; focus?: string } {
  switch (action) {
    case 'submit': {
      const assigneeId = selectedId(ID.submitAssignee);
      return assigneeId === null ? { action } : { action, assigneeId };
    }
    case 'send_back': {
      const note = byId<HTMLTextAreaElement>(ID.sendBackNote).value.trim();
      return note === '' ? { problem: 'Write a note saying what needs to change before sending it back.', focus: ID.sendBackNote } : { action, note };
    }
    case 'schedule':
    case 'approve-at': {
      const time = scheduledTime();
      return 'problem' in time ? { ...time, focus: ID.scheduleAt } : { action: action === 'schedule' ? 'schedule' : 'approve', at: time.at };
    }
    case 'assign':
      return { action, assigneeId: selectedId(ID.assignTo) };
    default:
      return { action };
  }
}

/** Stores pending changes, then runs one more request with the resulting base revision. */
async function afterSaving<T>(context: StepContext, request: (baseRevision: number) => Promise<ApiResult<T>>, options: { autosave: boolean }): Promise<ApiResult<T> | 'not-saved'> {
  if (!context.saver) return request(context.article.revision);
  const { outcome, value } = await context.saver.afterSaving(request, { autosave: options.autosave });
  return outcome === 'saved' && value ? value : 'not-saved';
}

/** Wires the workflow buttons. */
export function wireWorkflow(context: StepContext): void {
  const panel = byId(ID.workflow);
  const problems = byId(ID.workflowProblems);
  const { article } = context;

  panel.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!button || button.disabled) return;
    const body = bodyFor(button.dataset.action ?? '');
    if ('problem' in body) {
      showProblems(problems, [body.problem]);
      if (body.focus) byId(body.focus).focus();
      return;
    }
    if (body.action === 'unpublish' && !window.confirm('Unpublish this article? Readers will no longer be able to see it.')) return;
    void run(button, body);
  });

  async function run(button: HTMLButtonElement, body: WorkflowBody): Promise<void> {
    const buttons = [...panel.querySelectorAll<HTMLButtonElement>('button[data-action]')];
    for (const each of buttons) each.disabled = true;
    panel.setAttribute('aria-busy', 'true');
    showProblems(problems, []);
    const label = button.textContent ?? '';
    button.textContent = 'Working…';
    // A full save first, so the step acts on the text on screen and the page reloads to that same text
    // (on a live article the only step is unpublishing, which takes it off the site anyway).
    const result = await afterSaving(context, (baseRevision) => apiCall<{ article: EditableArticle }>('POST', `/admin/api/articles/${article.id}/workflow`, { ...body, baseRevision }), { autosave: false });
    if (result !== 'not-saved' && result.ok) {
      location.reload();
      return;
    }
    for (const each of buttons) each.disabled = false;
    panel.removeAttribute('aria-busy');
    button.textContent = label;
    if (result === 'not-saved') {
      if (!context.saver?.isStopped) showProblems(problems, ['Your latest changes could not be saved, so nothing else was done. The save status above says why.']);
      return;
    }
    if (result.status === 409 && result.error.error === 'conflict' && 'current' in result.error) {
      context.onConflict({ current: result.error.current, keptRevisionId: result.error.keptRevisionId });
      return;
    }
    showProblems(problems, problemsOf(result), 'This step could not be taken yet:');
  }
}

/** Wires the corrections box of a published article. */
export function wireCorrections(context: StepContext, report: (message: string) => void): void {
  const add = maybeById<HTMLButtonElement>(ID.correctionAdd);
  if (!add) return;
  const kind = byId<HTMLSelectElement>(ID.correctionKind);
  const text = byId<HTMLTextAreaElement>(ID.correctionBody);
  const list = byId(ID.correctionsList);

  add.addEventListener('click', () => {
    const body = text.value.trim();
    if (body === '') {
      text.setAttribute('aria-invalid', 'true');
      report('Write the correction first.');
      text.focus();
      return;
    }
    text.removeAttribute('aria-invalid');
    add.disabled = true;
    // Pending edits of the live article are kept as a draft: adding a note must not publish them by the way.
    const request = () => apiCall<{ article: EditableArticle }>('POST', `/admin/api/articles/${context.article.id}/corrections`, { kind: kind.value, body });
    void afterSaving(context, request, { autosave: true }).then((result) => {
      add.disabled = false;
      if (result === 'not-saved') {
        report('Your latest changes could not be saved, so the correction was not added yet.');
        return;
      }
      if (!result.ok) {
        report(`The correction was not added: ${problemsOf(result).join('; ')}`);
        return;
      }
      const { article } = result.data;
      context.saver?.adoptOwnRevision(article.revision);
      list.replaceChildren(
        ...article.corrections.map((correction) =>
          h('li', {}, h('span', { class: 'editor-badge' }, correction.kind), ' ', h('time', { datetime: correction.createdAt, 'data-local-time': true }, correction.createdAt), h('p', {}, correction.body)),
        ),
      );
      localiseTimes(list);
      text.value = '';
      report('The note was added. Readers see it under the article now.');
    });
  });
}
