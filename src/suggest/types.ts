/**
 * The suggestions part of the Admin API contract, shared by the server and the editor
 * island (types only, no imports that a browser bundle could not take).
 */

/** A tag kind. */
export type SuggestedKind = 'topic' | 'country' | 'place' | 'person' | 'organisation';

/** A suggestion as the API returns it. */
export interface SuggestionView {
  id: number;
  kind: SuggestedKind;
  name: string;
  /** The existing tag, or null when accepting creates it. */
  tagId: number | null;
  isNew: boolean;
  /** For a new country its ISO code; for a new place its country's. */
  countryCode: string | null;
  reason: string;
  /** 0–1. */
  confidence: number;
  mentions: number;
  status: 'pending' | 'accepted' | 'rejected';
}

/** A tag in the shape the editor shows it. */
export interface SuggestedTag {
  id: number;
  kind: SuggestedKind;
  name: string;
}

/** `GET /admin/api/articles/:id/suggestions`. */
export interface SuggestionList {
  articleId: number;
  /** The article's current revision. */
  revision: number;
  /** The revision the suggestions were computed from (null: never analysed). */
  analysedRevision: number | null;
  /** Waiting for a decision, most confident first. */
  suggestions: SuggestionView[];
  /** Tags the auto-tagging rule for places added to the article. */
  autoTagged: SuggestedTag[];
  /** The revision the auto-tagging rule made, when it is the article's current one (the editor adopts it as its own). */
  autoTaggedRevision: number | null;
}

/** `POST /admin/api/articles/:id/suggestions/:suggestionId`. */
export interface DecisionAnswer {
  suggestion: SuggestionView;
  /** For an accepted suggestion: the tag (created if it was new). */
  tag: SuggestedTag | null;
  /** When the request named a `baseRevision`, the article's new revision after the tag was saved onto it. */
  revision: number | null;
}
