/** The shape shared by section, tag and author pages: a heading, an intro, cards and keyset pagination. */
import type { Child } from './jsx/jsx-runtime.ts';
import type { ArticleCard } from '../articles/cards.ts';
import type { PageChrome } from './chrome.ts';
import { CardList, Pager } from './components.tsx';
import { Layout } from './layout.tsx';
import type { PageMeta } from './layout.tsx';

/** Renders a listing page. */
export function ListingPage(props: {
  chrome: PageChrome;
  meta: PageMeta;
  heading: string;
  kicker?: string;
  intro?: Child;
  cards: ArticleCard[];
  basePath: string;
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  const { chrome } = props;
  return (
    <Layout chrome={chrome} meta={props.meta}>
      <div class="listing">
        <header class="listing__header">
          {props.kicker ? <p class="listing__kicker">{props.kicker}</p> : null}
          <h1>{props.heading}</h1>
          {props.intro}
        </header>
        <CardList cards={props.cards} t={chrome.t} eagerCount={props.isFirstPage ? 2 : 0} />
        <Pager basePath={props.basePath} nextCursor={props.nextCursor} isFirstPage={props.isFirstPage} t={chrome.t} />
      </div>
    </Layout>
  );
}

/** Head metadata common to listing pages; later pages are not indexed but still followed. */
export function listingMeta(options: { title: string; description: string; basePath: string; isFirstPage: boolean; currentSection?: string; jsonLd?: object[] }): PageMeta {
  return {
    title: options.title,
    description: options.description,
    canonicalPath: options.basePath,
    noindex: !options.isFirstPage,
    openGraph: [
      ['og:type', 'website'],
      ['og:title', options.title],
      ['og:description', options.description],
      ['twitter:card', 'summary'],
    ],
    ...(options.currentSection ? { currentSection: options.currentSection } : {}),
    ...(options.jsonLd ? { jsonLd: options.jsonLd } : {}),
    feed: { title: options.title, listingPath: options.basePath },
  };
}
