// Translations: the articles linked to this one as versions in other languages, linking
// another (found by headline) and unlinking.
import type { EditableArticle } from '../../../newsroom/editable.ts';
import { apiCall, problemsOf } from './api.ts';
import { attachCombobox } from './combobox.ts';
import type { ComboOption } from './combobox.ts';
import { byId, h } from './dom.ts';
import { ID, STATUS_LABELS } from './dom-ids.ts';
import type { Saver } from './saver.ts';

type Translation = EditableArticle['translations'][number];

/** An article in the articles list answer (the fields this island reads). */
export interface ArticleSummary {
  id: number;
  headline: string;
  language: string;
  status: Translation['status'];
  sectionName: string;
  /** The public address, when the list gives it. */
  url?: string;
}

/** Finds articles by headline (for translations and the body's related links). */
export async function searchArticles(query: string, options: { status?: string; signal?: AbortSignal } = {}): Promise<ArticleSummary[]> {
  const params = new URLSearchParams({ q: query });
  if (options.status) params.set('status', options.status);
  const result = await apiCall<{ items: ArticleSummary[]; next: string | null }>('GET', `/admin/api/articles?${params}`, undefined, options.signal ? { signal: options.signal } : {});
  return result.ok ? result.data.items : [];
}

interface ArticleOption extends ComboOption {
  article: ArticleSummary;
}

/** Wires the translations list and its search box. */
export function wireTranslations(article: EditableArticle, languages: { code: string; name: string }[], saver: Saver, report: (message: string) => void): void {
  const list = byId<HTMLUListElement>(ID.translationsList);
  const languageName = new Map(languages.map((language) => [language.code, language.name]));
  let linked: Translation[] = [...article.translations];

  function draw(): void {
    list.replaceChildren(
      ...linked.map((translation) =>
        h(
          'li',
          { class: 'editor-list-item', 'data-translation-id': translation.id },
          h(
            'span',
            { class: 'editor-list-item__name' },
            h('span', { class: 'editor-badge' }, languageName.get(translation.language) ?? translation.language),
            ' ',
            h('a', { href: `/admin/articles/${translation.id}`, lang: translation.language }, translation.headline || 'Untitled'),
            ' ',
            h('span', { class: 'editor-hint' }, STATUS_LABELS[translation.status] ?? translation.status),
          ),
          h('button', { type: 'button', class: 'editor-button editor-button--quiet', 'data-unlink': translation.id, 'aria-label': `Unlink ${translation.headline || 'this translation'}` }, 'Unlink'),
        ),
      ),
    );
    byId(ID.translationsEmpty).hidden = linked.length > 0;
  }

  /** The API answers with the whole article, whose translation list is the truth. */
  function accept(updated: EditableArticle): void {
    linked = updated.translations;
    saver.adoptOwnRevision(updated.revision);
    draw();
  }

  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-unlink]');
    if (!button) return;
    const otherId = Number(button.dataset.unlink);
    button.disabled = true;
    void saver
      .afterSaving(() => apiCall<{ article: EditableArticle }>('DELETE', `/admin/api/articles/${article.id}/translations/${otherId}`), { autosave: article.status === 'published' })
      .then(({ value }) => {
        button.disabled = false;
        if (value?.ok) {
          accept(value.data.article);
          report('Translation unlinked.');
          byId(ID.translationSearch).focus();
        } else if (value) report(`Could not unlink: ${problemsOf(value).join('; ')}`);
      });
  });

  attachCombobox<ArticleOption>({
    input: byId<HTMLInputElement>(ID.translationSearch),
    listbox: byId(`${ID.translationSearch}-options`),
    search: async (query, signal) => {
      const found = await searchArticles(query, { signal });
      const taken = new Set([article.id, ...linked.map((translation) => translation.id)]);
      return found
        .filter((item) => !taken.has(item.id))
        .map((item) => ({
          key: String(item.id),
          label: item.headline || 'Untitled',
          detail: `${languageName.get(item.language) ?? item.language} · ${STATUS_LABELS[item.status] ?? item.status} · ${item.sectionName}`,
          lang: item.language,
          article: item,
        }));
    },
    pick: async (option) => {
      const { value } = await saver.afterSaving(() => apiCall<{ article: EditableArticle }>('POST', `/admin/api/articles/${article.id}/translations`, { articleId: option.article.id }), {
        autosave: article.status === 'published',
      });
      if (value?.ok) {
        accept(value.data.article);
        report(`Linked “${option.article.headline}” as a translation.`);
      } else if (value) report(`Could not link the translation: ${problemsOf(value).join('; ')}`);
    },
  });
  draw();
}
