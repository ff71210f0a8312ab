/**
 * The small word lists the English entity finder leans on, all lowercase: the words that
 * end (or begin) the names of organisations and places, titles and roles that come before
 * a person's name, and capitalised words that are never names on their own.
 */

/** Words that make a name an organisation's, wherever they stand in it ("… Council", "Fund for …", "… Airlines"). */
export const ORGANISATION_HEADS = new Set([
  'ministry', 'institute', 'bank', 'agency', 'council', 'group', 'forum', 'party', 'company', 'corporation', 'corp', 'inc', 'ltd',
  'university', 'authority', 'fund', 'league', 'organization', 'organisation', 'movement', 'commission', 'committee', 'union',
  'association', 'foundation', 'programme', 'program', 'center', 'centre', 'court', 'assembly', 'airways', 'airlines', 'air',
  'investments', 'investment', 'ventures', 'capital', 'partners', 'holdings', 'club', 'federation', 'army', 'police', 'office',
  'department', 'society', 'college', 'school', 'hospital', 'network', 'alliance', 'coalition', 'front', 'brigades', 'trust',
  'exchange', 'observatory', 'service', 'services', 'directorate', 'secretariat', 'crescent', 'cross', 'times', 'news', 'press',
  'television', 'tv', 'radio', 'academy', 'consultancy', 'contractors', 'commodities', 'analytics', 'media', 'parliament',
  'senate', 'fair', 'festival', 'guard', 'guards', 'forces', 'cabinet', 'tribunal', 'laboratory', 'labs', 'museum', 'library',
]);

/** First words of organisations' names ("Ministry of …", "University of …"). */
export const ORGANISATION_STARTS = new Set(['ministry', 'university', 'bank', 'institute', 'association', 'federation', 'league', 'council', 'committee', 'commission', 'central', 'supreme', 'union', 'office', 'department', 'kingdom']);

/** Last words of places' names ("… River", "… Square"). */
export const PLACE_HEADS = new Set([
  'river', 'sea', 'ocean', 'gulf', 'strait', 'straits', 'mountains', 'mountain', 'hills', 'valley', 'desert', 'lake', 'island',
  'islands', 'peninsula', 'canal', 'dam', 'bay', 'coast', 'delta', 'square', 'street', 'road', 'avenue', 'highway', 'airport',
  'province', 'governorate', 'region', 'district', 'camp', 'strip', 'plain', 'plains', 'oasis', 'bazaar', 'souk', 'market',
  'stadium', 'field', 'basin', 'marshes', 'heights', 'plateau', 'corniche', 'bridge', 'quarter', 'city', 'harbour', 'harbor',
]);

/** First words of places' names ("Port Sudan", "Strait of Gibraltar", "Wadi Musa"). */
export const PLACE_STARTS = new Set(['port', 'gulf', 'strait', 'cape', 'lake', 'mount', 'wadi', 'bab', 'kafr', 'deir', 'tel', 'tell', 'ain', 'ras', 'jebel', 'jabal', 'bir', 'khan', 'abu', 'sidi', 'hay']);

/** Lowercase words after a place name that say it is one ("Lahj province"). */
export const PLACE_NOUNS_AFTER = new Set(['province', 'governorate', 'region', 'district', 'city', 'town', 'village', 'neighbourhood', 'neighborhood', 'camp', 'port', 'border', 'coast', 'countryside', 'area', 'valley', 'basin', 'field', 'municipality', 'suburb', 'quarter', 'oasis', 'airport', 'crossing', 'refinery', 'market', 'souk', 'bazaar', 'governorate']);

/** Last words of events' names, which are not people, organisations or places. */
export const EVENT_HEADS = new Set(['cup', 'games', 'olympics', 'championship', 'championships', 'summit', 'conference', 'expo', 'war', 'uprising', 'revolution', 'agreement', 'accord', 'accords', 'treaty', 'prize', 'award', 'awards', 'day', 'week', 'season', 'marathon', 'tournament', 'election', 'elections']);

/** Lowercase nouns that, in "X, a … company" or "the … company X", say X is an organisation. */
export const ORGANISATION_NOUNS = new Set([
  'company', 'firm', 'charity', 'agency', 'group', 'bank', 'consultancy', 'provider', 'organisation', 'organization', 'body',
  'council', 'club', 'carrier', 'airline', 'brokerage', 'broker', 'insurer', 'lender', 'developer', 'operator', 'watchdog', 'union',
  'contractor', 'publisher', 'house', 'newspaper', 'broadcaster', 'channel', 'network', 'party', 'movement', 'militia', 'start-up',
  'startup', 'fund', 'exchange', 'regulator', 'ministry', 'authority', 'institute', 'university', 'team', 'side', 'coalition',
]);

/**
 * Titles and roles written before a name ("Minister Karim Saadeh", "Geologist Samir
 * Jaber"): they are removed from the name and count as evidence of a person.
 */
export const TITLES = new Set([
  'president', 'minister', 'prime', 'foreign', 'dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'sheikh', 'shaykh', 'king', 'queen',
  'prince', 'princess', 'emir', 'sultan', 'general', 'gen', 'colonel', 'col', 'major', 'captain', 'capt', 'lieutenant', 'sergeant',
  'mayor', 'governor', 'chairman', 'chairwoman', 'chair', 'director', 'professor', 'prof', 'judge', 'justice', 'imam', 'father',
  'sister', 'sir', 'lord', 'lady', 'dame', 'senator', 'sen', 'rep', 'mp', 'speaker', 'secretary', 'ambassador', 'envoy',
  'commander', 'chief', 'ceo', 'coach', 'former', 'deputy', 'acting', 'crown', 'ayatollah', 'pope', 'patriarch', 'bishop',
  'rabbi', 'mufti', 'cardinal', 'chancellor', 'vice', 'candidate', 'geologist', 'hydrologist', 'guide', 'economist', 'analyst',
  'engineer', 'architect', 'lawyer', 'spokesman', 'spokeswoman', 'spokesperson', 'researcher', 'historian', 'nurse', 'farmer',
  'shopkeeper', 'pharmacist', 'journalist', 'reporter', 'photographer', 'novelist', 'poet', 'author', 'writer', 'producer',
  'actor', 'actress', 'striker', 'midfielder', 'defender', 'goalkeeper', 'founder', 'co-founder', 'cofounder', 'official',
  'diplomat', 'consultant', 'adviser', 'advisor', 'activist', 'blogger', 'student', 'teacher', 'cleric', 'priest', 'lawmaker',
  'prosecutor', 'leader', 'head', 'manager', 'entrepreneur', 'investor', 'banker', 'trader', 'scientist', 'astronomer',
  'surgeon', 'paediatrician', 'pediatrician', 'fisherman', 'herder', 'driver', 'pilot', 'veteran', 'singer', 'musician', 'artist',
  'filmmaker', 'curator', 'lecturer', 'academic', 'mother', 'father', 'widow', 'son', 'daughter', 'resident', 'mr.', 'dr.', 'councillor', 'councilor', 'governor-general', 'secretary-general', 'inspector', 'officer',
]);

/** Capitalised words that are never part of a name (pronouns, articles, conjunctions, interview marks). */
export const NEVER_NAMES = new Set([
  'i', 'q', 'a', 'we', 'he', 'she', 'they', 'it', 'you', 'the', 'this', 'that', 'these', 'those', 'there', 'here', 'his', 'her',
  'but', 'and', 'or', 'if', 'when', 'while', 'after', 'before', 'since', 'as', 'at', 'in', 'on', 'for', 'of', 'to', 'from', 'by',
  'with', 'about', 'every', 'each', 'all', 'some', 'many', 'most', 'more', 'less', 'no', 'not', 'yes', 'our', 'my', 'your',
  'their', 'its', 'what', 'who', 'why', 'how', 'where', 'which', 'then', 'now', 'today', 'tomorrow', 'yesterday',
]);

/** Capitalised words that may be part of a name ("Arab League", "Middle East") but are not names alone. */
export const NOT_NAMES_ALONE = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'arab', 'arabs', 'arabic', 'english', 'french',
  'spanish', 'turkish', 'kurdish', 'persian', 'muslim', 'muslims', 'christian', 'christians', 'sunni', 'shia', 'shiite',
  'jewish', 'jews', 'druze', 'kurds', 'islamic', 'islam', 'god', 'ramadan', 'eid', 'western', 'eastern', 'northern', 'southern',
  'north', 'south', 'east', 'west', 'middle', 'central', 'one', 'two', 'three', 'four', 'five', 'ten', 'last', 'next', 'first',
  'new', 'old', 'mid', 'covid', 'internet', 'web', 'state', 'government', 'national', 'international', 'world', 'global',
]);

/** Short all-capital words that are not organisations (units, business terms). */
export const NOT_ORGANISATION_ACRONYMS = new Set(['ceo', 'cfo', 'gdp', 'lng', 'mw', 'gw', 'kw', 'kwh', 'mp', 'mps', 'tv', 'q', 'ok', 'am', 'pm', 'ad', 'bc', 'usd', 'eur', 'vat', 'ai', 'it', 'id', 'pdf', 'sms', 'covid', 'hiv', 'aids', 'dna', 'phd', 'ngo', 'ngos']);

/** Little words that may sit inside a name ("Ministry of Water Resources", "Food and Agriculture Organization"). */
export const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'the', 'to', 'de', 'du', 'des', 'la', 'le', 'del', 'della', 'di', 'da', 'dos', 'das', 'van', 'von', 'der', '&']);

/** Lowercase particles that begin or join Arabic and other names ("al-Khatib", "bin Salman"). */
export const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'abou', 'ould', 'ben']);

/** Particles that count only when joined by a hyphen ("as-Sadr", "an-Nahar"): alone they are English words. */
export const HYPHENED_PARTICLES = new Set(['at', 'as', 'an', 'ad', 'ar', 'ash', 'az', 'ul', 'ad', 'es', 'et', 'ed']);

/** Prepositions before a place ("in Amman", "from Basra"). */
export const PLACE_PREPOSITIONS = new Set(['in', 'from', 'near', 'outside', 'across', 'to', 'into', 'around', 'towards', 'toward', 'via', 'through', 'inside', 'throughout', 'between']);

/** Verbs of speaking that follow or precede a speaker. */
export const SPEECH_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'argues', 'argued', 'asked', 'wrote', 'writes', 'explained', 'recalled', 'warned', 'insisted', 'noted', 'stressed']);
