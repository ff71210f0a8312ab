/** Author pages: who the journalist is, what they cover, and everything they wrote. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { loadCards } from '../articles/cards.ts';
import { LISTING_PAGE_SIZE, listPublished } from '../articles/listing.ts';
import { isSlug } from '../http/editions.ts';
import { errorPage } from '../http/errors.tsx';
import { chromeOf, cursorOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { format } from '../i18n/index.ts';
import { LANGUAGES, isLanguageCode } from '../i18n/languages.ts';
import { parseStringList } from '../shared/json.ts';
import { ListingPage, listingMeta } from '../site/listing-page.tsx';
import { absoluteUrl, authorUrl } from '../site/urls.ts';

/** Registers `/authors/:slug`. */
export function registerAuthorRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  app.get('/authors/:slug', async (c) => {
    c.set('language', 'en');
    const slug = c.req.param('slug');
    if (!isSlug(slug)) return errorPage(c, ctx, 404);
    const author = await ctx.db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
    if (!author) return errorPage(c, ctx, 404);
    const after = cursorOf(c);
    const [chrome, page] = await Promise.all([chromeOf(c, ctx), listPublished(ctx.db, { kind: 'author', authorId: author.id }, { after, limit: LISTING_PAGE_SIZE })]);
    const cards = await loadCards(ctx.db, page.ids, (await ctx.catalog()).sectionsById);
    const { t } = chrome;
    const expertise = parseStringList(author.expertise);
    const languages = parseStringList(author.languages).map((code) => (isLanguageCode(code) ? LANGUAGES[code].name : code));
    const basePath = authorUrl(slug);
    const person = {
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: author.name,
      jobTitle: author.title || undefined,
      description: author.bio || undefined,
      url: absoluteUrl(ctx.config.publicUrl, basePath),
      knowsAbout: expertise,
      knowsLanguage: parseStringList(author.languages),
      worksFor: { '@type': 'NewsMediaOrganization', name: chrome.site.name, url: ctx.config.publicUrl },
    };
    const meta = { ...listingMeta({ title: author.name, description: author.bio || author.title, basePath, isFirstPage: !after, jsonLd: [person] }) };
    meta.openGraph = [['og:type', 'profile'], ['og:title', author.name], ['og:description', author.bio || author.title], ['twitter:card', 'summary']];
    const intro = (
      <div class="author-profile">
        {author.title ? <p class="author-profile__title">{author.title}</p> : null}
        {author.bio ? <p class="author-profile__bio">{author.bio}</p> : null}
        <dl class="author-profile__facts">
          {expertise.length > 0 ? (
            <>
              <dt>{t.expertise}</dt>
              <dd>{expertise.join(', ')}</dd>
            </>
          ) : null}
          {languages.length > 0 ? (
            <>
              <dt>{t.languagesSpoken}</dt>
              <dd>{languages.join(', ')}</dd>
            </>
          ) : null}
          {author.location ? (
            <>
              <dt>{t.basedIn}</dt>
              <dd>{author.location}</dd>
            </>
          ) : null}
        </dl>
        <h2 class="author-profile__articles">{format(t.authorArticles, { name: author.name })}</h2>
      </div>
    );
    return htmlPage(
      c,
      ctx,
      <ListingPage chrome={chrome} meta={meta} heading={author.name} intro={intro} cards={cards} basePath={basePath} nextCursor={page.nextCursor} isFirstPage={!after} />,
      { language: 'en' },
    );
  });
}
