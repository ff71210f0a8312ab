/**
 * What the editor page hands the island: the article, the lists its fields choose from,
 * and what the signed-in user may do beyond the article's own permissions. Types only,
 * shared by the server view (which writes it) and the island (which reads it).
 */
import type { EditableArticle } from '../../../newsroom/editable.ts';

/** The hero image as the panel shows it. */
export interface HeroImageInfo {
  id: number;
  thumbnailUrl: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  canDistribute: boolean;
}

/** A tag as the editor shows it. */
export interface EditorTag {
  id: number;
  kind: string;
  name: string;
}

/** The lists the editor's fields choose from. */
export interface EditorLookups {
  sections: { id: number; name: string }[];
  authors: { id: number; name: string }[];
  /** People who can review: the assignee choices. */
  editors: { id: number; name: string }[];
  /** The article's current tags (others are found by search). */
  tags: EditorTag[];
  heroImage: HeroImageInfo | null;
  articleTypes: readonly string[];
  languages: { code: string; name: string }[];
}

/** The JSON in `<script id="editor-state">`. */
export interface EditorState {
  article: EditableArticle;
  lookups: EditorLookups;
  user: { id: number; name: string };
  /** Rights that do not depend on this article. */
  can: { createTags: boolean; uploadMedia: boolean };
  /** Whether the slug is still filled in from the headline (a new draft's placeholder, or the headline's own). */
  slugFollowsHeadline: boolean;
}
