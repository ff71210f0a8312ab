/** Builders for test data: sensible defaults, overridden per test. All text is our own filler. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { ArticleInputDraft } from '../src/articles/article-input.ts';
import { createArticle } from '../src/articles/commands.ts';
import type { Database } from '../src/db/schema.ts';
import { ingestImage } from '../src/media/ingest.ts';
import { isoHoursFrom, isoNow } from '../src/shared/time.ts';
import { saveSiteSettings } from '../src/site/settings.ts';

let counter = 0;
function next(): number {
  counter += 1;
  return counter;
}

/** A one-paragraph body document. */
export function paragraphDoc(...texts: string[]): unknown {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

/** Article input with defaults; needs a real section id (and author ids, or a byline). */
export function buildArticle(overrides: Partial<ArticleInputDraft> & { sectionId: number }): ArticleInputDraft {
  const n = next();
  return {
    slug: `test-article-${n}`,
    language: 'en',
    headline: `Council approves test plan number ${n}`,
    standfirst: 'A test standfirst that says what happened, a local agency reported.',
    type: 'news',
    byline: 'Staff and agencies',
    dateline: 'AMMAN',
    body: paragraphDoc('First paragraph of the test story.', 'Second paragraph with more detail.'),
    status: 'published',
    publishedAt: isoHoursFrom(isoNow(), -n),
    ...overrides,
  };
}

/** Inserts a section and returns its id. */
export async function createSection(db: Kysely<Database>, overrides: { slug?: string; name?: string; position?: number } = {}): Promise<number> {
  const n = next();
  const row = await db
    .insertInto('sections')
    .values({ slug: overrides.slug ?? `section-${n}`, name: overrides.name ?? `Section ${n}`, name_translations: '{"ar":"قسم"}', description: 'A test section.', position: overrides.position ?? n, default_licensing_policy: null, created_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts an author and returns its id. */
export async function createAuthor(db: Kysely<Database>, overrides: { slug?: string; name?: string } = {}): Promise<number> {
  const n = next();
  const row = await db
    .insertInto('authors')
    .values({ slug: overrides.slug ?? `author-${n}`, name: overrides.name ?? `Test Author ${n}`, title: 'Correspondent', bio: 'Writes test stories.', expertise: '["Water"]', languages: '["en","ar"]', location: 'Amman', image_id: null, created_at: isoNow(), updated_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a tag and returns its id. */
export async function createTag(db: Kysely<Database>, overrides: { kind?: 'topic' | 'country' | 'place' | 'person' | 'organisation'; slug?: string; name?: string; parentId?: number | null } = {}): Promise<number> {
  const n = next();
  const row = await db
    .insertInto('tags')
    .values({ kind: overrides.kind ?? 'topic', slug: overrides.slug ?? `tag-${n}`, name: overrides.name ?? `Tag ${n}`, aliases: '[]', description: null, country_code: null, parent_id: overrides.parentId ?? null, created_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A temporary media folder, removed by the caller's cleanup. */
export function tempMediaDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-media-'));
}

/** A real JPEG made by sharp, optionally carrying EXIF with GPS coordinates. */
export async function makeJpeg(options: { width?: number; height?: number; withGps?: boolean } = {}): Promise<Buffer> {
  const image = sharp({ create: { width: options.width ?? 1400, height: options.height ?? 800, channels: 3, background: { r: 40, g: 90, b: 140 } } }).jpeg();
  if (options.withGps) {
    return image
      .withExif({ IFD0: { Artist: 'Source Name', Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 55/1 0/1' } })
      .toBuffer();
  }
  return image.toBuffer();
}

/** Stores a generated image and returns its id. */
export async function createImage(db: Kysely<Database>, mediaDir: string, overrides: { canDistribute?: boolean; credit?: string; creditOrganisation?: string | null; width?: number } = {}): Promise<number> {
  return ingestImage(db, mediaDir, await makeJpeg({ width: overrides.width ?? 1000 + next(), height: 600 }), {
    alt: 'A test photo of a square',
    caption: 'A test caption.',
    credit: overrides.credit ?? 'Test Photographer',
    creditOrganisation: overrides.creditOrganisation ?? null,
    canDistribute: overrides.canDistribute ?? true,
  });
}

/** A small newsroom: site settings, two sections, an author, tags and published articles. */
export async function seedSmallNewsroom(db: Kysely<Database>, mediaDir: string, articleCount = 5) {
  await saveSiteSettings(db, { name: 'Test Ledger', tagline: 'Test tagline', description: 'A test newsroom.', publisherBlurb: 'Test Ledger delivers independent test coverage.', languages: ['en', 'ar'], defaultLanguage: 'en' });
  const newsId = await createSection(db, { slug: 'news', name: 'News', position: 0 });
  const opinionId = await createSection(db, { slug: 'opinion', name: 'Opinion', position: 1 });
  const authorId = await createAuthor(db, { slug: 'rania-haddad', name: 'Rania Haddad' });
  const countryId = await createTag(db, { kind: 'country', slug: 'jordan', name: 'Jordan' });
  const topicId = await createTag(db, { kind: 'topic', slug: 'water', name: 'Water' });
  const imageId = await createImage(db, mediaDir);
  const articleIds: number[] = [];
  for (let index = 0; index < articleCount; index += 1) {
    articleIds.push(
      await createArticle(
        db,
        buildArticle({ sectionId: index % 2 === 0 ? newsId : opinionId, authorIds: [authorId], byline: null, tagIds: [countryId, topicId], heroImageId: imageId, heroCaption: 'Hero caption for the test.', slug: `story-${index + 1}`, publishedAt: isoHoursFrom(isoNow(), -(index + 1)) }),
      ),
    );
  }
  return { newsId, opinionId, authorId, countryId, topicId, imageId, articleIds };
}
