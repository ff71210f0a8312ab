/**
 * The embed snippet's loader: the small script a partner page loads from our origin
 * (`/newsletters/embed.js`) beside the <iframe>. The embedded form posts its height to the
 * page around it (src/site/assets/newsletter-embed.js); the loader resizes the frame that
 * sent it, and nothing else: the message must come from our origin, from the window of an
 * <iframe> on the page whose address is one of our embedded forms, and carry a plausible
 * height. Without the loader (or without script) the frame keeps the snippet's height,
 * which the form fits at phone widths.
 */
import { absoluteUrl } from '../site/urls.ts';

/** Where the loader is served: a stable address, since partners paste it into their pages. */
export const EMBED_LOADER_PATH = '/newsletters/embed.js';

/** The frame height of the snippet before (or without) the loader: the tallest state of the form at 320 px. */
export const EMBED_DEFAULT_HEIGHT = 460;

/** The message the embedded form sends. */
export const EMBED_HEIGHT_MESSAGE = 'masthead:newsletter-embed-height';

/** Limits of a height the loader accepts (a frame cannot be made to cover the partner's page). */
const MIN_HEIGHT = 120;
const MAX_HEIGHT = 1200;

/** The loader's JavaScript for a site whose public origin is `publicUrl`'s. */
export function embedLoaderScript(publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  return `/* Newsletter sign-up frames from ${origin}: fits each frame to its form. */
(function () {
  'use strict';
  var ORIGIN = ${JSON.stringify(origin)};
  var KEY = '__mastheadNewsletterEmbeds:' + ORIGIN;
  // Two snippets on one page load the script twice; one listener is enough.
  if (window[KEY]) return;
  window[KEY] = true;
  var FORM_PATH = /^\\/newsletters\\/[a-z0-9]+(?:-[a-z0-9]+)*\\/embed$/;
  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var data = event.data;
    if (!data || data.type !== ${JSON.stringify(EMBED_HEIGHT_MESSAGE)} || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var src;
      try {
        src = new URL(frame.getAttribute('src') || '', document.baseURI);
      } catch (error) {
        return;
      }
      if (src.origin !== ORIGIN || !FORM_PATH.test(src.pathname)) return;
      frame.style.height = Math.min(Math.max(Math.ceil(data.height), ${MIN_HEIGHT}), ${MAX_HEIGHT}) + 'px';
      return;
    }
  });
})();
`;
}

/** The code a partner pastes: the frame with a default height that fits, and the loader that fits it exactly. */
export function embedSnippet(publicUrl: string, list: { slug: string; name: string }, formPath: string): string {
  const src = absoluteUrl(publicUrl, formPath);
  const title = list.name.replace(/[&"<>]/g, (ch) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[ch] ?? ch);
  return [
    `<iframe src="${src}" title="${title}" width="100%" height="${EMBED_DEFAULT_HEIGHT}" style="display:block;width:100%;max-width:36rem;height:${EMBED_DEFAULT_HEIGHT}px;border:0" loading="lazy"></iframe>`,
    `<script src="${absoluteUrl(publicUrl, EMBED_LOADER_PATH)}" async></script>`,
  ].join('\n');
}
