/** Validation of article fields as they arrive from the seeder, the CLI or (later) the editor. */
import { z } from 'zod';
import { ARTICLE_TYPES } from './article-types.ts';
import { LANGUAGES } from '../i18n/languages.ts';

const slug = z
  .string()
  .min(1, 'is required')
  .max(120, 'is longer than 120 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'may hold only lowercase letters, digits and single hyphens');

const isoTime = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 UTC time');

/** A source or wire credit shown under the article (page anatomy element 10). */
export const sourceSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['wire', 'newspaper', 'broadcaster', 'official', 'document', 'other']),
  url: z.string().url().max(2000).nullable().default(null),
});

/** A dated correction, update or clarification note. */
export const correctionInputSchema = z.object({
  kind: z.enum(['correction', 'update', 'clarification']),
  body: z.string().trim().min(1, 'is required').max(5000),
  createdAt: isoTime.optional(),
});

/** Everything needed to create an article. */
export const articleInputSchema = z
  .object({
    slug,
    language: z.enum(Object.keys(LANGUAGES) as [keyof typeof LANGUAGES, ...(keyof typeof LANGUAGES)[]]),
    translationGroup: z.string().max(100).nullable().default(null),
    headline: z.string().trim().min(1, 'is required').max(300, 'is longer than 300 characters'),
    standfirst: z.string().trim().max(600, 'is longer than 600 characters').default(''),
    type: z.enum(ARTICLE_TYPES),
    sectionId: z.number().int().positive(),
    authorIds: z.array(z.number().int().positive()).max(20).default([]),
    byline: z.string().trim().max(200).nullable().default(null),
    dateline: z.string().trim().max(100).nullable().default(null),
    body: z.unknown(),
    heroImageId: z.number().int().positive().nullable().default(null),
    heroCaption: z.string().max(1000).nullable().default(null),
    heroCredit: z.string().max(300).nullable().default(null),
    heroAlt: z.string().max(1000).nullable().default(null),
    sources: z.array(sourceSchema).max(50).default([]),
    tagIds: z.array(z.number().int().positive()).max(60).default([]),
    status: z.enum(['draft', 'in_review', 'scheduled', 'published', 'unpublished']).default('draft'),
    publishedAt: isoTime.nullable().default(null),
    updatedAt: isoTime.nullable().default(null),
    licensingPolicy: z.enum(['paid', 'cc', 'none']).nullable().default(null),
    seoTitle: z.string().max(200).nullable().default(null),
    seoDescription: z.string().max(400).nullable().default(null),
    corrections: z.array(correctionInputSchema).max(100).default([]),
  })
  .refine((input) => input.authorIds.length > 0 || (input.byline ?? '').length > 0, {
    message: 'needs at least one author or a desk/agency byline',
    path: ['authorIds'],
  })
  .refine((input) => input.status !== 'published' || input.publishedAt !== null, {
    message: 'is required for a published article',
    path: ['publishedAt'],
  });

/** Validated article input. */
export type ArticleInput = z.output<typeof articleInputSchema>;
/** Article input before defaults are applied. */
export type ArticleInputDraft = z.input<typeof articleInputSchema>;
