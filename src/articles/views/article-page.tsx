/** The article page, element by element as ../shared/design/page-anatomy.md lays it out. */
import { raw } from '../../site/jsx/jsx-runtime.ts';
import { NewsletterPromo } from '../../newsletters/promo-view.tsx';
import { RepublishingNotice } from '../../syndication/notice-view.tsx';
import type { RepublishPackage } from '../../syndication/package.ts';
import { format } from '../../i18n/index.ts';
import { DEFAULT_LANGUAGE, directionOf } from '../../i18n/languages.ts';
import type { Messages } from '../../i18n/index.ts';
import { renderPictureHtml } from '../../media/picture.ts';
import type { PageChrome } from '../../site/chrome.ts';
import { Card, Time, TypeLabel } from '../../site/components.tsx';
import { Layout } from '../../site/layout.tsx';
import type { PageMeta } from '../../site/layout.tsx';
import { sectionUrl, staticPageUrl } from '../../site/urls.ts';
import type { ArticlePageData } from '../article-page-data.ts';
import { renderBodyHtml } from '../body/render.ts';
import type { BodyLabels } from '../body/render.ts';
import { readingMinutes } from '../body/text.ts';

/** Body-renderer strings from a message catalogue. */
export function bodyLabels(t: Messages): BodyLabels {
  return {
    embedNotice: (provider) => format(t.embedNotice, { provider }),
    embedLoad: t.embedLoad,
    embedOpen: (provider) => format(t.embedOpen, { provider }),
    related: t.relatedLink,
    photoCredit: t.photo,
  };
}

function Byline(props: { article: ArticlePageData; t: Messages }) {
  const { article, t } = props;
  if (article.authors.length === 0) return <span class="byline__desk">{article.byline}</span>;
  return (
    <span class="byline__authors">
      {t.by}{' '}
      {article.authors.map((author, index) => (
        <>
          {index > 0 ? (index === article.authors.length - 1 ? ` ${t.and} ` : ', ') : ''}
          <a href={author.url} rel="author">
            {author.name}
          </a>
        </>
      ))}
    </span>
  );
}

function HeroFigure(props: { article: ArticlePageData; t: Messages }) {
  const hero = props.article.hero;
  if (!hero) return null;
  return (
    <figure class="figure figure--hero">
      {raw(renderPictureHtml(hero, { sizes: '(min-width: 64rem) 60rem, 100vw', loading: 'eager', fetchPriority: 'high' }))}
      {hero.caption || hero.creditLine ? (
        <figcaption>
          {hero.caption ? <span class="figure__caption">{hero.caption}</span> : null}
          {hero.creditLine ? (
            <span class="figure__credit">
              {props.t.photo} {hero.creditLine}
            </span>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

function Corrections(props: { article: ArticlePageData; t: Messages }) {
  const { article, t } = props;
  if (article.corrections.length === 0) return null;
  return (
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t.corrections}</h2>
      <ol>
        {article.corrections.map((correction) => (
          <li class={`correction correction--${correction.kind}`}>
            <strong>{t.correctionKinds[correction.kind as keyof Messages['correctionKinds']] ?? correction.kind}</strong>{' '}
            <Time iso={correction.createdAt} language={article.language} />: {correction.body}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Sources(props: { article: ArticlePageData; t: Messages }) {
  const { article, t } = props;
  if (article.sources.length === 0) return null;
  return (
    <section class="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t.sources}</h2>
      <ul>
        {article.sources.map((source) => (
          <li>
            <span class="sources__kind">{t.sourceKinds[source.kind as keyof Messages['sourceKinds']] ?? t.sourceKinds.other}:</span>{' '}
            {source.url ? (
              <a href={source.url} rel="noopener noreferrer">
                {source.name}
              </a>
            ) : (
              source.name
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tags(props: { article: ArticlePageData; t: Messages }) {
  const { article, t } = props;
  if (article.tags.length === 0) return null;
  return (
    <section class="tags" aria-labelledby="tags-heading">
      <h2 id="tags-heading">{t.tags}</h2>
      <ul>
        {article.tags.map((tag) => (
          <li>
            {/* Tag names are kept in the site's main language; mark them so screen readers and bidi layout treat them as such. */}
            <a href={tag.url} class={`tag tag--${tag.kind}`} lang={article.language === DEFAULT_LANGUAGE ? undefined : DEFAULT_LANGUAGE} dir={article.language === DEFAULT_LANGUAGE ? undefined : directionOf(DEFAULT_LANGUAGE)}>
              <span class="visually-hidden">{t.tagKinds[tag.kind]}: </span>
              {tag.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The body's HTML depends only on the article's data (and its language's labels), so it
// is rendered once per data object; any content change produces a new data object.
const renderedBodies = new WeakMap<ArticlePageData, string>();

/** The whole article page; `ccPackage` is the Creative Commons package its republishing dialog offers to copy (cc policy only). */
export function ArticlePage(props: { chrome: PageChrome; article: ArticlePageData; meta: PageMeta; ccPackage?: RepublishPackage | null }) {
  const { chrome, article } = props;
  const { t } = chrome;
  let bodyHtml = renderedBodies.get(article);
  if (bodyHtml === undefined) {
    bodyHtml = renderBodyHtml(article.body, { images: article.bodyImages, articleLinks: article.articleLinks, labels: bodyLabels(t) });
    renderedBodies.set(article, bodyHtml);
  }
  return (
    <Layout chrome={chrome} meta={props.meta}>
      <article class={`article article--type-${article.type}`} aria-labelledby="headline">
        <header class="article__header">
          <p class="article__section">
            <a href={sectionUrl(article.language, article.section.slug)}>{article.section.name}</a>
          </p>
          <h1 id="headline" class="article__headline">
            {article.headline}
          </h1>
          {article.standfirst ? <p class="article__standfirst">{article.standfirst}</p> : null}
          <div class="article__meta">
            <TypeLabel type={article.type} t={t} />
            <p class="byline">
              <Byline article={article} t={t} />
            </p>
            <p class="article__dates">
              {article.dateline ? <span class="dateline">{article.dateline}</span> : null}
              <span>
                {t.published} <Time iso={article.publishedAt} language={article.language} />
              </span>
              {article.updatedAt ? (
                <span>
                  {t.updated} <Time iso={article.updatedAt} language={article.language} />
                </span>
              ) : null}
              <span>{format(t.minutesRead, { count: readingMinutes(article.wordCount) })}</span>
            </p>
            {article.translations.length > 0 ? (
              <p class="article__translations">
                {t.readAlsoIn}:{' '}
                {article.translations.map((translation) => (
                  <a href={translation.url} lang={translation.language} dir={directionOf(translation.language)} hreflang={translation.language}>
                    {translation.headline}
                  </a>
                ))}
              </p>
            ) : null}
          </div>
        </header>
        <HeroFigure article={article} t={t} />
        <div class="article__body">{raw(bodyHtml)}</div>
        <footer class="article__footer">
          <Sources article={article} t={t} />
          <Corrections article={article} t={t} />
          <Tags article={article} t={t} />
        </footer>
      </article>
      <NewsletterPromo article={article} chrome={chrome} />
      {article.related.length > 0 ? (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{t.related}</h2>
          <div class="card-list card-list--related">
            {article.related.map((card) => (
              <Card card={card} t={t} headingLevel={3} size="compact" />
            ))}
          </div>
        </section>
      ) : null}
      <section class="publisher" aria-label={chrome.site.name}>
        {chrome.site.publisherBlurb ? <p class="publisher__blurb">{chrome.site.publisherBlurb}</p> : null}
        <RepublishingNotice article={article} chrome={chrome} ccPackage={props.ccPackage ?? null} />
        <p class="publisher__about">
          <a href={staticPageUrl(article.language, chrome.site.policyPages.about)}>{format(t.aboutLink, { site: chrome.site.name })}</a>
        </p>
      </section>
    </Layout>
  );
}
