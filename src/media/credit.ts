/**
 * The credit line of a photo, composed in one place for every page, feed and package
 * that prints it: the article page's figures and hero, the site's feeds, the republishing
 * package, its removed-photo note and the partner feeds.
 */
import type { RenderableImage } from './types.ts';

/** Splits a credit into its "/"-separated names, compared without case or surrounding space. */
function namesOf(credit: string): string[] {
  return credit.split('/').map((name) => name.trim().toLowerCase());
}

/**
 * The credit of one use of a photo. An editor's credit for this use wins as written
 * (`''` is a deliberate "no credit here"); otherwise the stored credit with its
 * organisation, "Photographer/Agency", because wire licences require the agency. The
 * stored credit often names the organisation already ("Samer Odeh/Mashriq Wire" with
 * the organisation "Mashriq Wire"), and then it is not added a second time.
 */
export function photoCredit(image: Pick<RenderableImage, 'credit' | 'creditOrganisation'>, creditOfThisUse: string | null = null): string {
  if (creditOfThisUse !== null) return creditOfThisUse.trim();
  const credit = image.credit?.trim() ?? '';
  const organisation = image.creditOrganisation?.trim() ?? '';
  if (organisation === '') return credit;
  if (credit === '') return organisation;
  return namesOf(credit).includes(organisation.toLowerCase()) ? credit : `${credit}/${organisation}`;
}

/** The printed line: the edition's label and the credit ("Photo: Jane Doe/Agency"); '' when there is no credit. */
export function creditLine(credit: string, label: string): string {
  if (credit === '') return '';
  return label === '' ? credit : `${label} ${credit}`;
}
