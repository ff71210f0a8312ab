/**
 * How a photo's credit is printed wherever it is shown (article figures, feeds, newsletters):
 * the credit written for this use when there is one (an empty one hides it), else the stored
 * "Photographer/Agency" — wire licences require the agency beside the photographer.
 */
import type { RenderableImage } from './types.ts';

/** The credit of one use of a photo: the per-use credit (null: use the stored one), else photographer/agency. */
export function photoCredit(image: Pick<RenderableImage, 'credit' | 'creditOrganisation'>, perUse: string | null = null): string {
  if (perUse !== null) return perUse.trim();
  return [...new Set([image.credit, image.creditOrganisation].map((name) => name?.trim() ?? '').filter((name) => name !== ''))].join('/');
}

/** The printed line: the edition's label and the credit ("Photo: Jane Doe/Agency"); '' when there is no credit. */
export function creditLine(credit: string, label: string): string {
  if (credit === '') return '';
  return label === '' ? credit : `${label} ${credit}`;
}
