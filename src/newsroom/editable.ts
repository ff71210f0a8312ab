/**
 * The article as the newsroom edits it: the fields the editor sends on every save, and
 * the whole editable article the Admin API returns. Shared by the API, the editor page
 * and (as types only) the browser island, so all three agree on one shape.
 *
 * Drafts may be incomplete (an empty headline, no author yet); the complete rules of
 * `articleInputSchema` apply when an article is submitted, scheduled or published.
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../articles/article-types.ts';
import { sourceSchema } from '../articles/article-input.ts';
import type { BodyDocument } from '../articles/body/document.ts';
import type { ArticleStatus, LicensingPolicy } from '../db/schema.ts';
import { LANGUAGES } from '../i18n/languages.ts';

const languageCodes = Object.keys(LANGUAGES) as [keyof typeof LANGUAGES, ...(keyof typeof LANGUAGES)[]];
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));

/** What the editor sends on every save (all fields, every time: a save is a whole version). */
export const editableFieldsSchema = z.object({
  slug: z
    .string()
    .trim()
    .max(120, 'is longer than 120 characters')
    .regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/, 'may hold only lowercase letters, digits and single hyphens'),
  language: z.enum(languageCodes),
  headline: z.string().trim().max(300, 'is longer than 300 characters'),
  standfirst: z.string().trim().max(600, 'is longer than 600 characters'),
  type: z.enum(ARTICLE_TYPES),
  sectionId: z.number().int().positive(),
  authorIds: z.array(z.number().int().positive()).max(20),
  byline: optionalText(200),
  dateline: optionalText(100),
  /** The TipTap/ProseMirror document; checked by the body schema before it is stored. */
  body: z.unknown(),
  heroImageId: z.number().int().positive().nullable(),
  heroCaption: optionalText(1000),
  heroCredit: optionalText(300),
  heroAlt: optionalText(1000),
  sources: z.array(sourceSchema).max(50),
  tagIds: z.array(z.number().int().positive()).max(60),
  licensingPolicy: z.enum(['paid', 'cc', 'none']).nullable(),
  seoTitle: optionalText(200),
  seoDescription: optionalText(400),
});

/** Validated editable fields (body still unchecked). */
export type EditableFields = z.output<typeof editableFieldsSchema>;
/** Editable fields as sent by a client. */
export type EditableFieldsInput = z.input<typeof editableFieldsSchema>;

/** `PUT /admin/api/articles/:id`: a save. */
export const saveRequestSchema = z.object({
  /** The `revision` the client's version was based on; a stale one is refused (409). */
  baseRevision: z.number().int().positive(),
  /** A save made by the editor while typing (coalesced in the history; never changes a live article). */
  autosave: z.boolean().default(false),
  /** For published articles: a typo fix that does not change the public "Updated" time / dateModified. */
  minorEdit: z.boolean().default(false),
  /**
   * The revision this editor's previous autosave made: a new autosave may replace it (so
   * typing does not fill the history), but never another session's autosave.
   */
  foldInto: z.number().int().positive().optional(),
  fields: editableFieldsSchema,
});

/** A workflow step, `POST /admin/api/articles/:id/workflow`. */
export const workflowRequestSchema = z.object({
  action: z.enum(['submit', 'send_back', 'approve', 'publish', 'schedule', 'unschedule', 'unpublish', 'assign']),
  baseRevision: z.number().int().positive(),
  /** Required for send_back; optional otherwise (shown in the activity history). */
  note: z.string().trim().max(2000).optional(),
  /** For schedule (and approve with a time): ISO-8601 time in the future. */
  at: z.string().max(40).optional(),
  /** For assign (and submit): the editor who should look at it; null clears. */
  assigneeId: z.number().int().positive().nullable().optional(),
});

/** A correction note, `POST /admin/api/articles/:id/corrections`. */
export const correctionRequestSchema = z.object({
  kind: z.enum(['correction', 'update', 'clarification']),
  body: z.string().trim().min(1, 'is required').max(5000, 'is longer than 5000 characters'),
});

/** The article as the Admin API returns it. */
export interface EditableArticle {
  id: number;
  revision: number;
  status: ArticleStatus;
  fields: Omit<EditableFields, 'body' | 'licensingPolicy'> & { body: BodyDocument; licensingPolicy: LicensingPolicy | null };
  translationGroup: string | null;
  translations: { id: number; language: string; headline: string; status: ArticleStatus }[];
  createdBy: number | null;
  assigneeId: number | null;
  scheduledAt: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  modifiedAt: string;
  wordCount: number;
  readingMinutes: number;
  corrections: { id: number; kind: string; body: string; createdAt: string }[];
  /** The public address (live only when published). */
  url: string;
  previewUrl: string;
  /**
   * For a published article: changes the signed-in user autosaved after the live version
   * (kept as a revision, not yet live), so the editor can offer to bring them back.
   */
  pendingAutosave: { revisionId: number; savedAt: string } | null;
  /** What the signed-in user may do with it now. */
  permissions: { edit: boolean; submit: boolean; review: boolean; publish: boolean; assign: boolean; correct: boolean; delete: boolean };
}

/** Error bodies of the Admin API. */
export type ApiError =
  | { error: 'validation'; message: string; problems: string[] }
  | { error: 'conflict'; message: string; current: EditableArticle; keptRevisionId: number }
  | { error: 'forbidden' | 'not_found' | 'csrf' | 'unauthenticated' | 'bad_request' | 'too_large' | 'rate_limited'; message: string };
