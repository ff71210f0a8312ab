/**
 * A count-bounded LRU of values that are valid for one content generation, for data
 * that several renderings share: the assembled data of an article page serves the
 * cached public page, previews, and pages rendered per request (signed-in staff, or
 * any reader when the page cache is off or has evicted the page).
 */

interface Entry<T> {
  generation: number;
  value: Promise<T>;
}

/** Memoises async loads per key and generation. */
export class GenerationCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(readonly capacity: number) {}

  /** The value for a key at a generation, loading it when absent or stale; failed loads are not kept. */
  get(key: string, generation: number, load: () => Promise<T>): Promise<T> {
    if (this.capacity <= 0) return load();
    const entry = this.#entries.get(key);
    if (entry && entry.generation === generation) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.value;
    }
    const value = load();
    this.#entries.set(key, { generation, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }
}
