/**
 * The demo photo library as metadata: which scene draws each picture, under which
 * light, and the alt text, caption and credit it carries. `photos.ts` draws them.
 */
import type { MoodName } from './svg-kit.ts';

/** Name of the fictional news agency whose photos and copy the demo uses. */
export const WIRE_AGENCY = 'Mashriq Wire';
/** The demo site's own name, used for staff photo credits. */
export const SITE_NAME = 'The Tamarisk';

/** Names of the scene functions in the scenes-*.ts files. */
export type SceneName =
  | 'hillCity' | 'coastalTowers' | 'riverMinarets' | 'domesOverWater' | 'mountainTower' | 'riverBridge' | 'nightWaterfront'
  | 'rooftops' | 'mountainVillage' | 'desertRoad' | 'palmOasis' | 'dryRiverbed' | 'oliveTerraces' | 'wheatSilos' | 'tentCamp'
  | 'ruinedColumns' | 'portCranes' | 'solarField' | 'windRidge' | 'damReservoir' | 'refineryFlare' | 'cargoShip' | 'fishingBoats'
  | 'souqAwnings' | 'parliamentFacade' | 'pressMicrophones' | 'ballotBox' | 'bookshelf';

/** One catalogue entry: everything about a demo photo except its pixels. */
export interface PhotoEntry {
  key: string;
  scene: SceneName;
  mood: MoodName;
  alt: string;
  caption: string;
  /** The photographer; the credit line adds the agency or the site. */
  photographer: string;
  isWire: boolean;
}

const entry = (key: string, scene: SceneName, mood: MoodName, photographer: string, isWire: boolean, alt: string, caption: string): PhotoEntry =>
  ({ key, scene, mood, photographer, isWire, alt, caption });

/** Every demo photo; roughly a third are agency pictures that may not be redistributed. */
export const PHOTO_CATALOGUE: PhotoEntry[] = [
  entry('amman-hills-dusk', 'hillCity', 'dusk', 'Samer Odeh', true,
    'Hills densely covered with pale stone houses at dusk, a domed mosque and minaret among them, the sun low in a purple sky.',
    'Houses climb the hills of Amman at dusk. File photo.'),
  entry('amman-hills-morning', 'hillCity', 'day', 'Lina Sarkis', false,
    'Pale cube-shaped houses spread over rolling hills under a clear blue sky, a minaret rising behind a dome.',
    'A residential district of Amman in the morning light.'),
  entry('beirut-seafront-dawn', 'coastalTowers', 'dawn', 'Marco Bellini', false,
    'A line of apartment towers along a palm-lined seafront at dawn, mountains faint behind them and the sea in front.',
    'Apartment towers along the Beirut seafront at first light.'),
  entry('beirut-seafront-night', 'coastalTowers', 'night', 'Marco Bellini', false,
    'Seafront towers at night with only scattered windows lit, under a starry sky, their lights reflected in dark water.',
    'Only a scattering of windows stay lit along the Beirut waterfront after dark.'),
  entry('cairo-nile-haze', 'riverMinarets', 'haze', 'Karim Zaki', true,
    'A sailing boat with a white triangular sail crosses a wide river in hazy light; domes and minarets line the far bank and palms lean over the near shore.',
    'A felucca on the Nile in Cairo. File photo.'),
  entry('river-palms-dawn', 'riverMinarets', 'dawn', 'Ali Hadi', false,
    'Palms lean over a broad river at dawn as a single sailing boat drifts past a low skyline of domes and minarets.',
    'Dawn on the waterway at the edge of the city.'),
  entry('istanbul-domes-dusk', 'domesOverWater', 'dusk', 'Deniz Aksoy', false,
    'A great domed mosque with four slender pencil minarets above a strait at dusk, a passenger ferry crossing in front and gulls overhead.',
    'A ferry crosses in front of Istanbul’s historic peninsula at dusk.'),
  entry('istanbul-ferry-night', 'nightWaterfront', 'night', 'Deniz Aksoy', false,
    'A passenger ferry with rows of lit windows crosses dark water at night, the lights of a domed skyline reflected in streaks behind it.',
    'An evening ferry on the Bosphorus.'),
  entry('tehran-smog', 'mountainTower', 'haze', 'Nima Rahbar', true,
    'A tall broadcast tower and a low sprawl of buildings beneath snow-capped mountains, all softened by a thick brown haze.',
    'Smog hangs over Tehran beneath the Alborz mountains. File photo.'),
  entry('baghdad-tigris-bridge', 'riverBridge', 'day', 'Ali Hadi', false,
    'An arched road bridge spans a wide river under a blue sky; palms and low buildings, a dome and a minaret line the far bank.',
    'A bridge over the Tigris in central Baghdad.'),
  entry('desert-road-dust', 'desertRoad', 'haze', 'Karim Zaki', true,
    'A straight two-lane road runs into a dust-filled horizon between low dunes, telegraph poles fading into the haze.',
    'A highway disappears into blowing dust. File photo.'),
  entry('desert-road-dawn', 'desertRoad', 'dawn', 'Lina Sarkis', false,
    'An empty desert highway with a yellow centre line stretches towards distant mountains at dawn, telegraph poles running beside it.',
    'The highway east of Amman at daybreak.'),
  entry('aqaba-port-cranes', 'portCranes', 'day', 'Lina Sarkis', false,
    'Three yellow gantry cranes stand over stacks of coloured shipping containers and a berthed ship, with reddish mountains behind the port.',
    'Container cranes at the port of Aqaba.'),
  entry('souq-awnings', 'souqAwnings', 'day', 'Rami Khoury', false,
    'Market stalls under red, yellow, teal and purple striped awnings, with piles of fruit on wooden tables, hanging brass lanterns and open sacks of spices.',
    'Stalls in a covered market.'),
  entry('parliament-portico', 'parliamentFacade', 'day', 'Samer Odeh', true,
    'A white colonnaded building with a pediment and a dome behind it, reached by a wide flight of steps and flanked by cypress trees.',
    'A parliament building with its colonnaded portico. File photo.'),
  entry('parliament-portico-dusk', 'parliamentFacade', 'dusk', 'Rami Khoury', false,
    'A colonnaded parliament building with a dome, its steps and columns tinted orange under a dusk sky, cypresses at either side.',
    'The parliament building at the end of a session day.'),
  entry('dam-reservoir-low', 'damReservoir', 'day', 'Ali Hadi', false,
    'A curved concrete dam between rocky slopes, water spilling down its centre; behind it the reservoir sits well below a pale band of exposed shoreline.',
    'A dam and its reservoir, with a wide band of exposed bank above the waterline.'),
  entry('solar-farm-noon', 'solarField', 'day', 'Huda Al-Ghamdi', false,
    'Rows of dark blue solar panels stretch across flat sand to a low horizon under a bright sun.',
    'Photovoltaic arrays in the desert.'),
  entry('wind-ridge-dawn', 'windRidge', 'dawn', 'Huda Al-Ghamdi', false,
    'White wind turbines of different sizes stand along layered hills under a pink and violet dawn sky.',
    'Wind turbines along a ridge at dawn.'),
  entry('tent-camp-winter', 'tentCamp', 'overcast', 'Samer Odeh', true,
    'Rows of white and blue tents spread across snowy ground in a valley under a grey sky, with mountains behind.',
    'Tents in an informal settlement after a winter storm. File photo.'),
  entry('olive-terraces', 'oliveTerraces', 'dawn', 'Youssef Benali', false,
    'Terraced hillside rows of silvery-green olive trees at dawn, stone walls following the contours.',
    'Olive groves on terraced slopes.'),
  entry('orchard-terraces-day', 'oliveTerraces', 'day', 'Deniz Aksoy', false,
    'Rows of round-crowned orchard trees on terraced brown soil, hills fading into a blue sky.',
    'Orchards on terraced farmland.'),
  entry('tyre-fishing-boats', 'fishingBoats', 'dawn', 'Marco Bellini', false,
    'Small white wooden fishing boats with coloured stripes float off a sandy beach at dawn; an old harbour wall and a small lighthouse stand to the right.',
    'Fishing boats off the beach at Tyre.'),
  entry('basra-flare', 'refineryFlare', 'dusk', 'Nima Rahbar', true,
    'A tall flare stack burns a bright orange flame beside storage tanks and columns, dark smoke drifting across a dusk sky.',
    'A gas flare at an oilfield facility near Basra. File photo.'),
  entry('dry-riverbed-isfahan', 'dryRiverbed', 'haze', 'Nima Rahbar', true,
    'A cracked, dry riverbed stretches beneath a long stone bridge of many arches; a wooden boat lies stranded on the mud.',
    'The dry bed of a river beneath a historic bridge. File photo.'),
  entry('press-microphones', 'pressMicrophones', 'night', 'Rami Khoury', false,
    'A wooden lectern crowded with broadcasters’ microphones in coloured cubes, lit by a spotlight against a dark blue backdrop.',
    'Microphones set up before a news conference.'),
  entry('ballot-box', 'ballotBox', 'day', 'Youssef Benali', false,
    'A transparent ballot box holding folded white papers sits on a desk in a classroom, a booth curtain to the left and a window behind.',
    'A ballot box in a polling station set up in a school.'),
  entry('rooftop-dishes', 'rooftops', 'dusk', 'Lina Sarkis', false,
    'Flat rooftops at dusk crowded with satellite dishes, black water tanks and washing lines hung with coloured laundry.',
    'Satellite dishes and water tanks on the rooftops of a dense neighbourhood.'),
  entry('palm-oasis', 'palmOasis', 'day', 'Huda Al-Ghamdi', false,
    'Date palms surround a spring-fed pool among sand dunes, with low mud-brick houses beyond.',
    'Palms around a spring in an oasis.'),
  entry('red-sea-cargo-ship', 'cargoShip', 'dusk', 'Karim Zaki', true,
    'A container ship stacked with coloured boxes sails across calm water at dusk, a white wake trailing from its stern.',
    'A container ship under way at dusk. File photo.'),
  entry('wheat-silos', 'wheatSilos', 'day', 'Karim Zaki', true,
    'A golden wheat field in the foreground runs back to a row of tall metal grain silos under a blue sky.',
    'Grain silos beside a wheat field. File photo.'),
  entry('bookshelf', 'bookshelf', 'dusk', 'Rami Khoury', false,
    'Wooden shelves packed with books in many colours and sizes, a few leaning, in warm lamplight.',
    'Books on a shelf in warm light.'),
  entry('kurdistan-village', 'mountainVillage', 'day', 'Ali Hadi', false,
    'Flat-roofed stone houses stacked up a steep green valley side with tall poplars among them, mountains behind.',
    'A mountain village in the Kurdistan region.'),
  entry('ancient-colonnade', 'ruinedColumns', 'dusk', 'Lina Sarkis', false,
    'A row of ancient stone columns, some broken, stands in the desert at dusk, fallen column drums lying in the sand.',
    'Columns of a Roman-era colonnade at sunset.'),
  entry('alexandria-corniche', 'coastalTowers', 'day', 'Mariam Fathy', true,
    'Apartment blocks line a palm-fringed seafront promenade on a bright day, the sea glittering in front of them.',
    'Apartment blocks along the Alexandria Corniche. File photo.'),
];

/** Looks up a catalogue entry, failing loudly on a typo in article data. */
export function photoEntry(key: string): PhotoEntry {
  const found = PHOTO_CATALOGUE.find((p) => p.key === key);
  if (!found) throw new Error(`Unknown demo photo key: ${key}`);
  return found;
}

/** The credit line printed under a photo, e.g. "Samer Odeh/Mashriq Wire". */
export const photoCredit = (p: PhotoEntry): string => `${p.photographer}/${p.isWire ? WIRE_AGENCY : SITE_NAME}`;
