/** Site settings of the demo newsroom, "The Tamarisk" (a fictional outlet). */
import type { DemoSiteSettings } from '../demo-types.ts';
import { SITE_NAME } from './photo-catalogue.ts';

/** Name, tagline and blurbs that the header, footer and article pages show. */
export const SITE: DemoSiteSettings = {
  name: SITE_NAME,
  tagline: 'Independent journalism from the Middle East and North Africa',
  description:
    'The Tamarisk is a reader-supported digital newsroom reporting on politics, economics, climate and culture across the Middle East and North Africa, in English, Arabic and French.',
  publisherBlurb:
    'The Tamarisk delivers independent coverage of the Middle East and North Africa — from water, energy and the economy to elections, refugees and the arts — with correspondents from Tunis to Tehran.',
  languages: ['en', 'ar', 'fr'],
  defaultLanguage: 'en',
};
