/** Errors readers can cause, and the branded pages that answer them. */
import type { Context, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { DEFAULT_LANGUAGE, isLanguageCode } from '../i18n/languages.ts';
import type { Messages } from '../i18n/index.ts';
import { chromeFor } from '../site/chrome.ts';
import { DEFAULT_SITE_SETTINGS } from '../site/settings.ts';
import { Layout } from '../site/layout.tsx';
import { homeUrl } from '../site/urls.ts';
import { htmlPage } from './respond.ts';

/** A client error with a message safe to show the reader. */
export class PublicError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 414 | 422 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'PublicError';
  }
}

/** The title of an error page for a status, in the reader's language. */
export function errorTitle(status: number, t: Messages): string {
  switch (status) {
    case 404:
      return t.notFoundTitle;
    case 403:
      return t.forbiddenTitle;
    case 405:
      return t.methodNotAllowedTitle;
    case 413:
      return t.payloadTooLargeTitle;
    case 429:
      return t.tooManyRequestsTitle;
    case 414:
      return t.uriTooLongTitle;
    case 500:
      return t.serverErrorTitle;
    default:
      return t.badRequestTitle;
  }
}

/** Guesses the reader's edition from the path, so an Arabic 404 is in Arabic. */
export function languageFromPath(path: string): string {
  const first = path.split('/')[1] ?? '';
  return isLanguageCode(first) ? first : DEFAULT_LANGUAGE;
}

/** Renders the site-styled error page for a status, with an explanation. */
export async function errorPage<P extends string, I extends Input>(c: Context<AppEnv, P, I>, app: AppContext, status: number, detail?: string): Promise<Response> {
  const language = c.get('language') ?? languageFromPath(c.req.path);
  let catalog;
  try {
    catalog = await app.catalog();
  } catch {
    // The database itself may be what failed; the error page must still render.
    catalog = { site: DEFAULT_SITE_SETTINGS, sections: [], sectionsById: new Map(), fragments: new Map() };
  }
  const chrome = chromeFor(catalog, language, app.config.publicUrl, app.assetPath);
  const { t } = chrome;
  const title = errorTitle(status, t);
  const text = status === 404 ? t.notFoundText : status >= 500 ? t.serverErrorText : detail;
  const page = (
    <Layout chrome={chrome} meta={{ title, noindex: true }}>
      <div class="error-page">
        <p class="error-page__status">{status}</p>
        <h1>{title}</h1>
        {text ? <p>{text}</p> : null}
        {status === 404 && detail ? <p class="error-page__detail">{detail}</p> : null}
        <p>
          <a href={homeUrl(language)}>{t.backHome}</a>
        </p>
      </div>
    </Layout>
  );
  const response = await htmlPage(c, app, page, { status, cacheable: false, language });
  if (status === 405) response.headers.set('allow', 'GET, HEAD');
  return response;
}
