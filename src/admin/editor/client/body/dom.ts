// A small element builder for the editor's own UI (toolbar, panels, node views).

type AttributeValue = string | number | boolean | null | undefined;

/** Creates an element; `true` attributes are set empty, false/null/undefined ones are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children);
  return element;
}

let lastId = 0;

/** A document-unique id for label and description references. */
export function uniqueId(prefix: string): string {
  lastId += 1;
  return `${prefix}-${lastId}`;
}

/** Whether the platform labels the command key ⌘ rather than Ctrl. */
export const isApplePlatform = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** A TipTap shortcut ("Mod-Shift-7") as people read it ("Ctrl+Shift+7", "⌘⇧7"). */
export function shortcutLabel(shortcut: string): string {
  const keys = shortcut.split('-').map((key) => {
    if (key === 'Mod') return isApplePlatform ? '⌘' : 'Ctrl';
    if (key === 'Shift') return isApplePlatform ? '⇧' : 'Shift';
    if (key === 'Alt') return isApplePlatform ? '⌥' : 'Alt';
    return key.length === 1 ? key.toUpperCase() : key;
  });
  return keys.join(isApplePlatform ? '' : '+');
}

/** A TipTap shortcut in aria-keyshortcuts form ("Control+Shift+7"). */
export function ariaShortcut(shortcut: string): string {
  return shortcut
    .split('-')
    .map((key) => (key === 'Mod' ? (isApplePlatform ? 'Meta' : 'Control') : key.length === 1 ? key.toUpperCase() : key))
    .join('+');
}

/** Whether an event started on one of the editor UI's own form controls. */
export function isFromControl(event: Event): boolean {
  const target = event.target;
  return target instanceof Element && target.closest('input, textarea, select, button, label') !== null;
}
