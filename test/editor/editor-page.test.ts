/**
 * The editor page as the server renders it: every control labelled, hostile text escaped
 * in markup and in the embedded JSON state, read-only without edit rights, workflow
 * actions (and deleting) by permission and status, direction from the article's language.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionUser } from '../../src/accounts/sessions.ts';
import { EditorView } from '../../src/admin/editor/editor-page.tsx';
import type { EditorLookups, EditorState } from '../../src/admin/editor/editor-page.tsx';
import { ARTICLE_TYPES } from '../../src/articles/article-types.ts';
import type { EditableArticle } from '../../src/newsroom/editable.ts';

const HOSTILE = '</script><script>alert(1)</script>';

const editor: SessionUser = { id: 7, email: 'e@example.test', name: 'Eda Editor', role: 'editor', status: 'active', csrfToken: 'csrf', tokenHash: 'hash' };
const contributor: SessionUser = { ...editor, id: 8, name: 'Cy Contributor', role: 'contributor' };

const ALL_RIGHTS = { edit: true, submit: true, review: true, publish: true, assign: true, correct: true, delete: true };
const NO_RIGHTS = { edit: false, submit: false, review: false, publish: false, assign: false, correct: false, delete: false };

function buildEditable(overrides: Omit<Partial<EditableArticle>, 'fields'> & { fields?: Partial<EditableArticle['fields']> } = {}): EditableArticle {
  const { fields, ...rest } = overrides;
  return {
    id: 42,
    revision: 3,
    status: 'draft',
    translationGroup: null,
    translations: [],
    createdBy: 8,
    assigneeId: null,
    scheduledAt: null,
    publishedAt: null,
    updatedAt: null,
    modifiedAt: '2026-11-27T10:00:00.000Z',
    wordCount: 2,
    readingMinutes: 1,
    corrections: [],
    url: '/news/envoy-talks',
    previewUrl: '/admin/articles/42/preview',
    pendingAutosave: null,
    permissions: ALL_RIGHTS,
    ...rest,
    fields: {
      slug: 'envoy-talks',
      language: 'en',
      headline: 'Envoy holds talks',
      standfirst: 'The envoy met the security chief.',
      type: 'news',
      sectionId: 1,
      authorIds: [2, 1],
      byline: null,
      dateline: 'AMMAN',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First words.' }] }] },
      heroImageId: null,
      heroCaption: null,
      heroCredit: null,
      heroAlt: null,
      sources: [{ name: 'Wire Agency', kind: 'wire', url: 'https://wire.example.test/story' }],
      tagIds: [5],
      licensingPolicy: null,
      seoTitle: null,
      seoDescription: null,
      ...fields,
    },
  };
}

function buildLookups(overrides: Partial<EditorLookups> = {}): EditorLookups {
  return {
    sections: [
      { id: 1, name: 'News' },
      { id: 2, name: 'Opinion' },
    ],
    authors: [
      { id: 1, name: 'Rania Haddad' },
      { id: 2, name: 'Omar Saleh' },
      { id: 3, name: 'Lina Aziz' },
    ],
    editors: [{ id: 7, name: 'Eda Editor' }],
    tags: [{ id: 5, kind: 'country', name: 'Jordan' }],
    heroImage: null,
    articleTypes: ARTICLE_TYPES,
    languages: [
      { code: 'en', name: 'English' },
      { code: 'ar', name: 'Arabic' },
    ],
    ...overrides,
  };
}

function render(article: EditableArticle, lookups: EditorLookups = buildLookups(), user: SessionUser = editor): string {
  return EditorView({ article, lookups, user }).toString();
}

/** The raw text of the state script, exactly as the browser's parser will end it: at the first `</script`. */
function stateScriptText(html: string): string {
  const open = '<script type="application/json" id="editor-state">';
  const start = html.indexOf(open);
  assert.ok(start >= 0, 'the state script is on the page');
  const end = html.toLowerCase().indexOf('</script', start + open.length);
  return html.slice(start + open.length, end);
}

function tagsOf(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? (new RegExp(`\\s${name}(?=[\\s>])`).test(tag) ? '' : null);
}

describe('editor page', () => {
  test('every form control has a real <label for> and ids are unique', () => {
    const html = render(buildEditable({ status: 'published', publishedAt: '2026-11-20T08:00:00.000Z' }), buildLookups({ heroImage: { id: 9, thumbnailUrl: '/media/x-320.jpg', alt: 'A man', caption: null, credit: null, canDistribute: true } }));
    const labelled = new Set(tagsOf(html, 'label').map((tag) => attribute(tag, 'for')));
    const controls = [...tagsOf(html, 'input'), ...tagsOf(html, 'select'), ...tagsOf(html, 'textarea')].filter((tag) => attribute(tag, 'type') !== 'hidden');
    assert.ok(controls.length > 20, `found ${controls.length} controls`);
    for (const control of controls) {
      const id = attribute(control, 'id');
      assert.ok(id, `control without id: ${control}`);
      assert.ok(labelled.has(id), `no <label for="${id}">`);
    }
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [], 'duplicate ids');
    for (const name of ['Headline', 'Standfirst', 'Slug', 'Section', 'Alt text', 'Search engine title', 'Licensing for republication', 'Add an author', 'Desk or agency byline']) {
      assert.match(html, new RegExp(`<label [^>]*>${name}</label>`), name);
    }
    assert.match(html, /id="editor-body-label"[^>]*>Body</);
  });

  test('a hostile headline cannot close the state script, and the state round-trips exactly', () => {
    const article = buildEditable({ fields: { headline: HOSTILE, standfirst: 'line\u2028separator & <b>bold</b>' } });
    const lookups = buildLookups({ tags: [{ id: 5, kind: 'country', name: '<img src=x onerror=alert(2)>' }] });
    const html = render(article, lookups);
    const json = stateScriptText(html);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/, 'no raw <, >, &, U+2028 or U+2029 inside the script');
    assert.match(json, /\\u003c\/script\\u003e\\u003cscript\\u003ealert\(1\)/);
    const state = JSON.parse(json) as EditorState;
    assert.equal(state.article.fields.headline, HOSTILE);
    assert.equal(state.article.fields.standfirst, 'line\u2028separator & <b>bold</b>');
    assert.equal(state.lookups.tags[0]?.name, '<img src=x onerror=alert(2)>');
    assert.deepEqual(state.user, { id: editor.id, name: editor.name });
    assert.deepEqual(state.can, { createTags: true, uploadMedia: true });
    // Only our own script elements exist: the state block and no injected one.
    assert.equal(tagsOf(html, 'script').length, 1);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    // In markup the same text is escaped where it is shown.
    assert.match(html, /<textarea id="editor-headline"[^>]*>&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/);
    assert.match(html, /<span>&lt;img src=x onerror=alert\(2\)&gt;<\/span>/);
  });

  test('without edit rights everything is read-only and nothing can be changed', () => {
    const html = render(buildEditable({ permissions: NO_RIGHTS }), buildLookups(), contributor);
    assert.match(html, /data-read-only="true"/);
    assert.doesNotMatch(html, /id="editor-save"/, 'no Save button');
    assert.doesNotMatch(html, /<dialog/, 'no media picker');
    assert.doesNotMatch(html, /data-action=/, 'no workflow buttons');
    assert.doesNotMatch(html, /aria-label="Remove /, 'no remove buttons');
    assert.doesNotMatch(html, /role="combobox"/, 'no tag or translation search');
    assert.match(html, /Read only/);
    for (const tag of [...tagsOf(html, 'textarea'), ...tagsOf(html, 'input')]) {
      assert.ok(attribute(tag, 'readonly') !== null || attribute(tag, 'disabled') !== null, `editable control: ${tag}`);
    }
    for (const tag of tagsOf(html, 'select')) assert.notEqual(attribute(tag, 'disabled'), null, `editable select: ${tag}`);
  });

  test('a draft offers Save and the steps its user may take', () => {
    const html = render(buildEditable({ permissions: { ...NO_RIGHTS, edit: true, submit: true } }), buildLookups(), contributor);
    assert.match(html, /<button type="button" id="editor-save"[^>]*>Save<\/button>/);
    assert.match(html, /data-action="submit"/);
    for (const action of ['publish', 'approve', 'send_back', 'unpublish', 'schedule', 'assign']) assert.doesNotMatch(html, new RegExp(`data-action="${action}"`), action);
    assert.doesNotMatch(html, /Minor edit/);
    assert.doesNotMatch(html, /id="editor-correction-add"/);
    assert.equal((JSON.parse(stateScriptText(html)) as EditorState).can.createTags, false, 'contributors cannot create tags');
  });

  test('an article in review offers approve, schedule and send back to a reviewer', () => {
    const html = render(buildEditable({ status: 'in_review', assigneeId: 7 }));
    assert.match(html, /data-action="approve"/);
    assert.match(html, /data-action="approve-at"/);
    assert.match(html, /data-action="send_back"/);
    assert.match(html, /<label for="editor-send-back-note"/);
    assert.match(html, /Assigned to Eda Editor/);
    assert.match(html, /<option value="7" selected>Eda Editor<\/option>/);
  });

  test('a published article says Update, offers a minor edit, corrections and unpublishing', () => {
    const html = render(buildEditable({ status: 'published', publishedAt: '2026-11-20T08:00:00.000Z', corrections: [{ id: 1, kind: 'correction', body: 'An earlier version misspelt a name.', createdAt: '2026-11-21T09:00:00.000Z' }] }));
    assert.match(html, /id="editor-save"[^>]*>Update<\/button>/);
    assert.match(html, /<input type="checkbox" id="editor-minor-edit">/);
    assert.match(html, /Minor edit \(don&#39;t change the Updated time\)/);
    assert.match(html, /id="editor-correction-add"/);
    assert.match(html, /An earlier version misspelt a name\./);
    assert.match(html, /data-action="unpublish"/);
    assert.doesNotMatch(html, /data-action="submit"/);
  });

  test('deleting is offered, behind a labelled dialog, only to a user who may delete', () => {
    const html = render(buildEditable({ permissions: { ...NO_RIGHTS, edit: true, submit: true, delete: true } }), buildLookups(), contributor);
    const status = /<section class="editor-section" aria-labelledby="editor-workflow-title">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(status, /<button type="button" id="editor-delete"[^>]*aria-haspopup="dialog"[^>]*>Delete this article<\/button>/, 'in the Status section');
    const dialog = /<dialog id="editor-delete-dialog"[^>]*>[\s\S]*?<\/dialog>/.exec(status)?.[0] ?? '';
    assert.match(dialog, /aria-labelledby="editor-delete-title"/);
    assert.match(dialog, /<h2 id="editor-delete-title"[^>]*>Delete this article\?<\/h2>/);
    assert.match(dialog, /<button type="button" class="editor-button" data-close autofocus>Keep it<\/button>/, 'the safe choice has the focus');
    assert.match(dialog, /id="editor-delete-confirm"[^>]*>Delete the article<\/button>/);

    for (const permissions of [{ ...ALL_RIGHTS, delete: false }, NO_RIGHTS]) {
      const without = render(buildEditable({ permissions }));
      assert.doesNotMatch(without, /id="editor-delete/, 'no delete button or dialog');
    }
    // The right to delete stands on its own: a reader who may not edit may still delete.
    assert.match(render(buildEditable({ permissions: { ...NO_RIGHTS, delete: true } })), /id="editor-delete"/);
  });

  test('authors keep their order and the add list offers only the others', () => {
    const html = render(buildEditable());
    const list = /<ol id="editor-authors"[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
    assert.ok(list.indexOf('Omar Saleh') < list.indexOf('Rania Haddad'), 'byline order kept');
    const picker = /<select id="editor-author-add">[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    assert.match(picker, /Lina Aziz/);
    assert.doesNotMatch(picker, /Rania Haddad|Omar Saleh/);
  });

  test('an Arabic article writes its headline, standfirst and body right to left', () => {
    const html = render(buildEditable({ fields: { language: 'ar', headline: 'المبعوث يجري محادثات', slug: '' } }));
    assert.match(html, /<textarea id="editor-headline"[^>]*dir="rtl" lang="ar"/);
    assert.match(html, /<textarea id="editor-standfirst"[^>]*dir="rtl" lang="ar"/);
    assert.match(html, /<div id="editor-body" class="editor-body" dir="rtl" lang="ar">/);
  });

  test('the body reads as text before the editor script runs', () => {
    const html = render(buildEditable());
    assert.match(html, /<div class="editor-body__fallback"[^>]*><p>First words\.<\/p><\/div>/);
    assert.match(html, /<noscript>/);
  });
});
