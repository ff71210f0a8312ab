/**
 * Rendering newsletter issues. An issue is read once into a plain view (texts, absolute
 * URLs, photos that may be shown), then written twice from that same view: as MJML compiled
 * to responsive, inline-styled HTML tables, and as a plain-text alternative. Every value is
 * escaped before it enters the MJML (MJML content is HTML).
 *
 * `freezeIssue` is what sending uses: article links go through our click redirect (one
 * `newsletter_links` row per distinct URL), per-recipient links stay placeholders.
 * `previewIssue` renders the same issue for the admin with direct links and example
 * unsubscribe/preferences links, writing nothing.
 */
import type { AppContext } from '../app-context.ts';
import { formatDate, messagesFor } from '../i18n/index.ts';
import { directionOf } from '../i18n/languages.ts';
import type { ImageVariant } from '../media/types.ts';
import { creditLine, photoCredit } from '../media/credit.ts';
import { loadImages } from '../media/image-queries.ts';
import { escapeHtml } from '../shared/escape.ts';
import { sectionName } from '../site/chrome.ts';
import { localizeSettings } from '../site/settings.ts';
import { absoluteUrl, articleUrl, homeUrl } from '../site/urls.ts';
import type { FrozenIssue } from './frozen.ts';
import { PLACEHOLDER } from './frozen.ts';
import { IssueNotFoundError, requireIssue } from './issues.ts';
import type { IssueRecord } from './issues.ts';

/** Purpose of click-redirect tokens (payload `{ l: linkId }`, no expiry). */
export const CLICK_LINK_PURPOSE = 'newsletter-click';
/** Purpose of open-pixel tokens (payload `{ i: issueId }`: the issue only, nothing about the reader). */
export const OPEN_PIXEL_PURPOSE = 'newsletter-open';

/** The mail's content width in pixels (MJML's and every client's comfortable maximum). */
const CONTENT_WIDTH = 600;
const SIDE_PADDING = 24;
/** Photos are chosen at about twice the shown width, for sharp high-density screens. */
const PHOTO_TARGET_WIDTH = 1200;

/** Brand colours: the site's wine accent, readable both as is and after a client inverts it. */
const COLOURS = { page: '#f3efe9', card: '#ffffff', text: '#1b1a19', soft: '#4a4541', accent: '#8a1c2b', rule: '#d8d1c9' };

/** Texts of the mail's own furniture, per list language. */
const TEXTS: Record<string, { readMore: string; why: (list: string, site: string) => string; preferences: string; unsubscribe: string; inThisIssue: string }> = {
  en: { readMore: 'Read more', why: (list, site) => `You are receiving ${list} because you signed up for it at ${site}.`, preferences: 'Manage your newsletters', unsubscribe: 'Unsubscribe', inThisIssue: 'In this issue' },
  ar: { readMore: 'اقرأ المزيد', why: (list, site) => `تصلك نشرة ${list} لأنك اشتركت فيها على موقع ${site}.`, preferences: 'إدارة اشتراكاتك', unsubscribe: 'إلغاء الاشتراك', inThisIssue: 'في هذا العدد' },
  fr: { readMore: 'Lire la suite', why: (list, site) => `Vous recevez ${list} parce que vous vous y êtes inscrit sur ${site}.`, preferences: 'Gérer vos lettres', unsubscribe: 'Se désabonner', inThisIssue: 'Dans ce numéro' },
};

const ENGLISH = TEXTS.en as NonNullable<(typeof TEXTS)[string]>;

function textsFor(language: string) {
  return TEXTS[language] ?? ENGLISH;
}

/** A photo that may be shown in mail: a JPEG rendition, absolute URL, with its alt text and credit line. */
interface ItemPhoto {
  url: string;
  alt: string;
  /** "Photo: Jane Doe/Agency" as the site prints it, in the list's language; '' when the photo has none. */
  credit: string;
}

/** One article as the issue shows it. */
interface ItemView {
  articleId: number;
  url: string;
  headline: string;
  standfirst: string;
  blurb: string;
  kicker: string;
  photo: ItemPhoto | null;
}

/** Everything an issue's two renderings are written from. */
export interface IssueView {
  issueId: number;
  newsletterId: number;
  subject: string;
  preheader: string;
  intro: string;
  language: string;
  dir: 'ltr' | 'rtl';
  dateLabel: string;
  siteName: string;
  siteUrl: string;
  siteHost: string;
  publisherBlurb: string;
  /** The newsroom's postal address, one line per line ('' when Settings has none yet). */
  postalAddress: string;
  list: { slug: string; name: string; senderName: string; senderAddress: string; replyTo: string | null; trackOpens: boolean };
  items: ItemView[];
}

function jpegClosestTo(variants: readonly ImageVariant[], width: number): ImageVariant | undefined {
  let best: ImageVariant | undefined;
  for (const variant of variants) {
    if (variant.format !== 'jpeg' || !Number.isSafeInteger(variant.width) || variant.width <= 0) continue;
    if (best === undefined || Math.abs(variant.width - width) < Math.abs(best.width - width)) best = variant;
  }
  return best;
}

/** Reads an issue, its list, the site settings and its (still published) articles into a view. */
export async function loadIssueView(app: AppContext, issueOrId: number | IssueRecord, now = new Date()): Promise<IssueView> {
  const issue = typeof issueOrId === 'number' ? await requireIssue(app.db, issueOrId) : issueOrId;
  const list = await app.db.selectFrom('newsletters').selectAll().where('id', '=', issue.newsletterId).executeTakeFirst();
  if (!list) throw new IssueNotFoundError('The newsletter of this issue no longer exists.');
  const catalog = await app.catalog();
  const site = localizeSettings(catalog.site, list.language);
  const publicUrl = app.config.publicUrl;

  const ids = issue.items.map((item) => item.articleId);
  const rows =
    ids.length === 0
      ? []
      : await app.db
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select(['articles.id', 'articles.slug', 'articles.language', 'articles.headline', 'articles.standfirst', 'articles.hero_image_id', 'articles.hero_alt', 'articles.hero_credit', 'articles.section_id', 'sections.slug as section_slug'])
          .where('articles.id', 'in', ids)
          .where('articles.status', '=', 'published')
          .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const images = await loadImages(
    app.db,
    rows.flatMap((row) => (row.hero_image_id ? [row.hero_image_id] : [])),
  );

  const photoLabel = messagesFor(list.language).photo;
  const items: ItemView[] = [];
  for (const item of issue.items) {
    // An article unpublished since it was chosen is left out rather than linked to a missing page.
    const row = byId.get(item.articleId);
    if (!row) continue;
    const image = row.hero_image_id ? images.get(row.hero_image_id) : undefined;
    // Wire photos may not be redistributed: mail is a copy outside our pages, like a feed.
    const variant = image?.canDistribute ? jpegClosestTo(image.variants, PHOTO_TARGET_WIDTH) : undefined;
    const section = catalog.sectionsById.get(row.section_id);
    items.push({
      articleId: row.id,
      url: absoluteUrl(publicUrl, articleUrl(row.language, row.section_slug, row.slug)),
      headline: row.headline,
      standfirst: row.standfirst,
      blurb: item.blurb ?? '',
      kicker: section ? sectionName(section, list.language) : '',
      photo:
        image && variant
          ? {
              url: absoluteUrl(publicUrl, `/media/${encodeURIComponent(variant.key)}`),
              alt: (row.hero_alt ?? image.alt).trim(),
              credit: creditLine(photoCredit(image, row.hero_credit), photoLabel),
            }
          : null,
    });
  }

  return {
    issueId: issue.id,
    newsletterId: list.id,
    subject: issue.subject,
    preheader: issue.preheader,
    intro: issue.intro,
    language: list.language,
    dir: directionOf(list.language),
    dateLabel: formatDate((issue.scheduledAt && issue.status === 'scheduled' ? new Date(issue.scheduledAt) : now).toISOString(), list.language),
    siteName: site.name,
    siteUrl: absoluteUrl(publicUrl, homeUrl(list.language)),
    siteHost: new URL(publicUrl).host,
    publisherBlurb: site.publisherBlurb,
    postalAddress: site.postalAddress,
    list: { slug: list.slug, name: list.name, senderName: list.sender_name, senderAddress: list.sender_address, replyTo: list.reply_to, trackOpens: list.track_opens === 1 },
    items,
  };
}

/** Splits plain text into paragraphs (blank lines) of lines. */
function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()))
    .filter((lines) => lines.some((line) => line !== ''));
}

/** Paragraphs as escaped HTML, line breaks kept. */
function paragraphsHtml(text: string, style: string): string {
  return paragraphsOf(text)
    .map((lines) => `<p style="${style}">${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

/** The lines of a postal address as the settings store it. */
function addressLines(address: string): string[] {
  return address.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** How links are written: through the click redirect when sending, direct in previews. */
export type LinkWriter = (url: string) => string;

/** What a rendering produces. */
export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}

/** The MJML document of an issue (every value escaped). */
function issueMjml(view: IssueView, link: LinkWriter, withOpenPixel: boolean): string {
  const t = textsFor(view.language);
  const e = escapeHtml;
  const isRtl = view.dir === 'rtl';
  const align = isRtl ? 'right' : 'left';
  const serif = isRtl ? "Tahoma, 'Segoe UI', 'Noto Naskh Arabic', Arial, sans-serif" : "Georgia, 'Times New Roman', Times, serif";
  const sans = isRtl ? "Tahoma, 'Segoe UI', 'Noto Sans Arabic', Arial, sans-serif" : "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
  const paragraphStyle = 'margin:0 0 14px;';
  const more = isRtl ? '←' : '→';

  const items = view.items
    .map((item, index) => {
      const href = e(link(item.url));
      const photo = item.photo
        ? `<mj-image src="${e(item.photo.url)}" alt="${e(item.photo.alt)}" href="${href}" css-class="mh-photo" padding="0 ${SIDE_PADDING}px ${item.photo.credit ? 6 : 16}px" />` +
          (item.photo.credit ? `<mj-text mj-class="credit" css-class="mh-text mh-credit">${e(item.photo.credit)}</mj-text>` : '')
        : '';
      const kicker = item.kicker ? `<mj-text mj-class="kicker" css-class="mh-text mh-kicker">${e(item.kicker)}</mj-text>` : '';
      const standfirst = item.standfirst.trim() ? `<mj-text>${paragraphsHtml(item.standfirst, paragraphStyle)}</mj-text>` : '';
      const blurb = item.blurb.trim() ? `<mj-text mj-class="blurb">${paragraphsHtml(item.blurb, paragraphStyle)}</mj-text>` : '';
      return `
      ${index > 0 ? `<mj-section mj-class="card" padding="0"><mj-column><mj-divider css-class="mh-rule" /></mj-column></mj-section>` : ''}
      <mj-section mj-class="card" padding-top="20px">
        <mj-column>
          ${photo}
          ${kicker}
          <mj-text mj-class="headline"><a class="mh-headline" href="${href}" target="_blank">${e(item.headline)}</a></mj-text>
          ${standfirst}
          ${blurb}
          <mj-text padding-bottom="8px"><a class="mh-more" href="${href}" target="_blank" aria-label="${e(`${t.readMore}: ${item.headline}`)}">${e(t.readMore)}&nbsp;${more}</a></mj-text>
        </mj-column>
      </mj-section>`;
    })
    .join('');

  const intro = view.intro.trim()
    ? `<mj-section mj-class="card" padding-top="8px"><mj-column><mj-text mj-class="intro">${paragraphsHtml(view.intro, paragraphStyle)}</mj-text><mj-divider css-class="mh-rule" /></mj-column></mj-section>`
    : '';
  // Anti-spam laws require the sender's physical address in bulk mail. Each line is isolated
  // (FSI…PDI): a Latin address in an Arabic mail must not have its house number moved to the end.
  const address = addressLines(view.postalAddress);
  const pixel = withOpenPixel ? `<mj-raw><img src="${PLACEHOLDER.openPixelUrl}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" /></mj-raw>` : '';
  const rtlClass = isRtl ? ' mh-rtl' : '';

  return `<mjml lang="${e(view.language)}" dir="${view.dir}">
  <mj-head>
    <mj-title>${e(view.subject)}</mj-title>
    ${view.preheader.trim() ? `<mj-preview>${e(view.preheader)}</mj-preview>` : ''}
    <mj-raw>
      <meta name="color-scheme" content="light dark">
      <meta name="supported-color-schemes" content="light dark">
    </mj-raw>
    <mj-attributes>
      <mj-all font-family="${e(sans)}" />
      <mj-body background-color="${COLOURS.page}" width="${CONTENT_WIDTH}px" />
      <mj-wrapper padding="0" />
      <mj-section padding="0" direction="${view.dir}" text-align="${align}" />
      <mj-column direction="${view.dir}" />
      <mj-text color="${COLOURS.text}" font-size="17px" line-height="1.55" padding="0 ${SIDE_PADDING}px" align="${align}" css-class="mh-text" />
      <mj-image align="center" fluid-on-mobile="true" />
      <mj-divider border-color="${COLOURS.rule}" border-width="1px" padding="16px ${SIDE_PADDING}px" />
      <mj-class name="card" background-color="${COLOURS.card}" css-class="mh-card" />
      <mj-class name="kicker" font-size="13px" font-weight="700" color="${COLOURS.accent}" padding-bottom="6px" text-transform="uppercase" letter-spacing="${isRtl ? '0' : '0.06em'}" />
      <mj-class name="headline" font-family="${e(serif)}" font-size="24px" line-height="1.25" font-weight="700" padding-bottom="10px" />
      <mj-class name="intro" font-family="${e(serif)}" font-size="18px" padding-top="16px" />
      <mj-class name="blurb" color="${COLOURS.soft}" font-style="${isRtl ? 'normal' : 'italic'}" />
      <mj-class name="masthead" font-family="${e(serif)}" font-size="30px" font-weight="700" line-height="1.15" padding-bottom="4px" />
      <mj-class name="meta" font-size="14px" color="${COLOURS.soft}" />
      <mj-class name="credit" font-size="12px" line-height="1.4" color="${COLOURS.soft}" padding-bottom="14px" />
      <mj-class name="footer" font-size="13px" line-height="1.6" color="${COLOURS.soft}" />
    </mj-attributes>
    <mj-style inline="inline">
      .mh-headline { color: ${COLOURS.text}; text-decoration: none; }
      .mh-more { color: ${COLOURS.accent}; font-weight: 700; text-decoration: underline; }
      .mh-masthead-link { color: ${COLOURS.text}; text-decoration: none; }
      .mh-footer-link { color: ${COLOURS.accent}; text-decoration: underline; }
      ${isRtl ? '.mh-rtl { direction: rtl; text-align: right; }' : ''}
    </mj-style>
    <mj-style>
      .mh-photo img { border-radius: 4px; }
      ${isRtl ? '.mh-rtl, .mh-rtl table, .mh-rtl td { direction: rtl; }' : ''}
      @media (prefers-color-scheme: dark) {
        .mh-body, .mh-page { background: #121110 !important; }
        .mh-card, .mh-card > table, .mh-card td { background: #1e1c1a !important; }
        .mh-text div, .mh-text p, .mh-headline, .mh-masthead-link { color: #f1ede8 !important; }
        .mh-more, .mh-footer-link, .mh-kicker div { color: #f29aa6 !important; }
        .mh-rule p { border-color: #4a4541 !important; }
      }
      [data-ogsc] .mh-text div, [data-ogsc] .mh-headline, [data-ogsc] .mh-masthead-link { color: #f1ede8 !important; }
      [data-ogsc] .mh-more, [data-ogsc] .mh-footer-link { color: #f29aa6 !important; }
    </mj-style>
  </mj-head>
  <mj-body css-class="mh-body${rtlClass}">
    <mj-wrapper css-class="mh-page${rtlClass}" padding="16px 0">
      <mj-section mj-class="card" padding-top="24px" border-top="4px solid ${COLOURS.accent}">
        <mj-column>
          <mj-text mj-class="masthead"><a class="mh-masthead-link" href="${e(view.siteUrl)}" target="_blank">${e(view.siteName)}</a></mj-text>
          <mj-text mj-class="meta">${e(view.list.name)} · ${e(view.dateLabel)}</mj-text>
          <mj-divider css-class="mh-rule" />
        </mj-column>
      </mj-section>
      ${intro}
      ${items}
      <mj-section mj-class="card" padding-bottom="16px"><mj-column><mj-spacer height="8px" /></mj-column></mj-section>
      <mj-section padding="24px 0 8px">
        <mj-column>
          <mj-text mj-class="footer">${e(t.why(view.list.name, view.siteName))}</mj-text>
          <mj-text mj-class="footer" padding-top="8px"><a class="mh-footer-link" href="${PLACEHOLDER.preferencesUrl}" target="_blank">${e(t.preferences)}</a> · <a class="mh-footer-link" href="${PLACEHOLDER.unsubscribeUrl}" target="_blank">${e(t.unsubscribe)}</a></mj-text>
          <mj-text mj-class="footer" padding-top="8px">${e(view.siteName)} · <a class="mh-footer-link" href="${e(view.siteUrl)}" target="_blank">${e(view.siteHost)}</a>${view.publisherBlurb.trim() ? `<br>${e(view.publisherBlurb)}` : ''}</mj-text>
          ${address.length > 0 ? `<mj-text mj-class="footer" padding-top="8px" css-class="mh-text mh-address">${address.map((line) => `\u2068${e(line)}\u2069`).join('<br>')}</mj-text>` : ''}
        </mj-column>
      </mj-section>
      ${pixel}
    </mj-wrapper>
  </mj-body>
</mjml>`;
}

/** The plain-text alternative, written from the same view (not by stripping the HTML). */
function issueText(view: IssueView, link: LinkWriter): string {
  const t = textsFor(view.language);
  const rule = '----------------------------------------';
  const out: string[] = [`${view.siteName} | ${view.list.name}`, view.dateLabel, '', view.subject, ''];
  const intro = paragraphsOf(view.intro);
  if (intro.length > 0) out.push(intro.map((lines) => lines.join('\n')).join('\n\n'), '');
  for (const item of view.items) {
    out.push(rule, '');
    if (item.kicker) out.push(item.kicker.toUpperCase());
    out.push(item.headline);
    if (item.standfirst.trim()) out.push('', item.standfirst.trim());
    if (item.blurb.trim()) out.push('', item.blurb.trim());
    out.push('', `${t.readMore}: ${link(item.url)}`, '');
  }
  out.push(rule, '', t.why(view.list.name, view.siteName), '', `${t.preferences}: ${PLACEHOLDER.preferencesUrl}`, `${t.unsubscribe}: ${PLACEHOLDER.unsubscribeUrl}`, '', `${view.siteName} · ${view.siteUrl}`);
  if (view.publisherBlurb.trim()) out.push(view.publisherBlurb.trim());
  const address = addressLines(view.postalAddress);
  if (address.length > 0) out.push('', ...address);
  return `${out.join('\n')}\n`;
}

/** Renders a view to HTML and text; links through `link`, the open pixel only when asked. */
export async function renderIssue(view: IssueView, link: LinkWriter, options: { withOpenPixel: boolean }): Promise<RenderedIssue> {
  // Nothing user-written can reach mj-include (every value is escaped); ignoring includes is belt and braces.
  // MJML (and the HTML tooling it brings) is loaded the first time an issue is rendered, not
  // in every server and worker at start: most processes never render one.
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(issueMjml(view, link, options.withOpenPixel), { validationLevel: 'strict', fonts: {}, ignoreIncludes: true, keepComments: false });
  if (result.errors.length > 0) throw new Error(`newsletter MJML is invalid: ${result.errors.map((error) => error.formattedMessage).join('; ')}`);
  return { subject: view.subject, html: result.html, text: issueText(view, link) };
}

/** The click-redirect URL of a stored link. */
export async function clickUrl(app: AppContext, linkId: number): Promise<string> {
  const token = await app.links.sign(CLICK_LINK_PURPOSE, { l: linkId }, null);
  return absoluteUrl(app.config.publicUrl, `/newsletters/c/${token}`);
}

/**
 * The open pixel's URL for an issue: the value for `RecipientLinks.openPixelUrl` when the list
 * counts opens. It is the same for every recipient, so an open says nothing about who opened.
 */
export async function openPixelUrl(app: AppContext, issueId: number): Promise<string> {
  const token = await app.links.sign(OPEN_PIXEL_PURPOSE, { i: issueId }, null);
  return absoluteUrl(app.config.publicUrl, `/newsletters/o/${token}.gif`);
}

/**
 * Makes sure every URL has its link row for this issue, with the article it leads to (reusing
 * rows from an earlier freeze); returns redirect URLs by target.
 */
async function clickUrlsFor(app: AppContext, issueId: number, targets: readonly { url: string; articleId: number }[]): Promise<Map<string, string>> {
  const articleOf = new Map<string, number>();
  for (const target of targets) if (!articleOf.has(target.url)) articleOf.set(target.url, target.articleId);
  const distinct = [...articleOf.keys()];
  const ids = new Map<string, number>();
  await app.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('newsletter_links').select(['id', 'url', 'article_id']).where('issue_id', '=', issueId).orderBy('id').execute();
    for (const row of existing) {
      if (ids.has(row.url)) continue;
      ids.set(row.url, row.id);
      const articleId = articleOf.get(row.url);
      if (row.article_id === null && articleId !== undefined) await trx.updateTable('newsletter_links').set({ article_id: articleId }).where('id', '=', row.id).execute();
    }
    for (const url of distinct) {
      if (ids.has(url)) continue;
      const row = await trx.insertInto('newsletter_links').values({ issue_id: issueId, url, article_id: articleOf.get(url) ?? null, clicks: 0 }).returning('id').executeTakeFirstOrThrow();
      ids.set(url, row.id);
    }
  });
  const out = new Map<string, string>();
  for (const url of distinct) out.set(url, await clickUrl(app, ids.get(url) as number));
  return out;
}

/** Renders an issue once, as every recipient will get it (per-recipient parts as placeholders). */
export async function freezeIssue(app: AppContext, issueId: number): Promise<FrozenIssue> {
  const view = await loadIssueView(app, issueId);
  const redirects = await clickUrlsFor(
    app,
    issueId,
    view.items.map((item) => ({ url: item.url, articleId: item.articleId })),
  );
  const rendered = await renderIssue(view, (url) => redirects.get(url) ?? url, { withOpenPixel: view.list.trackOpens });
  return {
    issueId,
    newsletterId: view.newsletterId,
    listId: `${view.list.slug}.${new URL(app.config.publicUrl).hostname}`,
    listName: view.list.name,
    fromName: view.list.senderName,
    fromAddress: view.list.senderAddress,
    replyTo: view.list.replyTo,
    language: view.language,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    trackOpens: view.list.trackOpens,
  };
}

/** The issue as the admin previews it: direct links, example preference/unsubscribe links, no pixel; writes nothing. */
export async function previewIssue(app: AppContext, issueId: number): Promise<RenderedIssue> {
  const view = await loadIssueView(app, issueId);
  const rendered = await renderIssue(view, (url) => url, { withOpenPixel: false });
  const example = absoluteUrl(app.config.publicUrl, '/newsletters');
  const fill = (text: string) => text.replaceAll(PLACEHOLDER.preferencesUrl, example).replaceAll(PLACEHOLDER.unsubscribeUrl, example);
  return { subject: rendered.subject, html: fill(rendered.html), text: fill(rendered.text) };
}
