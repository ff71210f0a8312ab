/** The page frame every public page shares: head metadata, skip link, header, navigation, footer. */
import { raw } from './jsx/jsx-runtime.ts';
import type { Child } from './jsx/jsx-runtime.ts';
import { LANGUAGES, directionOf, isLanguageCode } from '../i18n/languages.ts';
import type { PageChrome } from './chrome.ts';
import { sectionLinks } from './chrome.ts';
import { FEED_FORMATS, absoluteUrl, correctionsUrl, feedUrl, homeUrl, searchUrl, staticPageUrl } from './urls.ts';
import type { FeedFormat } from './urls.ts';

/** Head metadata of one page. */
export interface PageMeta {
  title: string;
  description?: string;
  /** Site path of the canonical URL; made absolute here. */
  canonicalPath?: string;
  /** Open Graph and Twitter tags as [property, content] pairs. */
  openGraph?: [string, string][];
  /** schema.org objects, emitted as JSON-LD. */
  jsonLd?: object[];
  /** Translations of this page: language → site path. */
  alternates?: { language: string; path: string }[];
  /** Set on pages that must not be indexed (errors, deep pagination). */
  noindex?: boolean;
  /** Path of the current section, to mark it in the navigation. */
  currentSection?: string;
  /** Listing whose feeds this page advertises (`<link rel="alternate">` for RSS, Atom and JSON Feed). */
  feed?: { title: string; listingPath: string };
}

/** Serialises JSON-LD so no value can close the script element. */
export function jsonLdScript(value: object): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (ch) => JSON_ESCAPES[ch] ?? ch);
}

const JSON_UNSAFE = /[<>&\u2028\u2029]/g;
const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Renders a whole HTML document around the main content. */
export function Layout(props: { chrome: PageChrome; meta: PageMeta; children: Child }) {
  const { chrome, meta } = props;
  const { t, site, language } = chrome;
  const dir = directionOf(language);
  const canonical = meta.canonicalPath ? absoluteUrl(chrome.publicUrl, meta.canonicalPath) : null;
  const title = meta.title === site.name ? site.name : `${meta.title} | ${site.name}`;
  return (
    <html lang={language} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        {(meta.alternates ?? []).map((alternate) => (
          <link rel="alternate" hreflang={alternate.language} href={absoluteUrl(chrome.publicUrl, alternate.path)} />
        ))}
        {meta.feed
          ? (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => (
              <link rel="alternate" type={FEED_FORMATS[format].type} title={`${meta.feed?.title ?? ''} (${FEED_FORMATS[format].label})`} href={absoluteUrl(chrome.publicUrl, feedUrl(meta.feed?.listingPath ?? '/', format))} />
            ))
          : null}
        <meta property="og:site_name" content={site.name} />
        <meta property="og:locale" content={language === 'ar' ? 'ar_AR' : language === 'fr' ? 'fr_FR' : 'en_GB'} />
        {(meta.openGraph ?? []).map(([property, content]) =>
          property.startsWith('twitter:') ? <meta name={property} content={content} /> : <meta property={property} content={content} />,
        )}
        <link rel="stylesheet" href={chrome.assetPath('styles.css')} />
        <link rel="icon" href={chrome.assetPath('favicon.svg')} type="image/svg+xml" />
        {(meta.jsonLd ?? []).map((value) => (
          <script type="application/ld+json">{raw(jsonLdScript(value))}</script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {chrome.fragment(`header|${meta.currentSection ?? ''}`, () => (
          <SiteHeader chrome={chrome} currentSection={meta.currentSection} />
        ))}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        {chrome.fragment('footer', () => (
          <SiteFooter chrome={chrome} />
        ))}
      </body>
    </html>
  );
}

/** Masthead, editions and section navigation; identical on every page of an edition but for the current section. */
function SiteHeader(props: { chrome: PageChrome; currentSection: string | undefined }) {
  const { chrome } = props;
  const { t, site, language } = chrome;
  const editions = site.languages.filter(isLanguageCode);
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="site-header__brand" href={homeUrl(language)}>
          <span class="site-header__name">{site.name}</span>
          {site.tagline ? <span class="site-header__tagline">{site.tagline}</span> : null}
        </a>
        {editions.length > 1 ? (
          <nav class="editions" aria-label={t.editions}>
            <ul>
              {editions.map((code) => (
                <li>
                  <a href={homeUrl(code)} lang={code} dir={directionOf(code)} hreflang={code} aria-current={code === language ? 'true' : undefined}>
                    {LANGUAGES[code].nativeName}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <form class="site-search" role="search" method="get" action={searchUrl(language)}>
          <label for="site-search-q" class="visually-hidden">
            {t.searchLabel}
          </label>
          <input id="site-search-q" type="search" name="q" maxlength={200} placeholder={t.searchPlaceholder} />
          <button type="submit">{t.searchButton}</button>
        </form>
      </div>
      <nav class="sections-nav" aria-label={t.mainNavigation}>
        <ul>
          {sectionLinks(chrome).map((link) => (
            <li>
              <a href={link.href} aria-current={props.currentSection === link.slug ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

/** Footer: blurb and the newsroom's policy pages. */
function SiteFooter(props: { chrome: PageChrome }) {
  const { t, site, language } = props.chrome;
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p class="site-footer__blurb">{site.description || site.publisherBlurb}</p>
        <nav aria-label={t.footerNav}>
          <ul class="site-footer__links">
            <li><a href={staticPageUrl(language, site.policyPages.about)}>{t.footerAbout}</a></li>
            <li><a href={staticPageUrl(language, site.policyPages.corrections)}>{t.footerCorrectionsPolicy}</a></li>
            <li><a href={staticPageUrl(language, site.policyPages.ethics)}>{t.footerEthics}</a></li>
            <li><a href={staticPageUrl(language, site.policyPages.contact)}>{t.footerContact}</a></li>
            <li><a href={correctionsUrl(language)}>{t.allCorrections}</a></li>
          </ul>
        </nav>
        <p class="site-footer__rights">
          © {site.name}. {t.rights}
        </p>
      </div>
    </footer>
  );
}
