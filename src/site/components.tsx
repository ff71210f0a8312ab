/** Small pieces of markup shared by several pages. */
import { raw } from './jsx/jsx-runtime.ts';
import { formatDate, formatDateTime } from '../i18n/index.ts';
import type { Messages } from '../i18n/index.ts';
import { renderPictureHtml } from '../media/picture.ts';
import type { ArticleCard } from '../articles/cards.ts';
import { isArticleType } from '../articles/article-types.ts';
import { directionOf } from '../i18n/languages.ts';

/** A `<time>` element with a machine-readable datetime. */
export function Time(props: { iso: string; language: string; dateOnly?: boolean }) {
  return <time datetime={props.iso}>{props.dateOnly ? formatDate(props.iso, props.language) : formatDateTime(props.iso, props.language)}</time>;
}

/** The type-of-work label. */
export function TypeLabel(props: { type: string; t: Messages }) {
  const label = isArticleType(props.type) ? props.t.types[props.type] : props.type;
  return <span class={`type-label type-label--${props.type}`}>{label}</span>;
}

/** One article in a listing; the first cards of a page load their image eagerly. */
export function Card(props: { card: ArticleCard; t: Messages; headingLevel?: 2 | 3; size?: 'lead' | 'normal' | 'compact'; eager?: boolean }) {
  const { card, t } = props;
  const size = props.size ?? 'normal';
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const sizes = size === 'lead' ? '(min-width: 64rem) 44rem, 100vw' : '(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 100vw';
  return (
    <article class={`card card--${size} card--type-${card.type}`} lang={card.language} dir={directionOf(card.language)}>
      {card.image && size !== 'compact'
        ? raw(renderPictureHtml(card.image, { sizes, loading: props.eager ? 'eager' : 'lazy', className: 'card__image', ...(props.eager && size === 'lead' ? { fetchPriority: 'high' as const } : {}) }))
        : null}
      <div class="card__text">
        <TypeLabel type={card.type} t={t} />
        <Heading class="card__headline">
          <a href={card.url}>{card.headline}</a>
        </Heading>
        {size !== 'compact' && card.standfirst ? <p class="card__standfirst">{card.standfirst}</p> : null}
        <p class="card__meta">
          {card.byline ? <span class="card__byline">{card.byline}</span> : null}
          <Time iso={card.publishedAt} language={card.language} dateOnly />
        </p>
      </div>
    </article>
  );
}

/** A list of cards, or a friendly line when there are none. */
export function CardList(props: { cards: ArticleCard[]; t: Messages; eagerCount?: number; headingLevel?: 2 | 3 }) {
  if (props.cards.length === 0) return <p class="empty">{props.t.noArticles}</p>;
  return (
    <div class="card-list">
      {props.cards.map((card, index) => (
        <Card card={card} t={props.t} eager={index < (props.eagerCount ?? 0)} headingLevel={props.headingLevel ?? 2} />
      ))}
    </div>
  );
}

/** Keyset pagination links: back to the first page and on to older articles. */
export function Pager(props: { basePath: string; nextCursor: string | null; isFirstPage: boolean; t: Messages }) {
  if (!props.nextCursor && props.isFirstPage) return null;
  return (
    <nav class="pager" aria-label={props.t.pageLabel}>
      {props.isFirstPage ? null : (
        <a href={props.basePath} class="pager__link">
          {props.t.firstPage}
        </a>
      )}
      {props.nextCursor ? (
        <a href={`${props.basePath}?after=${props.nextCursor}`} rel="next" class="pager__link pager__link--next">
          {props.t.nextPage}
        </a>
      ) : null}
    </nav>
  );
}
