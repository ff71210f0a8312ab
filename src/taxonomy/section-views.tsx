/** The sections admin's views: the ordered list with its move buttons, and the section form. */
import { FormErrors } from '../admin/admin-layout.tsx';
import type { LicensingPolicy } from '../db/schema.ts';
import { sectionUrl } from '../site/urls.ts';
import { articleUse, countOf } from './common.ts';
import { Csrf, DeleteBox, Notice, SlugField, TextArea } from './form-parts.tsx';
import { SECTION_USE } from './sections.ts';
import type { SectionSummary } from './sections.ts';

/** What the section form shows: the stored values, or what was just typed. */
export interface SectionFormValues {
  name: string;
  slug: string;
  description: string;
  nameAr: string;
  nameFr: string;
  defaultLicensingPolicy: string;
}

/** The names of the form's fields. */
export const SECTION_FIELDS = ['name', 'slug', 'description', 'nameAr', 'nameFr', 'defaultLicensingPolicy'] as const;

/** Empty fields for a new section. */
export const EMPTY_SECTION: SectionFormValues = { name: '', slug: '', description: '', nameAr: '', nameFr: '', defaultLicensingPolicy: '' };

/** A stored section as form values. */
export function sectionFormValues(section: SectionSummary): SectionFormValues {
  return { name: section.name, slug: section.slug, description: section.description, nameAr: section.names.ar ?? '', nameFr: section.names.fr ?? '', defaultLicensingPolicy: section.defaultLicensingPolicy ?? '' };
}

const POLICY_LABELS: Record<LicensingPolicy, string> = { paid: 'Paid licence on request', cc: 'Creative Commons', none: 'Not available for republishing' };
const POLICY_CHOICES: [string, string][] = [['', 'Not set (site default: paid licence on request)'], ...Object.entries(POLICY_LABELS)];

/** The ordered list of sections. */
export function SectionListView(props: { sections: SectionSummary[]; csrf: string; notice: string | null; problems: string[] }) {
  const { sections } = props;
  return (
    <>
      <Notice text={props.notice} />
      <FormErrors problems={props.problems} />
      <p class="admin-lede">Sections appear in this order in the navigation of every edition. Each article belongs to exactly one.</p>
      <p>
        <a class="taxonomy-action" href="/admin/sections/new">
          New section
        </a>
      </p>
      {sections.length === 0 ? (
        <p class="admin-empty">No sections yet. Create the first one to start publishing.</p>
      ) : (
        <table class="admin-table taxonomy-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Section</th>
              <th scope="col">Address</th>
              <th scope="col">Articles</th>
              <th scope="col">Licensing</th>
              <th scope="col">Move</th>
            </tr>
          </thead>
          <tbody>
            {sections.map((section, index) => (
              <tr>
                <td data-label="Order">{index + 1}</td>
                <td>
                  <a href={`/admin/sections/${section.id}`} class="taxonomy-table__name">
                    {section.name}
                  </a>
                  <span class="taxonomy-translations">
                    {section.names.ar ? (
                      <span lang="ar" dir="rtl">
                        {section.names.ar}
                      </span>
                    ) : null}
                    {section.names.fr ? <span lang="fr">{section.names.fr}</span> : null}
                  </span>
                </td>
                <td data-label="Address">
                  <a href={sectionUrl('en', section.slug)}>
                    <code>{sectionUrl('en', section.slug)}</code>
                  </a>
                </td>
                <td data-label="Articles">
                  {section.articleCount}
                  {section.articleCount > section.publishedCount ? <span class="admin-sub"> ({section.publishedCount} published)</span> : null}
                </td>
                <td data-label="Licensing">{section.defaultLicensingPolicy ? POLICY_LABELS[section.defaultLicensingPolicy] : <span class="admin-sub">Site default</span>}</td>
                <td class="taxonomy-move">
                  <MoveButton id={section.id} csrf={props.csrf} direction="up" name={section.name} disabled={index === 0} />
                  <MoveButton id={section.id} csrf={props.csrf} direction="down" name={section.name} disabled={index === sections.length - 1} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function MoveButton(props: { id: number; csrf: string; direction: 'up' | 'down'; name: string; disabled: boolean }) {
  const label = props.direction === 'up' ? 'Up' : 'Down';
  return (
    <form method="post" action={`/admin/sections/${props.id}/move`} class="admin-inline-form">
      <Csrf token={props.csrf} />
      <input type="hidden" name="direction" value={props.direction} />
      <button type="submit" disabled={props.disabled} aria-label={`Move ${props.name} ${props.direction}`}>
        {props.direction === 'up' ? '↑' : '↓'} {label}
      </button>
    </form>
  );
}

/** The form to create a section (no `section`) or edit one. */
export function SectionFormView(props: { section: SectionSummary | null; values: SectionFormValues; csrf: string; problems: string[]; notice: string | null }) {
  const { section, values } = props;
  return (
    <>
      <p>
        <a href="/admin/sections">← All sections</a>
      </p>
      <Notice text={props.notice} />
      <FormErrors problems={props.problems} />
      {section ? (
        <p class="admin-lede">
          {countOf(section.articleCount, 'article')}
          {section.articleCount > section.publishedCount ? ` (${section.publishedCount} published)` : ''} · <a href={sectionUrl('en', section.slug)}>View the public page</a>
        </p>
      ) : null}
      <form method="post" action={section ? `/admin/sections/${section.id}` : '/admin/sections'} class="admin-form taxonomy-form">
        <Csrf token={props.csrf} />
        <label>
          Name
          <input name="name" required maxlength={80} value={values.name} autocomplete="off" />
        </label>
        <SlugField value={values.slug} publicPath={section ? sectionUrl('en', section.slug) : null} example="middle-east" />
        <TextArea name="description" label="Description" value={values.description} maxlength={500} hint="Shown at the top of the section page and to search engines." />
        <fieldset class="taxonomy-fieldset">
          <legend>Names in other editions</legend>
          <p class="hint">Leave empty to show the English name.</p>
          <label>
            Arabic name
            <input name="nameAr" lang="ar" dir="rtl" maxlength={80} value={values.nameAr} autocomplete="off" />
          </label>
          <label>
            French name
            <input name="nameFr" lang="fr" maxlength={80} value={values.nameFr} autocomplete="off" />
          </label>
        </fieldset>
        <label>
          Default licensing policy
          <span class="hint">Applies to this section's articles that do not set their own.</span>
          <select name="defaultLicensingPolicy">
            {POLICY_CHOICES.map(([value, label]) => (
              <option value={value} selected={value === values.defaultLicensingPolicy}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{section ? 'Save section' : 'Create section'}</button>
      </form>
      {section ? (
        <DeleteBox
          action={`/admin/sections/${section.id}/delete`}
          csrf={props.csrf}
          noun="section"
          blockedBecause={section.articleCount > 0 ? `It cannot be deleted while ${articleUse(section.articleCount, section.publishedCount, SECTION_USE)} it: move them to another section first.` : null}
          consequence="No article uses this section. Deleting it removes it from the navigation; its public address will show “not found”."
        />
      ) : null}
    </>
  );
}
