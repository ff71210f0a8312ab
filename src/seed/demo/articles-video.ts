/** Demo articles of the Video section: short films with an embedded player. */
import type { DemoArticle } from '../demo-types.ts';
import { WIRE, article, source } from './article-kit.ts';
import { embed, h, img, ol, p, pull, related } from './body.ts';

/** Four video pieces: two features, a news clip and a visual explainer. */
export const VIDEO_ARTICLES: DemoArticle[] = [
  article({
    slug: 'video-the-fishermen-of-tyre',
    headline: 'Video: The fishermen of Tyre and a shrinking catch',
    standfirst: 'In a ten-minute film, three generations of a fishing family in Lebanon’s southern port describe warmer water, new species and smaller hauls.',
    type: 'feature', section: 'video', authors: ['marco-bellini', 'rania-haddad'], dateline: 'TYRE',
    hero: 'tyre-fishing-boats', heroCaption: 'Boats head out from Tyre’s harbour before dawn.',
    tags: ['lebanon', 'tyre', 'economy', 'climate'],
    hoursAgo: 18,
    body: [
      embed('youtube', 'https://www.youtube.com/watch?v=Lm3RtY8cWq0', 'The fishermen of Tyre (10 min)'),
      p('Before dawn, the small wooden boats of Tyre’s fishing harbour head out a few kilometres from shore. The men who crew them say the sea they knew as children has changed.'),
      p('In this film, three generations of the Sabbagh family describe warmer water, species arriving from the Red Sea through the Suez Canal, and catches that rarely cover the cost of fuel.'),
      pull('My father knew where the fish were by the colour of the water. I have to guess.', 'Ali Sabbagh, fisherman'),
      h('About this film'),
      p('Filmed over four days in the port of Tyre. Produced by Marco Bellini, with reporting by Rania Haddad. Subtitles are available in English, Arabic and French.'),
    ],
  }),
  article({
    slug: 'video-dust-storm-sweeps-into-baghdad',
    headline: 'Video: The moment a dust storm swept into Baghdad',
    standfirst: 'Footage filmed from a rooftop shows the storm turning the afternoon orange as it rolled across the capital, Mashriq Wire reported.',
    type: 'news', section: 'video', byline: 'Video desk', dateline: 'BAGHDAD',
    hero: 'desert-road-dust', heroCaption: 'Dust over a highway outside Baghdad. File photo.',
    sources: [WIRE],
    tags: ['iraq', 'baghdad', 'climate'],
    hoursAgo: 38,
    body: [
      p('Residents of Baghdad filmed the moment a wall of dust rolled over the city, turning the afternoon sky orange and then brown within minutes.'),
      embed('x', 'https://x.com/mashriqwire_demo/status/1790000000000000001', 'Mashriq Wire: dust storm reaches central Baghdad'),
      p('The clip, shared by the regional news agency Mashriq Wire, was filmed from a rooftop in the Karrada district. The storm closed schools and grounded flights for several hours.'),
      p('Dust storms have grown more frequent in Iraq as drought dries out farmland and marshes.'),
      related('dust-storm-closes-schools-and-grounds-flights-in-central-iraq'),
    ],
  }),
  article({
    slug: 'video-how-a-jordanian-village-harvests-winter-rain',
    headline: 'Video: How a Jordanian village harvests its winter rain',
    standfirst: 'Gutters, cisterns and stone check dams: a short visual guide to an old practice that helps one village through the dry summer.',
    type: 'explainer', section: 'video', authors: ['tomas-lindqvist', 'marco-bellini'], dateline: 'AJLOUN',
    hero: 'olive-terraces', heroCaption: 'Terraced olive groves in the hills of northern Jordan, where villagers collect winter rain.',
    sources: [source('Village water committee', 'other')],
    tags: ['jordan', 'water', 'climate', 'agriculture'],
    hoursAgo: 310, licensing: 'cc',
    body: [
      embed('vimeo', 'https://vimeo.com/842913576', 'Catching the rain: how a village in northern Jordan stores its winter water'),
      p('Jordan is one of the most water-scarce countries in the world, but its northern hills still receive a few hundred millimetres of rain each winter. In this short film we visit a village that has revived an old practice: catching that rain before it runs away.'),
      h('How it works'),
      ol(
        'Rain falling on roofs and courtyards is channelled through gutters and pipes.',
        'It passes through a simple settling chamber that traps silt and leaves.',
        'The water is stored in an underground cistern, cool and dark, for use through the dry summer.',
        'Overflow is led into small stone check dams that slow the runoff and let it soak into the soil.',
      ),
      p('A household cistern of 50 cubic metres can cover a family’s non-drinking needs — washing, cleaning, a kitchen garden — for several months.'),
    ],
  }),
  article({
    slug: 'video-istanbul-from-the-last-ferry',
    headline: 'Video: Istanbul from the deck of the last ferry',
    standfirst: 'A slow, wordless crossing from Europe to Asia on one of the city’s late-night ferries, with the sounds of the Bosphorus.',
    type: 'feature', section: 'video', authors: ['marco-bellini', 'emre-yildirim'], dateline: 'ISTANBUL',
    hero: 'istanbul-domes-dusk', heroCaption: 'The historic peninsula at dusk, as the evening ferries begin their crossings.',
    tags: ['turkiye', 'istanbul', 'arts-and-culture'],
    hoursAgo: 700,
    body: [
      embed('vimeo', 'https://vimeo.com/905127334', 'Last ferry: Eminönü to Kadıköy'),
      p('Every day, hundreds of thousands of Istanbul’s residents cross between its European and Asian shores. For many of them, the ferry is the best twenty minutes of the day.'),
      p('We filmed the crossing from Eminönü to Kadıköy on one of the last sailings of the evening, with no narration — just the engine, the gulls, the tea seller and the water.'),
      img('istanbul-ferry-night', 'The late ferry pulls away from the European shore.'),
    ],
  }),
];
