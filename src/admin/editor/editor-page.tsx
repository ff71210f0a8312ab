/**
 * The article editor page, rendered on the server: every field is real, labelled HTML
 * before any script runs, and the island (client/main.ts) takes it over from the state
 * embedded as JSON. The lead's `/admin/articles/:id` route renders `EditorView` inside
 * `AdminLayout` with the bundle from `editorAssetUrls()`.
 */
import type { SessionUser } from '../../accounts/sessions.ts';
import { can } from '../../accounts/policy.ts';
import { bodyToPlainText } from '../../articles/body/text.ts';
import { directionOf } from '../../i18n/languages.ts';
import type { EditableArticle } from '../../newsroom/editable.ts';
import { PLACEHOLDER_SLUG_PREFIX } from '../../newsroom/readiness.ts';
import { jsonLdScript } from '../../site/layout.tsx';
import { raw } from '../../site/jsx/jsx-runtime.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import { ID, SOURCE_KINDS, STATUS_LABELS, TAG_KINDS, tagIds } from './client/dom-ids.ts';
import type { EditorLookups, EditorState, EditorTag } from './client/editor-state.ts';
import { slugify } from './client/slug.ts';

export type { EditorLookups, EditorState, HeroImageInfo, EditorTag } from './client/editor-state.ts';

/** Props of the editor view. */
export interface EditorViewProps {
  article: EditableArticle;
  lookups: EditorLookups;
  user: SessionUser;
}

/** The state the island starts from, serialised so no value can close the script element. */
export function editorStateJson(state: EditorState): string {
  return jsonLdScript(state);
}

/** The whole editor: writing column, settings panel, media picker and the island's state. */
export function EditorView(props: EditorViewProps) {
  const { article, lookups, user } = props;
  const state: EditorState = {
    article,
    lookups,
    user: { id: user.id, name: user.name },
    can: { createTags: can(user, 'taxonomy.create'), uploadMedia: can(user, 'media.upload') },
    slugFollowsHeadline: slugFollowsHeadline(article),
  };
  const isReadOnly = !article.permissions.edit;
  const dir = directionOf(article.fields.language);
  const { fields } = article;
  return (
    <div id={ID.root} class="editor" data-read-only={isReadOnly ? 'true' : undefined}>
      <script type="application/json" id={ID.state}>
        {raw(editorStateJson(state))}
      </script>
      <noscript>
        <p class="editor-notice editor-notice--warning">The editor needs JavaScript. Without it you can read this article's fields here, but not change them.</p>
      </noscript>
      <EditorBar article={article} isReadOnly={isReadOnly} />
      <div id={ID.alerts} class="editor-alerts"></div>
      <div class="editor-layout">
        <div class="editor-writing">
          <div class="editor-field editor-field--headline">
            <label for={ID.headline} class="editor-label">
              Headline
            </label>
            <textarea id={ID.headline} class="editor-headline" rows={2} maxlength={300} dir={dir} lang={fields.language} placeholder="Headline" readonly={isReadOnly}>
              {fields.headline}
            </textarea>
          </div>
          <div class="editor-field editor-field--standfirst">
            <label for={ID.standfirst} class="editor-label">
              Standfirst
            </label>
            <textarea id={ID.standfirst} class="editor-standfirst" rows={3} maxlength={600} dir={dir} lang={fields.language} placeholder="A sentence or two that tells the reader why this matters" readonly={isReadOnly}>
              {fields.standfirst}
            </textarea>
          </div>
          <div class="editor-field editor-field--body">
            <div id={ID.bodyLabel} class="editor-label">
              Body
            </div>
            <div id={ID.body} class="editor-body" dir={dir} lang={fields.language}>
              <div class="editor-body__fallback" role="group" aria-labelledby={ID.bodyLabel}>
                {bodyParagraphs(article).map((text) => (
                  <p>{text}</p>
                ))}
              </div>
            </div>
          </div>
        </div>
        <div class="editor-panel" role="region" aria-label="Article settings">
          <WorkflowSection article={article} lookups={lookups} />
          <StorySection article={article} lookups={lookups} isReadOnly={isReadOnly} />
          <BylineSection article={article} lookups={lookups} isReadOnly={isReadOnly} />
          <HeroSection article={article} lookups={lookups} isReadOnly={isReadOnly} canUpload={state.can.uploadMedia} />
          <TagsSection tags={lookups.tags} isReadOnly={isReadOnly} />
          <SourcesSection article={article} isReadOnly={isReadOnly} />
          <TranslationsSection article={article} lookups={lookups} isReadOnly={isReadOnly} />
          <SearchSection article={article} isReadOnly={isReadOnly} />
          {article.status === 'published' || article.corrections.length > 0 ? <CorrectionsSection article={article} /> : null}
        </div>
      </div>
      {isReadOnly ? null : <MediaPickerDialog canUpload={state.can.uploadMedia} />}
    </div>
  );
}

/** A slug is the headline's until someone types one: on a never-published article whose slug is a new draft's placeholder or exactly what the headline gives. */
function slugFollowsHeadline(article: EditableArticle): boolean {
  const { slug, headline } = article.fields;
  return article.publishedAt === null && (slug === '' || slug.startsWith(PLACEHOLDER_SLUG_PREFIX) || slug === slugify(headline));
}

/** The body as plain paragraphs, so the page reads before the rich editor mounts. */
function bodyParagraphs(article: EditableArticle): string[] {
  try {
    return bodyToPlainText(article.fields.body).split('\n\n');
  } catch {
    return [];
  }
}

function EditorBar(props: { article: EditableArticle; isReadOnly: boolean }) {
  const { article } = props;
  const isPublished = article.status === 'published';
  return (
    <div class="editor-bar">
      <div class="editor-bar__status">
        <p id={ID.status} class="editor-status" role="status">
          {props.isReadOnly ? 'Read only: your role cannot change this article.' : 'All changes saved.'}
        </p>
        <div id={ID.problems} class="editor-problems"></div>
        <p id={ID.counts} class="editor-counts">
          {`${article.wordCount} ${article.wordCount === 1 ? 'word' : 'words'} · ${article.readingMinutes} min read`}
        </p>
      </div>
      <div class="editor-bar__actions">
        <a class="editor-button editor-button--quiet" href={article.previewUrl} target="_blank" rel="noopener">
          Preview<span class="visually-hidden"> (opens in a new tab)</span>
        </a>
        {props.isReadOnly ? null : (
          <>
            {isPublished ? (
              <span class="editor-check">
                <input type="checkbox" id={ID.minorEdit} />
                <label for={ID.minorEdit}>Minor edit (don't change the Updated time)</label>
              </span>
            ) : null}
            <button type="button" id={ID.save} class="editor-button editor-button--primary">
              {isPublished ? 'Update' : 'Save'}
            </button>
          </>
        )}
      </div>
      <p id={ID.notice} class="editor-notice-line" role="status"></p>
    </div>
  );
}

/** A labelled field with an optional hint tied to the control by aria-describedby (the control must use `hintId`). */
function Field(props: { id: string; label: string; hint?: string; children: Child }) {
  return (
    <div class="editor-field">
      <label for={props.id} class="editor-label">
        {props.label}
      </label>
      {props.children}
      {props.hint ? (
        <p id={hintId(props.id)} class="editor-hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

function hintId(id: string): string {
  return `${id}-hint`;
}

function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section class="editor-section" aria-labelledby={props.id}>
      <h2 id={props.id} class="editor-section__title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A section folded away by default: the settings most articles never touch. */
function Folded(props: { title: string; isOpen?: boolean; children: Child }) {
  return (
    <details class="editor-section editor-section--folded" open={props.isOpen}>
      <summary class="editor-section__title">{props.title}</summary>
      <div class="editor-section__body">{props.children}</div>
    </details>
  );
}

function LocalTime(props: { iso: string }) {
  return (
    <time datetime={props.iso} data-local-time>
      {`${props.iso.slice(0, 16).replace('T', ' ')} UTC`}
    </time>
  );
}

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

function WorkflowSection(props: { article: EditableArticle; lookups: EditorLookups }) {
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
    </Section>
  );
}

function StorySection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
  const { fields } = props.article;
  const { lookups, isReadOnly } = props;
  return (
    <Section id="editor-story-title" title="Story">
      <Field id={ID.type} label="Type of work">
        <select id={ID.type} disabled={isReadOnly}>
          {lookups.articleTypes.map((type) => (
            <option value={type} selected={type === fields.type}>
              {type.charAt(0).toUpperCase() + type.slice(1)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={ID.section} label="Section">
        <select id={ID.section} disabled={isReadOnly}>
          {lookups.sections.map((section) => (
            <option value={String(section.id)} selected={section.id === fields.sectionId}>
              {section.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={ID.dateline} label="Dateline" hint="Where the story was reported, e.g. AMMAN.">
        <input type="text" id={ID.dateline} value={fields.dateline ?? ''} maxlength={100} readonly={isReadOnly} aria-describedby={hintId(ID.dateline)} />
      </Field>
      <Field id={ID.language} label="Language">
        <select id={ID.language} disabled={isReadOnly}>
          {lookups.languages.map((language) => (
            <option value={language.code} selected={language.code === fields.language}>
              {language.name}
            </option>
          ))}
        </select>
      </Field>
    </Section>
  );
}

/** An author row; the island draws the same markup when the list changes. */
function AuthorItem(props: { id: number; name: string; isReadOnly: boolean }) {
  return (
    <li class="editor-list-item" data-author-id={String(props.id)}>
      <span class="editor-list-item__name">{props.name}</span>
      {props.isReadOnly ? null : (
        <span class="editor-list-item__tools">
          <button type="button" class="editor-icon-button" data-move="up" aria-label={`Move ${props.name} up`}>
            ↑
          </button>
          <button type="button" class="editor-icon-button" data-move="down" aria-label={`Move ${props.name} down`}>
            ↓
          </button>
          <button type="button" class="editor-icon-button" data-remove="author" aria-label={`Remove ${props.name}`}>
            ×
          </button>
        </span>
      )}
    </li>
  );
}

function BylineSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
  const { fields } = props.article;
  const { lookups, isReadOnly } = props;
  const names = new Map(lookups.authors.map((author) => [author.id, author.name]));
  return (
    <Section id="editor-byline-title" title="Byline">
      <ol id={ID.authorsList} class="editor-list" aria-label="Authors, in byline order">
        {fields.authorIds.map((id) => (
          <AuthorItem id={id} name={names.get(id) ?? `Author ${id}`} isReadOnly={isReadOnly} />
        ))}
      </ol>
      {isReadOnly ? null : (
        <div class="editor-inline">
          <Field id={ID.authorAdd} label="Add an author">
            <select id={ID.authorAdd}>
              <option value="">Choose an author…</option>
              {lookups.authors
                .filter((author) => !fields.authorIds.includes(author.id))
                .map((author) => (
                  <option value={String(author.id)}>{author.name}</option>
                ))}
            </select>
          </Field>
          <button type="button" id={ID.authorAddButton} class="editor-button">
            Add
          </button>
        </div>
      )}
      <Field id={ID.byline} label="Desk or agency byline" hint="Instead of named authors, e.g. “Staff and agencies”.">
        <input type="text" id={ID.byline} value={fields.byline ?? ''} maxlength={200} readonly={isReadOnly} aria-describedby={hintId(ID.byline)} />
      </Field>
    </Section>
  );
}

function HeroSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean; canUpload: boolean }) {
  const { fields } = props.article;
  const hero = props.lookups.heroImage;
  const { isReadOnly } = props;
  return (
    <Section id="editor-hero-title" title="Hero image">
      <div id={ID.hero} class="editor-hero" data-image-id={fields.heroImageId === null ? undefined : String(fields.heroImageId)}>
        <div id={ID.heroPreview} class="editor-hero__preview">
          {hero ? <img src={hero.thumbnailUrl} alt={hero.alt} /> : <p class="editor-hint">No hero image.</p>}
          {hero && !hero.canDistribute ? <p class="editor-hint">Not cleared for syndication: partners will not receive this image.</p> : null}
        </div>
        {isReadOnly ? null : (
          <div class="editor-hero__tools">
            <button type="button" id={ID.heroChoose} class="editor-button">
              {hero ? 'Replace from library' : 'Choose from library'}
            </button>
            {props.canUpload ? (
              <span class="editor-file">
                <input type="file" id={ID.heroUpload} class="visually-hidden" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" />
                <label for={ID.heroUpload} class="editor-button">
                  Upload
                </label>
              </span>
            ) : null}
            <button type="button" id={ID.heroRemove} class="editor-button editor-button--quiet" hidden={!hero}>
              Remove
            </button>
          </div>
        )}
        <div id={ID.heroFields} hidden={!hero}>
          <Field id={ID.heroAlt} label="Alt text" hint="What the image shows, for people who cannot see it. Required to publish.">
            <textarea id={ID.heroAlt} rows={2} maxlength={1000} readonly={isReadOnly} aria-describedby={hintId(ID.heroAlt)}>
              {fields.heroAlt ?? ''}
            </textarea>
          </Field>
          <Field id={ID.heroCaption} label="Caption">
            <textarea id={ID.heroCaption} rows={2} maxlength={1000} readonly={isReadOnly}>
              {fields.heroCaption ?? ''}
            </textarea>
          </Field>
          <Field id={ID.heroCredit} label="Credit">
            <input type="text" id={ID.heroCredit} value={fields.heroCredit ?? ''} maxlength={300} readonly={isReadOnly} />
          </Field>
        </div>
      </div>
    </Section>
  );
}

/** A chosen tag; the island draws the same markup. */
function TagChip(props: { tag: EditorTag; isReadOnly: boolean }) {
  return (
    <li class="editor-chip" data-tag-id={String(props.tag.id)}>
      <span>{props.tag.name}</span>
      {props.isReadOnly ? null : (
        <button type="button" class="editor-chip__remove" aria-label={`Remove ${props.tag.name}`}>
          ×
        </button>
      )}
    </li>
  );
}

function TagsSection(props: { tags: EditorTag[]; isReadOnly: boolean }) {
  return (
    <Section id="editor-tags-title" title="Tags">
      {TAG_KINDS.map(({ kind, label, add }) => {
        const ids = tagIds(kind);
        const chosen = props.tags.filter((tag) => tag.kind === kind);
        return (
          <fieldset class="editor-tags" data-kind={kind}>
            <legend class="editor-label">{label}</legend>
            <ul id={ids.list} class="editor-chips">
              {chosen.map((tag) => (
                <TagChip tag={tag} isReadOnly={props.isReadOnly} />
              ))}
            </ul>
            {props.isReadOnly ? null : (
              <div class="editor-combobox">
                <label for={ids.input} class="visually-hidden">
                  {add}
                </label>
                <input type="text" id={ids.input} role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls={ids.options} autocomplete="off" placeholder={`${add}…`} />
                <ul id={ids.options} class="editor-options" role="listbox" aria-label={`${label} found`} hidden></ul>
              </div>
            )}
          </fieldset>
        );
      })}
    </Section>
  );
}

function SourcesSection(props: { article: EditableArticle; isReadOnly: boolean }) {
  const { sources } = props.article.fields;
  return (
    <Folded title={`Sources and wire credits${sources.length > 0 ? ` (${sources.length})` : ''}`} isOpen={sources.length > 0}>
      <ul id={ID.sourcesList} class="editor-sources">
        {sources.map((source, index) => (
          <li class="editor-source">
            <Field id={`editor-source-${index}-name`} label="Name">
              <input type="text" id={`editor-source-${index}-name`} data-source-field="name" value={source.name} maxlength={200} readonly={props.isReadOnly} />
            </Field>
            <Field id={`editor-source-${index}-kind`} label="Kind">
              <select id={`editor-source-${index}-kind`} data-source-field="kind" disabled={props.isReadOnly}>
                {SOURCE_KINDS.map((kind) => (
                  <option value={kind.value} selected={kind.value === source.kind}>
                    {kind.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`editor-source-${index}-url`} label="Link (optional)">
              <input type="url" id={`editor-source-${index}-url`} data-source-field="url" value={source.url ?? ''} maxlength={2000} readonly={props.isReadOnly} />
            </Field>
          </li>
        ))}
      </ul>
      {props.isReadOnly ? null : (
        <button type="button" id={ID.sourceAdd} class="editor-button">
          Add a source
        </button>
      )}
    </Folded>
  );
}

function TranslationsSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
  const { translations } = props.article;
  const languageName = new Map(props.lookups.languages.map((language) => [language.code, language.name]));
  return (
    <Folded title={`Translations${translations.length > 0 ? ` (${translations.length})` : ''}`} isOpen={translations.length > 0}>
      <ul id={ID.translationsList} class="editor-list">
        {translations.map((translation) => (
          <li class="editor-list-item" data-translation-id={String(translation.id)}>
            <span class="editor-list-item__name">
              <span class="editor-badge">{languageName.get(translation.language) ?? translation.language}</span>{' '}
              <a href={`/admin/articles/${translation.id}`} lang={translation.language} dir={directionOf(translation.language)}>
                {translation.headline || 'Untitled'}
              </a>{' '}
              <span class="editor-hint">{STATUS_LABELS[translation.status] ?? translation.status}</span>
            </span>
          </li>
        ))}
      </ul>
      <p id={ID.translationsEmpty} class="editor-hint" hidden={translations.length > 0}>
        Not linked to any translation.
      </p>
      {props.isReadOnly ? null : (
        <div class="editor-combobox">
          <label for={ID.translationSearch} class="editor-label">
            Link a translation
          </label>
          <input type="text" id={ID.translationSearch} role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls={`${ID.translationSearch}-options`} autocomplete="off" placeholder="Search by headline…" />
          <ul id={`${ID.translationSearch}-options`} class="editor-options" role="listbox" aria-label="Articles found" hidden></ul>
        </div>
      )}
    </Folded>
  );
}

function SearchSection(props: { article: EditableArticle; isReadOnly: boolean }) {
  const { fields } = props.article;
  const { isReadOnly } = props;
  return (
    <Folded title="Address, search and licensing">
      <Field id={ID.slug} label="Slug" hint="The last part of the address. Filled in from the headline until you change it.">
        <input type="text" id={ID.slug} value={fields.slug} maxlength={120} readonly={isReadOnly} spellcheck="false" autocomplete="off" aria-describedby={hintId(ID.slug)} />
      </Field>
      <Field id={ID.seoTitle} label="Search engine title" hint="Leave blank to use the headline.">
        <input type="text" id={ID.seoTitle} value={fields.seoTitle ?? ''} maxlength={200} readonly={isReadOnly} aria-describedby={hintId(ID.seoTitle)} />
      </Field>
      <Field id={ID.seoDescription} label="Search engine description" hint="Leave blank to use the standfirst.">
        <textarea id={ID.seoDescription} rows={3} maxlength={400} readonly={isReadOnly} aria-describedby={hintId(ID.seoDescription)}>
          {fields.seoDescription ?? ''}
        </textarea>
      </Field>
      <Field id={ID.licensing} label="Licensing for republication">
        <select id={ID.licensing} disabled={isReadOnly}>
          <option value="" selected={fields.licensingPolicy === null}>
            The section's default
          </option>
          <option value="paid" selected={fields.licensingPolicy === 'paid'}>
            Paid licence on request
          </option>
          <option value="cc" selected={fields.licensingPolicy === 'cc'}>
            Creative Commons
          </option>
          <option value="none" selected={fields.licensingPolicy === 'none'}>
            Not available for licensing
          </option>
        </select>
      </Field>
    </Folded>
  );
}

function CorrectionsSection(props: { article: EditableArticle }) {
  const { article } = props;
  return (
    <Section id="editor-corrections-title" title="Corrections">
      <ul id={ID.correctionsList} class="editor-corrections">
        {article.corrections.map((correction) => (
          <li>
            <span class="editor-badge">{correction.kind}</span> <LocalTime iso={correction.createdAt} />
            <p>{correction.body}</p>
          </li>
        ))}
      </ul>
      {article.status === 'published' && article.permissions.correct ? (
        <div class="editor-action">
          <Field id={ID.correctionKind} label="Kind of note">
            <select id={ID.correctionKind}>
              <option value="correction">Correction</option>
              <option value="update">Update</option>
              <option value="clarification">Clarification</option>
            </select>
          </Field>
          <Field id={ID.correctionBody} label="What was wrong, and what is right" hint="Shown to readers under the article, dated.">
            <textarea id={ID.correctionBody} rows={3} maxlength={5000} aria-describedby={hintId(ID.correctionBody)}></textarea>
          </Field>
          <button type="button" id={ID.correctionAdd} class="editor-button">
            Add the note
          </button>
        </div>
      ) : null}
    </Section>
  );
}

function MediaPickerDialog(props: { canUpload: boolean }) {
  return (
    <dialog id={ID.mediaPicker} class="media-picker" aria-labelledby="editor-media-picker-title">
      <div class="media-picker__head">
        <h2 id="editor-media-picker-title">Choose an image</h2>
        <button type="button" class="editor-button editor-button--quiet" data-close>
          Cancel
        </button>
      </div>
      <div class="media-picker__search">
        <label for={ID.mediaSearch} class="editor-label">
          Search the library
        </label>
        <input type="search" id={ID.mediaSearch} autocomplete="off" placeholder="Caption, credit, alt text or file name" />
        {props.canUpload ? (
          <span class="editor-file">
            <input type="file" id={ID.mediaUpload} class="visually-hidden" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" />
            <label for={ID.mediaUpload} class="editor-button">
              Upload a new image
            </label>
          </span>
        ) : null}
      </div>
      <p id={ID.mediaStatus} class="editor-hint" role="status"></p>
      <ul id={ID.mediaResults} class="media-grid" aria-label="Images"></ul>
      <button type="button" id={ID.mediaMore} class="editor-button" hidden>
        More images
      </button>
    </dialog>
  );
}
