/**
 * Republishing and syndication: rate cards, requests and their history, licensees,
 * licences, partner-feed tokens and counted views of republished copies.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.ts';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const s = db.schema;
  await withIdColumn(dialect, s.createTable('rate_cards'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('card', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('syndication_requests'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_email', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('outlet_url', 'text', (c) => c.notNull())
    .addColumn('outlet_type', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('territory', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('audience_band', 'text', (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('intended_date', 'text')
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rate_card_id', 'integer', (c) => c.notNull().references('rate_cards.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('quote_minor', 'integer', (c) => c.notNull())
    .addColumn('quote_breakdown', 'text', (c) => c.notNull())
    .addColumn('offered_minor', 'integer')
    .addColumn('offered_terms', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('syndication_requests_queue').on('syndication_requests').columns(['status', 'created_at', 'id']).execute();
  await s.createIndex('syndication_requests_article').on('syndication_requests').columns(['article_id', 'created_at']).execute();

  await withIdColumn(dialect, s.createTable('syndication_request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('syndication_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('message', 'text')
    .addColumn('fee_minor', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('syndication_request_events_request').on('syndication_request_events').columns(['request_id', 'id']).execute();

  await withIdColumn(dialect, s.createTable('licensees'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('outlet_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('licensee'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('licensees_email').on('licensees').column('email').execute();

  await withIdColumn(dialect, s.createTable('licences'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('request_id', 'integer', (c) => c.references('syndication_requests.id').onDelete('set null'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('licensee_id', 'integer', (c) => c.notNull().references('licensees.id').onDelete('cascade'))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('fee_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('territory', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('invoice_number', 'text', (c) => c.notNull())
    .addColumn('invoice_status', 'text', (c) => c.notNull().defaultTo('unpaid'))
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('licences_article').on('licences').columns(['article_id', 'valid_to']).execute();
  await s.createIndex('licences_licensee').on('licences').columns(['licensee_id', 'created_at']).execute();

  await withIdColumn(dialect, s.createTable('partner_feed_tokens'))
    .addColumn('licensee_id', 'integer', (c) => c.notNull().references('licensees.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withIdColumn(dialect, s.createTable('republication_views'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('licence_id', 'integer', (c) => c.references('licences.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    // `article:licence-or-cc:day:referrer`, one counter each; upserts target it in both databases.
    .addColumn('counter_key', 'text', (c) => c.notNull().unique())
    .execute();
  await s.createIndex('republication_views_article').on('republication_views').columns(['article_id', 'day']).execute();
  await s.createIndex('republication_views_licence').on('republication_views').columns(['licence_id', 'day']).execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['republication_views', 'partner_feed_tokens', 'licences', 'licensees', 'syndication_request_events', 'syndication_requests', 'rate_cards']) {
    await db.schema.dropTable(table).execute();
  }
}
