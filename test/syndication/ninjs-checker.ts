/**
 * A checker of IPTC ninjs 2.0 structure, written from the 2.0 specification for our tests
 * (not the schema file itself): the one required property, the property names allowed at
 * each level, which properties are strings, numbers, arrays of objects or objects, the
 * fixed vocabularies, and `name` on every association and rendition. It returns every
 * problem as a path and a sentence, so a failing test says exactly what is wrong.
 */

/** Properties of a ninjs 2.0 object and what each holds. */
const TOP_LEVEL: Record<string, Kind> = {
  uri: 'uri',
  type: { oneOf: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'] },
  representationtype: { oneOf: ['full', 'partial'] },
  profile: 'string',
  version: 'string',
  firstcreated: 'date-time',
  versioncreated: 'date-time',
  contentcreated: 'date-time',
  embargoed: 'date-time',
  pubstatus: { oneOf: ['usable', 'withheld', 'canceled'] },
  urgency: 'number',
  copyrightholder: 'string',
  copyrightnotice: 'string',
  usageterms: 'string',
  ednote: 'string',
  language: 'string',
  descriptions: { arrayOf: { role: 'string', contenttype: 'string', value: 'string' }, required: ['value'] },
  bodies: { arrayOf: { role: 'string', contenttype: 'string', charcount: 'number', wordcount: 'number', value: 'string' }, required: ['value'] },
  headlines: { arrayOf: { role: 'string', contenttype: 'string', value: 'string' }, required: ['value'] },
  people: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string' } },
  organisations: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string', symbols: { arrayOf: { ticker: 'string', exchange: 'string' } } } },
  places: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string', geojson: 'object' } },
  subjects: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string' } },
  events: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string' } },
  objects: { arrayOf: { name: 'string', rel: 'string', uri: 'uri', literal: 'string' } },
  infosources: { arrayOf: { name: 'string', role: 'uri', uri: 'uri', literal: 'string' } },
  title: 'string',
  by: 'string',
  slugline: 'string',
  located: 'string',
  renditions: {
    arrayOf: { name: 'string', href: 'uri', contenttype: 'string', title: 'string', height: 'number', width: 'number', sizeinbytes: 'number', duration: 'number', format: 'string' },
    required: ['name'],
  },
  associations: 'associations',
  altids: { arrayOf: { role: 'string', value: 'string' } },
  trustindicators: { arrayOf: { role: 'uri', title: 'string', href: 'uri' } },
  standard: { objectOf: { name: 'string', version: 'string', schema: 'uri' } },
  genres: { arrayOf: { name: 'string', uri: 'uri', literal: 'string' } },
  rightsinfo: { objectOf: { langid: 'uri', linkedrights: 'uri', encodedrights: 'string' } },
};

type Scalar = 'string' | 'number' | 'uri' | 'date-time' | 'object';
type Kind = Scalar | 'associations' | { oneOf: string[] } | { arrayOf: Record<string, Kind>; required?: string[] } | { objectOf: Record<string, Kind> };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, kind: Kind, path: string, problems: string[]): void {
  if (kind === 'associations') {
    if (!Array.isArray(value)) return void problems.push(`${path}: must be an array of ninjs objects, not ${typeof value}`);
    value.forEach((entry, index) => {
      if (!isPlainObject(entry)) return void problems.push(`${path}[${index}]: must be an object`);
      if (typeof entry.name !== 'string' || entry.name === '') problems.push(`${path}[${index}].name: every association needs a name`);
      checkObject(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'name')), `${path}[${index}]`, problems);
    });
    return;
  }
  if (typeof kind === 'object') {
    if ('oneOf' in kind) {
      if (typeof value !== 'string' || !kind.oneOf.includes(value)) problems.push(`${path}: must be one of ${kind.oneOf.join(', ')}, not ${JSON.stringify(value)}`);
    } else if ('arrayOf' in kind) {
      if (!Array.isArray(value)) return void problems.push(`${path}: must be an array, not ${isPlainObject(value) ? 'an object' : typeof value}`);
      value.forEach((entry, index) => checkFields(entry, kind.arrayOf, kind.required ?? [], `${path}[${index}]`, problems));
    } else {
      checkFields(value, kind.objectOf, [], path, problems);
    }
    return;
  }
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path}: must be a number`);
  } else if (kind === 'object') {
    if (!isPlainObject(value)) problems.push(`${path}: must be an object`);
  } else if (typeof value !== 'string') {
    problems.push(`${path}: must be a string`);
  } else if (kind === 'uri' && !URL.canParse(value)) {
    problems.push(`${path}: must be an absolute URI, not ${JSON.stringify(value)}`);
  } else if (kind === 'date-time' && !DATE_TIME.test(value)) {
    problems.push(`${path}: must be an RFC 3339 date-time, not ${JSON.stringify(value)}`);
  }
}

function checkFields(value: unknown, fields: Record<string, Kind>, required: string[], path: string, problems: string[]): void {
  if (!isPlainObject(value)) return void problems.push(`${path}: must be an object`);
  for (const name of required) if (!(name in value)) problems.push(`${path}.${name}: is required`);
  for (const [name, inner] of Object.entries(value)) {
    const kind = fields[name];
    if (kind === undefined) problems.push(`${path}.${name}: is not a property ninjs 2.0 defines here`);
    else checkValue(inner, kind, `${path}.${name}`, problems);
  }
}

function checkObject(value: Record<string, unknown>, path: string, problems: string[]): void {
  checkFields(value, TOP_LEVEL, ['uri'], path, problems);
}

/** The problems of a value read as one ninjs 2.0 object; [] when it conforms. */
export function ninjsProblems(value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  if (!isPlainObject(value)) return [`${path}: a ninjs item must be an object`];
  checkObject(value, path, problems);
  return problems;
}
