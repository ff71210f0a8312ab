/**
 * The clean republishing package of an article: what a licensee (or a Creative Commons
 * republisher) copies. Built from the stored body document, never from the page's HTML.
 */
import type { AppContext } from '../app-context.ts';

/** A package ready to show or send. */
export interface RepublishPackage {
  articleId: number;
  headline: string;
  /** Clean HTML: headline, byline, body, credit line, canonical link and tracking pixel; no site chrome, no embeds, no non-distributable images. */
  html: string;
  /** The same as plain text (no pixel). */
  text: string;
  /** The credit line the licensee must print. */
  credit: string;
  canonicalUrl: string;
  /** What was taken out and why, for the note shown to the licensee ("2 wire photos were removed…"). */
  removed: { kind: 'image' | 'embed'; description: string }[];
}

/** Builds the package of a published article, for a licence (its pixel counts that licence) or for Creative Commons (licenceId null). */
export function buildPackage(app: AppContext, articleId: number, licenceId: number | null): Promise<RepublishPackage | null> {
  void app;
  void articleId;
  void licenceId;
  return Promise.reject(new Error('not built yet'));
}
