/**
 * Tables of the newsletters: lists, who is subscribed to which (and how that changed over
 * time), the issues the desk writes, and one durable delivery record per recipient of an issue.
 */
import type { Generated } from 'kysely';

/** Where a reader stands with one newsletter. */
export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced' | 'complained';

/** Where an issue is in its life. */
export type NewsletterIssueStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

/** Where one recipient's copy of an issue is. `sending` means claimed by a worker and possibly handed to SMTP. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'retry' | 'failed' | 'bounced' | 'skipped';

export interface NewslettersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  /** Free text shown to readers: "Every weekday morning". */
  cadence: string;
  sender_name: string;
  sender_address: string;
  reply_to: string | null;
  language: string;
  visibility: 'public' | 'private';
  /** Order on /newsletters and in promos. */
  position: number;
  /** 1 to count opens through a pixel; 0 (the default) sends no pixel. */
  track_opens: number;
  created_at: string;
  updated_at: string;
}

/** Which newsletter the article-page promo offers: the most specific matching rule wins, then `priority`. */
export interface NewsletterPromoRulesTable {
  id: Generated<number>;
  newsletter_id: number;
  kind: 'section' | 'tag' | 'language' | 'default';
  /** Section id or tag id (as text), language code, or null for `default`. */
  value: string | null;
  priority: number;
}

/** One reader, across all lists. Erasure deletes the row (subscriptions and deliveries lose their link). */
export interface SubscribersTable {
  id: Generated<number>;
  /** Lower-cased domain, local part as given; unique. */
  email: string;
  name: string | null;
  language: string;
  created_at: string;
  updated_at: string;
  /** Raised to invalidate every signed link issued before (after erasure of data or on request). */
  link_version: number;
}

export interface SubscriptionsTable {
  subscriber_id: number;
  newsletter_id: number;
  status: SubscriptionStatus;
  /** `form`, `import`, `admin`, `embed`, `promo`. */
  source: string;
  /** What the reader agreed to and when (import: the consent column's text). */
  consent: string | null;
  created_at: string;
  confirmed_at: string | null;
  updated_at: string;
}

/**
 * Every change of a subscription, for the subscribers-over-time chart and for counts that
 * outlive erasure: `subscriber_id` becomes null when the reader is erased.
 */
export interface SubscriptionEventsTable {
  id: Generated<number>;
  newsletter_id: number;
  subscriber_id: number | null;
  /** `signed_up`, `confirmed`, `unsubscribed`, `bounced`, `complained`, `imported`, `erased`, `resubscribed`, `expired` (never confirmed, purged). */
  kind: string;
  /** The issue whose unsubscribe link was used (stats), else null. */
  issue_id: number | null;
  at: string;
}

export interface NewsletterIssuesTable {
  id: Generated<number>;
  newsletter_id: number;
  subject: string;
  /** Preview text shown by mail clients after the subject. */
  preheader: string;
  /** The editor's introduction, plain text with blank lines between paragraphs. */
  intro: string;
  /** JSON array of { articleId, blurb? } in order. */
  items: string;
  /** `manual`, or `digest` (items chosen from what a section or tag published since the last issue). */
  kind: 'manual' | 'digest';
  /** JSON { sectionId? , tagId?, since } for digests; null otherwise. */
  digest_source: string | null;
  status: NewsletterIssueStatus;
  scheduled_at: string | null;
  /** Rendered once when sending starts (JSON { subject, html, text } with per-recipient placeholders), so every recipient gets the same issue. */
  frozen: string | null;
  recipients: number;
  started_at: string | null;
  finished_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One recipient's copy of an issue, written before anything is sent. */
export interface NewsletterDeliveriesTable {
  id: Generated<number>;
  issue_id: number;
  /** Null once the reader has been erased. */
  subscriber_id: number | null;
  /** Null once the reader has been erased. */
  email: string | null;
  status: DeliveryStatus;
  attempts: number;
  /** When a `retry` may be tried again. */
  next_attempt_at: string | null;
  /** Which worker holds the claim, and until when; an expired lease may be taken over. */
  claimed_by: string | null;
  lease_until: string | null;
  /** Fixed when the record is written, so a resend after a crash carries the same Message-ID. */
  message_id: string;
  sent_at: string | null;
  /** The SMTP server's answer to the last attempt (no credentials). */
  last_response: string | null;
}

/** Links in an issue, for click counts through our own redirect. */
export interface NewsletterLinksTable {
  id: Generated<number>;
  issue_id: number;
  url: string;
  /** The article the link leads to (its headline names the link in the stats); null for older rows or a deleted article. */
  article_id: number | null;
  clicks: number;
}

/** Clicks and opens by issue and hour, for the charts (no per-reader tracking is kept). */
export interface NewsletterEngagementTable {
  issue_id: number;
  /** `click` or `open`. */
  kind: string;
  /** Hour, ISO `YYYY-MM-DDTHH`. */
  hour: string;
  count: number;
}

/** The newsletter tables, merged into `Database`. */
export interface NewsletterTables {
  newsletters: NewslettersTable;
  newsletter_promo_rules: NewsletterPromoRulesTable;
  subscribers: SubscribersTable;
  subscriptions: SubscriptionsTable;
  subscription_events: SubscriptionEventsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  newsletter_links: NewsletterLinksTable;
  newsletter_engagement: NewsletterEngagementTable;
}
