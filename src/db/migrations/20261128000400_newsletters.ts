/**
 * Newsletters: lists and their promo rules, subscribers and subscriptions with their
 * history, issues, one delivery record per recipient, and click/open counts.
 */
import type { Kysely } from 'kysely';
import { dialectOf, withIdColumn } from '../dialect.ts';

/** Creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const s = db.schema;
  await s
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('newsletters'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('sender_address', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('track_opens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withIdColumn(dialect, s.createTable('newsletter_promo_rules'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.createIndex('newsletter_promo_rules_newsletter').on('newsletter_promo_rules').column('newsletter_id').execute();

  await withIdColumn(dialect, s.createTable('subscribers'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('link_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await s
    .createTable('subscriptions')
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('consent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['subscriber_id', 'newsletter_id'])
    .execute();
  // Recipients of a list, and the admin's per-list pages, walk this in subscriber order.
  await s.createIndex('subscriptions_list_status').on('subscriptions').columns(['newsletter_id', 'status', 'subscriber_id']).execute();

  await withIdColumn(dialect, s.createTable('subscription_events'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'integer', (c) => c.references('subscribers.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The issue whose unsubscribe link was used, for the stats; null otherwise.
    .addColumn('issue_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('subscription_events_list_at').on('subscription_events').columns(['newsletter_id', 'at']).execute();
  await s.createIndex('subscription_events_subscriber').on('subscription_events').column('subscriber_id').execute();
  await s.createIndex('subscription_events_issue').on('subscription_events').columns(['issue_id', 'kind']).execute();

  await withIdColumn(dialect, s.createTable('newsletter_issues'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('preheader', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('digest_source', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('scheduled_at', 'text')
    .addColumn('frozen', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('newsletter_issues_list').on('newsletter_issues').columns(['newsletter_id', 'created_at']).execute();
  await s.createIndex('newsletter_issues_status').on('newsletter_issues').columns(['status', 'scheduled_at']).execute();

  await withIdColumn(dialect, s.createTable('newsletter_deliveries'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'integer', (c) => c.references('subscribers.id').onDelete('set null'))
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('sent_at', 'text')
    .addColumn('last_response', 'text')
    .addUniqueConstraint('newsletter_deliveries_issue_subscriber', ['issue_id', 'subscriber_id'])
    .execute();
  // Workers claim the next work of an issue in id order through this.
  await s.createIndex('newsletter_deliveries_work').on('newsletter_deliveries').columns(['issue_id', 'status', 'id']).execute();
  await s.createIndex('newsletter_deliveries_subscriber').on('newsletter_deliveries').column('subscriber_id').execute();

  await withIdColumn(dialect, s.createTable('newsletter_links'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.createIndex('newsletter_links_issue').on('newsletter_links').column('issue_id').execute();

  await s
    .createTable('newsletter_engagement')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('newsletter_engagement_pk', ['issue_id', 'kind', 'hour'])
    .execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['newsletter_engagement', 'newsletter_links', 'newsletter_deliveries', 'newsletter_issues', 'subscription_events', 'subscriptions', 'subscribers', 'newsletter_promo_rules', 'newsletters', 'app_secrets']) {
    await db.schema.dropTable(table).execute();
  }
}
