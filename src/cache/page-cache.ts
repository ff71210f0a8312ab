/**
 * In-process cache of rendered public pages, bounded by bytes (least recently used
 * goes first). Entries remember the content generation they were rendered at and are
 * ignored once the generation has moved on, so a change is never served stale.
 */

/** A rendered page ready to be written to the socket. */
export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  lastModified: string;
  cacheControl: string;
  generation: number;
  /** Extra headers that belong to the page (e.g. Content-Language, Link). */
  headers: Record<string, string>;
}

/** Size-bounded LRU of rendered pages keyed by request path and query. */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** Whether the cache holds anything at all (size 0 turns it off). */
  get isEnabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Bytes currently held. */
  get size(): number {
    return this.#bytes;
  }

  /** The page for a key if it was rendered at this generation. */
  get(key: string, generation: number): CachedPage | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== generation) {
      this.#delete(key, entry);
      return undefined;
    }
    // Re-insert so Map order tracks recency.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Stores a page, evicting the least recently used ones to stay within maxBytes. */
  set(key: string, page: CachedPage): void {
    const cost = page.body.byteLength + key.length * 2 + 512;
    if (!this.isEnabled || cost > this.maxBytes / 8) return;
    const existing = this.#entries.get(key);
    if (existing) this.#delete(key, existing);
    this.#entries.set(key, page);
    this.#bytes += cost;
    for (const [oldKey, oldEntry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#delete(oldKey, oldEntry);
    }
  }

  /** Drops everything. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #delete(key: string, entry: CachedPage): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength + key.length * 2 + 512;
  }
}
