/**
 * The licensee's documents: the delivery page (the clean package to copy, the credit line
 * and the link to the original), the printable certificate, and the page an ended or
 * revoked licence shows instead. Standalone pages without site or admin chrome, so they
 * read and print as documents.
 */
import { escapeHtml } from '../../shared/escape.ts';
import type { Child } from '../../site/jsx/jsx-runtime.ts';
import type { LicenceDetail } from '../../syndication/licences.ts';
import { LICENCE_STYLES_PATH } from '../../syndication/licence-styles.ts';
import { formatMoney } from '../../syndication/money.ts';
import type { RepublishPackage } from '../../syndication/package.ts';
import { territoryLabel } from '../../syndication/request-territory.ts';
import { languageName, mediumLabel } from '../../syndication/texts.ts';

/** The site as these documents name it. */
export interface DocumentSite {
  name: string;
  publicUrl: string;
  faviconPath: string;
  /** The stylesheet of the package preview (src/site/assets/package-preview.css), a same-origin path. */
  previewStylesPath: string;
}

function LicenceDocument(props: { site: DocumentSite; title: string; children: Child }) {
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} | ${props.site.name}`}</title>
        <link rel="stylesheet" href={LICENCE_STYLES_PATH} />
        <link rel="icon" href={props.site.faviconPath} type="image/svg+xml" />
      </head>
      <body>
        <main class="licence-doc" id="main">
          <header class="licence-doc__masthead">
            <a href={props.site.publicUrl}>{props.site.name}</a>
            <span>Syndication desk</span>
          </header>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function Facts(props: { licence: LicenceDetail }) {
  const { licence } = props;
  return (
    <dl class="licence-facts">
      <dt>Licence</dt>
      <dd class="licence-certificate__ref">{licence.reference}</dd>
      <dt>Licensee</dt>
      <dd>{`${licence.organisation} (${licence.licenseeName})`}</dd>
      <dt>Article</dt>
      <dd>{licence.headline}</dd>
      <dt>Medium</dt>
      <dd>{mediumLabel(licence.medium)}</dd>
      <dt>Territory</dt>
      <dd>{territoryLabel(licence.territory)}</dd>
      <dt>Language</dt>
      <dd>{languageName(licence.language)}</dd>
      <dt>Exclusivity</dt>
      <dd>{licence.isExclusive ? 'Exclusive' : 'Non-exclusive'}</dd>
      <dt>Valid</dt>
      <dd>{`${licence.validFrom} to ${licence.validTo} inclusive`}</dd>
      <dt>Fee</dt>
      <dd>{licence.feeMinor === 0 ? 'No fee' : `${formatMoney(licence.feeMinor, licence.currency)} · invoice ${licence.invoiceNumber}`}</dd>
    </dl>
  );
}

/**
 * The package preview runs in a sandboxed frame (no scripts, no same-origin access) and
 * without the tracking pixel: looking at the package must not count as a republished view.
 * A srcdoc frame inherits this page's policy (`style-src 'self'`, no inline style), so it is
 * styled by a stylesheet from our own origin, and its own policy narrows things further:
 * that one stylesheet, images from the site's media only.
 */
function previewDocument(pkg: RepublishPackage, site: DocumentSite, pixelUrl: string): string {
  const origin = new URL(site.publicUrl).origin;
  const pixel = escapeHtml(pixelUrl);
  const html = pkg.html.replace(/<img\b[^>]*>/g, (tag) => (tag.includes(pixel) ? '' : tag));
  const policy = `default-src 'none'; img-src ${origin}/media/; style-src ${origin}${site.previewStylesPath}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><link rel="stylesheet" href="${escapeHtml(origin + site.previewStylesPath)}"></head><body>${html}</body></html>`;
}

/** The delivery page of a licence in force. */
export function DeliveryDocument(props: { site: DocumentSite; licence: LicenceDetail; pkg: RepublishPackage | null; pixelUrl: string; certificateHref: string; today: string }) {
  const { licence, pkg } = props;
  return (
    <LicenceDocument site={props.site} title={`Licence ${licence.reference}`}>
      <h1>{`Your republishing package: ${licence.headline}`}</h1>
      {licence.validFrom > props.today ? <p class="licence-note">{`This licence starts on ${licence.validFrom}; please do not publish before then.`}</p> : null}
      <Facts licence={licence} />
      <p>
        <a href={props.certificateHref}>Your licence certificate (printable)</a>
      </p>
      {pkg ? (
        <>
          <section aria-labelledby="credit-heading">
            <h2 id="credit-heading">Credit line and link</h2>
            <p>Print this credit line with the article and link to the original:</p>
            <label for="credit-line">Credit line</label>
            <input id="credit-line" class="licence-copy" readonly value={pkg.credit} />
            <label for="canonical-link">Original article</label>
            <input id="canonical-link" class="licence-copy" readonly value={pkg.canonicalUrl} />
          </section>
          {pkg.removed.length > 0 ? (
            <section aria-labelledby="removed-heading" class="licence-note">
              <h2 id="removed-heading">Left out of your package</h2>
              <p>These are not covered by your licence and must not be republished with the article:</p>
              <ul>
                {pkg.removed.map((item) => (
                  <li>{item.description}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="html-heading">
            <h2 id="html-heading">The article as HTML</h2>
            <p>Select all the text in the box and copy it into your publishing system. Keep the last lines: they hold the credit, the link to the original and the tracking pixel that counts readers.</p>
            <label for="package-html">HTML to copy</label>
            <textarea id="package-html" class="licence-copy" rows={14} readonly>
              {pkg.html}
            </textarea>
            <h3>Preview</h3>
            <iframe class="licence-preview" title="Preview of the article as it will appear" sandbox="" srcdoc={previewDocument(pkg, props.site, props.pixelUrl)}></iframe>
          </section>
          <section aria-labelledby="text-heading">
            <h2 id="text-heading">The article as plain text</h2>
            <label for="package-text">Text to copy</label>
            <textarea id="package-text" class="licence-copy" rows={12} readonly>
              {pkg.text}
            </textarea>
          </section>
        </>
      ) : (
        <p class="licence-ended">The article is not available at the moment (it may be being corrected). Please come back to this page later; your licence is unaffected.</p>
      )}
      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">Terms</h2>
        <p class="licence-terms">{licence.terms}</p>
      </section>
    </LicenceDocument>
  );
}

/** The printable certificate of a licence (for the desk and the licensee). */
export function CertificateDocument(props: { site: DocumentSite; licence: LicenceDetail; canonicalUrl: string | null; backHref: string | null }) {
  const { licence, site } = props;
  return (
    <LicenceDocument site={site} title={`Certificate ${licence.reference}`}>
      <p class="licence-print-hint">
        Use your browser’s Print command to print this certificate or save it as a PDF.
        {props.backHref ? (
          <>
            {' '}
            <a href={props.backHref}>Back</a>
          </>
        ) : null}
      </p>
      <article class="licence-certificate">
        <p class="licence-certificate__kicker">Certificate of licence</p>
        <h1>{licence.headline}</h1>
        {licence.revokedAt ? <p class="licence-certificate__void">{`Revoked on ${licence.revokedAt.slice(0, 10)}: this licence is no longer valid.`}</p> : null}
        <p>{`${site.name} certifies that ${licence.organisation} holds the licence below to republish this article.`}</p>
        <Facts licence={licence} />
        {props.canonicalUrl ? (
          <p>
            Original article: <a href={props.canonicalUrl}>{props.canonicalUrl}</a>
          </p>
        ) : null}
        <h2>Terms</h2>
        <p class="licence-terms">{licence.terms}</p>
        <p>{`Issued ${licence.createdAt.slice(0, 10)} by the syndication desk of ${site.name}.`}</p>
      </article>
    </LicenceDocument>
  );
}

/** What a licensee sees when the licence has ended or was revoked (the link itself may still be genuine). */
export function LicenceEndedDocument(props: { site: DocumentSite; reason: 'ended' | 'revoked' }) {
  return (
    <LicenceDocument site={props.site} title="This licence has ended">
      <div class="licence-ended" role="alert">
        <h1>This licence has ended</h1>
        <p>
          {props.reason === 'revoked'
            ? `${props.site.name} has withdrawn this licence, so its republishing package is no longer available. Copies already published should be taken down or left unchanged, as the terms say.`
            : `The period of this licence is over, so its republishing package is no longer available.`}
        </p>
        <p>{`To republish again, send a new request from the article’s page on ${props.site.name}.`}</p>
      </div>
    </LicenceDocument>
  );
}
