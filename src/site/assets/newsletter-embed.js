// The embedded newsletter form (src/newsletters/embed-views.tsx) tells the page around its
// frame how tall it is, whenever that changes, so the loader script of the snippet
// (/newsletters/embed.js) can fit the frame to the form: no inner scroll bar, no clipped
// button. The height is all it says; which page embeds the form is none of its business.
(function () {
  'use strict';
  if (window.parent === window || typeof window.parent.postMessage !== 'function') return;
  var last = 0;
  function report() {
    var body = document.body;
    if (!body) return;
    var style = window.getComputedStyle(body);
    var height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (height === last || !(height > 0)) return;
    last = height;
    window.parent.postMessage({ type: 'masthead:newsletter-embed-height', height: height }, '*');
  }
  function start() {
    report();
    if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(document.body);
    else window.addEventListener('resize', report);
    window.addEventListener('load', report);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
