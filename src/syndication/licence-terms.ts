/**
 * The words of a licence: labels of media and territories, and the standard terms the
 * desk issues when it does not write its own (what may be republished, where, how long,
 * and what the licensee must print).
 */
import { territoryLabel } from './request-territory.ts';
import { languageName, mediumLabel } from './texts.ts';

/** What the standard terms are written from. */
export interface TermsInput {
  siteName: string;
  headline: string;
  articleLanguage: string;
  canonicalUrl: string;
  medium: string;
  territory: string;
  language: string;
  exclusive: boolean;
  validFrom: string;
  validTo: string;
}

/** The standard licence terms, as numbered plain-text clauses. */
export function standardTerms(input: TermsInput): string {
  const translation = input.language !== input.articleLanguage;
  const clauses = [
    `${input.siteName} grants the licensee a ${input.exclusive ? 'exclusive' : 'non-exclusive'}, non-transferable licence to republish the article “${input.headline}” once, in this medium: ${mediumLabel(input.medium).toLowerCase()}; in this territory: ${territoryLabel(input.territory)}; in ${languageName(input.language)}${translation ? ' (a faithful translation, marked as such)' : ''}.`,
    `The licence runs from ${input.validFrom} to ${input.validTo} inclusive; the article must be taken down or left unchanged in an archive after that, as agreed with ${input.siteName}.`,
    `The licensee prints the credit line given in the delivery package, naming ${input.siteName}, with the article, and links to the original at ${input.canonicalUrl}.`,
    'The text may be shortened for space but not changed in meaning; headlines may be edited for length. Corrections that the original receives must be carried too.',
    'Only the photos included in the delivery package may be used. Wire and agency photos are not part of this licence and must not be republished with it.',
    'The tracking pixel in the package stays in the republished page, so that readership can be reported.',
    exclusive(input),
  ];
  return clauses.map((clause, index) => `${index + 1}. ${clause}`).join('\n');
}

function exclusive(input: TermsInput): string {
  return input.exclusive
    ? `While the licence runs, ${input.siteName} grants no other licence for this article in the same medium and territory.`
    : `${input.siteName} may license the article to others.`;
}
