/** Loads stored images in the shape views draw them. */
import type { Kysely } from 'kysely';
import { prepareQuery } from '../db/prepared.ts';
import type { Database, ImageRow } from '../db/schema.ts';
import { parseStoredJson } from '../shared/json.ts';
import type { ImageVariant, RenderableImage } from './types.ts';

type ImageFields = Pick<ImageRow, 'id' | 'width' | 'height' | 'alt' | 'caption' | 'credit' | 'credit_organisation' | 'can_distribute' | 'variants'>;

/** Converts a stored row to what a view needs. */
export function toRenderableImage(row: ImageFields): RenderableImage {
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    creditOrganisation: row.credit_organisation,
    canDistribute: row.can_distribute === 1,
    variants: parseStoredJson<ImageVariant[]>(row.variants, []),
  };
}

const imagesById = prepareQuery<{ ids: number[] }, ImageFields>((db, p) =>
  db.selectFrom('images').select(['id', 'width', 'height', 'alt', 'caption', 'credit', 'credit_organisation', 'can_distribute', 'variants']).where('id', 'in', p.list('ids')),
);

/** Loads several images at once, keyed by id; unknown ids are simply absent. */
export async function loadImages(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, RenderableImage>> {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (unique.length === 0) return new Map();
  const rows = await imagesById.execute(db, { ids: unique });
  return new Map(rows.map((row) => [row.id, toRenderableImage(row)]));
}
