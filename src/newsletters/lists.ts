/**
 * The newsletters themselves (lists) and their article-page promo rules: validation,
 * listing with subscriber counts, create, edit, delete. Lists and rules are shown on public
 * pages (/newsletters, the promo on every article), so every change goes through
 * `changeContent` (cached pages are dropped) and into the audit log.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.ts';
import type { ActingContext } from '../accounts/user-management.ts';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import type { NewsletterPromoRulesTable, NewslettersTable } from '../db/schema-newsletters.ts';
import { LANGUAGES, isLanguageCode } from '../i18n/languages.ts';
import { hasControlCharacters, isPlausibleAddress } from '../mail/address.ts';
import { isoNow } from '../shared/time.ts';
import { ValidationError, parseOrThrow } from '../shared/validation.ts';
import { refusingDuplicates } from '../taxonomy/common.ts';

/** A stored newsletter. */
export type Newsletter = Selectable<NewslettersTable>;

/** A stored promo rule. */
export type PromoRule = Selectable<NewsletterPromoRulesTable>;

/** A list with how many readers it has, for the admin's index. */
export interface NewsletterSummary extends Newsletter {
  confirmed: number;
  pending: number;
}

/** A list that does not exist (answered with 404). */
export class NewsletterNotFoundError extends Error {
  constructor(message = 'No newsletter has that number.') {
    super(message);
    this.name = 'NewsletterNotFoundError';
  }
}

/** Longest slug of a list. */
export const NEWSLETTER_SLUG_MAX = 60;

/**
 * Slugs a list may not take: they are path segments of the newsletter pages themselves
 * (`/newsletters/confirm/…`), so a list named so would shadow them or be shadowed.
 */
export const RESERVED_NEWSLETTER_SLUGS = new Set(['confirm', 'preferences', 'unsubscribe', 'subscribe', 'embed', 'new', 't', 'o', 'c', 'click', 'open', 'track', 'view', 'issues', 'archive']);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One line of text that may reach a mail header: no CR, LF or other control characters. */
function headerText(max: number, required: boolean) {
  return z
    .string({ error: 'is required' })
    .default('')
    .refine((value) => !hasControlCharacters(value), 'must be one line without line breaks or control characters')
    .transform((value) => value.trim())
    .refine((value) => !required || value !== '', 'is required')
    .refine((value) => value.length <= max, `is longer than ${max} characters`);
}

function address(required: boolean) {
  return z
    .string()
    .default('')
    .refine((value) => !hasControlCharacters(value), 'must be one address without line breaks or control characters')
    .transform((value) => value.trim())
    .refine((value) => (value === '' ? !required : isPlausibleAddress(value)), required ? 'must be one email address like desk@example.org' : 'must be empty or one email address like desk@example.org');
}

/** The fields of the newsletter form, as submitted. */
export const newsletterInputSchema = z.object({
  name: headerText(80, true),
  slug: z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value.length <= NEWSLETTER_SLUG_MAX, `is longer than ${NEWSLETTER_SLUG_MAX} characters`)
    .refine((value) => SLUG_PATTERN.test(value), 'use lowercase letters, digits and single hyphens, like "morning-briefing"')
    .refine((value) => !RESERVED_NEWSLETTER_SLUGS.has(value), 'is a word the newsletter pages use themselves; choose another'),
  description: z.string().default('').transform((value) => value.trim()).pipe(z.string().max(500, 'is longer than 500 characters')),
  cadence: headerText(60, false),
  senderName: headerText(80, true),
  senderAddress: address(true),
  replyTo: address(false),
  language: z.string().default('').refine(isLanguageCode, `choose one of: ${Object.keys(LANGUAGES).join(', ')}`),
  visibility: z.enum(['public', 'private'], { error: 'choose public or private' }),
  position: z
    .string()
    .default('0')
    .transform((value) => value.trim() || '0')
    .refine((value) => /^-?[0-9]{1,4}$/.test(value), 'must be a whole number between -9999 and 9999')
    .transform(Number),
  trackOpens: z
    .string()
    .optional()
    .transform((value) => (value === '1' || value === 'on' ? 1 : 0)),
});

/** What the newsletter form holds. */
export type NewsletterInput = z.output<typeof newsletterInputSchema>;

/** The fields of the form, by their form names. */
export const NEWSLETTER_FIELDS = ['name', 'slug', 'description', 'cadence', 'senderName', 'senderAddress', 'replyTo', 'language', 'visibility', 'position', 'trackOpens'] as const;

function rowValues(input: NewsletterInput) {
  return {
    slug: input.slug,
    name: input.name,
    description: input.description,
    cadence: input.cadence,
    sender_name: input.senderName,
    sender_address: input.senderAddress,
    reply_to: input.replyTo === '' ? null : input.replyTo,
    language: input.language,
    visibility: input.visibility,
    position: input.position,
    track_opens: input.trackOpens,
  };
}

/** Every list in display order, with confirmed and pending counts (one grouped query). */
export async function listNewsletters(db: Kysely<Database>): Promise<NewsletterSummary[]> {
  const [lists, counts] = await Promise.all([
    db.selectFrom('newsletters').selectAll().orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('subscriptions')
      .select(['newsletter_id', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('status', 'in', ['confirmed', 'pending'])
      .groupBy(['newsletter_id', 'status'])
      .execute(),
  ]);
  const countOf = (id: number, status: string) => Number(counts.find((row) => row.newsletter_id === id && row.status === status)?.count ?? 0);
  return lists.map((list) => ({ ...list, confirmed: countOf(list.id, 'confirmed'), pending: countOf(list.id, 'pending') }));
}

/** One list, or null. */
export async function getNewsletter(db: Kysely<Database> | Transaction<Database>, id: number): Promise<Newsletter | null> {
  return (await db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** A public list by its slug, or null (private lists have no public pages). */
export async function publicNewsletterBySlug(db: Kysely<Database>, slug: string): Promise<Newsletter | null> {
  return (await db.selectFrom('newsletters').selectAll().where('slug', '=', slug).where('visibility', '=', 'public').executeTakeFirst()) ?? null;
}

/**
 * Lists with those in `language` first, then the others; each group keeps its order. Readers
 * of an edition see the lists in their language at the top, and every other list after them.
 */
export function inLanguageFirst<T extends { language: string }>(lists: readonly T[], language: string): T[] {
  return [...lists.filter((list) => list.language === language), ...lists.filter((list) => list.language !== language)];
}

/** Every public list in display order (position, then id); those in `languageFirst` first when given. */
export async function publicNewsletters(db: Kysely<Database>, languageFirst?: string): Promise<Newsletter[]> {
  const lists = await db.selectFrom('newsletters').selectAll().where('visibility', '=', 'public').orderBy('position').orderBy('id').execute();
  return languageFirst ? inLanguageFirst(lists, languageFirst) : lists;
}

function duplicateSlug<T>(work: () => Promise<T>): Promise<T> {
  return refusingDuplicates('slug: another newsletter already uses this slug; choose another', work);
}

async function checkSlugFree(trx: Transaction<Database>, slug: string, ownId: number | null): Promise<void> {
  const holder = await trx.selectFrom('newsletters').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  if (holder && holder.id !== ownId) throw new ValidationError([`slug: "${slug}" is already used by the newsletter "${holder.name}"`]);
}

/** Creates a list; returns its id. Nothing is written when a field is refused (ValidationError). */
export async function createNewsletter(db: Kysely<Database>, acting: ActingContext, form: unknown): Promise<number> {
  const input = parseOrThrow(newsletterInputSchema, form);
  return duplicateSlug(() =>
    changeContent(db, async (trx) => {
      await checkSlugFree(trx, input.slug, null);
      const now = isoNow();
      const { id } = await trx
        .insertInto('newsletters')
        .values({ ...rowValues(input), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'newsletter.created', subjectType: 'newsletter', subjectId: id, details: { slug: input.slug, name: input.name }, ip: acting.ip });
      return Number(id);
    }),
  );
}

/** Saves a list's settings; the audit entry names the fields that changed. */
export async function updateNewsletter(db: Kysely<Database>, acting: ActingContext, id: number, form: unknown): Promise<void> {
  const input = parseOrThrow(newsletterInputSchema, form);
  await duplicateSlug(() =>
    changeContent(db, async (trx) => {
      const before = await getNewsletter(trx, id);
      if (!before) throw new NewsletterNotFoundError();
      await checkSlugFree(trx, input.slug, id);
      const values = rowValues(input);
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== before[key]);
      await trx.updateTable('newsletters').set({ ...values, updated_at: isoNow() }).where('id', '=', id).execute();
      await recordAudit(trx, { actorUserId: acting.actor.id, action: 'newsletter.updated', subjectType: 'newsletter', subjectId: id, details: { fields: changed }, ip: acting.ip });
    }),
  );
}

/** Why a list cannot be deleted (it has readers or issues), or null when it can. */
export async function deletionBlocker(db: Kysely<Database>, id: number): Promise<string | null> {
  const readers = await db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number | string>().as('count')).where('newsletter_id', '=', id).where('status', 'in', ['confirmed', 'pending']).executeTakeFirst();
  const issues = await db.selectFrom('newsletter_issues').select((eb) => eb.fn.countAll<number | string>().as('count')).where('newsletter_id', '=', id).executeTakeFirst();
  const readerCount = Number(readers?.count ?? 0);
  const issueCount = Number(issues?.count ?? 0);
  if (readerCount === 0 && issueCount === 0) return null;
  return `This newsletter has ${readerCount} subscribed or pending reader${readerCount === 1 ? '' : 's'} and ${issueCount} issue${issueCount === 1 ? '' : 's'}. Make it private to take it off the site instead; only a list with neither can be deleted.`;
}

/** Deletes a list without readers or issues (its rules and history go with it). */
export async function deleteNewsletter(db: Kysely<Database>, acting: ActingContext, id: number): Promise<void> {
  const blocker = await deletionBlocker(db, id);
  if (blocker) throw new ValidationError([blocker]);
  await changeContent(db, async (trx) => {
    const before = await getNewsletter(trx, id);
    if (!before) throw new NewsletterNotFoundError();
    await trx.deleteFrom('newsletters').where('id', '=', id).execute();
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'newsletter.deleted', subjectType: 'newsletter', subjectId: id, details: { slug: before.slug, name: before.name }, ip: acting.ip });
  });
}

// --- Promo rules ---------------------------------------------------------------

/** Kinds of promo rule, most specific first. */
export const PROMO_RULE_KINDS = ['tag', 'section', 'language', 'default'] as const;

/** The fields of the "add a rule" forms. */
export const promoRuleInputSchema = z
  .object({
    kind: z.enum(PROMO_RULE_KINDS, { error: 'choose tag, section, language or default' }),
    value: z.string().default('').transform((value) => value.trim()),
    priority: z
      .string()
      .default('0')
      .transform((value) => value.trim() || '0')
      .refine((value) => /^-?[0-9]{1,4}$/.test(value), 'must be a whole number between -9999 and 9999')
      .transform(Number),
  })
  .superRefine((rule, context) => {
    if (rule.kind === 'default' && rule.value !== '') context.addIssue({ code: 'custom', path: ['value'], message: 'must be empty for the default rule' });
    if (rule.kind === 'language' && !isLanguageCode(rule.value)) context.addIssue({ code: 'custom', path: ['value'], message: `choose one of: ${Object.keys(LANGUAGES).join(', ')}` });
    if ((rule.kind === 'section' || rule.kind === 'tag') && rule.value === '') context.addIssue({ code: 'custom', path: ['value'], message: `choose a ${rule.kind}` });
    if (rule.value.length > 120) context.addIssue({ code: 'custom', path: ['value'], message: 'is longer than 120 characters' });
  });

/** A rule as the admin shows it: what it matches, in words. */
export interface PromoRuleView extends PromoRule {
  label: string;
}

/** The rules of a list, most specific first, with readable labels (section and tag names). */
export async function rulesOf(db: Kysely<Database>, newsletterId: number): Promise<PromoRuleView[]> {
  const rules = await db.selectFrom('newsletter_promo_rules').selectAll().where('newsletter_id', '=', newsletterId).orderBy('priority', 'desc').orderBy('id').execute();
  const ids = (kind: string) => rules.filter((rule) => rule.kind === kind && /^[0-9]{1,15}$/.test(rule.value ?? '')).map((rule) => Number(rule.value));
  const sectionIds = ids('section');
  const tagIds = ids('tag');
  const sections = sectionIds.length > 0 ? await db.selectFrom('sections').select(['id', 'name']).where('id', 'in', sectionIds).execute() : [];
  const tags = tagIds.length > 0 ? await db.selectFrom('tags').select(['id', 'name', 'kind']).where('id', 'in', tagIds).execute() : [];
  const label = (rule: PromoRule): string => {
    switch (rule.kind) {
      case 'section':
        return `Articles in the section “${sections.find((s) => String(s.id) === rule.value)?.name ?? `#${rule.value} (deleted)`}”`;
      case 'tag': {
        const tag = tags.find((t) => String(t.id) === rule.value);
        return `Articles tagged “${tag ? `${tag.name}” (${tag.kind})` : `#${rule.value ?? ''}” (deleted)`}`;
      }
      case 'language':
        return `Articles in ${isLanguageCode(rule.value ?? '') ? LANGUAGES[rule.value as keyof typeof LANGUAGES].name : (rule.value ?? '')}`;
      default:
        return 'Any article in the list’s language (default)';
    }
  };
  const order = (rule: PromoRule) => PROMO_RULE_KINDS.indexOf(rule.kind);
  return rules.sort((a, b) => order(a) - order(b) || b.priority - a.priority || a.id - b.id).map((rule) => ({ ...rule, label: label(rule) }));
}

/**
 * Adds a promo rule. A section is chosen by id; a tag may be typed as its slug or name
 * (resolved here to its id, the stable reference).
 */
export async function addPromoRule(db: Kysely<Database>, acting: ActingContext, newsletterId: number, form: unknown): Promise<void> {
  const rule = parseOrThrow(promoRuleInputSchema, form);
  await changeContent(db, async (trx) => {
    if (!(await getNewsletter(trx, newsletterId))) throw new NewsletterNotFoundError();
    let value: string | null = rule.value === '' ? null : rule.value;
    if (rule.kind === 'section') {
      const section = /^[0-9]{1,15}$/.test(rule.value) ? await trx.selectFrom('sections').select('id').where('id', '=', Number(rule.value)).executeTakeFirst() : undefined;
      if (!section) throw new ValidationError(['section: choose one of the listed sections']);
      value = String(section.id);
    }
    if (rule.kind === 'tag') {
      const bySlug = await trx.selectFrom('tags').select('id').where('slug', '=', rule.value.toLowerCase()).orderBy('id').executeTakeFirst();
      const tag = bySlug ?? (await trx.selectFrom('tags').select('id').where('name', '=', rule.value).orderBy('id').executeTakeFirst());
      if (!tag) throw new ValidationError([`tag: no tag has the slug or name “${rule.value}”`]);
      value = String(tag.id);
    }
    const duplicate = await trx
      .selectFrom('newsletter_promo_rules')
      .select('id')
      .where('newsletter_id', '=', newsletterId)
      .where('kind', '=', rule.kind)
      .where((eb) => (value === null ? eb('value', 'is', null) : eb('value', '=', value)))
      .executeTakeFirst();
    if (duplicate) throw new ValidationError(['rule: this newsletter already has that rule; delete it first to change its priority']);
    const { id } = await trx.insertInto('newsletter_promo_rules').values({ newsletter_id: newsletterId, kind: rule.kind, value, priority: rule.priority }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'newsletter.promo_rule_added', subjectType: 'newsletter', subjectId: newsletterId, details: { ruleId: Number(id), kind: rule.kind, value, priority: rule.priority }, ip: acting.ip });
  });
}

/** Deletes one rule of a list (a rule of another list is not found). */
export async function deletePromoRule(db: Kysely<Database>, acting: ActingContext, newsletterId: number, ruleId: number): Promise<void> {
  await changeContent(db, async (trx) => {
    const rule = await trx.selectFrom('newsletter_promo_rules').selectAll().where('id', '=', ruleId).where('newsletter_id', '=', newsletterId).executeTakeFirst();
    if (!rule) throw new NewsletterNotFoundError('This newsletter has no rule with that number.');
    await trx.deleteFrom('newsletter_promo_rules').where('id', '=', ruleId).execute();
    await recordAudit(trx, { actorUserId: acting.actor.id, action: 'newsletter.promo_rule_deleted', subjectType: 'newsletter', subjectId: newsletterId, details: { ruleId, kind: rule.kind, value: rule.value }, ip: acting.ip });
  });
}
