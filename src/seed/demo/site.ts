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
  // An invented address: there is no such building.
  postalAddress: 'The Tamarisk Newsroom\n17 Qandeel Lane, third floor\nJabal al-Luweibdeh, Amman 11190\nJordan',
  localized: {
    ar: {
      name: 'الطرفاء',
      tagline: 'صحافة مستقلة من الشرق الأوسط وشمال أفريقيا',
      description: 'الطرفاء غرفة أخبار رقمية يدعمها قرّاؤها، تغطي السياسة والاقتصاد والمناخ والثقافة في الشرق الأوسط وشمال أفريقيا، بالعربية والإنجليزية والفرنسية.',
      publisherBlurb: 'تقدّم «الطرفاء» تغطية مستقلة للشرق الأوسط وشمال أفريقيا، من المياه والطاقة والاقتصاد إلى الانتخابات واللاجئين والفنون، عبر مراسلين من تونس إلى طهران.',
    },
    fr: {
      tagline: 'Journalisme indépendant du Moyen-Orient et d’Afrique du Nord',
      description: 'The Tamarisk est une rédaction numérique soutenue par ses lecteurs, qui couvre la politique, l’économie, le climat et la culture au Moyen-Orient et en Afrique du Nord.',
      publisherBlurb: 'The Tamarisk propose une couverture indépendante du Moyen-Orient et de l’Afrique du Nord, de l’eau et de l’énergie aux élections et aux arts.',
    },
  },
  languages: ['en', 'ar', 'fr'],
  defaultLanguage: 'en',
};
