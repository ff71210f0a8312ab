/** Section pages: the latest articles of one section, paged by cursor. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { loadCards } from '../articles/cards.ts';
import { LISTING_PAGE_SIZE, listPublished } from '../articles/listing.ts';
import { getInEveryEdition, isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf, cursorOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { sectionName } from '../site/chrome.ts';
import { ListingPage, listingMeta } from '../site/listing-page.tsx';
import { RESERVED_SEGMENTS, sectionUrl } from '../site/urls.ts';

/** Registers `/:section` in every edition. */
export function registerSectionRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  getInEveryEdition(app, '/:section', async (c) => {
    const slug = c.req.param('section');
    if (!isSlug(slug) || RESERVED_SEGMENTS.has(slug)) return undefined;
    const chrome = await chromeOf(c, ctx);
    const section = chrome.sections.find((candidate) => candidate.slug === slug);
    if (!section) return errorPage(c, ctx, 404);
    const after = cursorOf(c);
    const language = c.get('language');
    const page = await listPublished(ctx.db, { kind: 'section', sectionId: section.id, language }, { after, limit: LISTING_PAGE_SIZE });
    const cards = await loadCards(ctx.db, page.ids, (await ctx.catalog()).sectionsById);
    const name = sectionName(section, language);
    const basePath = sectionUrl(language, slug);
    const meta = listingMeta({ title: name, description: section.description, basePath, isFirstPage: !after, currentSection: slug });
    return htmlPage(
      c,
      ctx,
      <ListingPage chrome={chrome} meta={meta} heading={name} intro={section.description ? <p class="listing__intro">{section.description}</p> : undefined} cards={cards} basePath={basePath} nextCursor={page.nextCursor} isFirstPage={!after} />,
      { language },
    );
  });
}
