/** Builders for the desk's tests: a stored republishing request as the request form leaves it. Imported by tests only. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { SyndicationRequestStatus } from '../../src/db/schema-syndication.ts';
import { isoNow } from '../../src/shared/time.ts';
import { DEFAULT_RATE_CARD, saveRateCard } from '../../src/syndication/rate-card.ts';

let counter = 0;

/** A day `days` from today, as YYYY-MM-DD. */
export function dayFrom(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Overridable fields of a request. */
export interface RequestOverrides {
  status?: SyndicationRequestStatus;
  email?: string;
  organisation?: string;
  outletUrl?: string;
  medium?: string;
  territory?: string;
  exclusive?: boolean;
  periodStart?: string;
  periodEnd?: string;
  quoteMinor?: number;
  createdAt?: string;
  offeredMinor?: number | null;
  offeredTerms?: string | null;
}

/** Inserts an open request (USD, web, Jordan, 60 days) for an article, with a submitted event; returns its id. */
export async function insertRequest(db: Kysely<Database>, articleId: number, overrides: RequestOverrides = {}): Promise<number> {
  counter += 1;
  const now = overrides.createdAt ?? isoNow();
  const card = await db.selectFrom('rate_cards').select('id').orderBy('id', 'desc').executeTakeFirst();
  const rateCardId = card?.id ?? (await saveRateCard(db, DEFAULT_RATE_CARD, null, now));
  const quote = overrides.quoteMinor ?? 25_000;
  const row = await db
    .insertInto('syndication_requests')
    .values({
      article_id: articleId,
      status: overrides.status ?? 'open',
      requester_name: `Requester ${counter}`,
      requester_email: overrides.email ?? `desk.${counter}@example.org`,
      organisation: overrides.organisation ?? `Example Daily ${counter}`,
      outlet_url: overrides.outletUrl ?? `https://example.org/outlet-${counter}`,
      outlet_type: 'commercial',
      medium: overrides.medium ?? 'web',
      territory: overrides.territory ?? 'national:JO',
      language: 'en',
      audience_band: '10k-100k',
      exclusive: overrides.exclusive ? 1 : 0,
      period_start: overrides.periodStart ?? dayFrom(1),
      period_end: overrides.periodEnd ?? dayFrom(60),
      intended_date: null,
      message: 'We would like to run this on our site next week.',
      rate_card_id: rateCardId,
      currency: 'USD',
      quote_minor: quote,
      quote_breakdown: JSON.stringify([
        { kind: 'base', label: 'Base fee: Commercial outlet', amountMinor: quote },
        { kind: 'multiplier', label: 'Medium: Website', multiplierBp: 10_000, subtotalMinor: quote },
      ]),
      offered_minor: overrides.offeredMinor ?? null,
      offered_terms: overrides.offeredTerms ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('syndication_request_events').values({ request_id: row.id, kind: 'submitted', actor_user_id: null, message: null, fee_minor: quote, at: now }).execute();
  return row.id;
}

/** The kinds of a request's history, in order. */
export async function eventKinds(db: Kysely<Database>, requestId: number): Promise<string[]> {
  const rows = await db.selectFrom('syndication_request_events').select('kind').where('request_id', '=', requestId).orderBy('id').execute();
  return rows.map((row) => row.kind);
}

/** Emails kept for an address, newest first. */
export async function mailTo(db: Kysely<Database>, address: string) {
  return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id', 'desc').execute();
}
