/**
 * The hub page of a tag: kind, name, a line about it, the locator map (countries and
 * places), the places inside a country, then its latest articles, paged by cursor.
 */
import type { ArticleCard } from '../../articles/cards.ts';
import type { HubKind, HubMap } from '../../hubs/hub-data.ts';
import { format } from '../../i18n/index.ts';
import type { PageChrome } from '../../site/chrome.ts';
import { CardList, Pager } from '../../site/components.tsx';
import { Layout } from '../../site/layout.tsx';
import type { PageMeta } from '../../site/layout.tsx';
import { CountryMap } from './country-map.tsx';

/** A link with its text. */
export interface HubLink {
  href: string;
  name: string;
}

/** Everything the hub page draws, names already in the edition's language. */
export interface HubPageProps {
  chrome: PageChrome;
  meta: PageMeta;
  kind: HubKind;
  name: string;
  /** The tag's description, or a line made from its name. */
  intro: string;
  /** A place's country. */
  country: HubLink | null;
  /** The places inside a country. */
  places: HubLink[];
  map: HubMap | null;
  mapLabel: string;
  cards: ArticleCard[];
  basePath: string;
  nextCursor: string | null;
  isFirstPage: boolean;
}

/** Renders a hub page. */
export function HubPage(props: HubPageProps) {
  const { chrome } = props;
  const { t } = chrome;
  const placesLabel = format(t.placesIn, { name: props.name });
  return (
    <Layout chrome={chrome} meta={props.meta}>
      <div class={`listing hub hub--${props.kind}`}>
        <header class={props.map ? 'listing__header hub__header hub__header--with-map' : 'listing__header hub__header'}>
          <div class="hub__text">
            <p class="listing__kicker">{t.tagKinds[props.kind]}</p>
            <h1>{props.name}</h1>
            {props.country ? (
              <p class="hub__country">
                {t.tagKinds.country}: <a href={props.country.href}>{props.country.name}</a>
              </p>
            ) : null}
            <p class="listing__intro">{props.intro}</p>
            {props.places.length > 0 ? (
              <nav class="hub-places" aria-label={placesLabel}>
                <h2>{placesLabel}</h2>
                <ul>
                  {props.places.map((place) => (
                    <li>
                      <a href={place.href}>{place.name}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
          {props.map ? <CountryMap map={props.map} label={props.mapLabel} /> : null}
        </header>
        <section class="hub__articles" aria-labelledby="hub-latest">
          <h2 id="hub-latest" class="block-heading">
            {t.hubLatest}
          </h2>
          <CardList cards={props.cards} t={t} eagerCount={props.isFirstPage ? 2 : 0} headingLevel={3} />
          <Pager basePath={props.basePath} nextCursor={props.nextCursor} isFirstPage={props.isFirstPage} t={t} />
        </section>
      </div>
    </Layout>
  );
}
