import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import type { ArticleType, DemoArticle, TagKind } from '../demo-types.ts';
import type { BodyDoc, BodyNode } from './body.ts';
import { buildDemoContent } from './index.ts';
import { WIRE_AGENCY } from './photo-catalogue.ts';

const content = buildDemoContent();
const { articles, photos, tags, sections, authors, pages } = content;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ARTICLE_TYPES: ArticleType[] = ['news', 'opinion', 'analysis', 'explainer', 'feature', 'interview', 'review', 'sponsored'];
const NODE_TYPES = ['paragraph', 'text', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'horizontalRule', 'pullQuote', 'imageBlock', 'embed', 'relatedLink'];
const EMBED_HOSTS: Record<string, RegExp> = {
  youtube: /^https:\/\/www\.youtube\.com\/watch\?v=[A-Za-z0-9_-]{11}$/,
  vimeo: /^https:\/\/vimeo\.com\/\d+$/,
  x: /^https:\/\/x\.com\/[A-Za-z0-9_]+\/status\/\d+$/,
};

/** Every node of a body, depth first. */
function* walk(nodes: BodyNode[] | undefined): Generator<BodyNode> {
  for (const node of nodes ?? []) {
    yield node;
    yield* walk(node.content);
  }
}

const bodyOf = (a: { body: unknown }): BodyDoc => a.body as BodyDoc;
const allNodes = articles.flatMap((a) => [...walk(bodyOf(a).content)].map((node) => ({ node, article: a })));
const tagsOfKind = (kind: TagKind) => tags.filter((t) => t.kind === kind);

test('the demo has the required amounts of each thing', () => {
  assert.ok(sections.length >= 6);
  for (const slug of ['news', 'opinion', 'analysis', 'explainers', 'features', 'video']) assert.ok(sections.some((s) => s.slug === slug), slug);
  assert.ok(authors.length >= 10);
  assert.ok(tagsOfKind('country').length >= 8);
  assert.ok(tagsOfKind('place').length >= 8);
  assert.ok(tagsOfKind('topic').length >= 8);
  assert.ok(tagsOfKind('person').length >= 6);
  assert.ok(tagsOfKind('organisation').length >= 5);
  assert.ok(photos.length >= 24);
  assert.ok(articles.length >= 64);
  assert.ok(articles.filter((a) => a.language === 'ar').length >= 8);
});

test('every article type appears and every section has articles', () => {
  for (const type of ARTICLE_TYPES) assert.ok(articles.some((a) => a.type === type), type);
  for (const section of sections) assert.ok(articles.some((a) => a.sectionSlug === section.slug), section.slug);
});

test('slugs are kebab-case ASCII and unique where they must be', () => {
  const unique = (values: string[], what: string): void => assert.equal(new Set(values).size, values.length, `duplicate ${what}`);
  for (const list of [sections, authors, tags, photos.map((p) => ({ slug: p.key })), articles, pages]) {
    for (const item of list) assert.match(item.slug, KEBAB);
  }
  unique(sections.map((s) => s.slug), 'section');
  unique(authors.map((a) => a.slug), 'author');
  unique(tags.map((t) => t.slug), 'tag');
  unique(photos.map((p) => p.key), 'photo');
  unique(articles.map((a) => `${a.language}:${a.slug}`), 'article');
  unique(pages.map((p) => `${p.language}:${p.slug}`), 'page');
});

test('articles refer only to things that exist', () => {
  const photoKeys = new Set(photos.map((p) => p.key));
  const sectionSlugs = new Set(sections.map((s) => s.slug));
  const authorSlugs = new Set(authors.map((a) => a.slug));
  const tagSlugs = new Set(tags.map((t) => t.slug));
  for (const a of articles) {
    assert.ok(sectionSlugs.has(a.sectionSlug), `${a.slug}: section`);
    if (a.heroPhotoKey !== null) {
      assert.ok(photoKeys.has(a.heroPhotoKey), `${a.slug}: hero`);
      assert.ok(a.heroCaption, `${a.slug}: hero caption`);
    }
    for (const slug of a.authorSlugs) assert.ok(authorSlugs.has(slug), `${a.slug}: author ${slug}`);
    assert.ok(a.authorSlugs.length <= 3, `${a.slug}: at most three authors`);
    assert.notEqual(a.authorSlugs.length === 0, a.byline === null, `${a.slug}: authors or a desk byline, not both`);
    assert.ok(a.tagSlugs.length >= 3 && a.tagSlugs.length <= 10, `${a.slug}: 3–10 tags`);
    for (const slug of a.tagSlugs) assert.ok(tagSlugs.has(slug), `${a.slug}: tag ${slug}`);
  }
  for (const t of tagsOfKind('place')) assert.equal(tags.find((c) => c.slug === t.parentSlug)?.kind, 'country', t.slug);
  for (const t of tagsOfKind('country')) assert.match(t.countryCode ?? '', /^[A-Z]{2}$/);
  assert.ok(articles.filter((a) => a.heroPhotoKey !== null).length > articles.length * 0.8);
});

test('bodies are well-formed documents of 4 to 12 blocks using only known nodes', () => {
  for (const a of articles) {
    const body = bodyOf(a);
    assert.equal(body.type, 'doc');
    assert.ok(body.content.length >= 4 && body.content.length <= 12, `${a.slug}: ${body.content.length} blocks`);
  }
  for (const { node, article } of allNodes) {
    assert.ok(NODE_TYPES.includes(node.type), `${article.slug}: unknown node ${node.type}`);
    if (node.type === 'heading') assert.ok([2, 3, 4].includes(node.attrs?.['level'] as number), `${article.slug}: heading level`);
    if (node.type === 'text') assert.ok(node.text && node.text.length > 0, `${article.slug}: empty text node`);
    for (const mark of node.marks ?? []) {
      if (mark.type === 'link') assert.match(mark.attrs?.href ?? '', /^(https:\/\/|\/)/, `${article.slug}: link href`);
    }
  }
  for (const type of NODE_TYPES) assert.ok(allNodes.some(({ node }) => node.type === type), `node ${type} used somewhere`);
  for (const mark of ['bold', 'italic', 'link']) assert.ok(allNodes.some(({ node }) => node.marks?.some((m) => m.type === mark)), `mark ${mark}`);
});

test('inline images, embeds and related links point at real things', () => {
  const of = (type: string) => allNodes.filter(({ node }) => node.type === type);
  assert.ok(of('imageBlock').length >= 10);
  for (const { node, article } of of('imageBlock')) {
    const photo = photos.find((p) => p.key === node.attrs?.['imageId']);
    assert.ok(photo, `${article.slug}: inline photo exists`);
    assert.notEqual(node.attrs?.['caption'], photo.caption, `${article.slug}: inline caption is this use's own`);
    assert.equal(node.attrs?.['credit'], photo.credit);
    assert.ok(String(node.attrs?.['alt']).length > 20);
  }
  assert.ok(of('embed').length >= 3);
  for (const { node, article } of of('embed')) {
    const pattern = EMBED_HOSTS[String(node.attrs?.['provider'])];
    assert.ok(pattern, `${article.slug}: embed provider`);
    assert.match(String(node.attrs?.['url']), pattern);
  }
  assert.ok(of('relatedLink').length >= 5);
  for (const { node, article } of of('relatedLink')) {
    const target = articles.find((t) => t.language === article.language && node.attrs?.['href'] === `/${t.sectionSlug}/${t.slug}`);
    assert.ok(target, `${article.slug}: related link ${String(node.attrs?.['href'])}`);
    assert.notEqual(target, article);
    assert.equal(node.attrs?.['title'], target.headline);
    assert.equal(node.attrs?.['articleId'], null);
    assert.ok(target.hoursAgo >= article.hoursAgo, `${article.slug}: links only to earlier articles`);
  }
});

test('publication times, corrections and licensing are plausible', () => {
  for (const a of articles) {
    assert.ok(a.hoursAgo >= 0 && a.hoursAgo <= 1500, a.slug);
    for (const c of a.corrections) assert.ok(c.hoursAfter <= a.hoursAgo && c.text.length > 20, `${a.slug}: correction`);
    if (a.updatedHoursAfter !== null) assert.ok(a.updatedHoursAfter <= a.hoursAgo, `${a.slug}: update time`);
  }
  assert.ok(articles.some((a) => a.hoursAgo === 0));
  assert.ok(articles.filter((a) => a.hoursAgo <= 48).length >= 6);
  assert.ok(Math.max(...articles.map((a) => a.hoursAgo)) >= 1000);
  assert.ok(articles.filter((a) => a.updatedHoursAfter !== null).length >= 2);
  assert.ok(articles.filter((a) => a.corrections.length > 0).length >= 6);
  assert.ok(articles.filter((a) => a.licensingPolicy === null).length > articles.length / 2);
  assert.ok(articles.some((a) => a.licensingPolicy === 'cc'));
  assert.ok(articles.some((a) => a.licensingPolicy === 'none'));
});

test('wire stories say who reports them and credit the agency as a source', () => {
  const wireNews = articles.filter((a) => a.type === 'news' && a.sources.some((s) => s.kind === 'wire'));
  assert.ok(wireNews.length >= 3);
  for (const a of wireNews) assert.ok(/Mashriq Wire|وكالة المشرق/.test(a.standfirst), `${a.slug}: standfirst names the agency`);
  for (const a of articles) for (const s of a.sources) if (s.url !== null) assert.match(s.url, /^https:\/\//);
});

test('translations pair up across languages', () => {
  const groups = new Map<string, DemoArticle[]>();
  for (const a of articles) if (a.translationGroup) groups.set(a.translationGroup, [...(groups.get(a.translationGroup) ?? []), a]);
  for (const [group, members] of groups) {
    assert.ok(members.length >= 2, `${group} has a translation`);
    assert.equal(new Set(members.map((m) => m.language)).size, members.length, `${group}: one article per language`);
    assert.equal(new Set(members.map((m) => m.type)).size, 1, `${group}: same type of work`);
  }
  const arabicTranslations = articles.filter((a) => a.language === 'ar' && a.translationGroup && groups.get(a.translationGroup)?.some((m) => m.language === 'en'));
  assert.ok(arabicTranslations.length >= 4);
});

test('photos: wire pictures cannot be redistributed and about a third are wire', () => {
  for (const p of photos) {
    assert.ok(p.alt.length > 30 && p.caption.length > 10, p.key);
    assert.match(p.credit, /^[^/]+\/[^/]+$/, p.key);
    if (p.creditOrganisation === WIRE_AGENCY) assert.equal(p.canDistribute, false, p.key);
    else assert.equal(p.canDistribute, true, p.key);
  }
  const share = photos.filter((p) => !p.canDistribute).length / photos.length;
  assert.ok(share > 0.25 && share < 0.45, `wire share ${share}`);
});

test('every SVG is a self-contained, balanced document with no text, scripts or outside references', () => {
  for (const p of photos) {
    assert.ok(p.svg.startsWith('<svg'), p.key);
    assert.match(p.svg, /^<svg[^>]* width="1600" height="900" viewBox="0 0 1600 900"/);
    assert.doesNotMatch(p.svg, /href\s*=\s*["']?https?:/i);
    assert.doesNotMatch(p.svg, /<(text|script|image|foreignObject|style)\b/i);
    assert.doesNotMatch(p.svg, /\b(NaN|undefined|Infinity)\b/);
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of p.svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (closing) assert.equal(stack.pop(), name, `${p.key}: </${name}> closes the open element`);
      else if (!selfClosing) stack.push(name ?? '');
    }
    assert.deepEqual(stack, [], `${p.key}: every element is closed`);
  }
});

test('static pages exist in the required languages', () => {
  for (const slug of ['about', 'corrections-policy', 'ethics', 'contact']) assert.ok(pages.some((p) => p.slug === slug && p.language === 'en'), slug);
  assert.ok(pages.some((p) => p.slug === 'about' && p.language === 'ar'));
});

test('the content is deterministic and the sources never use Math.random', () => {
  assert.deepEqual(buildDemoContent(), content);
  const dir = new URL('.', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    assert.doesNotMatch(readFileSync(new URL(file, dir), 'utf8'), /Math\.random|new Date|Date\.now/, file);
  }
});
