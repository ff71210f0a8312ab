/** Ids of the editor's "Suggested tags" box, shared by the server view and the island. */
export const SUGGESTION_IDS = {
  box: 'editor-suggestions',
  title: 'editor-suggestions-title',
  status: 'editor-suggestions-status',
  list: 'editor-suggestions-list',
} as const;
