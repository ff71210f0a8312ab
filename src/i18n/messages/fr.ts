/** French UI strings. */
import type { Messages } from './en.ts';
import { en } from './en.ts';

/** French catalogue; strings not yet translated fall back to English. */
export const fr: Messages = {
  ...en,
  skipToContent: 'Aller au contenu principal',
  searchLabel: 'Rechercher sur le site',
  searchPlaceholder: 'Rechercher',
  searchButton: 'Rechercher',
  mainNavigation: 'Rubriques',
  editions: 'Éditions',
  home: 'Accueil',
  latest: 'Dernières nouvelles',
  by: 'Par',
  and: 'et',
  published: 'Publié le',
  updated: 'Mis à jour le',
  minutesRead: '{count} min de lecture',
  photo: 'Photo :',
  corrections: 'Corrections et mises à jour',
  sources: 'Sources',
  tags: 'Sujets de cet article',
  related: 'Articles liés',
  readAlsoIn: 'Également disponible en',
  types: { news: 'Actualité', opinion: 'Opinion', analysis: 'Analyse', explainer: 'Décryptage', feature: 'Reportage', interview: 'Entretien', review: 'Critique', sponsored: 'Contenu sponsorisé' },
  notFoundTitle: 'Page introuvable',
  backHome: "Retour à l'accueil",
};
