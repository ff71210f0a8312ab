/**
 * The text of an article as the analysis reads it: headline, standfirst, dateline, the
 * body as plain text, and the captions of the hero image and of every photo in the body.
 */
import type { BodyDocument } from '../articles/body/document.ts';
import { bodyToPlainText } from '../articles/body/text.ts';

/** What the analysis reads. */
export interface ArticleText {
  language: string;
  headline: string;
  standfirst: string;
  dateline: string | null;
  body: string;
  captions: string[];
}

/** The parts of an article the text comes from. */
export interface ArticleParts {
  language: string;
  headline: string;
  standfirst: string;
  dateline: string | null;
  body: BodyDocument;
  heroCaption: string | null;
}

/** Captions of the photos placed in a body, in document order. */
function bodyCaptions(doc: BodyDocument): string[] {
  const captions: string[] = [];
  const visit = (nodes: readonly unknown[]) => {
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null) continue;
      const { type, attrs, content } = node as { type?: string; attrs?: { caption?: unknown }; content?: unknown };
      if (type === 'imageBlock' && typeof attrs?.caption === 'string' && attrs.caption.trim() !== '') captions.push(attrs.caption);
      if (Array.isArray(content)) visit(content);
    }
  };
  visit(doc.content);
  return captions;
}

/** An article's text, ready for analysis. */
export function articleText(parts: ArticleParts): ArticleText {
  const captions = [parts.heroCaption ?? '', ...bodyCaptions(parts.body)].filter((caption) => caption.trim() !== '');
  return {
    language: parts.language,
    headline: parts.headline,
    standfirst: parts.standfirst,
    dateline: parts.dateline,
    body: bodyToPlainText(parts.body),
    captions,
  };
}
