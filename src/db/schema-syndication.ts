/**
 * Tables of republishing and syndication: the rate card, requests from other outlets and
 * their history, licensees and partners, licences, partner-feed tokens and the views that
 * republished copies report through their tracking pixels. Money is always integer minor units.
 */
import type { Generated } from 'kysely';

/** Where a republishing request stands. */
export type SyndicationRequestStatus = 'open' | 'countered' | 'approved' | 'declined';

/** Whether a licence's invoice is settled. */
export type InvoiceStatus = 'unpaid' | 'paid' | 'waived';

/** The newsroom's rate card: one row per saved version; the newest is in force, quotes name the one they used. */
export interface RateCardsTable {
  id: Generated<number>;
  /** ISO 4217 code, e.g. USD. */
  currency: string;
  /** JSON of the card (base fees, multipliers in basis points, surcharge, minimum, overrides); see src/syndication/rate-card.ts. */
  card: string;
  created_by: number | null;
  created_at: string;
}

export interface SyndicationRequestsTable {
  id: Generated<number>;
  article_id: number;
  status: SyndicationRequestStatus;
  requester_name: string;
  requester_email: string;
  organisation: string;
  outlet_url: string;
  /** Key of the rate card's outlet types: `nonprofit`, `commercial`, `student`, `broadcaster`… */
  outlet_type: string;
  /** `web`, `print`, `broadcast`, `newsletter`. */
  medium: string;
  /** Territory key of the rate card, e.g. `national`, `regional`, `worldwide`. */
  territory: string;
  /** Language the licensee will publish in (a code); a translation when it differs from the article's. */
  language: string;
  audience_band: string;
  exclusive: number;
  /** Licence period asked for, ISO dates. */
  period_start: string;
  period_end: string;
  intended_date: string | null;
  message: string;
  rate_card_id: number;
  currency: string;
  /** The instant indicative quote. */
  quote_minor: number;
  /** JSON breakdown of the quote (lines with amounts in minor units). */
  quote_breakdown: string;
  /** Fee offered by the newsroom in a counter-offer or approval, when it differs from the quote. */
  offered_minor: number | null;
  offered_terms: string | null;
  created_at: string;
  updated_at: string;
}

/** Every step of a request: submitted, quoted, countered, approved, declined, emailed… */
export interface SyndicationRequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  actor_user_id: number | null;
  message: string | null;
  fee_minor: number | null;
  at: string;
}

/** An outlet that holds licences, or a syndication partner the newsroom set up. */
export interface LicenseesTable {
  id: Generated<number>;
  name: string;
  organisation: string;
  email: string;
  outlet_url: string;
  kind: 'licensee' | 'partner';
  created_at: string;
}

export interface LicencesTable {
  id: Generated<number>;
  /** Printed on the certificate, e.g. `TT-2026-0007`; unique. */
  reference: string;
  request_id: number | null;
  article_id: number;
  licensee_id: number;
  terms: string;
  fee_minor: number;
  currency: string;
  territory: string;
  medium: string;
  language: string;
  exclusive: number;
  valid_from: string;
  valid_to: string;
  invoice_number: string;
  invoice_status: InvoiceStatus;
  /** Set when the newsroom ends a licence early. */
  revoked_at: string | null;
  created_by: number | null;
  created_at: string;
}

/** A token for a partner feed; only its hash is kept. */
export interface PartnerFeedTokensTable {
  id: Generated<number>;
  licensee_id: number;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * Views of republished copies, counted by day and referring page. `licence_id` is null
 * for Creative Commons copies.
 */
export interface RepublicationViewsTable {
  id: Generated<number>;
  article_id: number;
  licence_id: number | null;
  day: string;
  /** The referring page (scheme, host and path; no query), or '' when none was sent. */
  referrer: string;
  views: number;
  /** `article:licence-or-cc:day:referrer`: the counter's unique key. */
  counter_key: string;
}

/** The syndication tables, merged into `Database`. */
export interface SyndicationTables {
  rate_cards: RateCardsTable;
  syndication_requests: SyndicationRequestsTable;
  syndication_request_events: SyndicationRequestEventsTable;
  licensees: LicenseesTable;
  licences: LicencesTable;
  partner_feed_tokens: PartnerFeedTokensTable;
  republication_views: RepublicationViewsTable;
}
