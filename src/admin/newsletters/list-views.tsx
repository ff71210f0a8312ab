/** Views of the newsletters admin: the index with counts and embed codes, the list form, its promo rules. */
import { FormErrors } from '../admin-layout.tsx';
import { LANGUAGES } from '../../i18n/languages.ts';
import type { Newsletter, NewsletterSummary, PromoRuleView } from '../../newsletters/lists.ts';
import { NEWSLETTER_SLUG_MAX } from '../../newsletters/lists.ts';
import { embedSnippet } from '../../newsletters/embed-loader.ts';
import { embedPath } from '../../newsletters/embed-views.tsx';
import { Csrf, DeleteBox, Notice } from '../../taxonomy/form-parts.tsx';

/** What the newsletter form shows: the stored values, or what was just typed. */
export type NewsletterFormValues = Record<'name' | 'slug' | 'description' | 'cadence' | 'senderName' | 'senderAddress' | 'replyTo' | 'language' | 'visibility' | 'position' | 'trackOpens', string>;

/** Empty fields for a new list. */
export const EMPTY_NEWSLETTER: NewsletterFormValues = {
  name: '', slug: '', description: '', cadence: '', senderName: '', senderAddress: '', replyTo: '', language: 'en', visibility: 'public', position: '0', trackOpens: '',
};

/** A stored list as form values. */
export function newsletterFormValues(list: Newsletter): NewsletterFormValues {
  return {
    name: list.name, slug: list.slug, description: list.description, cadence: list.cadence, senderName: list.sender_name, senderAddress: list.sender_address,
    replyTo: list.reply_to ?? '', language: list.language, visibility: list.visibility, position: String(list.position), trackOpens: list.track_opens ? '1' : '',
  };
}

/** A list's issues and stats pages (both need only `newsletters.manage`, like the pages that show these links). */
function IssueLinks(props: { id: number }) {
  return (
    <>
      <a href={`/admin/newsletters/${props.id}/issues`}>Issues</a> · <a href={`/admin/newsletters/${props.id}/stats`}>Stats</a>
    </>
  );
}

/** /admin/newsletters: every list with its readers, links to edit, issues, stats, subscribers and the embed code. */
export function NewsletterIndexView(props: { lists: NewsletterSummary[]; publicUrl: string; notice: string | null; canSeeSubscribers: boolean }) {
  return (
    <>
      <Notice text={props.notice} />
      <p class="admin-lede">Each newsletter is a list readers sign up for on /newsletters, in the promo under articles, or through a form embedded on another site.</p>
      <p>
        <a class="taxonomy-action" href="/admin/newsletters/new">
          New newsletter
        </a>
      </p>
      {props.lists.length === 0 ? (
        <p class="admin-empty">No newsletters yet.</p>
      ) : (
        <table class="admin-table taxonomy-table">
          <thead>
            <tr>
              <th scope="col">Newsletter</th>
              <th scope="col">Language</th>
              <th scope="col">Visibility</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Pending</th>
              <th scope="col">Embed</th>
            </tr>
          </thead>
          <tbody>
            {props.lists.map((list) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/${list.id}`} class="taxonomy-table__name">
                    {list.name}
                  </a>
                  <span class="admin-sub"> {list.cadence}</span>
                  {' '}· <IssueLinks id={list.id} />
                  {props.canSeeSubscribers ? (
                    <>
                      {' '}· <a href={`/admin/newsletters/${list.id}/subscribers`}>Subscribers</a>
                    </>
                  ) : null}
                </td>
                <td data-label="Language">{LANGUAGES[list.language as keyof typeof LANGUAGES]?.name ?? list.language}</td>
                <td data-label="Visibility">{list.visibility === 'public' ? 'Public' : 'Private'}</td>
                <td data-label="Confirmed">{list.confirmed}</td>
                <td data-label="Pending">{list.pending}</td>
                <td data-label="Embed">
                  {list.visibility === 'public' ? (
                    <details>
                      <summary>Embed code</summary>
                      <label>
                        Paste this into another site’s page to show the sign-up form of {list.name}:
                        <textarea readonly rows={6} cols={50} spellcheck="false">
                          {embedSnippet(props.publicUrl, list, embedPath(list.slug))}
                        </textarea>
                      </label>
                      <p class="admin-sub">The script line lets the frame fit its form exactly; without it the frame keeps a height the form fits on phones.</p>
                    </details>
                  ) : (
                    <span class="admin-sub">Private lists have no public form</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Field(props: { name: keyof NewsletterFormValues; label: string; values: NewsletterFormValues; max: number; hint?: string; type?: string; required?: boolean }) {
  return (
    <label>
      {props.label}
      {props.hint ? <span class="hint">{props.hint}</span> : null}
      <input name={props.name} type={props.type ?? 'text'} value={props.values[props.name]} maxlength={props.max} required={props.required} autocomplete="off" />
    </label>
  );
}

/** The form to create a list (no `list`) or edit one. */
export function NewsletterFormView(props: { list: Newsletter | null; values: NewsletterFormValues; csrf: string; problems: string[]; notice: string | null }) {
  const { list, values } = props;
  return (
    <>
      <p>
        <a href="/admin/newsletters">← All newsletters</a>
        {list ? (
          <>
            {' '}· <IssueLinks id={list.id} />
          </>
        ) : null}
      </p>
      <Notice text={props.notice} />
      <FormErrors problems={props.problems} />
      <form method="post" action={list ? `/admin/newsletters/${list.id}` : '/admin/newsletters'} class="admin-form taxonomy-form">
        <Csrf token={props.csrf} />
        <Field name="name" label="Name" values={values} max={80} required />
        <label>
          Slug
          <span class="hint">Used in the embed address /newsletters/slug/embed: lowercase letters, digits and single hyphens, like “morning-briefing”.</span>
          <input name="slug" value={values.slug} maxlength={NEWSLETTER_SLUG_MAX} required pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" spellcheck="false" />
        </label>
        <label>
          Description
          <span class="hint">One or two sentences readers see before they sign up.</span>
          <textarea name="description" rows={3} maxlength={500}>
            {values.description}
          </textarea>
        </label>
        <Field name="cadence" label="Cadence" values={values} max={60} hint="When it arrives, in the list’s language: “Every weekday morning”." />
        <fieldset class="taxonomy-fieldset">
          <legend>Sender</legend>
          <Field name="senderName" label="Sender name" values={values} max={80} required hint="Shown as who the mail is from, like “The Tamarisk Daily”." />
          <Field name="senderAddress" label="Sender address" type="email" values={values} max={254} required />
          <Field name="replyTo" label="Reply-to address" type="email" values={values} max={254} hint="Where readers’ replies go; leave empty to use the sender address." />
        </fieldset>
        <label>
          Language
          <select name="language">
            {Object.values(LANGUAGES).map((language) => (
              <option value={language.code} selected={values.language === language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="taxonomy-fieldset">
          <legend>Visibility</legend>
          <label class="settings-check">
            <input type="radio" name="visibility" value="public" checked={values.visibility === 'public'} /> Public: on /newsletters, in promos, embeddable
          </label>
          <label class="settings-check">
            <input type="radio" name="visibility" value="private" checked={values.visibility === 'private'} /> Private: only readers you import or add
          </label>
        </fieldset>
        <Field name="position" label="Position" type="number" values={values} max={5} hint="Lower numbers come first on /newsletters." />
        <label class="settings-check">
          <input type="checkbox" name="trackOpens" value="1" checked={values.trackOpens === '1'} /> Count opens (adds a tracking pixel to each issue; off by default)
        </label>
        <button type="submit">{list ? 'Save newsletter' : 'Create newsletter'}</button>
      </form>
    </>
  );
}

/** The promo rules of a list: the table, and one small form per kind of rule. */
export function PromoRulesView(props: { list: Newsletter; rules: PromoRuleView[]; sections: { id: number; name: string }[]; csrf: string; problems: string[] }) {
  const { list } = props;
  const action = `/admin/newsletters/${list.id}/rules`;
  const Priority = () => (
    <label>
      Priority
      <input name="priority" type="number" value="0" min={-9999} max={9999} />
    </label>
  );
  return (
    <section aria-labelledby="rules-heading" class="promo-rules">
      <h2 id="rules-heading">Promo under articles</h2>
      <p class="admin-lede">
        Which articles offer this newsletter. The most specific matching rule of all public newsletters wins (tag, then section, then language, then default), then the higher priority.
        {list.visibility === 'private' ? ' This newsletter is private: its rules apply only once it is public.' : ''}
      </p>
      <FormErrors problems={props.problems} />
      {props.rules.length === 0 ? (
        <p class="admin-empty">No rules: this newsletter is not offered under articles.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Shown on</th>
              <th scope="col">Priority</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {props.rules.map((rule) => (
              <tr>
                <td>{rule.label}</td>
                <td data-label="Priority">{rule.priority}</td>
                <td>
                  <form method="post" action={`${action}/${rule.id}/delete`} class="admin-inline-form">
                    <Csrf token={props.csrf} />
                    <button type="submit" aria-label={`Remove the rule: ${rule.label}`}>
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={action} class="admin-form taxonomy-form promo-rule-form">
        <Csrf token={props.csrf} />
        <input type="hidden" name="kind" value="tag" />
        <h3>Articles with a tag</h3>
        <label>
          Tag slug or name
          <input name="value" required maxlength={120} autocomplete="off" placeholder="jordan" />
        </label>
        <Priority />
        <button type="submit">Add tag rule</button>
      </form>
      <form method="post" action={action} class="admin-form taxonomy-form promo-rule-form">
        <Csrf token={props.csrf} />
        <input type="hidden" name="kind" value="section" />
        <h3>Articles in a section</h3>
        <label>
          Section
          <select name="value">
            {props.sections.map((section) => (
              <option value={String(section.id)}>{section.name}</option>
            ))}
          </select>
        </label>
        <Priority />
        <button type="submit">Add section rule</button>
      </form>
      <form method="post" action={action} class="admin-form taxonomy-form promo-rule-form">
        <Csrf token={props.csrf} />
        <input type="hidden" name="kind" value="language" />
        <h3>Articles in a language</h3>
        <label>
          Language
          <select name="value">
            {Object.values(LANGUAGES).map((language) => (
              <option value={language.code} selected={language.code === list.language}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <Priority />
        <button type="submit">Add language rule</button>
      </form>
      <form method="post" action={action} class="admin-form taxonomy-form promo-rule-form">
        <Csrf token={props.csrf} />
        <input type="hidden" name="kind" value="default" />
        <h3>Any article in the newsletter’s language</h3>
        <Priority />
        <button type="submit">Add default rule</button>
      </form>
    </section>
  );
}

/** The delete box of a list. */
export function NewsletterDeleteView(props: { list: Newsletter; csrf: string; blocker: string | null }) {
  return (
    <DeleteBox
      action={`/admin/newsletters/${props.list.id}/delete`}
      csrf={props.csrf}
      noun="newsletter"
      blockedBecause={props.blocker}
      consequence="Nobody is subscribed and no issue was written. Deleting removes the list, its promo rules and its history."
    />
  );
}
