/**
 * The element ids the server-rendered editor page and the browser island share. Both
 * sides import these names, so a renamed field cannot silently lose its wiring.
 */
export const ID = {
  root: 'editor',
  state: 'editor-state',
  alerts: 'editor-alerts',
  pendingAutosave: 'editor-pending-autosave',
  status: 'editor-save-status',
  problems: 'editor-save-problems',
  notice: 'editor-notice',
  counts: 'editor-counts',
  save: 'editor-save',
  minorEdit: 'editor-minor-edit',
  headline: 'editor-headline',
  standfirst: 'editor-standfirst',
  bodyLabel: 'editor-body-label',
  body: 'editor-body',
  type: 'editor-type',
  section: 'editor-section',
  authorsList: 'editor-authors',
  authorAdd: 'editor-author-add',
  authorAddButton: 'editor-author-add-button',
  byline: 'editor-byline',
  dateline: 'editor-dateline',
  hero: 'editor-hero',
  heroPreview: 'editor-hero-preview',
  heroChoose: 'editor-hero-choose',
  heroUpload: 'editor-hero-upload',
  heroRemove: 'editor-hero-remove',
  heroFields: 'editor-hero-fields',
  heroCaption: 'editor-hero-caption',
  heroCredit: 'editor-hero-credit',
  heroAlt: 'editor-hero-alt',
  sourcesList: 'editor-sources',
  sourceAdd: 'editor-source-add',
  language: 'editor-language',
  translationsList: 'editor-translations',
  translationsEmpty: 'editor-translations-empty',
  translationSearch: 'editor-translation-search',
  slug: 'editor-slug',
  seoTitle: 'editor-seo-title',
  seoDescription: 'editor-seo-description',
  licensing: 'editor-licensing',
  workflow: 'editor-workflow',
  workflowProblems: 'editor-workflow-problems',
  submitAssignee: 'editor-submit-assignee',
  sendBackNote: 'editor-send-back-note',
  scheduleAt: 'editor-schedule-at',
  assignTo: 'editor-assign-to',
  deleteArticle: 'editor-delete',
  deleteDialog: 'editor-delete-dialog',
  deleteProblems: 'editor-delete-problems',
  deleteConfirm: 'editor-delete-confirm',
  correctionKind: 'editor-correction-kind',
  correctionBody: 'editor-correction-body',
  correctionAdd: 'editor-correction-add',
  correctionsList: 'editor-corrections',
  mediaPicker: 'editor-media-picker',
  mediaSearch: 'editor-media-search',
  mediaResults: 'editor-media-results',
  mediaMore: 'editor-media-more',
  mediaUpload: 'editor-media-upload',
  mediaStatus: 'editor-media-status',
} as const;

/** Id of the tag input of one kind (`editor-tags-topic`), and of its chip list and suggestion list. */
export function tagIds(kind: string): { input: string; list: string; options: string } {
  return { input: `editor-tags-${kind}`, list: `editor-tags-${kind}-chosen`, options: `editor-tags-${kind}-options` };
}

/** Tag kinds in the order the panel shows them, with their group names. */
export const TAG_KINDS = [
  { kind: 'topic', label: 'Topics', one: 'topic', add: 'Add a topic' },
  { kind: 'country', label: 'Countries', one: 'country', add: 'Add a country' },
  { kind: 'place', label: 'Places', one: 'place', add: 'Add a place' },
  { kind: 'person', label: 'People', one: 'person', add: 'Add a person' },
  { kind: 'organisation', label: 'Organisations', one: 'organisation', add: 'Add an organisation' },
] as const;

/** Kinds of source or wire credit (as `sourceSchema` accepts them). */
export const SOURCE_KINDS = [
  { value: 'wire', label: 'Wire agency' },
  { value: 'newspaper', label: 'Newspaper' },
  { value: 'broadcaster', label: 'Broadcaster' },
  { value: 'official', label: 'Official statement' },
  { value: 'document', label: 'Document' },
  { value: 'other', label: 'Other' },
] as const;

/** Workflow states as the newsroom reads them. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};
