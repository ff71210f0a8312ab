/**
 * The side panel's Status section: where the article stands, the workflow steps its
 * user may take now (client/workflow.ts wires them), and deleting it.
 */
import type { EditableArticle } from '../../newsroom/editable.ts';
import { ID, STATUS_LABELS } from './client/dom-ids.ts';
import type { EditorLookups } from './client/editor-state.ts';
import { Field, LocalTime, Section, hintId } from './panel-parts.tsx';

function StatusSummary(props: { article: EditableArticle; lookups: EditorLookups }) {
  const { article } = props;
  const assignee = props.lookups.editors.find((editor) => editor.id === article.assigneeId);
  return (
    <div class="editor-state">
      <p>
        <span class={`editor-badge editor-badge--${article.status}`}>{STATUS_LABELS[article.status] ?? article.status}</span>
        {article.status === 'scheduled' && article.scheduledAt ? (
          <>
            {' for '}
            <LocalTime iso={article.scheduledAt} />
          </>
        ) : null}
      </p>
      {article.publishedAt ? (
        <p class="editor-hint">
          First published <LocalTime iso={article.publishedAt} />
          {article.updatedAt ? (
            <>
              , updated <LocalTime iso={article.updatedAt} />
            </>
          ) : null}
        </p>
      ) : null}
      {assignee ? <p class="editor-hint">Assigned to {assignee.name}</p> : null}
      {article.status === 'published' ? (
        <p class="editor-hint">
          <a href={article.url} target="_blank" rel="noopener">
            View the live article<span class="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}

function EditorOptions(props: { editors: { id: number; name: string }[]; selected: number | null; emptyLabel: string }) {
  return (
    <>
      <option value="">{props.emptyLabel}</option>
      {props.editors.map((editor) => (
        <option value={String(editor.id)} selected={editor.id === props.selected}>
          {editor.name}
        </option>
      ))}
    </>
  );
}

/** The Status section: the article's state and the steps its user may take from here. */
export function WorkflowSection(props: { article: EditableArticle; lookups: EditorLookups }) {
  const { article, lookups } = props;
  const { permissions, status } = article;
  const isUnpublishedDraft = status === 'draft' || status === 'unpublished';
  const isInReview = status === 'in_review';
  const canSubmit = permissions.submit && isUnpublishedDraft;
  const canReview = permissions.review && isInReview;
  const canPublishNow = permissions.publish && (isUnpublishedDraft || status === 'scheduled' || (isInReview && !permissions.review));
  const canSchedule = (permissions.publish && (isUnpublishedDraft || isInReview)) || canReview;
  const canAssign = permissions.assign && status !== 'published';
  return (
    <Section id="editor-workflow-title" title="Status">
      <StatusSummary article={article} lookups={lookups} />
      <div id={ID.workflow} class="editor-workflow">
        <div id={ID.workflowProblems} class="editor-problems" role="alert"></div>
        {canSubmit ? (
          <div class="editor-action">
            <Field id={ID.submitAssignee} label="Reviewer (optional)">
              <select id={ID.submitAssignee}>
                <EditorOptions editors={lookups.editors} selected={article.assigneeId} emptyLabel="Any editor" />
              </select>
            </Field>
            <button type="button" class="editor-button editor-button--primary" data-action="submit">
              Submit for review
            </button>
          </div>
        ) : null}
        {canReview ? (
          <button type="button" class="editor-button editor-button--primary" data-action="approve">
            Approve &amp; publish
          </button>
        ) : null}
        {canPublishNow ? (
          <button type="button" class={`editor-button ${canSubmit ? '' : 'editor-button--primary'}`} data-action="publish">
            Publish now
          </button>
        ) : null}
        {canSchedule ? (
          <div class="editor-action">
            <Field id={ID.scheduleAt} label="Publish at (your time zone)">
              <input type="datetime-local" id={ID.scheduleAt} />
            </Field>
            <button type="button" class="editor-button" data-action={canReview ? 'approve-at' : 'schedule'}>
              {canReview ? 'Approve & schedule' : 'Schedule'}
            </button>
          </div>
        ) : null}
        {canReview ? (
          <div class="editor-action">
            <Field id={ID.sendBackNote} label="Note for the writer" hint="Required: say what needs to change.">
              <textarea id={ID.sendBackNote} rows={3} maxlength={2000} required aria-describedby={hintId(ID.sendBackNote)}></textarea>
            </Field>
            <button type="button" class="editor-button" data-action="send_back">
              Send back with this note
            </button>
          </div>
        ) : null}
        {permissions.publish && status === 'scheduled' ? (
          <button type="button" class="editor-button" data-action="unschedule">
            Unschedule
          </button>
        ) : null}
        {permissions.publish && status === 'published' ? (
          <button type="button" class="editor-button editor-button--danger" data-action="unpublish">
            Unpublish
          </button>
        ) : null}
        {canAssign ? (
          <div class="editor-action">
            <Field id={ID.assignTo} label="Assigned editor">
              <select id={ID.assignTo}>
                <EditorOptions editors={lookups.editors} selected={article.assigneeId} emptyLabel="Nobody" />
              </select>
            </Field>
            <button type="button" class="editor-button" data-action="assign">
              Assign
            </button>
          </div>
        ) : null}
      </div>
      {permissions.delete ? <DeleteArticle /> : null}
    </Section>
  );
}

/** "Delete this article" and the dialog that asks first (client/delete-article.ts wires both). */
function DeleteArticle() {
  return (
    <div class="editor-delete">
      <button type="button" id={ID.deleteArticle} class="editor-button editor-button--danger" aria-haspopup="dialog">
        Delete this article
      </button>
      <dialog id={ID.deleteDialog} class="editor-dialog" aria-labelledby="editor-delete-title" aria-describedby="editor-delete-text">
        <h2 id="editor-delete-title" class="editor-dialog__title">
          Delete this article?
        </h2>
        <p id="editor-delete-text">It disappears from the newsroom for everyone, with its history. Only the audit log keeps its last version.</p>
        <div id={ID.deleteProblems} class="editor-problems" role="alert"></div>
        <div class="editor-dialog__actions">
          <button type="button" class="editor-button" data-close autofocus>
            Keep it
          </button>
          <button type="button" id={ID.deleteConfirm} class="editor-button editor-button--danger">
            Delete the article
          </button>
        </div>
      </dialog>
    </div>
  );
}
