/**
 * Views of the issue admin: a list's issues, the compose page (fields, chosen articles with
 * move/remove buttons, a no-script article search), preview, and the send confirmation.
 * Every change is a plain form post carrying the CSRF token; nothing needs JavaScript.
 */
import type { Newsletter } from '../../newsletters/lists.ts';
import type { ArticleChoice, IssueItem, IssueRecord } from '../../newsletters/issues.ts';
import { EDITABLE_STATUSES, MAX_SUBJECT } from '../../newsletters/issues.ts';
import type { IssueSummary } from '../../newsletters/stats.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { directionOf } from '../../i18n/languages.ts';
import { FormErrors } from '../admin-layout.tsx';

/** Fixed notices after an action (nothing from the address is shown). */
export const ISSUE_NOTICES: Record<string, string> = {
  created: 'Issue created. Add articles, then preview it.',
  saved: 'Saved.',
  'test-sent': 'Test copy sent.',
  scheduled: 'Scheduled. It will go out at the time shown.',
  unscheduled: 'No longer scheduled: the issue is a draft again.',
  cancelled: 'Issue cancelled. It will not be sent.',
  deleted: 'Issue deleted.',
  sending: 'Sending has started.',
};

/** Values of the compose form as typed (shown again with problems). */
export interface ComposeValues {
  subject: string;
  preheader: string;
  intro: string;
  items: IssueItem[];
}

const STATUS_LABELS: Record<string, string> = { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent', cancelled: 'Cancelled' };

/** Human label of a status. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

function when(iso: string | null): string {
  return iso ? formatDateTime(iso, 'en') : '–';
}

function Notice(props: { notice: string | null }) {
  return props.notice ? (
    <p class="admin-notice" role="status">
      {props.notice}
    </p>
  ) : null;
}

/** The issues of one list, with forms for a new issue and a new digest. */
export function IssueListView(props: { list: Newsletter; issues: IssueSummary[]; csrf: string; notice: string | null; problems: string[]; sources: { sections: { id: number; name: string }[]; tags: { id: number; name: string; kind: string }[] }; canSend: boolean }) {
  const { list } = props;
  return (
    <>
      <p>
        <a href="/admin/newsletters">All newsletters</a> · <a href={`/admin/newsletters/${list.id}/stats`}>Growth and stats</a>
      </p>
      <Notice notice={props.notice} />
      <FormErrors problems={props.problems} />
      <section aria-labelledby="new-issue" class="issue-section">
        <h2 id="new-issue">New issue</h2>
        <form method="post" action={`/admin/newsletters/${list.id}/issues`} class="admin-inline-form">
          <input type="hidden" name="csrf" value={props.csrf} />
          <label>
            Subject
            <input name="subject" required maxlength={MAX_SUBJECT} size={40} />
          </label>
          <button type="submit">Create issue</button>
        </form>
        <form method="post" action={`/admin/newsletters/${list.id}/issues/digest`} class="admin-inline-form">
          <input type="hidden" name="csrf" value={props.csrf} />
          <label>
            Digest of what was published since the last issue, from
            <select name="source" required>
              <optgroup label="Sections">
                {props.sources.sections.map((section) => (
                  <option value={`section:${section.id}`}>{section.name}</option>
                ))}
              </optgroup>
              <optgroup label="Tags">
                {props.sources.tags.map((tag) => (
                  <option value={`tag:${tag.id}`}>{`${tag.name} (${tag.kind})`}</option>
                ))}
              </optgroup>
            </select>
          </label>
          <button type="submit">Create digest</button>
        </form>
      </section>
      <h2>Issues</h2>
      {props.issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">When</th>
              <th scope="col">Sent / recipients</th>
              <th scope="col">Clicks</th>
            </tr>
          </thead>
          <tbody>
            {props.issues.map((issue) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/issues/${issue.id}`}>{issue.subject}</a>
                </td>
                <td>{statusLabel(issue.status)}</td>
                <td>{issue.status === 'scheduled' ? when(issue.scheduledAt) : issue.startedAt ? when(issue.startedAt) : `created ${when(issue.createdAt)}`}</td>
                <td>{issue.status === 'sending' || issue.status === 'sent' ? `${issue.sent} / ${issue.recipients}` : '–'}</td>
                <td>{issue.status === 'sending' || issue.status === 'sent' ? <a href={`/admin/newsletters/issues/${issue.id}/stats`}>{issue.clicks}</a> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One chosen article with its note and the buttons that move or remove it (all part of the compose form). */
function ItemRow(props: { item: IssueItem; index: number; count: number; article: (ArticleChoice & { isPublished: boolean }) | undefined }) {
  const { item, article } = props;
  const id = item.articleId;
  const headline = article?.headline ?? `Article ${id} (deleted)`;
  return (
    <li>
      <input type="hidden" name="item" value={String(id)} />
      <span>
        <strong>{`${props.index + 1}. ${headline}`}</strong>
        {article && !article.isPublished ? <em> (no longer published: it will be left out)</em> : null}
      </span>
      <button type="submit" name="action" value={`up:${id}`} disabled={props.index === 0} aria-label={`Move up: ${headline}`}>
        Up
      </button>
      <button type="submit" name="action" value={`down:${id}`} disabled={props.index === props.count - 1} aria-label={`Move down: ${headline}`}>
        Down
      </button>
      <button type="submit" name="action" value={`remove:${id}`} aria-label={`Remove: ${headline}`}>
        Remove
      </button>
      <label class="issue-items__blurb">
        Note for readers (optional)
        <textarea name={`blurb-${id}`} rows={2} cols={60} maxlength={600}>
          {item.blurb ?? ''}
        </textarea>
      </label>
    </li>
  );
}

/** The compose page of a draft or scheduled issue, or the summary of one that is past editing. */
export function ComposeView(props: {
  list: Newsletter;
  issue: IssueRecord;
  values: ComposeValues;
  articles: Map<number, ArticleChoice & { isPublished: boolean }>;
  q: string;
  results: ArticleChoice[];
  csrf: string;
  notice: string | null;
  problems: string[];
  canSend: boolean;
  minSchedule: string;
}) {
  const { issue, values } = props;
  const base = `/admin/newsletters/issues/${issue.id}`;
  const isEditable = EDITABLE_STATUSES.includes(issue.status);
  const chosen = new Set(values.items.map((item) => item.articleId));
  return (
    <>
      <p>
        <a href={`/admin/newsletters/${props.list.id}/issues`}>{`Issues of ${props.list.name}`}</a> · <a href={`${base}/preview`}>Preview</a>
        {issue.status === 'sending' || issue.status === 'sent' ? (
          <>
            {' · '}
            <a href={`${base}/stats`}>Stats</a>
          </>
        ) : null}
      </p>
      <Notice notice={props.notice} />
      <FormErrors problems={props.problems} />
      <p>
        {`Status: ${statusLabel(issue.status)}`}
        {issue.status === 'scheduled' ? ` for ${when(issue.scheduledAt)}` : ''}
        {issue.kind === 'digest' && issue.digestSource ? ` · Digest of articles published since ${when(issue.digestSource.since)}` : ''}
      </p>
      {isEditable ? (
        <form id="compose" method="post" action={base} class="admin-form issue-compose">
          <input type="hidden" name="csrf" value={props.csrf} />
          <input type="hidden" name="q" value={props.q} />
          <label>
            Subject
            <input name="subject" value={values.subject} required maxlength={MAX_SUBJECT} />
            <span class="hint">One line, at most {MAX_SUBJECT} characters.</span>
          </label>
          <label>
            Preheader
            <input name="preheader" value={values.preheader} maxlength={250} />
            <span class="hint">The line mail programs show after the subject.</span>
          </label>
          <label>
            Introduction
            <textarea name="intro" rows={6} cols={60} maxlength={5000}>
              {values.intro}
            </textarea>
            <span class="hint">Plain text; leave a blank line between paragraphs.</span>
          </label>
          <h2>Articles</h2>
          {values.items.length === 0 ? (
            <p>No articles yet: search below and add some.</p>
          ) : (
            <ol class="issue-items">
              {values.items.map((item, index) => (
                <ItemRow item={item} index={index} count={values.items.length} article={props.articles.get(item.articleId)} />
              ))}
            </ol>
          )}
          <div>
            <button type="submit" name="action" value="save">
              Save
            </button>
          </div>
        </form>
      ) : (
        <dl>
          <dt>Subject</dt>
          <dd>{issue.subject}</dd>
          <dt>Articles</dt>
          <dd>{String(issue.items.length)}</dd>
          <dt>Recipients</dt>
          <dd>{String(issue.recipients)}</dd>
        </dl>
      )}
      {isEditable ? (
        <section aria-labelledby="add-articles">
          <h2 id="add-articles">Add articles</h2>
          <form method="get" action={base} role="search" class="admin-inline-form">
            <label>
              Search published headlines
              <input type="search" name="q" value={props.q} maxlength={200} />
            </label>
            <button type="submit">Search</button>
          </form>
          {props.results.length === 0 ? (
            <p>{props.q ? 'No published article has that in its headline.' : 'No published articles in this list’s language yet.'}</p>
          ) : (
            <ul class="issue-items">
              {props.results.map((article) => (
                <li>
                  <span>
                    {article.headline} <small>{when(article.publishedAt)}</small>
                  </span>
                  {chosen.has(article.id) ? (
                    <em>In this issue</em>
                  ) : (
                    <button type="submit" form="compose" name="action" value={`add:${article.id}`} aria-label={`Add: ${article.headline}`}>
                      Add
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {isEditable && props.canSend ? <SendingForms issue={issue} csrf={props.csrf} minSchedule={props.minSchedule} /> : null}
      {isEditable ? (
        <section aria-labelledby="discard">
          <h2 id="discard">Discard</h2>
          {props.canSend ? (
            <form method="post" action={`${base}/cancel`} class="admin-inline-form">
              <input type="hidden" name="csrf" value={props.csrf} />
              <button type="submit">Cancel this issue</button>
            </form>
          ) : null}
          {issue.status === 'draft' ? (
            <form method="post" action={`${base}/delete`} class="admin-inline-form">
              <input type="hidden" name="csrf" value={props.csrf} />
              <button type="submit">Delete this draft</button>
            </form>
          ) : null}
        </section>
      ) : issue.status === 'cancelled' ? (
        <form method="post" action={`${base}/delete`} class="admin-inline-form">
          <input type="hidden" name="csrf" value={props.csrf} />
          <button type="submit">Delete this issue</button>
        </form>
      ) : null}
    </>
  );
}

/** Test copy, send now and schedule (for people who may send). */
function SendingForms(props: { issue: IssueRecord; csrf: string; minSchedule: string }) {
  const base = `/admin/newsletters/issues/${props.issue.id}`;
  return (
    <section aria-labelledby="sending">
      <h2 id="sending">Send</h2>
      <p>Save your changes first: these send the issue as last saved.</p>
      <form method="post" action={`${base}/test`} class="admin-inline-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Send a test copy to
          <input type="email" name="to" required maxlength={254} autocomplete="email" />
        </label>
        <button type="submit">Send test</button>
      </form>
      <p>
        <a href={`${base}/send`}>Send now…</a> (you will see the number of recipients and confirm)
      </p>
      <form method="post" action={`${base}/schedule`} class="admin-inline-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Send at (UTC)
          <input type="datetime-local" name="at" required min={props.minSchedule} value={props.issue.scheduledAt ? props.issue.scheduledAt.slice(0, 16) : ''} />
        </label>
        <button type="submit">{props.issue.status === 'scheduled' ? 'Change time' : 'Schedule'}</button>
      </form>
      {props.issue.status === 'scheduled' ? (
        <form method="post" action={`${base}/unschedule`} class="admin-inline-form">
          <input type="hidden" name="csrf" value={props.csrf} />
          <button type="submit">Unschedule (back to draft)</button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * The preview: the issue at desktop and phone widths, and its plain-text version. The admin
 * is English; the issue's own texts (subject, preheader, text version) carry the list's
 * language and direction, so an Arabic issue reads right to left here as in the mail.
 */
export function PreviewView(props: { issue: IssueRecord; text: string; subject: string; language: string }) {
  const base = `/admin/newsletters/issues/${props.issue.id}`;
  const own = { lang: props.language, dir: directionOf(props.language) };
  return (
    <>
      <p>
        <a href={base}>Back to the issue</a> · <a href={`${base}/preview.html`}>Open the HTML on its own</a>
      </p>
      <p>
        <strong>Subject:</strong> <span {...own}>{props.subject}</span>
        {props.issue.preheader ? (
          <>
            <br />
            <strong>Preheader:</strong> <span {...own}>{props.issue.preheader}</span>
          </>
        ) : null}
      </p>
      <p>Links go straight to the articles here; in sent mail they pass through the click counter. Unsubscribe and preferences links are examples.</p>
      <div class="issue-previews">
        <figure class="issue-preview issue-preview--desktop">
          <figcaption>Desktop (640 px)</figcaption>
          <iframe src={`${base}/preview.html`} title="The issue at desktop width" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>
        </figure>
        <figure class="issue-preview issue-preview--phone">
          <figcaption>Phone (375 px)</figcaption>
          <iframe src={`${base}/preview.html`} title="The issue at phone width" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>
        </figure>
      </div>
      <h2>Plain-text version</h2>
      <pre class="issue-text" tabindex={0} aria-label="Plain-text version of the issue" {...own}>
        {props.text}
      </pre>
    </>
  );
}

/** The send confirmation: how many people will get it, and one button. */
export function SendConfirmView(props: { issue: IssueRecord; list: Newsletter; recipients: number; csrf: string; problems: string[]; hasPostalAddress: boolean }) {
  const base = `/admin/newsletters/issues/${props.issue.id}`;
  return (
    <>
      <FormErrors problems={props.problems} />
      {props.hasPostalAddress ? null : (
        <p class="taxonomy-warning">
          The site has no postal address yet, so the issue’s footer will lack one; anti-spam laws require the sender’s physical address in bulk mail. An admin adds it under <a href="/admin/settings">Settings → Newsletters</a>.
        </p>
      )}
      <p>
        <strong>{props.issue.subject}</strong>
      </p>
      <p>{`This sends the issue now to ${props.recipients} confirmed ${props.recipients === 1 ? 'subscriber' : 'subscribers'} of ${props.list.name}. It cannot be called back.`}</p>
      <form method="post" action={`${base}/send`} class="admin-inline-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">{`Send to ${props.recipients} now`}</button>
        <a href={base}>Not now</a>
      </form>
    </>
  );
}
