// Forms that insert block atoms: a photo (upload or library), an embed by URL and a
// related article found by search.

import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { isStorableHref } from './attribute-rules.ts';
import { h, uniqueId } from './dom.ts';
import { EMBED_PROVIDER_LABELS, detectEmbed } from './embed-url.ts';
import { icon } from './icons.ts';
import type { ImageUploader } from './image-upload.ts';
import { insertBlockAt, insertionPoint } from './insert-block.ts';
import type { Panel, PanelContent } from './panel.ts';
import { panelButton, panelField } from './panel.ts';
import type { ArticleSearchResult } from './types.ts';

/** What the insert forms work with. */
export interface InsertContext {
  editor: Editor;
  panel: Panel;
  uploader: ImageUploader;
  pickImage(): Promise<{ id: number } | null>;
  searchArticles(q: string): Promise<ArticleSearchResult[]>;
  onError(message: string): void;
}

/** Inserts a block at the caret (or after the selection) and returns focus to the text. */
export function insertBlock(editor: Editor, create: (editor: Editor) => ProseMirrorNode): void {
  const tr = editor.state.tr;
  if (insertBlockAt(tr, insertionPoint(editor.state.selection), create(editor))) editor.view.dispatch(tr.scrollIntoView());
  editor.commands.focus();
}

function nodeType(editor: Editor, name: string) {
  const type = editor.schema.nodes[name];
  if (type === undefined) throw new Error(`the body schema has no ${name} node`);
  return type;
}

/** Upload from disk or choose from the library. */
export function imagePanel(ctx: InsertContext): PanelContent {
  const fileInput = h('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, tabindex: '-1' });
  const upload = h('button', { type: 'button', class: 'body-button body-button--primary' }, icon('upload'), 'Upload from computer…');
  const library = h('button', { type: 'button', class: 'body-button body-button--secondary' }, icon('library'), 'Choose from library…');
  const cancel = panelButton('Cancel');
  const hint = h('p', { class: 'body-panel__hint' }, 'You can also drag photos onto the text or paste them.');
  const body = h('div', { class: 'body-panel__form' }, h('div', { class: 'body-panel__actions' }, upload, library, cancel, fileInput), hint);

  upload.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const files = Array.from(fileInput.files ?? []);
    if (files.length === 0) return;
    ctx.panel.close({ focusEditor: true });
    // The editor keeps its selection while focus is in the panel, so the caret says where the photos go.
    ctx.uploader.upload(files, insertionPoint(ctx.editor.state.selection));
  });
  library.addEventListener('click', () => {
    library.disabled = true;
    ctx.pickImage().then(
      (picked) => {
        library.disabled = false;
        if (picked === null) return;
        ctx.panel.close({ focusEditor: true });
        insertBlock(ctx.editor, (editor) => nodeType(editor, 'imageBlock').create({ imageId: picked.id, caption: null, credit: null, alt: null }));
      },
      (error: unknown) => {
        library.disabled = false;
        ctx.onError(error instanceof Error ? error.message : 'The media library could not be opened.');
      },
    );
  });
  cancel.addEventListener('click', () => ctx.panel.close());
  return { name: 'image', title: 'Add a photo', body, initialFocus: upload };
}

/** Embed by URL; the provider is detected from the address. */
export function embedPanel(ctx: InsertContext): PanelContent {
  const url = h('input', { type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', placeholder: 'https://www.youtube.com/watch?v=…' });
  const urlField = panelField('Address of the video or post', url, 'YouTube, Vimeo, X, Instagram, Facebook, TikTok or any https page.');
  const detected = h('p', { class: 'body-panel__detected', 'aria-live': 'polite' });
  const title = h('input', { type: 'text', autocomplete: 'off' });
  const titleField = panelField('Title (optional)', title);
  const insert = panelButton('Insert embed', { kind: 'primary', type: 'submit' });
  const cancel = panelButton('Cancel');
  const form = h('form', { class: 'body-panel__form', novalidate: true }, urlField.element, detected, titleField.element, h('div', { class: 'body-panel__actions' }, insert, cancel));

  url.addEventListener('input', () => {
    urlField.showError(null);
    const result = detectEmbed(url.value);
    detected.textContent = result.ok ? `Detected: ${EMBED_PROVIDER_LABELS[result.provider]}` : '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = detectEmbed(url.value);
    if (!result.ok) {
      urlField.showError(`${result.problem.charAt(0).toUpperCase()}${result.problem.slice(1)}.`);
      url.focus();
      return;
    }
    const embedTitle = title.value.trim();
    ctx.panel.close({ focusEditor: true });
    insertBlock(ctx.editor, (editor) => nodeType(editor, 'embed').create({ provider: result.provider, url: result.url, title: embedTitle === '' ? null : embedTitle }));
  });
  cancel.addEventListener('click', () => ctx.panel.close());
  return { name: 'embed', title: 'Embed a video or post', body: form, initialFocus: url };
}

const SEARCH_DELAY_MS = 250;

/** Find a published article to link as "Related", or link any address. */
export function relatedPanel(ctx: InsertContext): PanelContent {
  const query = h('input', { type: 'search', autocomplete: 'off' });
  const queryField = panelField('Search headlines, or paste an address', query);
  const status = h('p', { class: 'body-panel__status', role: 'status' }, 'Type part of a headline.');
  const listId = uniqueId('body-related-results');
  const results = h('ul', { class: 'body-results', id: listId, 'aria-label': 'Articles found' });
  const cancel = panelButton('Cancel');
  const body = h('div', { class: 'body-panel__form' }, queryField.element, status, results, h('div', { class: 'body-panel__actions' }, cancel));
  let searchNumber = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const choose = (attrs: { articleId: number | null; href: string | null; title: string }) => {
    ctx.panel.close({ focusEditor: true });
    insertBlock(ctx.editor, (editor) => nodeType(editor, 'relatedLink').create(attrs));
  };
  const option = (label: string, detail: string, attrs: Parameters<typeof choose>[0]) => {
    const button = h('button', { type: 'button', class: 'body-results__choice' }, h('span', { class: 'body-results__headline' }, label), h('span', { class: 'body-results__url', dir: 'ltr' }, detail));
    button.addEventListener('click', () => choose(attrs));
    return h('li', {}, button);
  };

  const search = (q: string) => {
    searchNumber += 1;
    const thisSearch = searchNumber;
    const address = q.startsWith('/') || /^https?:\/\//i.test(q) ? q : null;
    const addressOption = address !== null && isStorableHref(address) ? [option(`Link to ${address}`, 'Any page, on this site or elsewhere', { articleId: null, href: address, title: '' })] : [];
    results.replaceChildren(...addressOption);
    if (q === '' || address !== null) {
      status.textContent = q === '' ? 'Type part of a headline.' : '';
      return;
    }
    status.textContent = 'Searching…';
    ctx.searchArticles(q).then(
      (found) => {
        if (thisSearch !== searchNumber) return;
        results.replaceChildren(...found.map((article) => option(article.headline, article.url, { articleId: article.id, href: null, title: article.headline })));
        status.textContent = found.length === 0 ? 'No published article matches.' : `${found.length} ${found.length === 1 ? 'article' : 'articles'} found.`;
      },
      () => {
        if (thisSearch === searchNumber) status.textContent = 'Search is not available right now.';
      },
    );
  };

  query.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(query.value.trim()), SEARCH_DELAY_MS);
  });
  // Arrow keys move between the search box and the results.
  body.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const choices = [query, ...Array.from(results.querySelectorAll<HTMLButtonElement>('.body-results__choice'))];
    const index = choices.indexOf(document.activeElement as HTMLInputElement | HTMLButtonElement);
    if (index === -1 || choices.length === 1) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? Math.min(index + 1, choices.length - 1) : Math.max(index - 1, 0);
    choices[next]?.focus();
  });
  cancel.addEventListener('click', () => ctx.panel.close());
  return { name: 'related', title: 'Add a related article', body, initialFocus: query };
}
