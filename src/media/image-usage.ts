/** Where an image is used: as an article's hero, or as an image block in its body. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ArticleStatus, Database } from '../db/schema.ts';

/** One article that shows the image. */
export interface ImageUse {
  articleId: number;
  headline: string;
  language: string;
  status: ArticleStatus;
  isHero: boolean;
  isInBody: boolean;
}

// Enough to answer "is it safe to change this caption?"; a photo in hundreds of articles says so by the count.
const MAX_USES = 200;

/**
 * The articles that show an image, most recently changed first. Bodies are JSON text
 * written by JSON.stringify (no spaces), so an image block reads `"imageId":7` followed by
 * `,` or `}`; matching the terminator keeps image 7 from matching 70.
 */
export async function findImageUses(db: Kysely<Database>, imageId: number): Promise<ImageUse[]> {
  if (!Number.isSafeInteger(imageId) || imageId < 1) return [];
  const inBody = sql<boolean>`(body like ${`%"imageId":${imageId},%`} or body like ${`%"imageId":${imageId}}%`})`;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'language', 'status', 'hero_image_id', sql<number>`case when ${inBody} then 1 else 0 end`.as('in_body')])
    .where((eb) => eb.or([eb('hero_image_id', '=', imageId), inBody]))
    .orderBy('modified_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_USES)
    .execute();
  return rows.map((row) => ({
    articleId: Number(row.id),
    headline: row.headline,
    language: row.language,
    status: row.status,
    isHero: row.hero_image_id === imageId,
    isInBody: Number(row.in_body) === 1,
  }));
}
