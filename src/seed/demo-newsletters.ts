/**
 * The demo newsroom's newsletters: four lists of The Tamarisk with promo rules on the demo
 * sections and tags, and about forty invented readers (example.org / example.com addresses
 * only) across every status, with histories spread over the past sixty days so the admin's
 * charts have a shape. Deterministic (seeded), so every fresh install looks the same.
 * Run after the sections and tags exist; does nothing when newsletters already exist.
 */
import type { Kysely } from 'kysely';
import { changeContent } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';
import type { NewsletterPromoRulesTable, SubscriptionStatus } from '../db/schema-newsletters.ts';
import { createRng } from './demo/prng.ts';

interface DemoList {
  slug: string;
  name: string;
  description: string;
  cadence: string;
  senderName: string;
  language: string;
  rules: { kind: NewsletterPromoRulesTable['kind']; value: string | null; priority: number }[];
}

const LISTS: DemoList[] = [
  {
    slug: 'daily-briefing',
    name: 'The Daily Briefing',
    description: 'The stories that matter across the Middle East, explained in five minutes before breakfast.',
    cadence: 'Every weekday at 7 a.m. Amman time',
    senderName: 'The Tamarisk Daily Briefing',
    language: 'en',
    rules: [{ kind: 'default', value: null, priority: 0 }],
  },
  {
    slug: 'gulf-dispatch',
    name: 'Gulf Dispatch',
    description: 'Our new regional letter on the Gulf states, Yemen and Iran: energy, diplomacy and the economies in between.',
    cadence: 'Every Tuesday',
    senderName: 'The Tamarisk Gulf Dispatch',
    language: 'en',
    rules: [
      { kind: 'tag', value: 'saudi-arabia', priority: 10 },
      { kind: 'tag', value: 'yemen', priority: 10 },
      { kind: 'tag', value: 'iran', priority: 5 },
      { kind: 'tag', value: 'energy', priority: 0 },
    ],
  },
  {
    slug: 'jordan-letter',
    name: 'The Jordan Letter',
    description: 'Reporting from Amman, Aqaba and Mafraq by our correspondents in the kingdom.',
    cadence: 'Every other Thursday',
    senderName: 'The Tamarisk Jordan Letter',
    language: 'en',
    rules: [
      { kind: 'tag', value: 'jordan', priority: 10 },
      { kind: 'section', value: 'features', priority: 0 },
    ],
  },
  {
    slug: 'arabic-weekly',
    name: 'الطرفاء الأسبوعية',
    description: 'أبرز تقاريرنا وتحليلاتنا بالعربية، مختارة بعناية كل أسبوع.',
    cadence: 'كل يوم جمعة',
    senderName: 'الطرفاء',
    language: 'ar',
    rules: [{ kind: 'language', value: 'ar', priority: 0 }],
  },
];

const FIRST = ['amira', 'omar', 'layla', 'karim', 'nadia', 'samir', 'hana', 'yusuf', 'rania', 'tariq', 'mona', 'fadi', 'salma', 'ziad', 'dina', 'elias', 'noor', 'bassam', 'ines', 'jamal'];
const LAST = ['haddad', 'khoury', 'nasser', 'saleh', 'mansour', 'aziz', 'farah', 'daher', 'rahman', 'bakri'];

/** Seeds the demo newsletters and readers; returns how many of each were written (zeros when already seeded). */
export async function seedDemoNewsletters(db: Kysely<Database>): Promise<{ newsletters: number; subscribers: number }> {
  const existing = await db.selectFrom('newsletters').select('id').limit(1).executeTakeFirst();
  if (existing) return { newsletters: 0, subscribers: 0 };
  const rng = createRng('demo-newsletters');
  const now = Date.now();
  const isoDaysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

  return changeContent(db, async (trx) => {
    const sections = new Map((await trx.selectFrom('sections').select(['id', 'slug']).execute()).map((row) => [row.slug, String(row.id)]));
    const tags = new Map((await trx.selectFrom('tags').select(['id', 'slug']).execute()).map((row) => [row.slug, String(row.id)]));
    const listIds: { id: number; language: string }[] = [];
    for (const [position, list] of LISTS.entries()) {
      const created = isoDaysAgo(90);
      const { id } = await trx
        .insertInto('newsletters')
        .values({
          slug: list.slug, name: list.name, description: list.description, cadence: list.cadence, sender_name: list.senderName,
          sender_address: 'newsletters@tamarisk.example.org', reply_to: 'desk@tamarisk.example.org', language: list.language,
          visibility: 'public', position, track_opens: 0, created_at: created, updated_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      listIds.push({ id: Number(id), language: list.language });
      for (const rule of list.rules) {
        // Rules refer to sections and tags by id; a demo slug that does not exist is skipped.
        const value = rule.kind === 'section' ? sections.get(rule.value ?? '') : rule.kind === 'tag' ? tags.get(rule.value ?? '') : rule.value;
        if ((rule.kind === 'section' || rule.kind === 'tag') && value === undefined) continue;
        await trx.insertInto('newsletter_promo_rules').values({ newsletter_id: Number(id), kind: rule.kind, value: value ?? null, priority: rule.priority }).execute();
      }
    }

    let subscribers = 0;
    for (let index = 0; index < 42; index++) {
      const first = FIRST[index % FIRST.length] ?? 'reader';
      const last = LAST[(index * 7) % LAST.length] ?? 'example';
      const arabic = index % 5 === 0;
      const email = `${first}.${last}${index}@${index % 2 === 0 ? 'example.org' : 'example.com'}`;
      const joinedDaysAgo = rng.range(1, 60);
      const joined = isoDaysAgo(joinedDaysAgo);
      const { id } = await trx
        .insertInto('subscribers')
        .values({ email, name: `${first[0]?.toUpperCase() ?? ''}${first.slice(1)} ${last[0]?.toUpperCase() ?? ''}${last.slice(1)}`, language: arabic ? 'ar' : 'en', created_at: joined, updated_at: joined, link_version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      subscribers += 1;
      const lists = listIds.filter((list) => (arabic ? list.language === 'ar' || rng.chance(0.3) : list.language === 'en' && (list === listIds[0] || rng.chance(0.45))));
      for (const list of lists) {
        const roll = rng.next();
        const status: SubscriptionStatus = roll < 0.68 ? 'confirmed' : roll < 0.8 ? 'pending' : roll < 0.93 ? 'unsubscribed' : roll < 0.97 ? 'bounced' : 'complained';
        const confirmedDaysAgo = Math.max(0, joinedDaysAgo - rng.range(0, 0.5));
        const endedDaysAgo = rng.range(0, confirmedDaysAgo);
        const wasConfirmed = status !== 'pending';
        // Sign-ups still awaiting confirmation are recent ones: older ones are purged (purge-unconfirmed-task.ts).
        const asked = wasConfirmed ? joined : isoDaysAgo(Math.min(joinedDaysAgo, 20));
        await trx
          .insertInto('subscriptions')
          .values({
            subscriber_id: Number(id), newsletter_id: list.id, status, source: rng.chance(0.7) ? 'form' : rng.chance(0.5) ? 'promo' : 'embed', consent: null,
            created_at: asked, confirmed_at: wasConfirmed ? isoDaysAgo(confirmedDaysAgo) : null, updated_at: wasConfirmed && status !== 'confirmed' ? isoDaysAgo(endedDaysAgo) : asked,
          })
          .execute();
        const events: { kind: string; at: string }[] = [{ kind: 'signed_up', at: asked }];
        if (wasConfirmed) events.push({ kind: 'confirmed', at: isoDaysAgo(confirmedDaysAgo) });
        if (status === 'unsubscribed' || status === 'bounced' || status === 'complained') events.push({ kind: status, at: isoDaysAgo(endedDaysAgo) });
        for (const event of events) await trx.insertInto('subscription_events').values({ newsletter_id: list.id, subscriber_id: Number(id), kind: event.kind, issue_id: null, at: event.at }).execute();
      }
    }
    return { newsletters: LISTS.length, subscribers };
  });
}
