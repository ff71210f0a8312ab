// Line icons for the toolbar and node views, drawn on a 24-unit grid with the current
// text colour. Inline SVG needs no image requests and obeys the admin's CSP.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Each icon is a list of path commands; dots are zero-length lines with round caps.
const PATHS = {
  bulletList: ['M9 7h11', 'M9 12h11', 'M9 17h11', 'M4.5 7h.01', 'M4.5 12h.01', 'M4.5 17h.01'],
  orderedList: ['M10 7h10', 'M10 12h10', 'M10 17h10', 'M4 5.5l1.5-1v5', 'M3.8 14.5c.4-.9 2.7-1 2.7.6 0 1-2.7 2.4-2.7 3.9h2.8'],
  blockquote: ['M4 5v14', 'M9 7h11', 'M9 12h11', 'M9 17h7'],
  pullQuote: ['M10 7H6.5v5H10c0 3-1.2 4.3-3.5 5', 'M19 7h-3.5v5H19c0 3-1.2 4.3-3.5 5'],
  rule: ['M3 12h18', 'M8 6.5h8', 'M8 17.5h8'],
  image: ['M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z', 'M21 15l-5-5-10 9', 'M8.5 9.5h.01'],
  embed: ['M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z', 'M10 9.2v5.6l4.6-2.8z'],
  related: ['M6 3h9l4 4v14H6z', 'M14 3v5h5', 'M9 13h7', 'M9 17h5'],
  link: ['M10.5 13.5a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2', 'M13.5 10.5a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2'],
  undo: ['M9 14L4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  redo: ['M15 14l5-5-5-5', 'M20 9H9.5a5.5 5.5 0 0 0 0 11H13'],
  upload: ['M12 16V4', 'M7 9l5-5 5 5', 'M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3'],
  library: ['M4 4h6v6H4z', 'M14 4h6v6h-6z', 'M4 14h6v6H4z', 'M14 14h6v6h-6z'],
  remove: ['M4 7h16', 'M9 7V4h6v3', 'M6 7l1 13h10l1-13'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  warning: ['M12 3l10 18H2z', 'M12 10v5', 'M12 18h.01'],
} as const;

/** The name of a toolbar or node-view icon. */
export type IconName = keyof typeof PATHS;

// Icons whose layout follows the line of text are mirrored for right-to-left editing
// (digits and arrows keep their shape).
const DIRECTIONAL: ReadonlySet<IconName> = new Set(['bulletList', 'blockquote']);

/** A decorative (aria-hidden) SVG icon. */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', DIRECTIONAL.has(name) ? 'body-icon body-icon--directional' : 'body-icon');
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
