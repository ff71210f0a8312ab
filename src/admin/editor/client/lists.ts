// The ordered author list and the sources rows: small lists the island draws itself
// (the server drew the same markup for the first paint).
import { byId, h } from './dom.ts';
import { ID, SOURCE_KINDS } from './dom-ids.ts';

/** Wires the author list: add from the select, move up/down, remove; `onChange` after each. Returns a way to show another list (without `onChange`). */
export function wireAuthors(authors: { id: number; name: string }[], onChange: () => void): (ids: number[]) => void {
  const list = byId<HTMLOListElement>(ID.authorsList);
  const picker = byId<HTMLSelectElement>(ID.authorAdd);
  const names = new Map(authors.map((author) => [author.id, author.name]));

  const chosen = (): number[] => [...list.querySelectorAll<HTMLElement>('[data-author-id]')].map((item) => Number(item.dataset.authorId));

  function draw(ids: number[], focus?: { id: number; control: string }): void {
    list.replaceChildren(
      ...ids.map((id, index) => {
        const name = names.get(id) ?? `Author ${id}`;
        return h(
          'li',
          { class: 'editor-list-item', 'data-author-id': id },
          h('span', { class: 'editor-list-item__name' }, name),
          h(
            'span',
            { class: 'editor-list-item__tools' },
            h('button', { type: 'button', class: 'editor-icon-button', 'data-move': 'up', 'aria-label': `Move ${name} up`, disabled: index === 0 }, '↑'),
            h('button', { type: 'button', class: 'editor-icon-button', 'data-move': 'down', 'aria-label': `Move ${name} down`, disabled: index === ids.length - 1 }, '↓'),
            h('button', { type: 'button', class: 'editor-icon-button', 'data-remove': 'author', 'aria-label': `Remove ${name}` }, '×'),
          ),
        );
      }),
    );
    picker.replaceChildren(
      h('option', { value: '' }, 'Choose an author…'),
      ...authors.filter((author) => !ids.includes(author.id)).map((author) => h('option', { value: author.id }, author.name)),
    );
    if (focus) {
      // Keep keyboard focus on the same control of the same author after a move, so repeated presses keep moving it.
      const target = list.querySelector<HTMLButtonElement>(`[data-author-id="${focus.id}"] [data-move="${focus.control}"]`);
      (target && !target.disabled ? target : list.querySelector<HTMLButtonElement>(`[data-author-id="${focus.id}"] button:not([disabled])`))?.focus();
    }
  }

  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button');
    const item = button?.closest<HTMLElement>('[data-author-id]');
    if (!button || !item) return;
    const id = Number(item.dataset.authorId);
    const ids = chosen();
    const at = ids.indexOf(id);
    if (button.dataset.remove) {
      ids.splice(at, 1);
      draw(ids);
      (list.querySelector<HTMLButtonElement>('[data-remove]') ?? picker).focus();
    } else if (button.dataset.move === 'up' && at > 0) {
      ids.splice(at - 1, 0, ...ids.splice(at, 1));
      draw(ids, { id, control: 'up' });
    } else if (button.dataset.move === 'down' && at < ids.length - 1) {
      ids.splice(at + 1, 0, ...ids.splice(at, 1));
      draw(ids, { id, control: 'down' });
    } else return;
    onChange();
  });

  byId(ID.authorAddButton).addEventListener('click', () => {
    const id = Number(picker.value);
    if (!id) {
      picker.focus();
      return;
    }
    draw([...chosen(), id]);
    picker.focus();
    onChange();
  });

  draw(chosen());
  return (ids) => draw(ids);
}

/** A source or wire credit as its row shows it. */
type Source = { name: string; kind: string; url: string | null };

let nextSourceRow = 0;

function sourceRow(source: Source): HTMLLIElement {
  const row = nextSourceRow++;
  const id = (part: string) => `editor-source-row${row}-${part}`;
  const field = (part: string, label: string, control: HTMLElement) => h('div', { class: 'editor-field' }, h('label', { for: id(part), class: 'editor-label' }, label), control);
  const kind = h('select', { id: id('kind'), 'data-source-field': 'kind' }, ...SOURCE_KINDS.map((option) => h('option', { value: option.value, selected: option.value === source.kind }, option.label)));
  return h(
    'li',
    { class: 'editor-source' },
    field('name', 'Name', h('input', { type: 'text', id: id('name'), 'data-source-field': 'name', maxlength: 200, value: source.name })),
    field('kind', 'Kind', kind),
    field('url', 'Link (optional)', h('input', { type: 'url', id: id('url'), 'data-source-field': 'url', maxlength: 2000, value: source.url ?? '', placeholder: 'https://' })),
    h('button', { type: 'button', class: 'editor-button editor-button--quiet editor-source__remove', 'data-remove': 'source' }, 'Remove this source'),
  );
}

/** Wires the sources rows: add, remove, and typing in any of them. Returns a way to show other sources (without `onChange`). */
export function wireSources(sources: Source[], onChange: () => void): (sources: Source[]) => void {
  const list = byId<HTMLUListElement>(ID.sourcesList);
  const show = (shown: Source[]) => list.replaceChildren(...shown.map(sourceRow));
  show(sources);
  list.addEventListener('input', onChange);
  list.addEventListener('change', onChange);
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-remove="source"]');
    if (!button) return;
    button.closest('li')?.remove();
    byId(ID.sourceAdd).focus();
    onChange();
  });
  byId(ID.sourceAdd).addEventListener('click', () => {
    const row = sourceRow({ name: '', kind: 'wire', url: null });
    list.append(row);
    row.querySelector('input')?.focus();
  });
  return show;
}
