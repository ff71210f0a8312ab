// The editor island's entry point (browser code, bundled by esbuild; see ../assets.ts).
// It reads the state the server embedded, mounts the body editor in its host, and wires
// every field of the server-rendered page to saving, the workflow and the lookups.
import './body/body-editor.css';
import './editor.css';
import { readingMinutes } from '../../../articles/body/text.ts';
import { createBodyEditor } from './body/body-editor.ts';
import type { BodyEditor, BodyEditorOptions } from './body/types.ts';
import { showConflict, freezeFields } from './conflict.ts';
import { byId, localiseTimes, maybeById, setText } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { EditorState } from './editor-state.ts';
import { autoGrow, collectFields, keepOnOneLine, wireSlug } from './fields.ts';
import { wireHero } from './hero.ts';
import { wireAuthors, wireSources } from './lists.ts';
import { MediaPicker, fetchImage, uploadImage } from './media-picker.ts';
import { Saver } from './saver.ts';
import type { Conflict } from './saver.ts';
import { StatusLine } from './status-line.ts';
import { wireTags } from './tags.ts';
import { searchArticles, wireTranslations } from './translations.ts';
import { wireCorrections, wireWorkflow } from './workflow.ts';


/** Plain fields whose every keystroke or choice is a change to save. */
const FIELD_IDS = [ID.headline, ID.standfirst, ID.type, ID.section, ID.byline, ID.dateline, ID.language, ID.slug, ID.seoTitle, ID.seoDescription, ID.licensing, ID.heroCaption, ID.heroCredit, ID.heroAlt];

function readState(): EditorState {
  return JSON.parse(byId(ID.state).textContent ?? '') as EditorState;
}

function directionOf(language: string): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

function start(): void {
  const state = readState();
  const { article, lookups } = state;
  const root = byId(ID.root);
  const isEditable = article.permissions.edit;
  const notice = byId(ID.notice);
  const report = (message: string) => setText(notice, message);
  const status = new StatusLine(byId(ID.status), byId(ID.problems), article.status === 'published');
  const counts = byId(ID.counts);
  const picker = isEditable ? new MediaPicker() : null;
  localiseTimes(root);

  let saver: Saver | null = null;
  let body: BodyEditor | null = null;
  let countTimer: ReturnType<typeof setTimeout> | undefined;

  const showCounts = () => {
    if (!body) return;
    const words = body.wordCount();
    setText(counts, `${words} ${words === 1 ? 'word' : 'words'} · ${readingMinutes(words)} min read`);
  };

  const bodyOptions = (dir: 'ltr' | 'rtl', initialDoc: unknown): BodyEditorOptions => ({
    initialDoc,
    dir,
    labelledBy: ID.bodyLabel,
    onChange: () => {
      saver?.changed();
      clearTimeout(countTimer);
      countTimer = setTimeout(showCounts, 250);
    },
    uploadImage: async (file) => {
      const result = await uploadImage(file);
      if (!result.ok) throw new Error(result.error.message);
      return { id: result.data.id };
    },
    imageInfo: (imageId) => fetchImage(imageId),
    pickImage: async () => {
      const image = picker ? await picker.open() : null;
      return image ? { id: image.id } : null;
    },
    // Related links point at published articles only.
    searchArticles: async (query) => (await searchArticles(query, { status: 'published' })).map((found) => ({ id: found.id, headline: found.headline, url: found.url ?? `/admin/articles/${found.id}` })),
    onError: report,
  });

  const bodyHost = byId(ID.body);
  // The server's plain-text rendering of the body, shown again if the rich editor cannot start.
  const fallback = [...bodyHost.childNodes];
  /** (Re)creates the body editor, e.g. when the language's direction changes; the document carries over. */
  const mountBody = (dir: 'ltr' | 'rtl') => {
    const doc = body ? body.getDocument() : article.fields.body;
    body?.destroy();
    bodyHost.replaceChildren();
    bodyHost.dir = dir;
    try {
      body = createBodyEditor(bodyHost, bodyOptions(dir, doc));
      body.setEditable(isEditable);
    } catch (error) {
      body = null;
      bodyHost.replaceChildren(...fallback);
      report(`The body editor could not start (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`);
    }
  };
  mountBody(directionOf(article.fields.language));

  const headline = byId<HTMLTextAreaElement>(ID.headline);
  const standfirst = byId<HTMLTextAreaElement>(ID.standfirst);
  autoGrow(headline);
  autoGrow(standfirst);

  if (!isEditable) {
    wireWorkflow({ article, saver: null, onConflict: (conflict) => showConflict(article.id, conflict) });
    return;
  }

  const minorEdit = maybeById<HTMLInputElement>(ID.minorEdit);
  const onConflict = (conflict: Conflict) => {
    activeSaver.halt();
    showConflict(article.id, conflict);
    body?.setEditable(false);
    freezeFields(root);
  };
  const activeSaver: Saver = new Saver({
    articleId: article.id,
    baseRevision: article.revision,
    status,
    // Without a body editor (it failed to start) the stored body is sent back unchanged.
    collect: () => collectFields(body ? body.getDocument() : article.fields.body),
    isMinorEdit: () => minorEdit?.checked === true,
    onSaved: (_saved, wasAutosave) => {
      // "Minor edit" describes one update; the next one starts as a normal edit.
      if (!wasAutosave && minorEdit) minorEdit.checked = false;
    },
    onConflict,
  });
  saver = activeSaver;
  const changed = () => activeSaver.changed();

  for (const id of FIELD_IDS) byId(id).addEventListener('input', changed);
  keepOnOneLine(headline, standfirst);
  wireSlug(state.slugFollowsHeadline, article.publishedAt !== null, changed);
  byId(ID.language).addEventListener('input', () => {
    const language = byId<HTMLSelectElement>(ID.language).value;
    const dir = directionOf(language);
    const isTurning = bodyHost.dir !== dir;
    for (const element of [headline, standfirst, bodyHost]) element.lang = language;
    headline.dir = dir;
    standfirst.dir = dir;
    // The body editor takes its direction when it is created.
    if (isTurning) mountBody(dir);
  });

  wireAuthors(lookups.authors, changed);
  wireSources(article.fields.sources, changed);
  wireTags(state.can.createTags, changed, report);
  if (picker) wireHero(lookups.heroImage ?? placeholderHero(article.fields.heroImageId), picker, changed, report);
  wireTranslations(article, lookups.languages, activeSaver, report);
  const stepContext = { article, saver: activeSaver, onConflict };
  wireWorkflow(stepContext);
  wireCorrections(stepContext, report);

  byId(ID.save).addEventListener('click', () => void activeSaver.save());
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void activeSaver.save();
    }
  });
  // Leaving a field, or the tab, stores what was typed at once rather than two seconds later.
  root.addEventListener('focusout', () => activeSaver.saveSoon());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') activeSaver.saveSoon({ isLeaving: true });
  });
  window.addEventListener('beforeunload', (event) => {
    if (!activeSaver.hasUnsavedChanges()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  });
}

/** An image the article uses but whose details could not be loaded: keep it, show its number. */
function placeholderHero(imageId: number | null) {
  return imageId === null ? null : { id: imageId, thumbnailUrl: '', alt: '', caption: null, credit: null, canDistribute: true };
}

start();
