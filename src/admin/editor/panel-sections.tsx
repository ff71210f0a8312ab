/**
 * The side panel's sections that are always open: the story's kind and section, its
 * byline, the hero image, tags and, once published, its corrections. The server draws
 * them complete; the island (client/main.ts) wires them.
 */
import type { EditableArticle } from '../../newsroom/editable.ts';
import { SUGGESTION_IDS } from '../../suggest/dom-ids.ts';
import { ID, TAG_KINDS, tagIds } from './client/dom-ids.ts';
import type { EditorLookups, EditorTag } from './client/editor-state.ts';
import { Field, LocalTime, Section, hintId } from './panel-parts.tsx';

/** Type of work, section, dateline and language. */
export function StorySection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
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

/** The named authors in byline order, and a desk or agency byline. */
export function BylineSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
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

/** The hero image: choose, upload or remove it, with its alt text, caption and credit. */
export function HeroSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean; canUpload: boolean }) {
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

/**
 * Tags suggested from the text, each to accept or reject; the island fills the list when
 * the page loads and after every save (client/suggestions.ts), and announces changes.
 */
function SuggestedTags() {
  return (
    <fieldset id={SUGGESTION_IDS.box} class="editor-tags">
      <legend id={SUGGESTION_IDS.title} class="editor-label" tabindex={-1}>
        Suggested tags
      </legend>
      <p id={SUGGESTION_IDS.status} class="editor-hint" role="status" aria-live="polite">
        Names found in the text appear here when the article is saved. Nothing is tagged until someone accepts it.
      </p>
      <ul id={SUGGESTION_IDS.list} class="editor-list" aria-labelledby={SUGGESTION_IDS.title}></ul>
    </fieldset>
  );
}

/** The chosen tags by kind, each kind with its search box, then the suggested tags. */
export function TagsSection(props: { tags: EditorTag[]; isReadOnly: boolean }) {
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
      {props.isReadOnly ? null : <SuggestedTags />}
    </Section>
  );
}

/** The correction notes readers see, and adding one to a published article. */
export function CorrectionsSection(props: { article: EditableArticle }) {
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
