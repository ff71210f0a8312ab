/**
 * An article body as feed readers need it: the page's own renderer, with embeds turned
 * into plain links (a reader runs no script and shows no click-to-load placeholder) and
 * every URL made absolute (a feed is read away from the site, so `/news/x` means nothing).
 */
import type { BlockNode, BodyDocument, EmbedNode } from '../articles/body/document.ts';
import { EMBED_PROVIDER_NAMES } from '../articles/body/document.ts';
import { renderBodyHtml } from '../articles/body/render.ts';
import type { BodyRenderContext } from '../articles/body/render.ts';
import { embedUrlProblem, hostOf } from '../articles/body/url.ts';

/** Renders a body for a feed item: absolute URLs, embeds as links. */
export function renderFeedBodyHtml(doc: BodyDocument, ctx: BodyRenderContext, urls: { publicUrl: string; articleUrl: string }): string {
  const html = renderBodyHtml({ type: 'doc', content: doc.content.map((block) => embedsAsLinks(block, ctx)) }, ctx);
  return absolutizeUrls(html, urls.publicUrl, urls.articleUrl);
}

// Only the block types that hold other blocks need walking; an embed can sit in a quote or list item.
function embedsAsLinks(block: BlockNode, ctx: BodyRenderContext): BlockNode {
  switch (block.type) {
    case 'embed':
      return embedLink(block, ctx);
    case 'blockquote':
      return { ...block, content: block.content.map((child) => embedsAsLinks(child, ctx)) };
    case 'bulletList':
    case 'orderedList':
      return { ...block, content: block.content.map((item) => ({ ...item, content: item.content.map((child) => embedsAsLinks(child, ctx)) })) };
    default:
      return block;
  }
}

// The same URL check as the page's placeholder: an embed the page would not show is not linked either.
function embedLink(node: EmbedNode, ctx: BodyRenderContext): BlockNode {
  const { provider, url, title } = node.attrs;
  if (embedUrlProblem(provider, url) !== null) return { type: 'paragraph' };
  const brand = provider === 'other' ? hostOf(url) : EMBED_PROVIDER_NAMES[provider];
  const open = ctx.labels.embedOpen(brand);
  const label = title !== null && title.trim() !== '' ? `${title.trim()} (${open})` : open;
  return { type: 'paragraph', content: [{ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: url } }] }] };
}

// The renderers write every URL in a double-quoted href, src or srcset attribute whose
// value is escaped, so a literal `href="` can never appear inside text or another value.
const URL_ATTRIBUTE = /\s(href|src|srcset)="([^"]*)"/g;

/**
 * Makes the site-relative URLs of rendered HTML absolute: `/x` → `<publicUrl>/x`, and a
 * `#fragment` → the article's own URL with that fragment. Other URLs are left alone.
 */
export function absolutizeUrls(html: string, publicUrl: string, articleUrl: string): string {
  const absolute = (url: string): string => {
    if (url.startsWith('#')) return `${articleUrl}${url}`;
    if (url.startsWith('/') && !url.startsWith('//')) return `${publicUrl}${url}`;
    return url;
  };
  return html.replace(URL_ATTRIBUTE, (_whole, name: string, value: string) => {
    const rewritten =
      name === 'srcset'
        ? value
            .split(',')
            .map((candidate) => {
              const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
              return [absolute(url), ...descriptor].join(' ');
            })
            .join(', ')
        : absolute(value);
    return ` ${name}="${rewritten}"`;
  });
}
