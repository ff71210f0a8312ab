// The save status under the editor bar: one polite live region, so a screen reader hears
// "Saving…", "Saved at 14:02" or why a save failed, without every keystroke being read out.
import { clockTime, setText, showProblems } from './dom.ts';

/** What the status line can say. */
export class StatusLine {
  constructor(
    private readonly line: HTMLElement,
    private readonly problemList: HTMLElement,
    private readonly isPublished: boolean,
  ) {}

  /** There are changes that are not stored anywhere yet. */
  unsaved(): void {
    this.#say('Unsaved changes', 'unsaved');
  }

  saving(): void {
    this.#say('Saving…', 'saving');
  }

  /** A save succeeded; on a published article an autosave is a draft that readers do not see yet. */
  saved(wasAutosave: boolean): void {
    this.problemList.replaceChildren();
    const at = clockTime();
    if (this.isPublished && wasAutosave) {
      this.#say(`Draft saved at ${at}. Readers see these changes when you press Update.`, 'saved');
    } else if (this.isPublished) {
      this.#say(`Updated at ${at}. The live article shows these changes.`, 'saved');
    } else {
      this.#say(`Saved at ${at}`, 'saved');
    }
  }

  /** A save failed; the text stays in the editor. */
  failed(message: string, problems: string[] = []): void {
    this.#say(`Not saved: ${message}`, 'failed');
    showProblems(this.problemList, problems, 'The article was not saved because:');
  }

  /** Says something without changing the saved/unsaved picture. */
  info(message: string): void {
    this.#say(message, 'info');
  }

  #say(text: string, state: string): void {
    setText(this.line, text);
    this.line.dataset.state = state;
  }
}
