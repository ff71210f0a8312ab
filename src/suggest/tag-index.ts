/**
 * The newsroom's existing tags, ready for matching: by name and every alias (Arabic ones
 * included, normalised), as phrases to find in text, and countries by ISO code. Loaded
 * from the database in one query; the CLI builds it once per run, a save once per save.
 */
import type { Kysely } from 'kysely';
import type { Database, TagRow } from '../db/schema.ts';
import { parseStringList } from '../shared/json.ts';
import { nameKey } from './normalise.ts';
import { PhraseMatcher, caseRuleFor } from './phrases.ts';
import type { PhraseHit, Token } from './phrases.ts';

/** A tag kind. */
export type TagKind = TagRow['kind'];

/** A tag as matching needs it. */
export interface IndexedTag {
  id: number;
  kind: TagKind;
  name: string;
  aliases: string[];
  /** ISO code, for countries. */
  countryCode: string | null;
  /** The country a place belongs to. */
  parentId: number | null;
}

/** What a phrase in the text matched. */
export interface TagMatch {
  tag: IndexedTag;
  /** The alias that matched, or null for the name. */
  alias: string | null;
  /** For names written with a qualifier ("Tripoli (Lebanon)"): the qualifier, which the article must bear out. */
  qualifier: string | null;
}

const QUALIFIED = /^(.*?)\s*\(([^)]+)\)\s*$/;

/** The newsroom's tags, indexed. */
export class TagIndex {
  readonly #byId = new Map<number, IndexedTag>();
  readonly #byKey = new Map<string, IndexedTag[]>();
  readonly #countries = new Map<string, IndexedTag>();
  readonly #matcher = new PhraseMatcher<TagMatch>([]);

  constructor(tags: Iterable<IndexedTag>) {
    for (const tag of tags) {
      this.#byId.set(tag.id, tag);
      if (tag.kind === 'country' && tag.countryCode) this.#countries.set(tag.countryCode.toUpperCase(), tag);
      const isProper = tag.kind !== 'topic';
      for (const [text, alias] of [[tag.name, null] as const, ...tag.aliases.map((alias) => [alias, alias] as const)]) {
        const qualified = QUALIFIED.exec(text);
        const bare = qualified?.[1] ?? text;
        const key = nameKey(bare);
        if (key === '') continue;
        // A qualified name ("Tripoli (Lebanon)") is found in text only where the article bears the qualifier out (analyse.ts).
        if (!qualified) {
          const list = this.#byKey.get(key) ?? [];
          if (!list.includes(tag)) list.push(tag);
          this.#byKey.set(key, list);
        }
        this.#matcher.add({ text: bare, value: { tag, alias, qualifier: qualified?.[2] ?? null }, rule: caseRuleFor(bare, isProper) });
      }
    }
  }

  /** A tag by id. */
  byId(id: number): IndexedTag | undefined {
    return this.#byId.get(id);
  }

  /** Tags whose name or an alias has this key (see `nameKey`); qualified names are left out. */
  withKey(key: string): readonly IndexedTag[] {
    return this.#byKey.get(key) ?? [];
  }

  /** The country tag of an ISO code. */
  countryTag(code: string): IndexedTag | undefined {
    return this.#countries.get(code.toUpperCase());
  }

  /** Every place where a tag's name or alias appears in the tokens. */
  find(tokens: readonly Token[], text: string): PhraseHit<TagMatch>[] {
    return this.#matcher.find(tokens, text);
  }
}

/** Loads every tag into an index. */
export async function loadTagIndex(db: Kysely<Database>): Promise<TagIndex> {
  const rows = await db.selectFrom('tags').select(['id', 'kind', 'name', 'aliases', 'country_code', 'parent_id']).execute();
  return new TagIndex(
    rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      name: row.name,
      aliases: parseStringList(row.aliases),
      countryCode: row.country_code,
      parentId: row.parent_id === null ? null : Number(row.parent_id),
    })),
  );
}
