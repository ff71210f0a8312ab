/** The rate card editor page: every value of the card as a field, the card's history line, and example quotes computed with the card in force. */
import { FormErrors } from '../admin-layout.tsx';
import { CURRENCY_CODES, currencyExponent, formatMoney } from '../../syndication/money.ts';
import { quoteFor } from '../../syndication/rate-card.ts';
import type { CurrentRateCard, Quote, QuoteRequest, RateCard } from '../../syndication/rate-card.ts';
import { QuoteTable } from '../../syndication/request-status-view.tsx';
import { territoryLabel } from '../../syndication/request-territory.ts';
import { audienceLabel, languageName, mediumLabel } from '../../syndication/texts.ts';
import { BLANK_ROWS, MULTIPLIER_GROUPS, rowCounts } from './rate-card-form.ts';
import type { RateCardFormValues } from './rate-card-form.ts';

/** Sample requests priced on the page, so an editor sees what a change does. */
const SAMPLES: (Omit<QuoteRequest, 'outletType'> & { outletType: string })[] = [
  { outletType: 'nonprofit', medium: 'web', territory: 'national:JO', audienceBand: '10k-100k', exclusive: false, language: 'en' },
  { outletType: 'commercial', medium: 'print', territory: 'regional:mena', audienceBand: '100k-1m', exclusive: false, language: 'ar' },
  { outletType: 'broadcaster', medium: 'broadcast', territory: 'worldwide', audienceBand: 'over-1m', exclusive: true, language: 'en' },
  { outletType: 'student', medium: 'newsletter', territory: 'local:LB', audienceBand: 'under-10k', exclusive: false, language: 'en' },
];

/** Example quotes of the card (an English article, no override); outlet types the card lacks fall back to its first. */
export function exampleQuotes(card: RateCard): { description: string; quote: Quote }[] {
  return SAMPLES.map((sample) => {
    const outlet = card.outletTypes.find((type) => type.key === sample.outletType) ?? card.outletTypes[0];
    const request = { ...sample, outletType: outlet?.key ?? sample.outletType };
    const description = [
      outlet?.label ?? request.outletType,
      mediumLabel(request.medium),
      territoryLabel(request.territory),
      `audience ${audienceLabel(request.audienceBand).toLowerCase()}`,
      request.exclusive ? 'exclusive' : 'non-exclusive',
      request.language === 'en' ? 'in English' : `translated into ${languageName(request.language)}`,
    ].join(', ');
    return { description, quote: quoteFor(card, request, { sectionId: 0, articleId: 0, articleLanguage: 'en' }) };
  });
}

function Input(props: { name: string; label: string; values: RateCardFormValues; hint?: string; size?: number }) {
  const id = `rc-${props.name.replace(/\./g, '-')}`;
  return (
    <p class="republish-rc-field">
      <label for={id}>{props.label}</label>
      <input id={id} name={props.name} value={props.values[props.name] ?? ''} inputmode="decimal" size={props.size ?? 10} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      {props.hint ? (
        <span id={`${id}-hint`} class="republish-rc-hint">
          {props.hint}
        </span>
      ) : null}
    </p>
  );
}

/** The editor page's body. */
export function RateCardView(props: {
  current: CurrentRateCard;
  values: RateCardFormValues;
  problems: string[];
  notice: string | null;
  csrf: string;
  sections: { id: number; name: string }[];
}) {
  const { current, values } = props;
  const currency = values.currency ?? current.card.currency;
  const counts = rowCounts(values);
  const outletRows = Array.from({ length: counts.outlets + BLANK_ROWS }, (_, index) => index);
  const overrideRows = Array.from({ length: counts.overrides + BLANK_ROWS }, (_, index) => index);
  const outletKeys = current.card.outletTypes.map((type) => type.key);
  const moneyHint = `in ${currency}, up to ${currencyExponent(currency)} decimals`;
  return (
    <>
      {props.notice ? (
        <p class="admin-notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="admin-lede">
        {current.id === null
          ? 'No card has been saved yet: the default card below is in force.'
          : `Version ${current.id}, last changed ${current.createdByName ? `by ${current.createdByName} ` : ''}on ${(current.createdAt ?? '').slice(0, 16).replace('T', ' ')} UTC. Saving makes a new version; earlier quotes keep the version they used.`}
      </p>
      <FormErrors problems={props.problems} />
      <form method="post" action="/admin/syndication/rate-card" class="admin-form republish-rc-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <fieldset>
          <legend>Currency and minimum</legend>
          <p class="republish-rc-field">
            <label for="rc-currency">Currency</label>
            <select id="rc-currency" name="currency">
              {CURRENCY_CODES.map((code) => (
                <option value={code} selected={code === currency}>
                  {code} ({currencyExponent(code)} decimals)
                </option>
              ))}
            </select>
          </p>
          <Input name="minimum" label="Minimum fee" values={values} hint={moneyHint} />
        </fieldset>

        <fieldset>
          <legend>Base fee per outlet type</legend>
          <p class="republish-rc-hint">Leave a row empty to remove it; fill a blank row to add a type. Keys are stored with requests: keep them once used.</p>
          <table class="admin-table republish-rc-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name shown to requesters</th>
                <th scope="col">Base fee ({currency})</th>
              </tr>
            </thead>
            <tbody>
              {outletRows.map((index) => (
                <tr>
                  <td>
                    <input name={`outlet.${index}.key`} value={values[`outlet.${index}.key`] ?? ''} aria-label={`Outlet type ${index + 1} key`} size={14} />
                  </td>
                  <td>
                    <input name={`outlet.${index}.label`} value={values[`outlet.${index}.label`] ?? ''} aria-label={`Outlet type ${index + 1} name`} size={28} />
                  </td>
                  <td>
                    <input name={`outlet.${index}.base`} value={values[`outlet.${index}.base`] ?? ''} aria-label={`Outlet type ${index + 1} base fee`} inputmode="decimal" size={10} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>

        {MULTIPLIER_GROUPS.map((group) => (
          <fieldset>
            <legend>Multipliers: {group.heading}</legend>
            <div class="republish-rc-grid">
              {group.keys.map(([key, label]) => (
                <Input name={`${group.prefix}.${key}`} label={label} values={values} size={6} />
              ))}
            </div>
          </fieldset>
        ))}

        <fieldset>
          <legend>Exclusivity and translation</legend>
          <div class="republish-rc-grid">
            <Input name="nonExclusive" label="Non-exclusive" values={values} size={6} />
            <Input name="exclusive" label="Exclusive" values={values} size={6} />
            <Input name="translation" label="Translation" values={values} size={6} hint="applied when the requester publishes in another language" />
          </div>
          <p class="republish-rc-hint">Multipliers are decimals: 1 leaves the fee as it is, 1.5 adds half, 0.75 takes a quarter off (up to 4 decimals).</p>
        </fieldset>

        <fieldset>
          <legend>Overrides for a section or an article</legend>
          <p class="republish-rc-hint">An article’s override beats its section’s. A fixed fee replaces the whole calculation (the minimum still applies); base fees replace the outlet type’s base fee before the multipliers.</p>
          <table class="admin-table republish-rc-table">
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">or article number</th>
                <th scope="col">Fixed fee</th>
                {outletKeys.map((key) => (
                  <th scope="col">Base: {key}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overrideRows.map((index) => (
                <tr>
                  <td>
                    <select name={`override.${index}.section`} aria-label={`Override ${index + 1} section`}>
                      <option value="">—</option>
                      {props.sections.map((section) => (
                        <option value={String(section.id)} selected={values[`override.${index}.section`] === String(section.id)}>
                          {section.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input name={`override.${index}.article`} value={values[`override.${index}.article`] ?? ''} aria-label={`Override ${index + 1} article number`} inputmode="numeric" size={8} />
                  </td>
                  <td>
                    <input name={`override.${index}.fixed`} value={values[`override.${index}.fixed`] ?? ''} aria-label={`Override ${index + 1} fixed fee`} inputmode="decimal" size={9} />
                  </td>
                  {outletKeys.map((key) => (
                    <td>
                      <input name={`override.${index}.base.${key}`} value={values[`override.${index}.base.${key}`] ?? ''} aria-label={`Override ${index + 1} base fee for ${key}`} inputmode="decimal" size={9} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>

        <p>
          <button type="submit">Save as a new version</button>
        </p>
      </form>

      <h2>Example quotes with the card in force</h2>
      <p class="republish-rc-hint">For an English story without overrides.</p>
      <table class="admin-table republish-rc-examples">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Quote</th>
          </tr>
        </thead>
        <tbody>
          {exampleQuotes(current.card).map((example) => (
            <tr>
              <td>
                <details>
                  <summary>{example.description}</summary>
                  <QuoteTable lines={example.quote.lines} totalMinor={example.quote.totalMinor} currency={example.quote.currency} caption="Breakdown" />
                </details>
              </td>
              <td class="republish-amount">{formatMoney(example.quote.totalMinor, example.quote.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
