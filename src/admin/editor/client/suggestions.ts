// The "Suggested tags" box: tags suggested from the article's text (people,
// organisations, places and their countries), each accepted or rejected by a person.
// Accepting adds the tag to its kind's list, so the next save carries it; rejecting
// means it is not offered again for this article. The box loads with the page, refreshes
// after every explicit save, and shows the tags the auto-tagging rule for places added.
import type { EditableArticle } from '../../../newsroom/editable.ts';
import { SUGGESTION_IDS } from '../../../suggest/dom-ids.ts';
import type { DecisionAnswer, SuggestedKind, SuggestionList, SuggestionView } from '../../../suggest/types.ts';
import { apiCall, problemsOf } from './api.ts';
import { byId, h, maybeById, setText } from './dom.ts';
import type { Saver } from './saver.ts';
import { addChosenTag } from './tags.ts';

const GROUPS: Record<SuggestedKind, string> = { topic: 'Topics', country: 'Countries', place: 'Places', person: 'People', organisation: 'Organisations' };

/** What the page does with the box. */
export interface SuggestionBox {
  /** After an explicit save: take the auto-tagging rule's revision as our own, then show fresh suggestions. */
  afterSave(article: EditableArticle): void;
}

function describe(suggestion: SuggestionView): string {
  return `${suggestion.name} (${suggestion.kind})`;
}

function item(suggestion: SuggestionView, canCreateTags: boolean): HTMLLIElement {
  const cannotCreate = suggestion.isNew && !canCreateTags;
  // Stacked (name, reason, buttons): the side panel is narrow. Only the editor's own classes: its CSP allows no inline styles.
  return h(
    'li',
    { class: 'editor-action', 'data-suggestion-id': suggestion.id },
    h('div', {}, h('span', { class: 'editor-badge' }, suggestion.kind), ' ', h('strong', { dir: 'auto' }, suggestion.name), suggestion.isNew ? h('span', { class: 'editor-hint' }, ' · new tag') : null),
    h('p', { class: 'editor-hint', dir: 'auto' }, cannotCreate ? `${suggestion.reason}. Not a tag yet: ask an editor to create it.` : suggestion.reason),
    h(
      'div',
      { class: 'editor-pending__actions' },
      h('button', { type: 'button', class: 'editor-button', 'data-decision': 'accept', 'aria-label': `Accept ${describe(suggestion)}`, disabled: cannotCreate }, 'Accept'),
      h('button', { type: 'button', class: 'editor-button editor-button--quiet', 'data-decision': 'reject', 'aria-label': `Reject ${describe(suggestion)}` }, 'Reject'),
    ),
  );
}

/** Wires the box (absent on read-only pages: returns null). */
export function wireSuggestions(options: { articleId: number; saver: Saver; canCreateTags: boolean }): SuggestionBox | null {
  const list = maybeById<HTMLUListElement>(SUGGESTION_IDS.list);
  if (!list) return null;
  const status = byId(SUGGESTION_IDS.status);
  const title = byId(SUGGESTION_IDS.title);
  const path = `/admin/api/articles/${options.articleId}/suggestions`;
  const shown = new Map<number, SuggestionView>();
  const announce = (message: string) => setText(status, message);

  const render = (suggestions: SuggestionView[]) => {
    shown.clear();
    for (const suggestion of suggestions) shown.set(suggestion.id, suggestion);
    list.replaceChildren(...suggestions.map((suggestion) => item(suggestion, options.canCreateTags)));
  };

  const load = async (): Promise<SuggestionList | null> => {
    const result = await apiCall<SuggestionList>('GET', path);
    if (!result.ok) {
      announce(`Suggestions could not be loaded: ${result.error.message}`);
      return null;
    }
    return result.data;
  };

  const show = (data: SuggestionList, addedByRule: string[]) => {
    render(data.suggestions);
    const count = data.suggestions.length;
    const waiting = count === 0 ? 'No suggestions waiting.' : `${count} ${count === 1 ? 'suggestion' : 'suggestions'} from the text.`;
    announce(addedByRule.length > 0 ? `${waiting} Added by the auto-tagging rule for places: ${addedByRule.join(', ')}.` : waiting);
  };

  const decide = async (button: HTMLButtonElement, row: HTMLLIElement, suggestion: SuggestionView, decision: 'accept' | 'reject') => {
    for (const each of row.querySelectorAll('button')) each.disabled = true;
    const result = await apiCall<DecisionAnswer>('POST', `${path}/${suggestion.id}`, { decision });
    if (!result.ok) {
      for (const each of row.querySelectorAll('button')) each.disabled = false;
      button.focus();
      announce(`${suggestion.name}: ${problemsOf(result).join('; ')}`);
      return;
    }
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    shown.delete(suggestion.id);
    const { tag } = result.data;
    if (decision === 'accept' && tag) {
      const isAdded = addChosenTag(tag);
      announce(isAdded ? `${tag.name} added to ${GROUPS[tag.kind]}; it is stored with the next save.` : `${tag.name} is already among the ${GROUPS[tag.kind].toLowerCase()}.`);
    } else {
      announce(`${suggestion.name} will not be suggested again for this article.`);
    }
    // Keep the keyboard where the list was: the next suggestion, or the box's title.
    (next?.querySelector<HTMLButtonElement>('button:not(:disabled)') ?? title).focus();
  };

  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-decision]');
    const row = button?.closest<HTMLLIElement>('li[data-suggestion-id]');
    const suggestion = row ? shown.get(Number(row.dataset.suggestionId)) : undefined;
    if (!button || !row || !suggestion) return;
    void decide(button, row, suggestion, button.dataset.decision === 'reject' ? 'reject' : 'accept');
  });

  void load().then((data) => {
    if (data) show(data, []);
  });

  return {
    afterSave: (article) => {
      // In the save queue, so no autosave can start from the revision the rule replaced.
      void options.saver.exclusive(async () => {
        const data = await load();
        if (!data) return;
        const added: string[] = [];
        if (data.autoTaggedRevision !== null && data.autoTaggedRevision === options.saver.baseRevision + 1 && article.revision === data.autoTaggedRevision) {
          options.saver.adoptOwnRevision(data.autoTaggedRevision);
          for (const tag of data.autoTagged) if (addChosenTag(tag, { isStored: true })) added.push(tag.name);
        }
        show(data, added);
      });
    },
  };
}
