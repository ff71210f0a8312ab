/**
 * The public republishing request form: every field labelled, hinted and (after a refused
 * post) followed by its problem, tied together with aria-describedby. Plain HTML: it works
 * without any script. Also the short "request received" page a bot sees.
 */
import type { Child } from '../site/jsx/jsx-runtime.ts';
import type { PageChrome } from '../site/chrome.ts';
import { Layout } from '../site/layout.tsx';
import { HONEYPOT_FIELD } from '../http/public-forms.ts';
import type { RateCard } from './rate-card.ts';
import { TERRITORY_SCOPES, countryChoices } from './request-territory.ts';
import type { RequestFormValues, RequestProblems, RequestableArticle } from './requests.ts';
import { AUDIENCE_BANDS, MEDIA, PUBLICATION_LANGUAGES, audienceLabel, mediumLabel, requestTexts, scopeLabel } from './texts.ts';
import type { RequestField, RequestTexts } from './texts.ts';

/** Name of the form's double-submit token field (the accept form uses it too). */
export const FORM_TOKEN_FIELD = 'form_token';

/** The republishing pages' own stylesheet, until the site layout takes extra stylesheets in its head. */
export function RepublishStyles(props: { chrome: PageChrome }) {
  return <link rel="stylesheet" href={props.chrome.assetPath('republish.css')} />;
}

/** The honeypot: a field people never see or reach; bots fill it. */
export function Honeypot() {
  return (
    <div class="visually-hidden" aria-hidden="true">
      <label for="republish-website">Leave this field empty</label>
      <input id="republish-website" type="text" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

interface FieldProps {
  field: RequestField;
  t: RequestTexts;
  problems: RequestProblems;
  required?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => Child;
}

/** A labelled field with its hint and problem; the control comes from `children`. */
function Field(props: FieldProps) {
  const { field, t } = props;
  const id = `republish-${field}`;
  const hint = t.hints[field];
  const problem = props.problems[field];
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={problem ? 'republish-field republish-field--invalid' : 'republish-field'}>
      <label for={id}>
        {t.labels[field]} <span class="republish-marker">({props.required === false ? t.optional : t.required})</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} class="republish-hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} class="republish-error">
          {t.problems[problem]}
        </p>
      ) : null}
      {props.children(describedBy, Boolean(problem))}
    </div>
  );
}

function TextField(props: { field: RequestField; t: RequestTexts; problems: RequestProblems; values: RequestFormValues; type?: string; required?: boolean; maxlength?: number; autocomplete?: string }) {
  return (
    <Field field={props.field} t={props.t} problems={props.problems} required={props.required}>
      {(describedBy, invalid) => (
        <input
          id={`republish-${props.field}`}
          name={props.field}
          type={props.type ?? 'text'}
          value={props.values[props.field]}
          required={props.required !== false}
          maxlength={props.maxlength}
          autocomplete={props.autocomplete}
          dir={props.type === 'email' || props.type === 'url' ? 'ltr' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        />
      )}
    </Field>
  );
}

function SelectField(props: { field: RequestField; t: RequestTexts; problems: RequestProblems; values: RequestFormValues; options: [string, string][]; required?: boolean }) {
  const current = props.values[props.field];
  return (
    <Field field={props.field} t={props.t} problems={props.problems} required={props.required}>
      {(describedBy, invalid) => (
        <select id={`republish-${props.field}`} name={props.field} required={props.required !== false} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          <option value="">{props.t.chooseOne}</option>
          {props.options.map(([value, label]) => (
            <option value={value} selected={value === current}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** What the form page shows. */
export interface RequestFormProps {
  chrome: PageChrome;
  article: RequestableArticle;
  card: RateCard;
  values: RequestFormValues;
  problems: RequestProblems;
  /** A sentence shown above the form (an exclusivity conflict). */
  notice: string | null;
  formToken: string;
  action: string;
}

/** The request form page. */
export function RequestFormPage(props: RequestFormProps) {
  const { chrome, article, values, problems } = props;
  const t = requestTexts(chrome.language);
  const common = { t, problems, values };
  const problemFields = Object.keys(problems) as RequestField[];
  return (
    <Layout chrome={chrome} meta={{ title: t.formTitle, noindex: true }}>
      <RepublishStyles chrome={chrome} />
      <div class="republish-page">
        <h1>{t.formTitle}</h1>
        <p class="republish-lede">{t.formIntro}</p>
        <p class="republish-article">
          <span class="republish-article__label">{t.forArticle}:</span>{' '}
          <a href={article.url} lang={article.language}>
            {article.headline}
          </a>
        </p>
        {props.notice ? (
          <div class="republish-alert" role="alert">
            <p>{props.notice}</p>
          </div>
        ) : null}
        {problemFields.length > 0 ? (
          <div class="republish-alert" role="alert">
            <p>{t.problemsTitle}</p>
            <ul>
              {problemFields.map((field) => (
                <li>
                  <a href={`#republish-${field}`}>{t.labels[field]}</a>: {t.problems[problems[field] ?? 'required']}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form class="republish-form" method="post" action={props.action} novalidate>
          <input type="hidden" name={FORM_TOKEN_FIELD} value={props.formToken} />
          <Honeypot />
          <fieldset>
            <legend>{t.sections.you}</legend>
            <TextField {...common} field="name" maxlength={200} autocomplete="name" />
            <TextField {...common} field="email" type="email" maxlength={254} autocomplete="email" />
            <TextField {...common} field="organisation" maxlength={200} autocomplete="organization" />
            <TextField {...common} field="outletUrl" type="url" maxlength={500} autocomplete="url" />
            <SelectField {...common} field="outletType" options={props.card.outletTypes.map((type) => [type.key, type.label])} />
          </fieldset>
          <fieldset>
            <legend>{t.sections.use}</legend>
            <SelectField {...common} field="medium" options={MEDIA.map((key) => [key, mediumLabel(key)])} />
            <SelectField {...common} field="territoryScope" options={TERRITORY_SCOPES.map((key) => [key, scopeLabel(key)])} />
            <SelectField {...common} field="country" required={false} options={countryChoices().map((country) => [country.code, country.name])} />
            <SelectField {...common} field="language" options={Object.entries(PUBLICATION_LANGUAGES).map(([code, names]) => [code, names.name === names.native ? names.name : `${names.name} (${names.native})`])} />
            <SelectField {...common} field="audienceBand" options={AUDIENCE_BANDS.map((key) => [key, audienceLabel(key)])} />
            <fieldset class="republish-choice" aria-describedby={['republish-exclusive-hint', problems.exclusive ? 'republish-exclusive-error' : ''].filter(Boolean).join(' ')}>
              <legend>
                {t.labels.exclusive} <span class="republish-marker">({t.required})</span>
              </legend>
              <p id="republish-exclusive-hint" class="republish-hint">
                {t.hints.exclusive}
              </p>
              {problems.exclusive ? (
                <p id="republish-exclusive-error" class="republish-error">
                  {t.problems[problems.exclusive]}
                </p>
              ) : null}
              <label class="republish-radio">
                <input type="radio" id="republish-exclusive" name="exclusive" value="no" checked={values.exclusive !== 'yes'} /> {t.exclusiveNo}
              </label>
              <label class="republish-radio">
                <input type="radio" name="exclusive" value="yes" checked={values.exclusive === 'yes'} /> {t.exclusiveYes}
              </label>
            </fieldset>
          </fieldset>
          <fieldset>
            <legend>{t.sections.period}</legend>
            <div class="republish-row">
              <TextField {...common} field="periodStart" type="date" />
              <TextField {...common} field="periodEnd" type="date" />
            </div>
            <TextField {...common} field="intendedDate" type="date" required={false} />
          </fieldset>
          <fieldset>
            <legend>{t.sections.message}</legend>
            <Field field="message" t={t} problems={problems} required={false}>
              {(describedBy, invalid) => (
                <textarea id="republish-message" name="message" rows={6} maxlength={4000} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                  {values.message}
                </textarea>
              )}
            </Field>
          </fieldset>
          <p class="republish-indicative">{t.indicative}</p>
          <button type="submit" class="republish-button">
            {t.submit}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** What a filled honeypot is answered with: the same words a person would read, and nothing stored. */
export function RequestReceivedPage(props: { chrome: PageChrome }) {
  return (
    <Layout chrome={props.chrome} meta={{ title: 'Request received', noindex: true }}>
      <RepublishStyles chrome={props.chrome} />
      <div class="republish-page">
        <h1>Request received</h1>
        <p>Thank you. We have emailed you the quote and a link to follow your request.</p>
      </div>
    </Layout>
  );
}
