/**
 * Hub pages for tags: countries, places, topics, people and organisations, in every
 * edition. A country's page also lists the articles of the places inside it
 * (src/hubs/listing.ts) and shows a locator map drawn from local data (src/hubs/map).
 */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { loadCards } from '../articles/cards.ts';
import { LISTING_PAGE_SIZE } from '../articles/listing.ts';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf, cursorOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { editionName, findHubTag, hubMapFor, placesInCountry } from '../hubs/hub-data.ts';
import type { HubMap, HubTag } from '../hubs/hub-data.ts';
import { listHubArticles } from '../hubs/listing.ts';
import { format } from '../i18n/index.ts';
import type { Messages } from '../i18n/index.ts';
import { listingMeta } from '../site/listing-page.tsx';
import { TAG_KIND_SEGMENTS, absoluteUrl, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';
import { HubPage } from './views/hub-page.tsx';

const SCHEMA_TYPES: Record<TagKindName, string> = { country: 'Country', place: 'Place', person: 'Person', organisation: 'Organization', topic: 'Thing' };

function mapLabelOf(map: HubMap, tag: HubTag, language: string, t: Messages): string {
  const country = editionName(map.country, language);
  return map.marksPlace ? format(t.hubMapPlaceLabel, { country, place: editionName(tag, language) }) : format(t.hubMapLabel, { name: country });
}

/** Registers `/countries/:slug`, `/topics/:slug`, … in every edition. */
export function registerTagRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  for (const [kind, segment] of Object.entries(TAG_KIND_SEGMENTS) as [TagKindName, string][]) {
    getInEveryEdition(app, `/${segment}/:slug`, async (c) => {
      const slug = c.req.param('slug');
      if (!isSlug(slug)) return errorPage(c, ctx, 404);
      const tag = await findHubTag(ctx.db, kind, slug);
      if (!tag) return errorPage(c, ctx, 404);
      const after = cursorOf(c);
      const language = c.get('language');
      const [chrome, page, places] = await Promise.all([
        chromeOf(c, ctx),
        listHubArticles(ctx.db, { tagId: tag.id, language }, { after, limit: LISTING_PAGE_SIZE }),
        kind === 'country' ? placesInCountry(ctx.db, tag.id) : Promise.resolve([]),
      ]);
      const cards = await loadCards(ctx.db, page.ids, (await ctx.catalog()).sectionsById);
      const basePath = tagUrl(language, kind, slug);
      const { t } = chrome;
      const name = editionName(tag, language);
      const intro = tag.description ?? format(t.hubIntros[kind], { name });
      const map = await hubMapFor(tag, places);
      const jsonLd = [
        {
          '@context': 'https://schema.org',
          '@type': 'CollectionPage',
          name,
          url: absoluteUrl(ctx.config.publicUrl, basePath),
          inLanguage: language,
          about: { '@type': SCHEMA_TYPES[kind], name: tag.name, ...(tag.countryCode ? { identifier: tag.countryCode } : {}) },
        },
      ];
      const meta = listingMeta({ title: name, description: intro, basePath, isFirstPage: !after, ...(after ? {} : { jsonLd }) });
      return htmlPage(
        c,
        ctx,
        <HubPage
          chrome={chrome}
          meta={meta}
          kind={kind}
          name={name}
          intro={intro}
          country={tag.country ? { href: tagUrl(language, 'country', tag.country.slug), name: editionName(tag.country, language) } : null}
          places={places.map((place) => ({ href: tagUrl(language, 'place', place.slug), name: editionName(place, language) }))}
          map={map}
          mapLabel={map ? mapLabelOf(map, tag, language, t) : ''}
          cards={cards}
          basePath={basePath}
          nextCursor={page.nextCursor}
          isFirstPage={!after}
        />,
        { language },
      );
    });
  }
}
