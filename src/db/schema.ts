/**
 * Table types for Kysely. Times are ISO-8601 UTC strings (`2026-11-27T19:30:00.000Z`) in
 * both databases: fixed width, so they sort correctly as text and compare across dialects.
 * JSON values are stored as text and parsed by the repositories that own them.
 * Booleans are integers (0/1) so the two dialects return the same JavaScript values.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NewsletterTables } from './schema-newsletters.ts';
import type { SyndicationTables } from './schema-syndication.ts';

/** Licensing policy for republishing: paid licence on request, Creative Commons, or not available. */
export type LicensingPolicy = 'paid' | 'cc' | 'none';

/** Workflow state of an article. Only `published` articles are visible to readers. */
export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';

export interface SiteSettingsTable {
  key: string;
  value: string;
}

export interface ContentStateTable {
  id: number;
  /** Bumped by every change to reader-visible content; page caches compare against it. */
  version: number;
  changed_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** JSON object of language code → translated name. */
  name_translations: string;
  description: string;
  position: number;
  default_licensing_policy: LicensingPolicy | null;
  created_at: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  title: string;
  bio: string;
  /** JSON array of strings. */
  expertise: string;
  /** JSON array of language codes. */
  languages: string;
  location: string;
  image_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  kind: 'topic' | 'country' | 'place' | 'person' | 'organisation';
  slug: string;
  name: string;
  /** JSON array of other names (including other scripts) for matching and search. */
  aliases: string;
  description: string | null;
  country_code: string | null;
  parent_id: number | null;
  created_at: string;
}

export interface ImagesTable {
  id: Generated<number>;
  /** File name of the sanitised original under media/originals (never served directly). */
  file_key: string;
  content_hash: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  credit_organisation: string | null;
  can_distribute: number;
  /** JSON array of ImageVariant. */
  variants: string;
  created_at: string;
  uploaded_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The uploaded file's name, for finding it again in the media library. */
  original_name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  language: string;
  translation_group: string | null;
  headline: string;
  standfirst: string;
  type: string;
  section_id: number;
  byline: string | null;
  dateline: string | null;
  /** JSON ProseMirror document, validated by src/articles/body/schema.ts before it is stored. */
  body: string;
  hero_image_id: number | null;
  hero_caption: string | null;
  hero_credit: string | null;
  hero_alt: string | null;
  /** JSON array of { name, kind, url }. */
  sources: string;
  status: ArticleStatus;
  published_at: string | null;
  /** Shown to readers as "Updated"; set only for substantive changes. */
  updated_at: string | null;
  created_at: string;
  /** Last change of any kind; drives Last-Modified. */
  modified_at: string;
  licensing_policy: LicensingPolicy | null;
  seo_title: string | null;
  seo_description: string | null;
  word_count: number;
  /** Incremented on every save, for refusing stale edits. */
  revision: ColumnType<number, number | undefined, number>;
  /** The account that created the article ("own" work for contributors and authors). */
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The editor the article is assigned to, if any. */
  assignee_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When a `scheduled` article goes live; the scheduler publishes it then. */
  scheduled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
  /** Copy of the article's published_at while it is published, else null: lets author pages page by index alone. */
  listed_at: string | null;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** Copy of the article's language, so edition tag pages page by index alone. */
  language: string;
  /** Copy of the article's published_at while it is published, else null. */
  listed_at: string | null;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'update' | 'clarification';
  body: string;
  created_at: string;
}

export interface StaticPagesTable {
  id: Generated<number>;
  slug: string;
  language: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** A newsroom role, from least to most powerful. */
export type Role = 'contributor' | 'author' | 'editor' | 'admin' | 'owner';

export interface UsersTable {
  id: Generated<number>;
  /** Stored lowercased; unique. */
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'invited' | 'disabled';
  /** scrypt hash in `scrypt$N$r$p$salt$hash` form; null until an invited user sets a password. */
  password_hash: string | null;
  author_id: number | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a leaked database does not leak usable sessions. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AccountTokensTable {
  id: Generated<number>;
  kind: 'invitation' | 'password_reset';
  token_hash: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON object. */
  details: string;
  ip: string | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  created_at: string;
  purpose: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers. */
  headers: string;
  message_id: string;
  /** `stored` (no SMTP configured: shown in the admin outbox), `sent` or `failed`. */
  status: 'stored' | 'sent' | 'failed';
  sent_at: string | null;
  error: string | null;
}

/** What kind of save made a revision. */
export type RevisionKind = 'create' | 'save' | 'autosave' | 'restore' | 'conflict' | 'publish';

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  /** The article's `revision` this snapshot became (for `conflict`: the stale base it was written against). */
  revision: number;
  kind: RevisionKind;
  /** JSON of the editable article fields (EditableFields). */
  snapshot: string;
  user_id: number | null;
  created_at: string;
  note: string | null;
}

export interface ArticleActivityTable {
  id: Generated<number>;
  article_id: number;
  at: string;
  user_id: number | null;
  /** created, saved, submitted, sent_back, approved, scheduled, published, unpublished, assigned, corrected, restored, conflict … */
  action: string;
  note: string | null;
  /** JSON object. */
  details: string;
}

/** Hub listings: one row per (country hub, published article) for articles tagged with the country or a place in it (src/hubs/sync.ts). */
export interface ArticleHubsTable {
  article_id: number;
  /** The country tag whose page lists the article. */
  hub_tag_id: number;
  /** Copy of the article's language. */
  language: string;
  /** Copy of the article's published_at (only published articles have rows). */
  listed_at: string;
}

/** Sitemaps: one row per published article, what its `<url>` needs and which month part counts it (src/sitemaps/sync.ts). */
export interface SitemapEntriesTable {
  article_id: number;
  /** `YYYY-MM` of published_at: the month sitemap that lists the article. */
  month: string;
  /** Which part of the month's sitemap (1, 2 …) the article was counted in; parts never exceed the sitemap limits. */
  part: number;
  published_at: string;
  /** Copy of the article's modified_at. */
  lastmod: string;
  language: string;
  section_id: number;
  slug: string;
  translation_group: string | null;
  /** Space-separated media keys of the article's photos (hero first), large variants. */
  image_keys: string;
  /** Upper bound of the bytes this entry takes in its sitemap file. */
  byte_estimate: number;
}

/** Sitemaps: one row per part of a month's sitemap, what the sitemap index lists. */
export interface SitemapPartsTable {
  month: string;
  part: number;
  url_count: number;
  byte_estimate: number;
  /** Latest change to any URL of the part (or the removal of one). */
  lastmod: string;
}

/**
 * Search: one row per published article, its texts normalised for search (src/search/document.ts).
 * SQLite indexes it through the external-content FTS5 table `search_fts` (kept in step by
 * triggers); PostgreSQL through generated `tsvector` columns with GIN indexes (not typed here:
 * only src/search/postgres-engine.ts reads them, in SQL).
 */
export interface SearchDocumentsTable {
  /** Publication second and article id in one integer (src/search/sort-key.ts); the FTS5 rowid. */
  sort_key: number;
  article_id: number;
  language: string;
  published_at: string;
  headline: string;
  standfirst: string;
  body: string;
  captions: string;
  people: string;
  tags: string;
  /** Space-separated filter tokens: language, section, type, tags, authors. */
  facets: string;
}

/** Where a suggested tag stands: waiting for a person, taken, or turned down (never offered again for that article). */
export type TagSuggestionStatus = 'pending' | 'accepted' | 'rejected';

/** A tag suggested for an article from its text (src/suggest), and the decision on it. */
export interface TagSuggestionsTable {
  id: Generated<number>;
  article_id: number;
  kind: TagsTable['kind'];
  name: string;
  /** Identifies the suggestion across re-analyses: `<kind>:<folded name>`, or `country:<ISO code>`. */
  name_key: string;
  /** The existing tag; null for a tag that accepting would create. */
  tag_id: number | null;
  /** For a new country its ISO code; for a new place its country's. */
  country_code: string | null;
  reason: string;
  /** Percent, 0–100. */
  confidence: number;
  mentions: ColumnType<number, number | undefined, number>;
  status: ColumnType<TagSuggestionStatus, TagSuggestionStatus | undefined, TagSuggestionStatus>;
  /** Who decided; null with status `accepted` means the auto-tagging rule for places did. */
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Which revision of an article was last analysed for suggestions (lets `tags:suggest --all` resume). */
export interface ArticleSuggestionStateTable {
  article_id: number;
  revision: number;
  analyser_version: number;
  analysed_at: string;
}

/** Secrets the app generates for itself on first start (the key that signs links in emails). */
export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

interface SecretTables {
  app_secrets: AppSecretsTable;
}

/** Every table Masthead owns. */
export interface Database extends NewsletterTables, SyndicationTables, SecretTables {
  site_settings: SiteSettingsTable;
  content_state: ContentStateTable;
  sections: SectionsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  images: ImagesTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  article_hubs: ArticleHubsTable;
  article_corrections: ArticleCorrectionsTable;
  static_pages: StaticPagesTable;
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  article_revisions: ArticleRevisionsTable;
  article_activity: ArticleActivityTable;
  tag_suggestions: TagSuggestionsTable;
  article_suggestion_state: ArticleSuggestionStateTable;
  sitemap_entries: SitemapEntriesTable;
  sitemap_parts: SitemapPartsTable;
  search_documents: SearchDocumentsTable;
}

/** A stored article row. */
export type ArticleRow = Selectable<ArticlesTable>;
/** Values for a new article row. */
export type NewArticleRow = Insertable<ArticlesTable>;
/** Changes to an article row. */
export type ArticleRowUpdate = Updateable<ArticlesTable>;
/** A stored image row. */
export type ImageRow = Selectable<ImagesTable>;
/** A stored tag row. */
export type TagRow = Selectable<TagsTable>;
/** A stored author row. */
export type AuthorRow = Selectable<AuthorsTable>;
/** A stored section row. */
export type SectionRow = Selectable<SectionsTable>;
