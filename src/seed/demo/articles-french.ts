/** Demo articles in French: one translation of an English story and one original feature. */
import type { DemoArticle } from '../demo-types.ts';
import { article, source } from './article-kit.ts';
import { h, p, quote, ul } from './body.ts';

/** Two pieces from the Tunis correspondent for the French edition. */
export const FRENCH_ARTICLES: DemoArticle[] = [
  article({
    slug: 'la-tunisie-fixe-la-date-des-elections-municipales',
    language: 'fr', group: 'tunisia-election-date',
    headline: 'La Tunisie fixe la date des élections municipales',
    standfirst: 'L’instance électorale a annoncé la date du scrutin municipal et ouvert l’enregistrement des candidatures, lançant une courte campagne pour plus de 350 conseils locaux.',
    type: 'news', section: 'news', authors: ['youssef-benali'], dateline: 'TUNIS',
    hero: 'parliament-portico', heroCaption: 'L’instance électorale a annoncé le calendrier à Tunis. Photo d’archives.',
    sources: [source('Annonce de l’instance électorale', 'official'), source('Observatoire civique tunisien', 'other')],
    tags: ['tunisia', 'tunis', 'elections', 'salma-ben-youssef', 'tunisian-civic-observatory'],
    hoursAgo: 13,
    body: [
      p('L’instance électorale tunisienne a annoncé que les élections municipales se tiendront dans douze semaines sur l’ensemble du territoire, et que l’enregistrement des candidatures ouvrira le mois prochain.'),
      p('Les électeurs désigneront les membres de plus de 350 conseils municipaux. Les listes doivent alterner femmes et hommes, et au moins un des trois premiers candidats de chaque liste doit avoir moins de 35 ans, selon des règles reprises des précédentes élections locales.'),
      quote('Le calendrier est serré mais tenable. Ce qui nous inquiète, c’est de savoir si les gens croient que ces conseils peuvent changer quoi que ce soit dans leur rue.', 'Salma Ben Youssef, présidente de l’Observatoire civique tunisien'),
      p('L’Observatoire civique tunisien, un réseau d’observation non partisan, a indiqué qu’il déploierait des observateurs dans les 24 gouvernorats et publierait des estimations de participation le soir du scrutin.'),
      p('Plusieurs partis n’ont pas encore dit s’ils participeraient. Les listes indépendantes, souvent construites autour de personnalités locales connues, avaient remporté une large part des sièges lors du dernier scrutin municipal.'),
    ],
  }),
  article({
    slug: 'a-sfax-la-recolte-des-olives-sous-le-signe-de-la-secheresse',
    language: 'fr',
    headline: 'À Sfax, la récolte des olives commence sous le signe de la sécheresse',
    standfirst: 'Dans la première région oléicole du pays, les producteurs s’attendent à une récolte inégale : les vergers irrigués s’en sortent, les oliveraies pluviales souffrent.',
    type: 'feature', section: 'features', authors: ['youssef-benali'], dateline: 'SFAX',
    hero: 'olive-terraces', heroCaption: 'Des oliviers en terrasses au lever du jour.',
    tags: ['tunisia', 'sfax', 'agriculture', 'water', 'economy', 'climate'],
    hoursAgo: 44,
    body: [
      p('Sur la route de Sfax à Agareb, les oliviers s’alignent à perte de vue, plantés à intervalles réguliers dans une terre ocre et sèche. C’est ici que commence, chaque automne, la saison qui fait vivre des dizaines de milliers de familles.'),
      p('Cette année, les producteurs parlent d’une récolte « à deux vitesses ». Les vergers irrigués affichent des rendements corrects ; les oliveraies pluviales, majoritaires dans la région, ont souffert d’un printemps et d’un été particulièrement secs.'),
      quote('Les arbres ont tenu, mais les fruits sont petits. On va presser beaucoup d’olives pour peu d’huile.', 'Mongi Trabelsi, oléiculteur à Agareb'),
      h('Des prix élevés, des marges fragiles'),
      p('Les prix de l’huile d’olive restent élevés sur les marchés internationaux, ce qui soutient les revenus des exportateurs. Mais les petits producteurs, qui vendent souvent leurs olives directement aux huileries, disent ne pas voir la couleur de ces hausses.'),
      ul(
        'Main-d’œuvre : les cueilleurs sont de plus en plus difficiles à trouver.',
        'Eau : le coût du pompage augmente à mesure que les nappes baissent.',
        'Crédit : beaucoup d’agriculteurs s’endettent avant la récolte.',
      ),
      p('Les huileries de la région ont commencé à tourner, et l’odeur de l’huile fraîche flotte déjà sur les villages. Pour beaucoup, la saison reste une fête — même quand elle est inquiète.'),
    ],
  }),
];
