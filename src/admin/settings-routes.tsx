/**
 * Site settings for admins (`settings.manage`): the name, tagline, description and
 * publisher blurb of the site and of each edition, the languages offered, the slugs
 * of the policy pages, and the postal address at the foot of newsletters. Saved as one content change, so every cached page shows them at once.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { isSlug } from '../http/editions.ts';
import { htmlPage } from '../http/respond.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import type { LanguageCode } from '../i18n/languages.ts';
import { describeIssues } from '../shared/validation.ts';
import { CC_LICENCES, CC_LICENCE_NAMES, loadSiteSettings, saveSettingsAsChange, siteSettingsSchema } from '../site/settings.ts';
import type { SiteSettings } from '../site/settings.ts';
import { staticPageUrl } from '../site/urls.ts';
import { AdminLayout, FormErrors } from './admin-layout.tsx';
import { clientIp, staffMember } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;
type Form = Record<string, string | string[] | File | (string | File)[]>;

const TEXTS = ['name', 'tagline', 'description', 'publisherBlurb'] as const;
const EDITIONS = ['ar', 'fr'] as const satisfies readonly LanguageCode[];
const POLICIES = ['about', 'corrections', 'ethics', 'contact'] as const;

type TextKey = (typeof TEXTS)[number];
type Edition = (typeof EDITIONS)[number];
type Policy = (typeof POLICIES)[number];

/** What the form shows: the stored settings, or what was just typed. */
interface SettingsFormValues {
  main: Record<TextKey, string>;
  editions: Record<Edition, Record<TextKey, string>>;
  languages: string[];
  policies: Record<Policy, string>;
  autoTagPlaces: boolean;
  /** Creative Commons republishing; null when the form did not carry these fields (the stored ones are kept). */
  republishing: { ccLicence: string; conditions: string } | null;
  /** The postal address at the foot of newsletters; null when the form did not carry it (the stored one is kept). */
  postalAddress: string | null;
}

const TEXT_LIMITS: Record<TextKey, number> = { name: 100, tagline: 200, description: 500, publisherBlurb: 600 };
const TEXT_LABELS: Record<TextKey, string> = { name: 'Site name', tagline: 'Tagline', description: 'Description', publisherBlurb: 'Publisher blurb' };
const TEXT_HINTS: Record<TextKey, string> = {
  name: 'In the header, page titles, search results and structured data.',
  tagline: 'A short line under the name in the header.',
  description: 'What the site is, for search engines, social cards and the footer.',
  publisherBlurb: 'Who publishes the site, shown at the foot of every article.',
};
const POLICY_LABELS: Record<Policy, string> = { about: 'About page', corrections: 'Corrections policy', ethics: 'Ethics and standards', contact: 'Contact page' };

function valuesOf(settings: SiteSettings): SettingsFormValues {
  const edition = (language: Edition) => Object.fromEntries(TEXTS.map((key) => [key, settings.localized[language]?.[key] ?? ''])) as Record<TextKey, string>;
  return {
    main: { name: settings.name, tagline: settings.tagline, description: settings.description, publisherBlurb: settings.publisherBlurb },
    editions: { ar: edition('ar'), fr: edition('fr') },
    languages: [...settings.languages],
    policies: { ...settings.policyPages },
    autoTagPlaces: settings.autoTagPlaces,
    republishing: { ...settings.republishing },
    postalAddress: settings.postalAddress,
  };
}

function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

function valuesFrom(form: Form): SettingsFormValues {
  const texts = (prefix: string) => Object.fromEntries(TEXTS.map((key) => [key, text(form, `${prefix}${key}`)])) as Record<TextKey, string>;
  const languages = ([] as unknown[]).concat(form.languages ?? []).filter((value): value is string => typeof value === 'string');
  return {
    main: texts(''),
    editions: { ar: texts('ar_'), fr: texts('fr_') },
    languages,
    policies: Object.fromEntries(POLICIES.map((key) => [key, text(form, `policy_${key}`)])) as Record<Policy, string>,
    autoTagPlaces: form.autoTagPlaces === 'on',
    republishing: typeof form.ccLicence === 'string' ? { ccLicence: text(form, 'ccLicence'), conditions: text(form, 'republishingConditions') } : null,
    postalAddress: typeof form.postalAddress === 'string' ? text(form, 'postalAddress') : null,
  };
}

/** The settings the form describes, on top of the stored ones (settings it does not show are kept). */
function settingsInput(values: SettingsFormValues, current: SiteSettings): unknown {
  // An edition text left empty falls back to the main one, so it is not stored at all.
  const edition = (language: Edition) => Object.fromEntries(Object.entries(values.editions[language]).filter(([, value]) => value !== ''));
  const localized = { ...current.localized, ar: edition('ar'), fr: edition('fr') };
  // No language ticked is reported once, by problemsOf, rather than again by the schema.
  const languages = values.languages.length > 0 ? values.languages : current.languages;
  return { ...current, ...values.main, localized, languages, policyPages: values.policies, autoTagPlaces: values.autoTagPlaces, republishing: values.republishing ?? current.republishing, postalAddress: values.postalAddress ?? current.postalAddress };
}

const PATH_LABELS: Record<string, string> = {
  ...TEXT_LABELS,
  languages: 'Languages offered',
  'republishing.ccLicence': 'Creative Commons licence',
  'republishing.conditions': 'Republishing conditions',
  postalAddress: 'Postal address',
  ...Object.fromEntries(POLICIES.map((key) => [`policyPages.${key}`, POLICY_LABELS[key]])),
  ...Object.fromEntries(EDITIONS.flatMap((language) => TEXTS.map((key) => [`localized.${language}.${key}`, `${LANGUAGES[language].name} ${TEXT_LABELS[key].toLowerCase()}`]))),
};

/** Everything wrong with the form, named as the form names it. */
function problemsOf(values: SettingsFormValues, input: unknown, current: SiteSettings): string[] {
  const problems: string[] = [];
  const parsed = siteSettingsSchema.safeParse(input);
  if (!parsed.success) {
    for (const problem of describeIssues(parsed.error)) {
      const at = problem.indexOf(': ');
      const path = at === -1 ? '' : problem.slice(0, at);
      problems.push(PATH_LABELS[path] ? `${PATH_LABELS[path]}: ${problem.slice(at + 2)}` : problem);
    }
  }
  if (!values.languages.includes(current.defaultLanguage)) {
    problems.push(`Languages offered: ${LANGUAGES[current.defaultLanguage].name} is the main edition (its pages have no language prefix), so it stays offered`);
  }
  for (const key of POLICIES) {
    if (!isSlug(values.policies[key])) problems.push(`${POLICY_LABELS[key]}: use the slug of a page, like "corrections-policy" (lowercase letters, digits and single hyphens)`);
  }
  return problems;
}

function TextFields(props: { prefix: string; values: Record<TextKey, string>; language: LanguageCode; isEdition: boolean }) {
  const { language } = props;
  const dir = LANGUAGES[language].dir;
  return (
    <>
      {TEXTS.map((key) => {
        const label = props.isEdition ? `${TEXT_LABELS[key]} in ${LANGUAGES[language].name}` : TEXT_LABELS[key];
        const attributes = { name: `${props.prefix}${key}`, maxlength: TEXT_LIMITS[key], lang: language, dir };
        const isLong = key === 'description' || key === 'publisherBlurb';
        return (
          <label>
            {label}
            {props.isEdition ? null : <span class="hint">{TEXT_HINTS[key]}</span>}
            {isLong ? <textarea {...attributes} rows={4}>{props.values[key]}</textarea> : <input {...attributes} value={props.values[key]} required={key === 'name' && !props.isEdition} />}
          </label>
        );
      })}
    </>
  );
}

function SettingsForm(props: { values: SettingsFormValues; csrf: string }) {
  const { values } = props;
  const republishing = values.republishing ?? { ccLicence: '', conditions: '' };
  return (
    <form method="post" action="/admin/settings" class="admin-form settings-form">
      <input type="hidden" name="csrf" value={props.csrf} />
      <fieldset class="taxonomy-fieldset">
        <legend>The site</legend>
        <TextFields prefix="" values={values.main} language="en" isEdition={false} />
      </fieldset>
      {EDITIONS.map((language) => (
        <fieldset class="taxonomy-fieldset">
          <legend>
            {LANGUAGES[language].name} edition (<span lang={language}>{LANGUAGES[language].nativeName}</span>)
          </legend>
          <p class="hint">Leave a text empty to show the English one.</p>
          <TextFields prefix={`${language}_`} values={values.editions[language]} language={language} isEdition />
        </fieldset>
      ))}
      <fieldset class="taxonomy-fieldset">
        <legend>Languages offered</legend>
        <p class="hint">Editions readers can switch between, and the language versions search engines are told about.</p>
        {(Object.keys(LANGUAGES) as LanguageCode[]).map((code) => (
          <label class="settings-check">
            <input type="checkbox" name="languages" value={code} checked={values.languages.includes(code)} />
            {LANGUAGES[code].name} <span lang={code}>({LANGUAGES[code].nativeName})</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="taxonomy-fieldset">
        <legend>Policy pages</legend>
        <p class="hint">Slugs of the pages the footer and every article's structured data link to; each edition uses its own page with that slug.</p>
        {POLICIES.map((key) => (
          <label>
            {POLICY_LABELS[key]}
            <span class="hint">
              Linked as <code>{staticPageUrl('en', values.policies[key] || '…')}</code>
            </span>
            <input name={`policy_${key}`} value={values.policies[key]} maxlength={120} pattern="[a-z0-9]+(-[a-z0-9]+)*" required autocomplete="off" spellcheck="false" />
          </label>
        ))}
      </fieldset>
      <fieldset class="taxonomy-fieldset">
        <legend>Suggested tags</legend>
        <p class="hint">Saving an article suggests tags from its text; editors accept or reject each one.</p>
        <label class="settings-check">
          <input type="checkbox" name="autoTagPlaces" checked={values.autoTagPlaces} />
          Add place and country tags automatically: when a saved article names a place or country that already has a tag, the tag is added without asking (recorded in the article’s history)
        </label>
      </fieldset>
      <fieldset class="taxonomy-fieldset">
        <legend>Newsletters</legend>
        <label>
          Postal address
          <span class="hint">The newsroom’s physical address, printed at the foot of every newsletter: anti-spam laws (CAN-SPAM in the US, CASL in Canada and others) require it in bulk mail. One line of the address per line, at most six.</span>
          <textarea name="postalAddress" rows={4} maxlength={300} autocomplete="street-address">
            {values.postalAddress ?? ''}
          </textarea>
        </label>
      </fieldset>
      <fieldset class="taxonomy-fieldset">
        <legend>Free republishing (Creative Commons)</legend>
        <p class="hint">For articles whose licensing policy is Creative Commons: the licence they carry, and the conditions shown with it on the article and its republishing page.</p>
        <label>
          Creative Commons licence
          <select name="ccLicence">
            {CC_LICENCE_NAMES.map((name) => (
              <option value={name} selected={republishing.ccLicence === name}>
                {name}
              </option>
            ))}
          </select>
          <span class="hint">
            Its deed, linked from every Creative Commons article: <code>{CC_LICENCES[CC_LICENCE_NAMES.find((name) => name === republishing.ccLicence) ?? CC_LICENCE_NAMES[0]]}</code>
          </span>
        </label>
        <label>
          Republishing conditions
          <span class="hint">Plain text; blank lines start a new paragraph.</span>
          <textarea name="republishingConditions" rows={5} maxlength={2000}>
            {republishing.conditions}
          </textarea>
        </label>
      </fieldset>
      <button type="submit">Save settings</button>
    </form>
  );
}

/** Registers /admin/settings (admins and owners). */
export function registerSettingsRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  /** The signed-in admin of a request (CSRF checked on posts), or the answer that ends it. */
  function admin(c: AnyContext, form: Form | null): Promise<SessionUser | Response> {
    return staffMember(c, ctx, 'settings.manage', { form, refusal: 'Only admins and owners can change the site settings.' });
  }

  async function settingsPage(c: AnyContext, user: SessionUser, state: { values: SettingsFormValues; problems?: string[]; notice?: string | null }, status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title="Site settings" user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/settings">
        {state.notice ? (
          <p class="admin-notice" role="status">
            {state.notice}
          </p>
        ) : null}
        <FormErrors problems={state.problems ?? []} />
        <p class="admin-lede">Every public page shows these as soon as they are saved.</p>
        <SettingsForm values={state.values} csrf={user.csrfToken} />
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  app.get('/admin/settings', async (c) => {
    const user = await admin(c, null);
    if (user instanceof Response) return user;
    const notice = c.req.query('notice') === 'saved' ? 'Settings saved. Public pages show them now.' : null;
    return settingsPage(c, user, { values: valuesOf(await loadSiteSettings(ctx.db)), notice });
  });

  app.post('/admin/settings', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const user = await admin(c, form);
    if (user instanceof Response) return user;
    const values = valuesFrom(form);
    const current = await loadSiteSettings(ctx.db);
    const input = settingsInput(values, current);
    const problems = problemsOf(values, input, current);
    if (problems.length > 0) return settingsPage(c, user, { values, problems }, 422);
    await saveSettingsAsChange(ctx.db, input, { actorUserId: user.id, ip: clientIp(c) });
    return c.redirect('/admin/settings?notice=saved', 303);
  });
}
