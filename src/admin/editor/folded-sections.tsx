/**
 * The side panel's folded sections: the settings most articles never touch (sources,
 * translations, address, search and licensing), closed unless they hold something.
 */
import { directionOf } from '../../i18n/languages.ts';
import type { EditableArticle } from '../../newsroom/editable.ts';
import { ID, SOURCE_KINDS, STATUS_LABELS } from './client/dom-ids.ts';
import type { EditorLookups } from './client/editor-state.ts';
import { Field, Folded, hintId } from './panel-parts.tsx';

/** Sources and wire credits, one row each. */
export function SourcesSection(props: { article: EditableArticle; isReadOnly: boolean }) {
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

/** The articles linked as translations, and linking another. */
export function TranslationsSection(props: { article: EditableArticle; lookups: EditorLookups; isReadOnly: boolean }) {
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

/** Slug, search engine title and description, and licensing. */
export function SearchSection(props: { article: EditableArticle; isReadOnly: boolean }) {
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
