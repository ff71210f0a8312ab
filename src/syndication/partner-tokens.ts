/**
 * Syndication partners (licensees the desk sets up itself, rather than through a request)
 * and partner-feed tokens: a random secret per feed consumer, shown once when it is made;
 * only its SHA-256 is kept, so a database leak reveals no working token. A revoked token
 * stays listed (who had access, until when) but opens nothing.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import { newToken, tokenHash } from '../accounts/tokens.ts';
import type { Database } from '../db/schema.ts';
import { PublicError } from '../http/errors.tsx';
import { isoNow } from '../shared/time.ts';
import { parseOrThrow } from '../shared/validation.ts';

/** `last_used_at` is written at most this often per token, so a busy feed does not write on every poll. */
export const LAST_USED_GRANULARITY_MS = 15 * 60 * 1000;

/** What the admin types when making a token. */
export const newTokenSchema = z.object({
  licenseeId: z.coerce.number().int().positive(),
  label: z.string().trim().max(100, 'the label is longer than 100 characters').default(''),
});

/** A token as the admin lists it (never the token itself). */
export interface PartnerTokenListing {
  id: number;
  licenseeId: number;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Who made a change, for the audit log. */
export interface Actor {
  /** Null when an operator works from the command line (`masthead partner:token`). */
  userId: number | null;
  ip: string | null;
}

/** A partner as the desk types it. */
export const newPartnerSchema = z.object({
  name: z.string().trim().min(1, 'give the contact person’s name').max(200).refine((value) => !/[\p{Cc}]/u.test(value), 'must be one line'),
  organisation: z.string().trim().min(1, 'give the outlet or organisation').max(200).refine((value) => !/[\p{Cc}]/u.test(value), 'must be one line'),
  email: z.email('must be an email address like desk@example.org').max(254).transform((value) => value.toLowerCase()),
  outletUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be a web address starting with https:// or http://' }).max(500)]).default(''),
});

/** The new-partner form's words for its fields (partner-views.tsx), for refusals. */
const PARTNER_LABELS = { name: 'Contact name', organisation: 'Organisation', email: 'Email', outletUrl: 'Outlet web address' } as const;

/** Creates a partner (a licensee of kind `partner`); audited. */
export async function createPartner(db: Kysely<Database>, input: unknown, actor: Actor): Promise<number> {
  const partner = parseOrThrow(newPartnerSchema, input, PARTNER_LABELS);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('licensees')
      .values({ name: partner.name, organisation: partner.organisation, email: partner.email, outlet_url: partner.outletUrl, kind: 'partner', created_at: isoNow() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.partner_created', subjectType: 'licensee', subjectId: row.id, details: { organisation: partner.organisation }, ip: actor.ip });
    return row.id;
  });
}

/** A licensee or partner in full. */
export interface LicenseeDetail {
  id: number;
  name: string;
  organisation: string;
  email: string;
  outletUrl: string;
  kind: 'licensee' | 'partner';
  createdAt: string;
}

/** One licensee or partner; null when there is none. */
export async function getLicensee(db: Kysely<Database>, id: number): Promise<LicenseeDetail | null> {
  const row = await db.selectFrom('licensees').select(['id', 'name', 'organisation', 'email', 'outlet_url', 'kind', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name, organisation: row.organisation, email: row.email, outletUrl: row.outlet_url, kind: row.kind, createdAt: row.created_at } : null;
}

/**
 * A licensee or partner named by its number or its organisation (letter case and
 * surrounding spaces aside), for the command line; null when none or several match.
 */
export async function findLicensee(db: Kysely<Database>, nameOrId: string): Promise<{ id: number; organisation: string } | null> {
  const wanted = nameOrId.trim();
  if (/^[1-9][0-9]{0,9}$/.test(wanted)) return (await db.selectFrom('licensees').select(['id', 'organisation']).where('id', '=', Number(wanted)).executeTakeFirst()) ?? null;
  const rows = await db
    .selectFrom('licensees')
    .select(['id', 'organisation'])
    .where((eb) => eb(eb.fn('lower', ['organisation']), '=', wanted.toLowerCase()))
    .limit(2)
    .execute();
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

/** A licence as a licensee's page lists it. */
export interface LicenseeLicence {
  id: number;
  reference: string;
  articleId: number;
  headline: string;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
}

/** The licences of a licensee, newest first (at most `limit`). */
export async function licencesOfLicensee(db: Kysely<Database>, licenseeId: number, limit = 200): Promise<LicenseeLicence[]> {
  const rows = await db
    .selectFrom('licences')
    .innerJoin('articles', 'articles.id', 'licences.article_id')
    .select(['licences.id', 'licences.reference', 'licences.article_id', 'articles.headline', 'licences.valid_from', 'licences.valid_to', 'licences.revoked_at'])
    .where('licences.licensee_id', '=', licenseeId)
    .orderBy('licences.created_at', 'desc')
    .orderBy('licences.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, reference: row.reference, articleId: row.article_id, headline: row.headline, validFrom: row.valid_from, validTo: row.valid_to, revokedAt: row.revoked_at }));
}

/** Makes a token for a licensee; returns the token itself, which is never shown again. */
export async function createPartnerToken(db: Kysely<Database>, input: unknown, actor: Actor): Promise<{ id: number; token: string }> {
  const { licenseeId, label } = parseOrThrow(newTokenSchema, input, { label: 'Label', licenseeId: 'Licensee or partner' });
  const licensee = await db.selectFrom('licensees').select('id').where('id', '=', licenseeId).executeTakeFirst();
  if (!licensee) throw new PublicError(404, 'No such licensee or partner.');
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('partner_feed_tokens')
      .values({ licensee_id: licenseeId, token_hash: tokenHash(token), label, created_at: isoNow(), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.feed_token_created', subjectType: 'licensee', subjectId: licenseeId, details: { tokenId: row.id, label }, ip: actor.ip });
    return { id: row.id, token };
  });
}

/** Revokes a token of a licensee (already revoked: nothing changes). */
export async function revokePartnerToken(db: Kysely<Database>, licenseeId: number, tokenId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('partner_feed_tokens').select(['id', 'revoked_at']).where('id', '=', tokenId).where('licensee_id', '=', licenseeId).executeTakeFirst();
    if (!row) throw new PublicError(404, 'No such feed token.');
    if (row.revoked_at !== null) return;
    await trx.updateTable('partner_feed_tokens').set({ revoked_at: isoNow() }).where('id', '=', tokenId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: 'syndication.feed_token_revoked', subjectType: 'licensee', subjectId: licenseeId, details: { tokenId }, ip: actor.ip });
  });
}

/** The tokens of a licensee, newest first. */
export async function listPartnerTokens(db: Kysely<Database>, licenseeId: number): Promise<PartnerTokenListing[]> {
  const rows = await db
    .selectFrom('partner_feed_tokens')
    .select(['id', 'licensee_id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('licensee_id', '=', licenseeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, licenseeId: row.licensee_id, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at }));
}

/** The licensee a presented token opens the feed of, or null for an unknown or revoked token; notes the use (throttled). */
export async function authenticatePartnerToken(db: Kysely<Database>, token: string, now = new Date()): Promise<{ tokenId: number; licenseeId: number } | null> {
  // Tokens we make are 43 URL-safe characters; anything else is not worth a lookup.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.selectFrom('partner_feed_tokens').select(['id', 'licensee_id', 'last_used_at', 'revoked_at']).where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const lastUsed = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
  if (now.getTime() - lastUsed >= LAST_USED_GRANULARITY_MS) {
    await db.updateTable('partner_feed_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { tokenId: row.id, licenseeId: row.licensee_id };
}
