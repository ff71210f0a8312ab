// An autocomplete text box (the ARIA 1.2 combobox pattern with a list box): results are
// fetched as the user types, arrow keys move through them, Enter picks, Escape closes.
import { h } from './dom.ts';

/** One suggestion. */
export interface ComboOption {
  key: string;
  label: string;
  /** A second, quieter line (a status, a kind). */
  detail?: string;
  /** Language of the label, when it may differ from the page's. */
  lang?: string;
}

/** How a combobox finds and uses suggestions. */
export interface ComboboxSetup<T extends ComboOption> {
  input: HTMLInputElement;
  listbox: HTMLElement;
  search(query: string, signal: AbortSignal): Promise<T[]>;
  pick(option: T): Promise<void> | void;
}

const SEARCH_DELAY_MS = 180;

/** Wires a combobox; its markup (role, aria-controls, aria-expanded) comes from the server. */
export function attachCombobox<T extends ComboOption>(setup: ComboboxSetup<T>): void {
  const { input, listbox } = setup;
  let options: T[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  const optionId = (index: number) => `${listbox.id}-option-${index}`;

  function close(): void {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index: number): void {
    active = index;
    for (const [at, element] of [...listbox.children].entries()) element.setAttribute('aria-selected', String(at === index));
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    input.setAttribute('aria-activedescendant', optionId(index));
    document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' });
  }

  function render(found: T[]): void {
    options = found;
    active = -1;
    listbox.replaceChildren(
      ...(found.length === 0
        ? [h('li', { class: 'editor-options__empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, 'Nothing found')]
        : found.map((option, index) =>
            h(
              'li',
              { id: optionId(index), role: 'option', 'aria-selected': 'false', class: 'editor-options__item' },
              h('span', { lang: option.lang ?? null }, option.label),
              option.detail ? h('span', { class: 'editor-options__detail' }, option.detail) : null,
            ),
          )),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  async function choose(index: number): Promise<void> {
    const option = options[index];
    if (!option) return;
    close();
    input.value = '';
    await setup.pick(option);
    input.focus();
  }

  async function lookUp(): Promise<void> {
    const query = input.value.trim();
    controller?.abort();
    if (query === '') {
      close();
      return;
    }
    controller = new AbortController();
    try {
      const found = await setup.search(query, controller.signal);
      if (input.value.trim() === query) render(found);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lookUp(), SEARCH_DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    const isOpen = !listbox.hidden && options.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (listbox.hidden) void lookUp();
      else if (isOpen) highlight((active + 1) % options.length);
    } else if (event.key === 'ArrowUp' && isOpen) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      // Enter never submits anything here; with a highlighted suggestion it picks it.
      event.preventDefault();
      if (isOpen && active >= 0) void choose(active);
      else if (isOpen && options.length === 1) void choose(0);
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });

  input.addEventListener('blur', () => close());
  // Keep focus in the text box while a suggestion is clicked, so blur does not close the list first.
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const item = (event.target as Element).closest('[role="option"]');
    const index = item ? [...listbox.children].indexOf(item) : -1;
    if (index >= 0 && item?.getAttribute('aria-disabled') !== 'true') void choose(index);
  });
}
