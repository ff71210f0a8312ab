// Saving: autosave two seconds after the last change, the Save/Update button, and the
// other requests that must see the latest text (workflow, corrections, translations).
// Every request runs through one queue, so two saves are never in flight at once and a
// save always starts from the revision the previous one produced.
import type { EditableArticle, EditableFieldsInput } from '../../../newsroom/editable.ts';
import { apiCall, problemsOf, refreshCsrfToken } from './api.ts';
import type { StatusLine } from './status-line.ts';

/** How a save ended. `stopped`: a conflict stopped all saving until the page is reloaded. */
export type SaveOutcome = 'saved' | 'invalid' | 'conflict' | 'failed' | 'stopped';

/** A 409 answer: someone else saved first. */
export interface Conflict {
  current: EditableArticle;
  keptRevisionId: number;
}

/** What the saver needs from the page. */
export interface SaverOptions {
  articleId: number;
  baseRevision: number;
  status: StatusLine;
  /** Every field, read from the page at the moment the save starts. */
  collect(): EditableFieldsInput;
  isMinorEdit(): boolean;
  onSaved(article: EditableArticle, wasAutosave: boolean): void;
  onConflict(conflict: Conflict): void;
}

/** The answer to a save. */
interface SaveAnswer {
  revision: number;
  revisionId: number;
  /** False when an autosave of a published article was stored as a draft revision only. */
  applied: boolean;
  article: EditableArticle;
}

const AUTOSAVE_DELAY_MS = 2000;
const RETRY_MAX_MS = 60_000;
/** Browsers refuse keepalive requests with bodies above 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

/** The article's saving machinery. */
export class Saver {
  #baseRevision: number;
  /** The revision this session's last autosave made (null after a full save, or before any). */
  #lastAutosaveRevisionId: number | null = null;
  #changes = 0;
  #savedChanges = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #isAutosaveQueued = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #isStopped = false;
  /** A live article's autosaved draft that nobody has pressed Update for: readers do not see it, and reopening the editor shows the live text. */
  #hasUnappliedDraft = false;

  constructor(private readonly options: SaverOptions) {
    this.#baseRevision = options.baseRevision;
  }

  /** The revision the next save is based on. */
  get baseRevision(): number {
    return this.#baseRevision;
  }

  /** Whether a conflict stopped saving. */
  get isStopped(): boolean {
    return this.#isStopped;
  }

  /** Whether leaving now would lose something: changes not stored yet, a request still running, or a draft of a live article not yet applied. */
  hasUnsavedChanges(): boolean {
    return !this.#isStopped && (this.#changes !== this.#savedChanges || this.#pending > 0 || this.#hasUnappliedDraft);
  }

  /**
   * Takes the revision a request of ours produced (a correction, a translation link) as the
   * new base, but only if it is the very next one: a bigger jump means someone else saved
   * in between, and the next save must meet that conflict rather than overwrite it.
   */
  adoptOwnRevision(revision: number): void {
    if (revision === this.#baseRevision + 1) this.#baseRevision = revision;
  }

  /** Stops all saving for good (a conflict met by another request). */
  halt(): void {
    this.#isStopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Something changed: autosave two seconds after the last change (or at the next retry, after a failure). */
  changed(): void {
    if (this.#isStopped) return;
    this.#changes += 1;
    this.options.status.unsaved();
    if (this.#failures > 0 && this.#timer !== undefined) return;
    this.#schedule(AUTOSAVE_DELAY_MS, true);
  }

  /** Autosaves at once if anything is unsaved (focus left a field, the tab was hidden). */
  saveSoon(options: { isLeaving?: boolean } = {}): void {
    if (this.#isStopped || this.#changes === this.#savedChanges) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queueAutosave(options.isLeaving === true);
  }

  /** The Save / Update button: a full save, even when nothing changed since the last autosave. */
  save(): Promise<SaveOutcome> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#enqueue(() => this.#put(false, false));
  }

  /**
   * Stores pending changes (as an autosave or a full save), then runs `task` with the
   * current base revision while no save can start. The task is skipped if the save fails.
   */
  async afterSaving<T>(task: (baseRevision: number) => Promise<T>, options: { autosave: boolean }): Promise<{ outcome: SaveOutcome; value: T | null }> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#enqueue(async () => {
      // A full save also applies a live article's pending draft, even when nothing changed since it was stored.
      const needsSave = this.#changes !== this.#savedChanges || (!options.autosave && this.#hasUnappliedDraft);
      const outcome = this.#isStopped ? 'stopped' : needsSave ? await this.#put(options.autosave, false) : 'saved';
      if (outcome !== 'saved') return { outcome, value: null };
      return { outcome, value: await task(this.#baseRevision) };
    });
  }

  /**
   * Runs `task` once no save is in flight, without saving first (deleting the article:
   * storing what is about to be thrown away would only risk refusing the delete). An
   * autosave that falls due meanwhile waits behind it.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#enqueue(task);
  }

  #schedule(delay: number, asAutosave: boolean): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (asAutosave) this.#queueAutosave(false);
      else void this.save();
    }, delay);
  }

  #queueAutosave(isLeaving: boolean): void {
    // One queued autosave is enough: it reads the fields when it starts, so it carries every change made before then.
    if (this.#isAutosaveQueued) return;
    this.#isAutosaveQueued = true;
    void this.#enqueue(() => {
      this.#isAutosaveQueued = false;
      return this.#changes === this.#savedChanges ? Promise.resolve<SaveOutcome>('saved') : this.#put(true, isLeaving);
    });
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const run = this.#queue.then(task).finally(() => {
      this.#pending -= 1;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #put(autosave: boolean, isLeaving: boolean): Promise<SaveOutcome> {
    if (this.#isStopped) return 'stopped';
    const changesAtStart = this.#changes;
    const body = { baseRevision: this.#baseRevision, autosave, minorEdit: this.options.isMinorEdit(), fields: this.options.collect(), ...(autosave && this.#lastAutosaveRevisionId !== null ? { foldInto: this.#lastAutosaveRevisionId } : {}) };
    const path = `/admin/api/articles/${this.options.articleId}`;
    this.options.status.saving();
    let result = await apiCall<SaveAnswer>('PUT', path, body, { keepalive: isLeaving && JSON.stringify(body).length < KEEPALIVE_LIMIT });
    if (!result.ok && result.error.error === 'csrf' && (await refreshCsrfToken())) result = await apiCall<SaveAnswer>('PUT', path, body);
    if (result.ok) {
      this.#failures = 0;
      // An autosave of a live article is kept beside it (applied: false) and leaves the revision as it was.
      this.#baseRevision = result.data.revision;
      this.#savedChanges = Math.max(this.#savedChanges, changesAtStart);
      this.#hasUnappliedDraft = !result.data.applied;
      // Later autosaves of this session may replace this one in the history; a full save starts afresh.
      this.#lastAutosaveRevisionId = autosave ? result.data.revisionId : null;
      this.options.status.saved(autosave);
      this.options.onSaved(result.data.article, autosave);
      // Typing during the save: the status must keep saying so (the autosave timer is already running).
      if (this.#changes !== this.#savedChanges) this.options.status.unsaved();
      return 'saved';
    }
    const { error } = result;
    if (result.status === 409 && error.error === 'conflict' && 'current' in error) {
      this.halt();
      this.options.status.failed('someone else saved a newer version.');
      this.options.onConflict({ current: error.current, keptRevisionId: error.keptRevisionId });
      return 'conflict';
    }
    if (result.status === 422) {
      this.options.status.failed('some fields need attention.', problemsOf(result));
      return 'invalid';
    }
    if (result.status === 0 || result.status >= 500 || result.status === 429 || result.status === 401) {
      // Temporary: keep the changes marked unsaved and try again, waiting longer each time.
      this.#failures += 1;
      const delay = Math.min(RETRY_MAX_MS, AUTOSAVE_DELAY_MS * 2 ** this.#failures);
      const reason = result.status === 401 ? 'you are signed out. Sign in again in another tab; your text is kept here.' : result.status === 0 ? 'the server could not be reached.' : error.message;
      this.options.status.failed(`${reason} Trying again in ${Math.round(delay / 1000)} s.`);
      this.#schedule(delay, autosave);
      return 'failed';
    }
    this.options.status.failed(error.message);
    return 'failed';
  }
}
