/** Validation of an image's editorial fields: alt text, caption, credit and distribution rights. */
import { z } from 'zod';

/** Longest accepted value of each text field, in characters. */
export const IMAGE_FIELD_LIMITS = { alt: 1000, caption: 2000, credit: 200, creditOrganisation: 200 } as const;

/** Makes a value one line: pasted wire captions bring line breaks and control characters. */
export function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function line(max: number) {
  return z.string().overwrite(oneLine).max(max, `is longer than ${max} characters`);
}

// An empty caption or credit is no caption or credit: stored as null, never as ''.
function optionalLine(max: number) {
  return line(max)
    .nullable()
    .transform((value) => (value === '' ? null : value));
}

const TRUE_WORDS = ['on', 'true', '1', 'yes'] as const;
const FALSE_WORDS = ['', 'off', 'false', '0', 'no'] as const;

// An HTML checkbox sends "on" when ticked and nothing at all when not.
const formBoolean = z
  .enum([...TRUE_WORDS, ...FALSE_WORDS], { error: 'must be true or false' })
  .transform((value) => (TRUE_WORDS as readonly string[]).includes(value));

/** `PATCH /admin/api/media/:id`: any subset of the editorial fields. */
export const imageMetadataPatchSchema = z.strictObject({
  alt: line(IMAGE_FIELD_LIMITS.alt).optional(),
  caption: optionalLine(IMAGE_FIELD_LIMITS.caption).optional(),
  credit: optionalLine(IMAGE_FIELD_LIMITS.credit).optional(),
  creditOrganisation: optionalLine(IMAGE_FIELD_LIMITS.creditOrganisation).optional(),
  canDistribute: z.boolean().optional(),
});

/** A validated metadata change. */
export type ImageMetadataPatch = z.output<typeof imageMetadataPatchSchema>;

/**
 * The editorial fields as a form sends them (the upload's multipart fields, the edit page):
 * all text, every field present or defaulted. Distribution defaults to "not distributable",
 * the safe mistake for a wire photo.
 */
export const imageFormFieldsSchema = z.object({
  alt: line(IMAGE_FIELD_LIMITS.alt).default(''),
  caption: optionalLine(IMAGE_FIELD_LIMITS.caption).default(null),
  credit: optionalLine(IMAGE_FIELD_LIMITS.credit).default(null),
  creditOrganisation: optionalLine(IMAGE_FIELD_LIMITS.creditOrganisation).default(null),
  canDistribute: formBoolean.default(false),
});

/** The names of the editorial form fields, for picking them out of a parsed body. */
export const IMAGE_FORM_FIELDS = ['alt', 'caption', 'credit', 'creditOrganisation', 'canDistribute'] as const;

/** The editorial fields of a parsed form body; absent ones are left out so defaults apply. */
export function pickImageFormFields(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(IMAGE_FORM_FIELDS.filter((name) => form[name] !== undefined).map((name) => [name, form[name]]));
}
