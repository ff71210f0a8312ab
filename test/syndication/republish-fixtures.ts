/**
 * Test data for the republishing package, pages, pixel, partner feeds and correction
 * notices: a newsroom with one article of each policy, photos the newsroom may and may not
 * pass on, an embed, and licensees with a current, an expired and a revoked licence.
 */
import type { Kysely } from 'kysely';
import { createArticle } from '../../src/articles/commands.ts';
import type { Database } from '../../src/db/schema.ts';
import { isoHoursFrom, isoNow } from '../../src/shared/time.ts';
import { buildArticle, createImage, seedSmallNewsroom } from '../factories.ts';

/** A headline no page may show unescaped. */
export const HOSTILE_HEADLINE = 'Rains return <script>alert("x")</script> & "floods" recede';

/** What seedRepublishing made. */
export interface RepublishFixture {
  newsId: number;
  /** Creative Commons; hero is a wire photo; body has a distributable photo, a wire photo, an embed, a pull quote and a related link. */
  ccArticleId: number;
  paidArticleId: number;
  noneArticleId: number;
  draftArticleId: number;
  /** Published articles the body's related link and text link point at. */
  relatedArticleId: number;
  distributableImageId: number;
  wireImageId: number;
  wireHeroId: number;
  licensees: { current: number; expired: number; revoked: number };
  licences: { current: number; expired: number; revoked: number; otherArticle: number };
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function insertLicensee(db: Kysely<Database>, name: string, email: string, kind: 'licensee' | 'partner' = 'licensee'): Promise<number> {
  const row = await db
    .insertInto('licensees')
    .values({ name, organisation: `${name} Media`, email, outlet_url: 'https://outlet.example', kind, created_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let references = 0;

/** Inserts a licence directly (the request and decision flows are tested elsewhere). */
export async function insertLicence(db: Kysely<Database>, values: { articleId: number; licenseeId: number; validFrom: string; validTo: string; revokedAt?: string | null }): Promise<number> {
  references += 1;
  const row = await db
    .insertInto('licences')
    .values({
      reference: `TT-TEST-${process.pid}-${references}-${Math.random().toString(36).slice(2, 8)}`,
      request_id: null,
      article_id: values.articleId,
      licensee_id: values.licenseeId,
      terms: 'Test terms.',
      fee_minor: 10_000,
      currency: 'USD',
      territory: 'worldwide',
      medium: 'web',
      language: 'en',
      exclusive: 0,
      valid_from: values.validFrom,
      valid_to: values.validTo,
      invoice_number: `INV-${references}`,
      invoice_status: 'unpaid',
      revoked_at: values.revokedAt ?? null,
      created_by: null,
      created_at: isoNow(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Seeds the newsroom, the articles and the licences. */
export async function seedRepublishing(db: Kysely<Database>, mediaDir: string): Promise<RepublishFixture> {
  const newsroom = await seedSmallNewsroom(db, mediaDir, 2);
  const relatedArticleId = newsroom.articleIds[0] ?? 0;
  const distributableImageId = await createImage(db, mediaDir, { canDistribute: true, credit: 'Lina Staff Photographer' });
  const wireImageId = await createImage(db, mediaDir, { canDistribute: false, credit: 'Wireline Agency' });
  const wireHeroId = await createImage(db, mediaDir, { canDistribute: false, credit: 'Hero Wire Service' });
  const body = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'The reservoir rose for the first time in years, ' }, { type: 'text', text: 'officials said', marks: [{ type: 'link', attrs: { href: '/news/story-1' } }] }, { type: 'text', text: '.' }] },
      { type: 'imageBlock', attrs: { imageId: distributableImageId, caption: 'Farmers inspect the canal.', credit: null, alt: 'Two farmers beside a canal' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph & more <detail>.' }] },
      { type: 'imageBlock', attrs: { imageId: wireImageId, caption: 'Crowds at the dam.', credit: null, alt: 'A crowd at a dam' } },
      { type: 'embed', attrs: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=abc123', title: 'Drone footage of the dam' } },
      { type: 'pullQuote', attrs: { attribution: 'A farmer' }, content: [{ type: 'text', text: 'We had almost given up.' }] },
      { type: 'blockquote', content: [{ type: 'imageBlock', attrs: { imageId: wireImageId, caption: null, credit: 'Override Wire Credit', alt: null } }, { type: 'paragraph', content: [{ type: 'text', text: 'A quoted line.' }] }] },
      { type: 'relatedLink', attrs: { articleId: relatedArticleId, href: null, title: 'Earlier story' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'Final paragraph of the test story.' }] },
    ],
  };
  const common = { sectionId: newsroom.newsId, authorIds: [newsroom.authorId], tagIds: [newsroom.countryId, newsroom.topicId], byline: null, body, publishedAt: isoHoursFrom(isoNow(), -1) };
  const ccArticleId = await createArticle(db, buildArticle({ ...common, headline: HOSTILE_HEADLINE, slug: 'rains-return', licensingPolicy: 'cc', heroImageId: wireHeroId, heroCaption: 'The dam at dawn.', dateline: 'AMMAN' }));
  const paidArticleId = await createArticle(db, buildArticle({ ...common, slug: 'paid-story', licensingPolicy: 'paid', heroImageId: distributableImageId }));
  const noneArticleId = await createArticle(db, buildArticle({ ...common, slug: 'none-story', licensingPolicy: 'none' }));
  const draftArticleId = await createArticle(db, buildArticle({ ...common, slug: 'draft-story', licensingPolicy: 'cc', status: 'draft', publishedAt: null }));

  const current = await insertLicensee(db, 'Current Outlet', 'desk@current.example');
  const expired = await insertLicensee(db, 'Expired Outlet', 'desk@expired.example');
  const revoked = await insertLicensee(db, 'Revoked Outlet', 'desk@revoked.example');
  const licences = {
    current: await insertLicence(db, { articleId: paidArticleId, licenseeId: current, validFrom: day(-5), validTo: day(30) }),
    expired: await insertLicence(db, { articleId: paidArticleId, licenseeId: expired, validFrom: day(-60), validTo: day(-2) }),
    revoked: await insertLicence(db, { articleId: paidArticleId, licenseeId: revoked, validFrom: day(-5), validTo: day(30), revokedAt: isoNow() }),
    // Licensed to the current licensee too, but for an unpublished article: never in a feed.
    otherArticle: await insertLicence(db, { articleId: draftArticleId, licenseeId: current, validFrom: day(-5), validTo: day(30) }),
  };
  return {
    newsId: newsroom.newsId,
    ccArticleId,
    paidArticleId,
    noneArticleId,
    draftArticleId,
    relatedArticleId,
    distributableImageId,
    wireImageId,
    wireHeroId,
    licensees: { current, expired, revoked },
    licences,
  };
}
