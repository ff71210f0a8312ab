// Tags by kind: chosen tags as removable chips, more found by typing (the tags API),
// and a new tag created on the spot when nothing matches and the user may create tags.
import { apiCall, problemsOf } from './api.ts';
import { attachCombobox } from './combobox.ts';
import type { ComboOption } from './combobox.ts';
import { byId, h } from './dom.ts';
import { TAG_KINDS, tagIds } from './dom-ids.ts';
import type { EditorTag } from './editor-state.ts';

const MAX_TAGS = 60;

interface TagOption extends ComboOption {
  tag: EditorTag | null;
  /** The name to create when `tag` is null. */
  createName?: string;
}

function chip(tag: EditorTag): HTMLLIElement {
  return h(
    'li',
    { class: 'editor-chip', 'data-tag-id': tag.id },
    h('span', {}, tag.name),
    h('button', { type: 'button', class: 'editor-chip__remove', 'aria-label': `Remove ${tag.name}` }, '×'),
  );
}

let addToChosen: ((tag: EditorTag, isStored: boolean) => boolean) | null = null;

/**
 * Adds a tag to its kind's chosen list, as an accepted suggestion does; the next save
 * carries it. `isStored`: the article already has it (the auto-tagging rule added it), so
 * nothing is marked unsaved. Returns whether a chip was added.
 */
export function addChosenTag(tag: EditorTag, options: { isStored?: boolean } = {}): boolean {
  return addToChosen?.(tag, options.isStored === true) ?? false;
}

/**
 * Wires the tag groups. `report` shows a problem (a failed search or creation). Returns a
 * way to show other tags by id (without `onChange`), which answers how many of them had
 * no known name and show as numbers.
 */
export function wireTags(canCreate: boolean, onChange: () => void, report: (message: string) => void): (ids: number[]) => number {
  const root = byId('editor-tags-title').closest('section') ?? document.body;
  const chosenIds = () => new Set([...root.querySelectorAll<HTMLElement>('[data-tag-id]')].map((element) => Number(element.dataset.tagId)));
  // Every tag this page has named: the server's chips, then whatever searches and creations return.
  const known = new Map<number, EditorTag>();
  for (const item of root.querySelectorAll<HTMLElement>('[data-tag-id]')) {
    const id = Number(item.dataset.tagId);
    known.set(id, { id, kind: item.closest<HTMLElement>('[data-kind]')?.dataset.kind ?? '', name: item.querySelector('span')?.textContent ?? '' });
  }

  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('.editor-chip__remove');
    const item = button?.closest('li');
    if (!button || !item) return;
    const group = item.closest('fieldset');
    item.remove();
    group?.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus();
    onChange();
  });

  for (const { kind, one } of TAG_KINDS) {
    const ids = tagIds(kind);
    const input = byId<HTMLInputElement>(ids.input);
    const list = byId<HTMLUListElement>(ids.list);

    const add = (tag: EditorTag) => {
      if (chosenIds().has(tag.id)) return;
      if (chosenIds().size >= MAX_TAGS) {
        report(`An article can have at most ${MAX_TAGS} tags.`);
        return;
      }
      known.set(tag.id, tag);
      list.append(chip(tag));
      onChange();
    };

    attachCombobox<TagOption>({
      input,
      listbox: byId(ids.options),
      search: async (query, signal) => {
        const result = await apiCall<{ tags: EditorTag[] }>('GET', `/admin/api/tags?${new URLSearchParams({ q: query, kind })}`, undefined, { signal });
        if (!result.ok) {
          report(`Tags could not be searched: ${result.error.message}`);
          return [];
        }
        const taken = chosenIds();
        const found = result.data.tags.filter((tag) => tag.kind === kind);
        for (const tag of found) known.set(tag.id, tag);
        const options: TagOption[] = found.filter((tag) => !taken.has(tag.id)).map((tag) => ({ key: String(tag.id), label: tag.name, tag }));
        const isExisting = found.some((tag) => tag.name.toLocaleLowerCase() === query.toLocaleLowerCase());
        if (canCreate && !isExisting) options.push({ key: 'new', label: `Create the ${one} “${query}”`, tag: null, createName: query });
        return options;
      },
      pick: async (option) => {
        if (option.tag) {
          add(option.tag);
          return;
        }
        const created = await apiCall<{ tag: EditorTag }>('POST', '/admin/api/tags', { kind, name: option.createName ?? '' });
        if (created.ok) add(created.data.tag);
        else report(`The ${one} could not be created: ${problemsOf(created).join('; ')}`);
      },
    });
  }

  addToChosen = (tag, isStored) => {
    if (chosenIds().has(tag.id) || !TAG_KINDS.some(({ kind }) => kind === tag.kind)) return false;
    if (chosenIds().size >= MAX_TAGS) {
      report(`An article can have at most ${MAX_TAGS} tags.`);
      return false;
    }
    known.set(tag.id, tag);
    byId(tagIds(tag.kind).list).append(chip(tag));
    if (!isStored) onChange();
    return true;
  };

  return (ids) => {
    const [first] = TAG_KINDS;
    // A tag this page never saw cannot be named here (the API finds tags by name only): it keeps its place by number.
    const tags = ids.map((id) => known.get(id) ?? { id, kind: first.kind, name: `Tag #${id}` });
    for (const { kind } of TAG_KINDS) byId(tagIds(kind).list).replaceChildren(...tags.filter((tag) => tag.kind === kind).map(chip));
    return ids.filter((id) => !known.has(id)).length;
  };
}
