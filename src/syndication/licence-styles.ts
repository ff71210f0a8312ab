/**
 * The stylesheet of the licensing pages: the desk's queue and request pages, and the
 * licensee's delivery page and printable certificate (which carry no site or admin chrome,
 * so they print cleanly). Served from here under a content-hashed path, because pages
 * allow no inline styles (CSP `style-src 'self'`).
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-context.ts';

const CSS = `
.licence-filters { display: flex; flex-wrap: wrap; align-items: end; gap: 0.5rem 0.75rem; margin-block-end: 1.25rem; }
.licence-filters label { display: grid; gap: 0.25rem; font-weight: 600; }
.licence-filters input, .licence-filters select { font: inherit; font-weight: 400; padding: 0.25rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; }
.licence-filters button { font: inherit; padding: 0.25rem 0.75rem; border: 2px solid currentColor; background: transparent; color: inherit; border-radius: 4px; cursor: pointer; }
.licence-counts { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.licence-status { display: inline-block; font-size: 0.85rem; font-weight: 600; padding: 0.05rem 0.5rem; border: 1px solid currentColor; border-radius: 999px; white-space: nowrap; }
.licence-status--open { color: #0b4f8a; }
.licence-status--countered { color: #7a4100; }
.licence-status--approved, .licence-status--paid { color: #1a6b32; }
.licence-status--declined, .licence-status--revoked, .licence-status--unpaid { color: #a11; }
.licence-status--waived, .licence-status--ended { color: #555; }
.licence-table td small { display: block; color: #555; overflow-wrap: break-word; }
.licence-facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 0.35rem 1rem; margin: 0 0 1.5rem; }
.licence-facts dt { font-weight: 600; }
.licence-facts dd { margin: 0; overflow-wrap: anywhere; }
.licence-quote { border-collapse: collapse; margin-block-end: 1.5rem; }
.licence-quote th, .licence-quote td { text-align: start; padding: 0.25rem 1rem 0.25rem 0; border-block-end: 1px solid #ddd; }
.licence-quote td:last-child { text-align: end; font-variant-numeric: tabular-nums; }
.licence-quote tfoot th, .licence-quote tfoot td { font-weight: 700; border-block-end: 0; }
.licence-history { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.licence-history li { padding: 0.4rem 0; border-block-end: 1px solid #e4e4e4; }
.licence-history__failed { color: #a11; font-weight: 600; }
.licence-history p { margin: 0.2rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.licence-decisions { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; margin-block: 1rem 2rem; }
.licence-decisions form { display: grid; gap: 0.75rem; align-content: start; padding: 0.75rem 1rem 1rem; border: 1px solid #c8c8c8; border-radius: 4px; }
.licence-decisions h3 { margin: 0; font-size: 1.1rem; }
.licence-decisions label, .licence-form label { display: grid; gap: 0.25rem; font-weight: 600; }
.licence-decisions .hint, .licence-form .hint { font-weight: 400; font-size: 0.9rem; color: #555; }
.licence-decisions input, .licence-decisions textarea, .licence-form input, .licence-form textarea, .licence-form select { font: inherit; font-weight: 400; padding: 0.4rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; }
.licence-decisions button, .licence-form button, .licence-actions button { justify-self: start; font: inherit; padding: 0.45rem 1rem; border: 2px solid #1a1a1a; background: #1a1a1a; color: #fff; border-radius: 4px; cursor: pointer; }
.licence-decisions .licence-decline button, .licence-actions .licence-danger { background: #a11; border-color: #a11; }
.licence-form { display: grid; gap: 1rem; max-inline-size: 40rem; margin-block-end: 2rem; }
.licence-actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin-block: 1rem 2rem; }
.licence-actions form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
.licence-actions label { display: grid; gap: 0.25rem; font-weight: 600; }
.licence-actions select, .licence-actions input { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; }
.licence-copy { inline-size: 100%; font: 0.9rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; box-sizing: border-box; }
.licence-terms { white-space: pre-wrap; overflow-wrap: anywhere; }

.licence-doc { max-inline-size: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #1a1a1a; background: #fff; }
.licence-doc__masthead { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; border-block-end: 2px solid #1a1a1a; padding-block-end: 0.5rem; margin-block-end: 1.5rem; }
.licence-doc__masthead a { color: inherit; font-weight: 700; font-size: 1.25rem; text-decoration: none; }
.licence-doc h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 0.75rem; }
.licence-doc h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
.licence-doc section { margin-block-end: 1.5rem; }
.licence-note { border-inline-start: 4px solid #c77700; background: #fff6e0; padding: 0.5rem 0.75rem; }
.licence-preview { inline-size: 100%; block-size: 32rem; border: 1px solid #c8c8c8; border-radius: 4px; background: #fff; }
.licence-ended { border: 2px solid #a11; padding: 1rem 1.25rem; border-radius: 4px; }
.licence-certificate { border: 3px double #1a1a1a; padding: 2rem 2.25rem; margin-block: 1rem; }
.licence-certificate__kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.85rem; margin: 0 0 0.25rem; }
.licence-certificate__ref { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.1rem; }
.licence-certificate__void { color: #a11; font-weight: 700; border: 2px solid #a11; padding: 0.25rem 0.75rem; display: inline-block; }
.licence-print-hint { color: #555; font-size: 0.9rem; }
@media (prefers-color-scheme: dark) {
  .licence-table td small, .licence-decisions .hint, .licence-form .hint { color: #c8c8c8; }
}
@media print {
  @page { margin: 18mm; }
  body { background: #fff; color: #000; }
  .licence-doc { max-inline-size: none; padding: 0; font-size: 11pt; }
  .licence-doc__masthead a { text-decoration: none; }
  .licence-print-hint, .licence-no-print { display: none; }
  .licence-certificate { border-color: #000; page-break-inside: avoid; break-inside: avoid; }
}
`;

const HASH = createHash('sha256').update(CSS).digest('hex').slice(0, 12);

/** Public path of the stylesheet. */
export const LICENCE_STYLES_PATH = `/republish/assets/${HASH}/licence.css`;

/** Serves the stylesheet (forever under its hash; briefly under an older one). */
export function registerLicenceStyles(app: Hono<AppEnv>): void {
  app.get('/republish/assets/:hash{[0-9a-f]{12}}/licence.css', (c) => {
    const isCurrent = c.req.param('hash') === HASH;
    return new Response(c.req.method === 'HEAD' ? null : CSS, {
      headers: {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': isCurrent ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
