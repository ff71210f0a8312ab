/**
 * Queries on the hottest read paths, written with Kysely as usual but built and
 * compiled once per database instead of on every request. Building and compiling a
 * Kysely query costs more than SQLite takes to run it; a rendered page runs several.
 *
 * The builder receives `param(name)` placeholders: unique marker values that the
 * compiled query carries as ordinary bound parameters. Each run copies the compiled
 * parameters and puts the real values where the markers were. List parameters
 * (`id in (…)`) compile once per list length.
 */
import type { Compilable, Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
import type { Database } from './schema.ts';

const MARKER = '\u0000masthead-param:';

/** Placeholder factories handed to a prepared query's builder. */
export interface ParamFactory<P> {
  /** A scalar parameter. */
  value<K extends keyof P>(name: K): P[K];
  /** A list parameter for `in (…)`; its length is part of the compiled query's identity. */
  list<K extends keyof P>(name: K): P[K];
}

type ListLengths<P> = { [K in keyof P]?: number };

/** A query compiled once per database (and list length), run with new values. */
export interface PreparedQuery<P, R> {
  execute(db: Kysely<Database>, params: P): Promise<R[]>;
  executeTakeFirst(db: Kysely<Database>, params: P): Promise<R | undefined>;
}

interface Compiled {
  query: CompiledQuery;
  /** For each bound parameter: which input and, for lists, which element; null for constants. */
  slots: ({ name: string; index: number | null } | null)[];
}

/** Declares a prepared query. */
export function prepareQuery<P extends Record<string, unknown>, R>(build: (db: Kysely<Database>, param: ParamFactory<P>) => Compilable<R>): PreparedQuery<P, R> {
  const cache = new WeakMap<Kysely<Database>, Map<string, Compiled>>();

  function compile(db: Kysely<Database>, lengths: ListLengths<P>): Compiled {
    const factory: ParamFactory<P> = {
      value: (name) => `${MARKER}${String(name)}:` as P[typeof name],
      list: (name) => Array.from({ length: lengths[name] ?? 0 }, (_, index) => `${MARKER}${String(name)}:${index}`) as P[typeof name],
    };
    const query = build(db, factory).compile();
    const slots = query.parameters.map((parameter) => {
      if (typeof parameter !== 'string' || !parameter.startsWith(MARKER)) return null;
      const [name = '', index = ''] = parameter.slice(MARKER.length).split(':');
      return { name, index: index === '' ? null : Number(index) };
    });
    return { query, slots };
  }

  function bind(db: Kysely<Database>, params: P): CompiledQuery {
    const lengths: ListLengths<P> = {};
    let key = '';
    for (const name in params) {
      const value = params[name];
      if (Array.isArray(value)) {
        lengths[name] = value.length;
        key += `${name}=${value.length};`;
      }
    }
    let perDb = cache.get(db);
    if (!perDb) {
      perDb = new Map();
      cache.set(db, perDb);
    }
    let compiled = perDb.get(key);
    if (!compiled) {
      compiled = compile(db, lengths);
      perDb.set(key, compiled);
    }
    const parameters = compiled.query.parameters.map((constant, position) => {
      const slot = compiled.slots[position];
      if (!slot) return constant;
      const value = params[slot.name];
      return slot.index === null ? value : (value as unknown[])[slot.index];
    });
    return CompiledQuery.raw(compiled.query.sql, parameters);
  }

  return {
    execute: async (db, params) => (await db.executeQuery<R>(bind(db, params))).rows,
    executeTakeFirst: async (db, params) => (await db.executeQuery<R>(bind(db, params))).rows[0],
  };
}
