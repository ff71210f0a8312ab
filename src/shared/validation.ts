/** Turns validation failures into messages that name the field, for 4xx answers and CLI output. */
import type { z } from 'zod';

/** A rejected input, with one message per problem (`headline: is required`). */
export class ValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ValidationError';
  }
}

/**
 * Names of fields as people read them, by the field's path (`validTo` → "Valid to"): forms
 * pass the labels their page shows, so a refusal never shows an internal name.
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** Formats zod issues as `field: message` lines, with the field's label when one is given. */
export function describeIssues(error: z.ZodError, labels: FieldLabels = {}): string[] {
  return error.issues.map((issue) => {
    if (issue.path.length === 0) return issue.message;
    const path = issue.path.join('.');
    return `${labels[path] ?? path}: ${issue.message}`;
  });
}

/** Parses with a schema or throws ValidationError naming each bad field (by its label when `labels` has one). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, labels: FieldLabels = {}): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(describeIssues(result.error, labels));
  return result.data;
}
