/**
 * Demo tags: countries, places within them, topics, and the fictional people and
 * organisations that recur in the demo stories.
 */
import type { DemoTag } from '../demo-types.ts';

const country = (slug: string, name: string, code: string, aliases: string[]): DemoTag =>
  ({ slug, kind: 'country', name, aliases, description: null, countryCode: code, parentSlug: null });

const place = (slug: string, name: string, parent: string, aliases: string[]): DemoTag =>
  ({ slug, kind: 'place', name, aliases, description: null, countryCode: null, parentSlug: parent });

const topic = (slug: string, name: string, aliases: string[], description: string): DemoTag =>
  ({ slug, kind: 'topic', name, aliases, description, countryCode: null, parentSlug: null });

const person = (slug: string, name: string, aliases: string[], description: string): DemoTag =>
  ({ slug, kind: 'person', name, aliases, description, countryCode: null, parentSlug: null });

const organisation = (slug: string, name: string, aliases: string[], description: string): DemoTag =>
  ({ slug, kind: 'organisation', name, aliases, description, countryCode: null, parentSlug: null });

/** Every demo tag; people and organisations are invented for the demo. */
export const TAGS: DemoTag[] = [
  country('jordan', 'Jordan', 'JO', ['الأردن', 'Hashemite Kingdom of Jordan', 'Jordanie']),
  country('lebanon', 'Lebanon', 'LB', ['لبنان', 'Liban']),
  country('syria', 'Syria', 'SY', ['سوريا', 'سورية', 'Syrie']),
  country('iraq', 'Iraq', 'IQ', ['العراق', 'Irak']),
  country('egypt', 'Egypt', 'EG', ['مصر', 'Égypte']),
  country('saudi-arabia', 'Saudi Arabia', 'SA', ['السعودية', 'المملكة العربية السعودية', 'KSA', 'Arabie saoudite']),
  country('iran', 'Iran', 'IR', ['إيران', 'ایران']),
  country('turkiye', 'Türkiye', 'TR', ['Turkey', 'Turkiye', 'تركيا', 'Turquie']),
  country('yemen', 'Yemen', 'YE', ['اليمن', 'Yémen']),
  country('tunisia', 'Tunisia', 'TN', ['تونس', 'Tunisie']),

  place('amman', 'Amman', 'jordan', ['عمّان', 'عمان']),
  place('aqaba', 'Aqaba', 'jordan', ['العقبة']),
  place('mafraq', 'Mafraq', 'jordan', ['المفرق']),
  place('beirut', 'Beirut', 'lebanon', ['بيروت', 'Beyrouth']),
  place('tyre', 'Tyre', 'lebanon', ['صور', 'Sour']),
  place('damascus', 'Damascus', 'syria', ['دمشق', 'الشام']),
  place('aleppo', 'Aleppo', 'syria', ['حلب', 'Alep']),
  place('baghdad', 'Baghdad', 'iraq', ['بغداد']),
  place('basra', 'Basra', 'iraq', ['البصرة', 'Basrah']),
  place('erbil', 'Erbil', 'iraq', ['أربيل', 'Hewlêr', 'Arbil']),
  place('cairo', 'Cairo', 'egypt', ['القاهرة', 'Le Caire']),
  place('alexandria', 'Alexandria', 'egypt', ['الإسكندرية', 'Alexandrie']),
  place('riyadh', 'Riyadh', 'saudi-arabia', ['الرياض']),
  place('tehran', 'Tehran', 'iran', ['طهران', 'تهران']),
  place('isfahan', 'Isfahan', 'iran', ['أصفهان', 'اصفهان', 'Esfahan']),
  place('istanbul', 'Istanbul', 'turkiye', ['إسطنبول', 'İstanbul']),
  place('gaziantep', 'Gaziantep', 'turkiye', ['غازي عنتاب', 'Antep']),
  place('aden', 'Aden', 'yemen', ['عدن']),
  place('tunis', 'Tunis', 'tunisia', ['تونس العاصمة']),
  place('sfax', 'Sfax', 'tunisia', ['صفاقس']),

  topic('diplomacy', 'Diplomacy', ['دبلوماسية', 'foreign policy', 'diplomatie'], 'Talks, envoys, summits and the relations between the region’s governments.'),
  topic('water', 'Water', ['مياه', 'drought', 'eau'], 'Rivers, aquifers, dams, desalination and the politics of scarcity.'),
  topic('energy', 'Energy', ['طاقة', 'electricity', 'oil and gas', 'énergie'], 'Oil, gas, power grids and the shift to renewables.'),
  topic('elections', 'Elections', ['انتخابات', 'vote', 'élections'], 'Votes at every level, from parliaments to municipal councils.'),
  topic('refugees', 'Refugees', ['لاجئون', 'displacement', 'réfugiés'], 'People forced from their homes, the camps and cities that host them, and returns.'),
  topic('economy', 'Economy', ['اقتصاد', 'prices', 'inflation', 'économie'], 'Prices, currencies, jobs, budgets and the businesses behind them.'),
  topic('climate', 'Climate', ['مناخ', 'heat', 'climate change', 'climat'], 'Heat, dust, drought and how the region adapts to a warming climate.'),
  topic('press-freedom', 'Press freedom', ['حرية الصحافة', 'media freedom', 'liberté de la presse'], 'The conditions journalists work under, and the laws that shape them.'),
  topic('health', 'Health', ['صحة', 'santé'], 'Hospitals, disease and public health.'),
  topic('agriculture', 'Agriculture', ['زراعة', 'farming', 'food security', 'agriculture'], 'Farms, harvests, food prices and rural livelihoods.'),
  topic('shipping', 'Shipping', ['شحن', 'ports', 'Red Sea', 'transport maritime'], 'Ports, sea lanes, freight costs and the trade that moves through them.'),
  topic('arts-and-culture', 'Arts and culture', ['ثقافة', 'culture', 'books', 'film'], 'Literature, cinema, music, exhibitions and heritage.'),

  person('tariq-haddadin', 'Tariq Haddadin', ['طارق حدادين', 'Haddadin'], 'Special envoy of the Gulf–Levant Contact Group (fictional).'),
  person('mona-abdelaziz', 'Mona Abdelaziz', ['منى عبد العزيز'], 'Economist and director of the Nile Policy Institute (fictional).'),
  person('ziad-kanaan', 'Ziad Kanaan', ['زياد كنعان'], 'Independent Lebanese member of parliament (fictional).'),
  person('parisa-moradi', 'Parisa Moradi', ['پریسا مرادی', 'باريسا مرادي'], 'Hydrologist who monitors river flows in central Iran (fictional).'),
  person('ayse-korkmaz', 'Ayşe Korkmaz', ['Ayse Korkmaz', 'عائشة كوركماز'], 'Deputy mayor responsible for transport in Istanbul (fictional).'),
  person('hamid-al-saadi', 'Hamid Al-Saadi', ['حامد الساعدي', 'Hamid al-Saadi'], 'Senior official at Iraq’s water resources ministry (fictional).'),
  person('salma-ben-youssef', 'Salma Ben Youssef', ['سلمى بن يوسف'], 'Head of the Tunisian Civic Observatory election-monitoring group (fictional).'),
  person('faris-al-harbi', 'Faris Al-Harbi', ['فارس الحربي'], 'Chief executive of Nafud Solar (fictional).'),

  organisation('gulf-levant-contact-group', 'Gulf–Levant Contact Group', ['مجموعة الاتصال الخليجية الشامية', 'GLCG', 'Contact Group'], 'A diplomatic forum of regional governments that mediates disputes (fictional).'),
  organisation('nile-policy-institute', 'Nile Policy Institute', ['معهد النيل للسياسات', 'NPI'], 'A Cairo economic think tank (fictional).'),
  organisation('tigris-euphrates-water-forum', 'Tigris–Euphrates Water Forum', ['منتدى مياه دجلة والفرات', 'TEWF'], 'A network of engineers and researchers from the river basin (fictional).'),
  organisation('tunisian-civic-observatory', 'Tunisian Civic Observatory', ['المرصد المدني التونسي', 'Observatoire civique tunisien'], 'A non-partisan election-monitoring group (fictional).'),
  organisation('nafud-solar', 'Nafud Solar', ['نفود للطاقة الشمسية', 'Nafud Solar Company'], 'A Saudi solar developer (fictional).'),
  organisation('open-newsroom-alliance', 'Open Newsroom Alliance', ['تحالف غرف الأخبار المفتوحة', 'ONA'], 'A regional press-freedom group that supports local journalists (fictional).'),
  organisation('mashriq-wire', 'Mashriq Wire', ['وكالة المشرق', 'MW'], 'A regional news agency (fictional).'),
];
