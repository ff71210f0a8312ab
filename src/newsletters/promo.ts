/**
 * Which newsletter an article page offers. Loaded with the article's own data (which is
 * cached per content generation, and every list or rule change moves the generation), so
 * a page costs no extra query while it is cached.
 *
 * The choice: among public lists, the rule most specific to the article wins
 * (tag > section > language > default), then the higher priority, then the list's position.
 * Tag, section and default rules only offer lists written in the article's language; a
 * language rule names the language itself.
 */
import type { Kysely } from 'kysely';
import { prepareQuery } from '../db/prepared.ts';
import type { Database } from '../db/schema.ts';
import type { NewsletterPromoRulesTable } from '../db/schema-newsletters.ts';

/** What the promo shows: the chosen list, and the names of the others in the same language. */
export interface NewsletterPromoData {
  newsletterId: number;
  name: string;
  description: string;
  cadence: string;
  language: string;
  /** The other public lists of the article's language, in display order. */
  others: string[];
}

/** A public list with one of its rules (rule fields null for a list without rules). */
export interface PromoCandidate {
  id: number;
  name: string;
  description: string;
  cadence: string;
  language: string;
  position: number;
  kind: NewsletterPromoRulesTable['kind'] | null;
  value: string | null;
  priority: number | null;
}

/** What an article offers the rules to match. */
export interface PromoArticle {
  language: string;
  sectionId: number;
  tagIds: number[];
}

const SPECIFICITY: Record<NewsletterPromoRulesTable['kind'], number> = { tag: 4, section: 3, language: 2, default: 1 };

const publicListsWithRules = prepareQuery<Record<string, never>, PromoCandidate>((db) =>
  db
    .selectFrom('newsletters')
    .leftJoin('newsletter_promo_rules', 'newsletter_promo_rules.newsletter_id', 'newsletters.id')
    .select([
      'newsletters.id',
      'newsletters.name',
      'newsletters.description',
      'newsletters.cadence',
      'newsletters.language',
      'newsletters.position',
      'newsletter_promo_rules.kind',
      'newsletter_promo_rules.value',
      'newsletter_promo_rules.priority',
    ])
    .where('newsletters.visibility', '=', 'public')
    .orderBy('newsletters.position')
    .orderBy('newsletters.id'),
);

/** Picks the promo for an article from the public lists and their rules; null when no rule matches. */
export function choosePromo(candidates: readonly PromoCandidate[], article: PromoArticle): NewsletterPromoData | null {
  const tagIds = new Set(article.tagIds.map(String));
  let best: { candidate: PromoCandidate; score: [number, number, number, number] } | null = null;
  for (const candidate of candidates) {
    if (!candidate.kind) continue;
    const sameLanguage = candidate.language === article.language;
    const matches =
      candidate.kind === 'tag' ? sameLanguage && candidate.value !== null && tagIds.has(candidate.value)
      : candidate.kind === 'section' ? sameLanguage && candidate.value === String(article.sectionId)
      : candidate.kind === 'language' ? candidate.value === article.language
      : sameLanguage;
    if (!matches) continue;
    // Higher wins on each: specificity, priority, then earlier position and lower id.
    const score: [number, number, number, number] = [SPECIFICITY[candidate.kind], Number(candidate.priority ?? 0), -candidate.position, -candidate.id];
    if (!best || isGreater(score, best.score)) best = { candidate, score };
  }
  if (!best) return null;
  const chosen = best.candidate;
  const others: string[] = [];
  const seen = new Set<number>([chosen.id]);
  for (const candidate of candidates) {
    if (seen.has(candidate.id) || candidate.language !== article.language) continue;
    seen.add(candidate.id);
    others.push(candidate.name);
  }
  return { newsletterId: Number(chosen.id), name: chosen.name, description: chosen.description, cadence: chosen.cadence, language: chosen.language, others };
}

function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

/** Loads the public lists and their rules (one query) and picks the article's promo. */
export async function loadNewsletterPromo(db: Kysely<Database>, article: PromoArticle): Promise<NewsletterPromoData | null> {
  const candidates = await publicListsWithRules.execute(db, {});
  return choosePromo(candidates, article);
}
