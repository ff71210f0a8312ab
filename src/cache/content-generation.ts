/**
 * This process's view of the content version, readable synchronously on the hot path.
 * Local changes are seen at once (through onContentChanged); changes made by another
 * process (CLI, a second server) are seen within `maxAgeMs`, when a background re-read
 * of the version row notices them.
 */
import type { Kysely } from 'kysely';
import { onContentChanged, readContentVersion } from '../content/content-version.ts';
import type { Database } from '../db/schema.ts';

/** Tracks a generation number that moves whenever the content version moves. */
export class ContentGeneration {
  #generation = 1;
  #dbVersion = -1;
  #checkedAt = 0;
  #changedAt = new Date(0).toISOString();
  #refreshing: Promise<void> | null = null;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxAgeMs = 250,
  ) {
    // A local change is seen at once; remembering its version stops the next re-read
    // from counting the same change a second time.
    this.#unsubscribe = onContentChanged((version) => {
      this.#generation += 1;
      if (version > this.#dbVersion) this.#dbVersion = version;
      this.#changedAt = new Date().toISOString();
    });
  }

  /** The current generation; starts a background re-read when the last one is old. */
  current(): number {
    if (Date.now() - this.#checkedAt > this.maxAgeMs && !this.#refreshing) {
      this.#refreshing = this.refresh().finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#generation;
  }

  /**
   * When reader-visible content last changed (ISO time). Every page shows site-wide
   * parts (navigation, related articles), so this is each page's honest Last-Modified.
   */
  changedAt(): string {
    return this.#changedAt;
  }

  /** Re-reads the version from the database now. */
  async refresh(): Promise<void> {
    try {
      const { version, changedAt } = await readContentVersion(this.db);
      if (version !== this.#dbVersion) {
        if (this.#dbVersion !== -1) this.#generation += 1;
        this.#dbVersion = version;
        if (changedAt > this.#changedAt) this.#changedAt = changedAt;
      }
    } catch {
      // A failed read (database briefly unavailable) keeps the old generation; the
      // next request tries again rather than failing the page.
    } finally {
      this.#checkedAt = Date.now();
    }
  }

  /** Stops listening for local changes. */
  close(): void {
    this.#unsubscribe();
  }
}
