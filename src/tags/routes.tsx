/** Hub pages for tags: countries, places, topics, people and organisations. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { loadCards } from '../articles/cards.ts';
import { LISTING_PAGE_SIZE, listPublished } from '../articles/listing.ts';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf, cursorOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { format } from '../i18n/index.ts';
import { ListingPage, listingMeta } from '../site/listing-page.tsx';
import { TAG_KIND_SEGMENTS, tagUrl } from '../site/urls.ts';
import type { TagKindName } from '../site/urls.ts';

/** Registers `/countries/:slug`, `/topics/:slug`, … in every edition. */
export function registerTagRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  for (const [kind, segment] of Object.entries(TAG_KIND_SEGMENTS) as [TagKindName, string][]) {
    getInEveryEdition(app, `/${segment}/:slug`, async (c) => {
      const slug = c.req.param('slug');
      if (!isSlug(slug)) return errorPage(c, ctx, 404);
      const tag = await ctx.db.selectFrom('tags').selectAll().where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
      if (!tag) return errorPage(c, ctx, 404);
      const after = cursorOf(c);
      const language = c.get('language');
      const [chrome, page, places] = await Promise.all([
        chromeOf(c, ctx),
        listPublished(ctx.db, { kind: 'tag', tagId: tag.id, language }, { after, limit: LISTING_PAGE_SIZE }),
        kind === 'country' ? ctx.db.selectFrom('tags').select(['slug', 'name']).where('parent_id', '=', tag.id).orderBy('name').limit(50).execute() : Promise.resolve([]),
      ]);
      const cards = await loadCards(ctx.db, page.ids, (await ctx.catalog()).sectionsById);
      const basePath = tagUrl(language, kind, slug);
      const { t } = chrome;
      const description = tag.description ?? format(t.latestIn, { name: tag.name });
      const meta = listingMeta({ title: tag.name, description, basePath, isFirstPage: !after });
      const intro = (
        <>
          {tag.description ? <p class="listing__intro">{tag.description}</p> : null}
          {places.length > 0 ? (
            <nav class="hub-places" aria-label={format(t.placesIn, { name: tag.name })}>
              <h2>{format(t.placesIn, { name: tag.name })}</h2>
              <ul>
                {places.map((place) => (
                  <li>
                    <a href={tagUrl(language, 'place', place.slug)}>{place.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </>
      );
      return htmlPage(
        c,
        ctx,
        <ListingPage chrome={chrome} meta={meta} heading={tag.name} kicker={t.tagKinds[kind]} intro={intro} cards={cards} basePath={basePath} nextCursor={page.nextCursor} isFirstPage={!after} />,
        { language },
      );
    });
  }
}
