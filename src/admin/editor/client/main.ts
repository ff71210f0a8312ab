// The editor island's entry point (browser code, bundled by esbuild; see ../assets.ts).
// It reads the state the server embedded, mounts the body editor in its host, and wires
// every field of the server-rendered page to saving, the workflow and the lookups.
import './body/body-editor.css';
import './editor.css';
import { readingMinutes } from '../../../articles/body/text.ts';
import { BodyHost } from './body-host.ts';
import { showConflict, freezeFields } from './conflict.ts';
import { wireDeleteArticle } from './delete-article.ts';
import { byId, localiseTimes, maybeById, setText } from './dom.ts';
import { ID } from './dom-ids.ts';
import type { EditorState } from './editor-state.ts';
import { autoGrow, collectFields, fillFields, fitToText, keepOnOneLine, wireSlug } from './fields.ts';
import { placeholderHero, wireHero } from './hero.ts';
import { wireAuthors, wireSources } from './lists.ts';
import { MediaPicker, fetchImage, uploadImage } from './media-picker.ts';
import { wirePageTitle } from './page-title.ts';
import { offerPendingAutosave } from './pending-autosave.ts';
import { Saver } from './saver.ts';
import type { Conflict } from './saver.ts';
import { StatusLine } from './status-line.ts';
import { wireTags } from './tags.ts';
import { wireSuggestions } from './suggestions.ts';
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
  let countTimer: ReturnType<typeof setTimeout> | undefined;

  const showCounts = () => {
    if (!body.editor) return;
    const words = body.editor.wordCount();
    setText(counts, `${words} ${words === 1 ? 'word' : 'words'} · ${readingMinutes(words)} min read`);
  };

  const bodyHost = byId(ID.body);
  const body = new BodyHost(
    bodyHost,
    {
      isEditable,
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
    },
    article.fields.body,
  );
  body.mount(directionOf(article.fields.language));

  const headline = byId<HTMLTextAreaElement>(ID.headline);
  const standfirst = byId<HTMLTextAreaElement>(ID.standfirst);
  autoGrow(headline);
  autoGrow(standfirst);

  if (!isEditable) {
    wireWorkflow({ article, saver: null, onConflict: (conflict) => showConflict(article.id, conflict) });
    wireDeleteArticle(article.id, null);
    return;
  }

  const minorEdit = maybeById<HTMLInputElement>(ID.minorEdit);
  const onConflict = (conflict: Conflict) => {
    activeSaver.halt();
    showConflict(article.id, conflict);
    body.editor?.setEditable(false);
    freezeFields(root);
  };
  const activeSaver: Saver = new Saver({
    articleId: article.id,
    baseRevision: article.revision,
    status,
    // Without a body editor (it failed to start) the stored body is sent back unchanged.
    collect: () => collectFields(body.document()),
    isMinorEdit: () => minorEdit?.checked === true,
    onSaved: (saved, wasAutosave) => {
      // "Minor edit" describes one update; the next one starts as a normal edit.
      if (!wasAutosave && minorEdit) minorEdit.checked = false;
      if (!wasAutosave) suggestions?.afterSave(saved);
    },
    onConflict,
  });
  saver = activeSaver;
  const changed = () => activeSaver.changed();

  for (const id of FIELD_IDS) byId(id).addEventListener('input', changed);
  keepOnOneLine(headline, standfirst);
  const showTitle = wirePageTitle(headline, article.fields.headline);
  wireSlug(state.slugFollowsHeadline, article.publishedAt !== null, changed);
  /** Gives the writing column the language's lang and direction; the body editor takes its direction when it is created. */
  const showLanguage = (language: string, doc?: unknown) => {
    const dir = directionOf(language);
    const isTurning = bodyHost.dir !== dir;
    for (const element of [headline, standfirst, bodyHost]) element.lang = language;
    headline.dir = dir;
    standfirst.dir = dir;
    if (isTurning || doc !== undefined) body.mount(dir, doc);
  };
  byId(ID.language).addEventListener('input', () => showLanguage(byId<HTMLSelectElement>(ID.language).value));

  const showAuthors = wireAuthors(lookups.authors, changed);
  const showSources = wireSources(article.fields.sources, changed);
  const showTags = wireTags(state.can.createTags, changed, report);
  const suggestions = wireSuggestions({ articleId: article.id, saver: activeSaver, canCreateTags: state.can.createTags });
  const showHero = picker ? wireHero(lookups.heroImage ?? placeholderHero(article.fields.heroImageId), picker, changed, report) : null;
  wireTranslations(article, lookups.languages, activeSaver, report);
  const stepContext = { article, saver: activeSaver, onConflict };
  wireWorkflow(stepContext);
  wireCorrections(stepContext, report);
  wireDeleteArticle(article.id, activeSaver);

  if (article.pendingAutosave) {
    offerPendingAutosave(article.id, article.pendingAutosave, async (fields) => {
      fillFields(fields);
      showAuthors(fields.authorIds);
      showSources(fields.sources);
      const unnamed = showTags(fields.tagIds);
      await showHero?.(fields.heroImageId, { caption: fields.heroCaption, credit: fields.heroCredit, alt: fields.heroAlt });
      showLanguage(fields.language, fields.body);
      for (const box of [headline, standfirst]) fitToText(box);
      showTitle();
      showCounts();
      // Loaded, not stored: they go live only when the user presses Update.
      changed();
      const numbered = unnamed === 0 ? '' : ` ${unnamed === 1 ? 'One tag shows' : `${unnamed} tags show`} by number: this page could not look up ${unnamed === 1 ? 'its name' : 'their names'}.`;
      report(`Your changes are back. Readers see them when you press Update.${numbered}`);
    });
  }

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

start();
