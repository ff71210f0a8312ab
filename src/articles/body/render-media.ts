// Renderers for the body blocks that draw on data outside the document: stored
// images, third-party embeds and links to other articles.

import { creditLine, photoCredit } from '../../media/credit.ts';
import { renderPictureHtml } from '../../media/picture.ts';
import type { EmbedNode, EmbedProvider, ImageBlockNode, RelatedLinkNode } from './document.ts';
import { EMBED_PROVIDER_NAMES } from './document.ts';
import { escapeAttribute, escapeHtml } from './escape.ts';
import { externalRel } from './render-inline.ts';
import { DEFAULT_BODY_IMAGE_SIZES } from './render-context.ts';
import type { BodyLabels, BodyRenderContext } from './render-context.ts';
import { embedUrlProblem, hostOf, isSafeHref } from './url.ts';

/** Renders an imageBlock as a captioned figure, or '' when its image is unknown or has no variants. */
export function renderImageBlock(node: ImageBlockNode, ctx: BodyRenderContext, loading: 'eager' | 'lazy'): string {
  const image = ctx.images.get(node.attrs.imageId);
  if (image === undefined) return '';
  const picture = renderPictureHtml(image, {
    sizes: ctx.imageSizes ?? DEFAULT_BODY_IMAGE_SIZES,
    loading,
    alt: node.attrs.alt ?? image.alt,
  });
  if (picture === '') return '';
  // null means "use the stored value"; an empty string is an editor's deliberate "none here".
  const caption = (node.attrs.caption ?? image.caption ?? '').trim();
  const credit = creditLine(photoCredit(image, node.attrs.credit), ctx.labels.photoCredit);
  const parts: string[] = [];
  if (caption !== '') parts.push(`<span class="figure__caption">${escapeHtml(caption)}</span>`);
  if (credit !== '') parts.push(`<span class="figure__credit">${escapeHtml(credit)}</span>`);
  const figcaption = parts.length > 0 ? `<figcaption>${parts.join(' ')}</figcaption>` : '';
  return `<figure class="figure figure--inline">${picture}${figcaption}</figure>`;
}

/** Renders an embed as a click-to-load placeholder that fetches nothing from the provider. */
export function renderEmbed(node: EmbedNode, labels: BodyLabels): string {
  const { provider, url, title } = node.attrs;
  if (embedUrlProblem(provider, url) !== null) return '';
  const name = providerName(provider, url, labels);
  const href = escapeAttribute(url);
  // The load button needs the enhancement script, so it ships hidden and the script
  // reveals it; without JavaScript the reader still has the plain link.
  const button = `<button type="button" class="embed__load" hidden>${escapeHtml(labels.embedLoad)}</button>`;
  const link = `<a class="embed__link" href="${href}" rel="noopener noreferrer nofollow">${escapeHtml(labels.embedOpen(name))}</a>`;
  const caption = title !== null && title.trim() !== '' ? `<figcaption class="embed__title">${escapeHtml(title)}</figcaption>` : '';
  return (
    `<figure class="embed" data-embed-provider="${escapeAttribute(provider)}" data-embed-url="${href}">` +
    `<p class="embed__notice">${escapeHtml(labels.embedNotice(name))}</p>` +
    `<p class="embed__actions">${button} ${link}</p>` +
    caption +
    '</figure>'
  );
}

function providerName(provider: EmbedProvider, url: string, labels: BodyLabels): string {
  if (labels.providerName !== undefined) return labels.providerName(provider);
  return provider === 'other' ? hostOf(url) : EMBED_PROVIDER_NAMES[provider];
}

/**
 * Renders a relatedLink, or '' when it leads nowhere. A resolved article shows its
 * current headline rather than the stored title, so corrected headlines propagate.
 */
export function renderRelatedLink(node: RelatedLinkNode, ctx: BodyRenderContext): string {
  const { articleId, href: storedHref, title } = node.attrs;
  const target = articleId === null ? undefined : ctx.articleLinks.get(articleId);
  const href = target?.url ?? storedHref;
  if (href === null || !isSafeHref(href)) return '';
  const text = [target?.headline, title, href].find((candidate) => candidate !== undefined && candidate.trim() !== '') ?? href;
  return (
    '<aside class="related-link">' +
    `<span class="related-link__label">${escapeHtml(ctx.labels.related)}</span> ` +
    `<a class="related-link__link" href="${escapeAttribute(href)}"${externalRel(href)}>${escapeHtml(text)}</a>` +
    '</aside>'
  );
}
