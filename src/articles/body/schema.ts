// Validation for stored article bodies. Anything that reaches the database or the
// renderer has passed through here, so the rules are an allow-list: unknown node
// and mark types are errors, while unknown attributes (TipTap adds some, such as a
// link's target and rel) are dropped, because the renderer decides those itself.

import { z } from 'zod';
import { BODY_LIMITS, EMBED_PROVIDERS } from './document.ts';
import type { BlockNode, BodyDocument, InlineNode, ListItemNode, Mark } from './document.ts';
import { findLimitProblem } from './limits.ts';
import { embedUrlProblem, hrefProblem } from './url.ts';

const MAX_URL_LENGTH = 8_192;
const MAX_ATTRIBUTE_LENGTH = 10_000;
const MAX_REPORTED_ERRORS = 50;

const BLOCK_TYPES = [
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'horizontalRule',
  'pullQuote',
  'imageBlock',
  'embed',
  'relatedLink',
];
const INLINE_TYPES = ['text', 'hardBreak'];

// PostgreSQL's jsonb cannot store U+0000, so it is refused up front rather than at save time.
function boundedString(label: string, max: number) {
  return z
    .string({ error: `${label} must be a string` })
    .max(max, `${label} is longer than ${max} characters`)
    .refine((value) => !value.includes('\u0000'), `${label} must not contain NUL characters`);
}

const hrefSchema = z
  .string({ error: 'link must be a string' })
  .trim()
  .max(MAX_URL_LENGTH, `link is longer than ${MAX_URL_LENGTH} characters`)
  .superRefine((href, ctx) => {
    const problem = hrefProblem(href);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

const positiveId = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .positive(`${label} must be positive`);

function typeOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'type' in input ? input.type : undefined;
}

function describeType(type: unknown): string {
  return typeof type === 'string' ? `"${type}"` : 'missing';
}

const simpleMark = <T extends string>(type: T) => z.object({ type: z.literal(type) });

const markSchema: z.ZodType<Mark, unknown> = z.discriminatedUnion(
  'type',
  [
    simpleMark('bold'),
    simpleMark('italic'),
    simpleMark('underline'),
    simpleMark('strike'),
    simpleMark('code'),
    simpleMark('subscript'),
    simpleMark('superscript'),
    z.object({ type: z.literal('link'), attrs: z.object({ href: hrefSchema }) }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown mark type ${describeType(typeOf(issue.input))}` : 'expected a mark object',
  },
);

const marksSchema = z.array(markSchema).superRefine((marks, ctx) => {
  const seen = new Set<string>();
  marks.forEach((mark, index) => {
    if (seen.has(mark.type)) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate "${mark.type}" mark` });
    seen.add(mark.type);
  });
});

const inlineSchema: z.ZodType<InlineNode, unknown> = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('text'),
      text: boundedString('text', BODY_LIMITS.maxTextLength).min(1, 'text must not be empty'),
      marks: marksSchema.optional(),
    }),
    z.object({ type: z.literal('hardBreak'), marks: marksSchema.optional() }),
  ],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return 'expected an inline node object';
      const type = typeOf(issue.input);
      return BLOCK_TYPES.includes(String(type))
        ? `block node ${describeType(type)} is not allowed in inline content`
        : `unknown inline node type ${describeType(type)}`;
    },
  },
);

const inlineContent = z.array(inlineSchema).optional();

// Declared before the union so nested nodes can refer to it; z.lazy defers the lookup.
const blockSchema: z.ZodType<BlockNode, unknown> = z.lazy(() => blockUnion);
const blockContent = z.array(blockSchema).min(1, 'must contain at least one block');

const listItemSchema: z.ZodType<ListItemNode, unknown> = z.object({
  type: z.literal('listItem', { error: 'lists may only contain listItem nodes' }),
  content: blockContent,
});
const listContent = z.array(listItemSchema).min(1, 'a list must contain at least one item');

const nullableText = (label: string) => boundedString(label, MAX_ATTRIBUTE_LENGTH).nullable().default(null);

const embedAttrs = z
  .object({
    provider: z.enum(EMBED_PROVIDERS, { error: `embed provider must be one of ${EMBED_PROVIDERS.join(', ')}` }),
    url: z
      .string({ error: 'embed URL must be a string' })
      .trim()
      .max(MAX_URL_LENGTH, `embed URL is longer than ${MAX_URL_LENGTH} characters`),
    title: nullableText('embed title'),
  })
  .superRefine((attrs, ctx) => {
    const problem = embedUrlProblem(attrs.provider, attrs.url);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
  });

const relatedLinkAttrs = z
  .object({
    articleId: positiveId('article id').nullable().default(null),
    href: hrefSchema.nullable().default(null),
    title: boundedString('related link title', MAX_ATTRIBUTE_LENGTH),
  })
  .refine((attrs) => attrs.articleId !== null || attrs.href !== null, 'a related link needs an articleId or an href');

const blockUnion = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('paragraph'), content: inlineContent }),
    z.object({
      type: z.literal('heading'),
      attrs: z.object({
        level: z.literal([2, 3, 4], { error: 'heading level must be 2, 3 or 4 (the page headline is the only h1)' }),
      }),
      content: inlineContent,
    }),
    z.object({ type: z.literal('blockquote'), content: blockContent }),
    z.object({ type: z.literal('bulletList'), content: listContent }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z
        .object({ start: z.number().int('list start must be a whole number').min(0).max(1_000_000).optional() })
        .optional(),
      content: listContent,
    }),
    z.object({ type: z.literal('horizontalRule') }),
    z.object({
      type: z.literal('pullQuote'),
      attrs: z.object({ attribution: nullableText('attribution') }).default({ attribution: null }),
      content: inlineContent,
    }),
    z.object({
      type: z.literal('imageBlock'),
      attrs: z.object({
        imageId: positiveId('image id'),
        caption: nullableText('caption'),
        credit: nullableText('credit'),
        alt: nullableText('alt text'),
      }),
    }),
    z.object({ type: z.literal('embed'), attrs: embedAttrs }),
    z.object({ type: z.literal('relatedLink'), attrs: relatedLinkAttrs }),
  ],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return 'expected a block node object';
      const type = typeOf(issue.input);
      if (INLINE_TYPES.includes(String(type))) return `inline node ${describeType(type)} must be inside a paragraph`;
      if (type === 'listItem') return 'listItem is only allowed inside bulletList or orderedList';
      return `unknown block node type ${describeType(type)}`;
    },
  },
);

/** Zod schema for a stored article body, size limits included; safe to nest in other schemas. */
export const bodyDocumentSchema: z.ZodType<BodyDocument, unknown> = z
  .unknown()
  .superRefine((input, ctx) => {
    const problem = findLimitProblem(input);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  })
  .pipe(
    z.object(
      {
        type: z.literal('doc', { error: 'document type must be "doc"' }),
        content: z.array(blockSchema, { error: 'document content must be an array' }),
      },
      { error: 'a body document must be an object' },
    ),
  );

/** Outcome of parseBodyDocument: the validated document, or readable path-bearing errors. */
export type BodyParseResult = { ok: true; doc: BodyDocument } | { ok: false; errors: string[] };

/** Validates untrusted input as an article body. */
export function parseBodyDocument(input: unknown): BodyParseResult {
  const result = bodyDocumentSchema.safeParse(input);
  if (result.success) return { ok: true, doc: result.data };
  return { ok: false, errors: formatIssues(result.error.issues) };
}

/** Turns zod issues into `path: message` lines, capped so a hostile document cannot flood a response. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_REPORTED_ERRORS).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (issues.length > MAX_REPORTED_ERRORS) lines.push(`…and ${issues.length - MAX_REPORTED_ERRORS} more problems`);
  return lines;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'document' : out;
}
