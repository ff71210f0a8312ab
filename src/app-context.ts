/** What every route and command of the running app shares. */
import type { Kysely } from 'kysely';
import type { ContentGeneration } from './cache/content-generation.ts';
import type { GenerationCache } from './cache/generation-cache.ts';
import type { PageCache } from './cache/page-cache.ts';
import type { ArticlePageData } from './articles/article-page-data.ts';
import type { RepublishPackage } from './syndication/package.ts';
import type { Config } from './config.ts';
import type { DialectName } from './db/dialect.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './shared/logger.ts';
import type { SiteCatalog } from './site/chrome.ts';
import type { SessionUser } from './accounts/sessions.ts';
import type { Mailer } from './mail/mailer.ts';
import type { LinkSigner } from './shared/signed-links.ts';

/** The app's long-lived parts, created once at start. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
  pageCache: PageCache;
  /** Assembled article-page data by language and slug, per content generation. */
  articleData: GenerationCache<ArticlePageData | null>;
  /** Creative Commons republishing packages by article id, per content generation (the article page's dialog and /republish/:id). */
  ccPackages: GenerationCache<RepublishPackage | null>;
  generation: ContentGeneration;
  /** Settings and sections, reloaded when the content generation moves. */
  catalog: () => Promise<SiteCatalog>;
  /** Public path of a static asset, fingerprinted for long caching. */
  assetPath: (name: string) => string;
  /** The platform's one way to send email (SMTP, or the admin outbox). */
  mailer: Mailer;
  /** Signs and checks links for people without accounts (newsletter readers, licensees). */
  links: LinkSigner;
  /** Folder of stored media files. */
  mediaDir: string;
}

/** Hono environment of the app: what handlers may read from `c.env` and `c.var`. */
export interface AppEnv {
  Bindings: { incoming?: { url?: string } };
  /** `user` is undefined until looked up, null when nobody is signed in; `trustProxyHops` is TRUST_PROXY, for `clientIp`. */
  Variables: { generation: number; language: string; user: SessionUser | null | undefined; trustProxyHops: number };
}
