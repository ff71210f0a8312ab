/**
 * The article editor page, rendered on the server: every field is real, labelled HTML
 * before any script runs, and the island (client/main.ts) takes it over from the state
 * embedded as JSON. The lead's `/admin/articles/:id` route renders `EditorView` inside
 * `AdminLayout` with the bundle from `editorAssetUrls()`.
 *
 * This file holds the frame (bar, writing column, dialogs); the side panel's sections
 * live in workflow-section.tsx, panel-sections.tsx and folded-sections.tsx, built from
 * the parts in panel-parts.tsx.
 */
import type { SessionUser } from '../../accounts/sessions.ts';
import { can } from '../../accounts/policy.ts';
import { bodyToPlainText } from '../../articles/body/text.ts';
import { directionOf } from '../../i18n/languages.ts';
import type { EditableArticle } from '../../newsroom/editable.ts';
import { PLACEHOLDER_SLUG_PREFIX } from '../../newsroom/readiness.ts';
import { jsonLdScript } from '../../site/layout.tsx';
import { raw } from '../../site/jsx/jsx-runtime.ts';
import { ID } from './client/dom-ids.ts';
import type { EditorLookups, EditorState } from './client/editor-state.ts';
import { slugify } from './client/slug.ts';
import { SearchSection, SourcesSection, TranslationsSection } from './folded-sections.tsx';
import { BylineSection, CorrectionsSection, HeroSection, StorySection, TagsSection } from './panel-sections.tsx';
import { WorkflowSection } from './workflow-section.tsx';

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

