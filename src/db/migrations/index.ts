/**
 * Every migration, in order. Listed explicitly (rather than read from the folder) so
 * they are type-checked, linted and found the same way under tsx, tests and the CLI.
 */
import type { Migration } from 'kysely';
import * as contentModel from './20261127190000_content_model.ts';
import * as accounts from './20261127210000_accounts.ts';
import * as newsroom from './20261127230000_newsroom.ts';
import * as search from './20261128000000_search.ts';
import * as hubs from './20261128000100_hubs.ts';
import * as sitemaps from './20261128000200_sitemaps.ts';
import * as tagSuggestions from './20261128000300_tag_suggestions.ts';
import * as newsletters from './20261128000400_newsletters.ts';
import * as syndication from './20261128000500_syndication.ts';
import * as newsletterLinkArticles from './20261207000000_newsletter_link_articles.ts';
import * as subscriberAddressCase from './20261207000100_subscriber_address_case.ts';
import * as purgeAndErasureIndexes from './20261207000200_purge_and_erasure_indexes.ts';

/** Migration name → migration; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '20261127190000_content_model': contentModel,
  '20261127210000_accounts': accounts,
  '20261127230000_newsroom': newsroom,
  '20261128000000_search': search,
  '20261128000100_hubs': hubs,
  '20261128000200_sitemaps': sitemaps,
  '20261128000300_tag_suggestions': tagSuggestions,
  '20261128000400_newsletters': newsletters,
  '20261128000500_syndication': syndication,
  '20261207000000_newsletter_link_articles': newsletterLinkArticles,
  '20261207000100_subscriber_address_case': subscriberAddressCase,
  '20261207000200_purge_and_erasure_indexes': purgeAndErasureIndexes,
};
