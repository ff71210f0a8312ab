/** The email a requester receives after sending a republishing request: the quote, its breakdown, and the link to follow it. */
import { formatMoney, formatMultiplier } from './money.ts';
import type { Quote, QuoteLine } from './rate-card.ts';
import { territoryLabel } from './request-territory.ts';
import type { RequestableArticle, ValidRequest } from './requests.ts';
import { languageName, mediumLabel, requestTexts } from './texts.ts';

/** A rendered message. */
export interface QuoteMail {
  subject: string;
  text: string;
  html: string;
}

/** One breakdown line as text: "Medium: Print ×1.25 = $312.50". */
export function quoteLineText(line: QuoteLine, currency: string): string {
  if (line.kind === 'multiplier') return `${line.label} ${formatMultiplier(line.multiplierBp)} = ${formatMoney(line.subtotalMinor, currency)}`;
  return `${line.label}: ${formatMoney(line.amountMinor, currency)}`;
}

/** Strips anything that could break a header line (a headline is ours, but a subject must stay one line). */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Builds the quote email. */
export function quoteMail(input: { siteName: string; article: RequestableArticle; request: ValidRequest; quote: Quote; statusUrl: string }): QuoteMail {
  const { siteName, article, request, quote, statusUrl } = input;
  const t = requestTexts('en');
  const total = formatMoney(quote.totalMinor, quote.currency);
  const summary = [
    `Story: ${article.headline}`,
    `Medium: ${mediumLabel(request.medium)}`,
    `Territory: ${territoryLabel(request.territory)}`,
    `Language: ${languageName(request.language)}`,
    `Licence: ${request.exclusive ? 'exclusive' : 'non-exclusive'}, ${request.periodStart} to ${request.periodEnd}`,
  ];
  const text = [
    `Dear ${request.name},`,
    '',
    `Thank you for asking to republish a story from ${siteName}.`,
    '',
    ...summary,
    '',
    `Indicative quote: ${total}`,
    ...quote.lines.map((line) => `  ${quoteLineText(line, quote.currency)}`),
    '',
    t.indicative,
    '',
    'Follow your request, and answer any offer from the newsroom, here:',
    statusUrl,
    '',
    `${siteName}`,
  ].join('\n');
  const html = (
    <html lang="en">
      <body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1a19;">
        <p>Dear {request.name},</p>
        <p>Thank you for asking to republish a story from {siteName}.</p>
        <ul>
          {summary.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
        <table style="border-collapse: collapse;" cellpadding="6">
          <caption style="text-align: start; font-weight: bold;">Indicative quote: {total}</caption>
          <tbody>
            {quote.lines.map((line) => (
              <tr>
                <th scope="row" style="text-align: start; font-weight: normal; border-bottom: 1px solid #d8d1c9;">{line.label}</th>
                <td style="border-bottom: 1px solid #d8d1c9;">{line.kind === 'multiplier' ? formatMultiplier(line.multiplierBp) : ''}</td>
                <td style="text-align: end; border-bottom: 1px solid #d8d1c9;">{formatMoney(line.kind === 'multiplier' ? line.subtotalMinor : line.amountMinor, quote.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t.indicative}</p>
        <p>
          <a href={statusUrl}>Follow your request and answer any offer from the newsroom</a>
        </p>
        <p>{siteName}</p>
      </body>
    </html>
  );
  return { subject: oneLine(`Your republishing request: ${article.headline}`).slice(0, 200), text, html: `<!doctype html>${html.toString()}` };
}
