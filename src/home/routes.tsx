/** The home page of each edition: lead story, latest news and a block per section. */
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { loadCards } from '../articles/cards.ts';
import { organisationJsonLd } from '../articles/jsonld.ts';
import { listPublished } from '../articles/listing.ts';
import { getInEveryEdition } from '../http/editions.ts';
import { chromeOf } from '../http/page-context.ts';
import { htmlPage } from '../http/respond.ts';
import { format } from '../i18n/index.ts';
import { LANGUAGES, isLanguageCode } from '../i18n/languages.ts';
import { sectionName } from '../site/chrome.ts';
import { Card } from '../site/components.tsx';
import { Layout } from '../site/layout.tsx';
import { absoluteUrl, homeUrl, sectionUrl } from '../site/urls.ts';

const LATEST_COUNT = 9;
const SECTION_BLOCK_COUNT = 4;

/** Registers `/` and `/ar`, `/fr`. */
export function registerHomeRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  getInEveryEdition(app, '/', async (c) => {
    const language = c.get('language');
    const chrome = await chromeOf(c, ctx);
    const latest = await listPublished(ctx.db, { kind: 'language', language }, { limit: LATEST_COUNT });
    const blocks = await Promise.all(
      chrome.sections.map(async (section) => ({ section, page: await listPublished(ctx.db, { kind: 'section', sectionId: section.id, language }, { limit: SECTION_BLOCK_COUNT + LATEST_COUNT }) })),
    );
    // One card query for the whole page; section blocks skip stories already shown above.
    const shown = new Set(latest.ids);
    const blockIds = blocks.map((block) => block.page.ids.filter((id) => !shown.has(id)).slice(0, SECTION_BLOCK_COUNT));
    const cards = new Map((await loadCards(ctx.db, [...latest.ids, ...blockIds.flat()], (await ctx.catalog()).sectionsById)).map((card) => [card.id, card]));
    const latestCards = latest.ids.flatMap((id) => cards.get(id) ?? []);
    const [lead, ...rest] = latestCards;
    const { t, site } = chrome;
    const website = {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: site.name,
      url: absoluteUrl(ctx.config.publicUrl, homeUrl(language)),
      inLanguage: language,
      publisher: { '@id': `${ctx.config.publicUrl}/#organization` },
    };
    const alternates = site.languages.filter(isLanguageCode).map((code) => ({ language: code, path: homeUrl(code) }));
    const meta = {
      title: site.name,
      description: site.description,
      canonicalPath: homeUrl(language),
      alternates: alternates.length > 1 ? alternates : [],
      openGraph: [['og:type', 'website'], ['og:title', site.name], ['og:description', site.description], ['twitter:card', 'summary']] as [string, string][],
      jsonLd: [organisationJsonLd(ctx.config.publicUrl, site, language), website],
      feed: { title: site.name, listingPath: homeUrl(language) },
    };
    return htmlPage(
      c,
      ctx,
      <Layout chrome={chrome} meta={meta}>
        <h1 class="visually-hidden">
          {site.name}
          {language !== 'en' && isLanguageCode(language) ? ` — ${LANGUAGES[language].nativeName}` : ''}
        </h1>
        {lead ? (
          <section class="home-lead" aria-labelledby="lead-heading">
            <h2 id="lead-heading" class="visually-hidden">
              {t.leadStory}
            </h2>
            <Card card={lead} t={t} size="lead" eager headingLevel={3} />
          </section>
        ) : (
          <p class="empty">{t.noArticles}</p>
        )}
        {rest.length > 0 ? (
          <section class="home-latest" aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="block-heading">
              {t.latest}
            </h2>
            <div class="card-list card-list--grid">
              {rest.map((card, index) => (
                <Card card={card} t={t} headingLevel={3} eager={index < 2} />
              ))}
            </div>
          </section>
        ) : null}
        {blocks.map((block, index) => {
          const blockCards = (blockIds[index] ?? []).flatMap((id) => cards.get(id) ?? []);
          if (blockCards.length === 0) return null;
          const name = sectionName(block.section, language);
          return (
            <section class="home-section" aria-labelledby={`section-${block.section.slug}`}>
              <h2 id={`section-${block.section.slug}`} class="block-heading">
                <a href={sectionUrl(language, block.section.slug)}>{name}</a>
              </h2>
              <div class="card-list card-list--grid">
                {blockCards.map((card) => (
                  <Card card={card} t={t} headingLevel={3} size="normal" />
                ))}
              </div>
              <p class="home-section__more">
                <a href={sectionUrl(language, block.section.slug)}>{format(t.moreFrom, { section: name })}</a>
              </p>
            </section>
          );
        })}
      </Layout>,
      { language },
    );
  });
}
