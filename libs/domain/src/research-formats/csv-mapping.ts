import { DomainError, type FieldIssue } from '../errors';
import { tryParseOccurred } from '../time/occurred';
import { lookupCameo } from '../taxonomy/cameo';
import {
  fromCameoCountry,
  fromCountryName,
  fromCowCountry,
  fromFipsCountry,
  type Mapped,
} from './country-mapping';
import { isCountryCode, normalizeCountryCode } from '../countries/countries';
import { cut, httpUrl, plain, refuse, researchEventId, type RowReader } from './research-row';

/**
 * Any CSV, with a small mapping file naming which column is what. Rows become records like the
 * machine-coded formats: kind OTHER, no typed effects, the dataset's provenance.
 *
 * ```json
 * { "dataset": "my-events", "version": "1", "delimiter": ",", "countryCodes": "iso3",
 *   "columns": { "rowId": "id", "date": "date", "countries": ["a", "b"], "cameo": "code",
 *                "ploverEvent": "event_type", "ploverMode": "mode", "ploverContext": "context",
 *                "title": "headline", "summary": "notes", "url": "link", "location": "place",
 *                "publisher": "outlet" } }
 * ```
 */
export interface CsvMapping {
  readonly dataset: string;
  readonly version?: string;
  readonly delimiter: ',' | ';' | '\t';
  readonly countryCodes: CountryScheme;
  readonly columns: {
    readonly rowId: string;
    readonly date: string;
    readonly countries: readonly string[];
  } & Partial<Record<OptionalColumn, string>>;
}

export const COUNTRY_SCHEMES = ['iso3', 'cameo', 'fips', 'cow', 'name'] as const;
type CountryScheme = (typeof COUNTRY_SCHEMES)[number];
const OPTIONAL_COLUMNS = [
  'cameo',
  'ploverEvent',
  'ploverMode',
  'ploverContext',
  'title',
  'summary',
  'url',
  'location',
  'publisher',
] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DELIMITERS = [',', ';', '\t'] as const;

/** Checks a mapping file's JSON; every problem is named by its path. */
export function parseCsvMapping(raw: unknown): CsvMapping {
  const issues: FieldIssue[] = [];
  const object = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!object(raw))
    throw DomainError.invalid([{ path: 'mapping', message: 'must be a JSON object' }]);
  const known = ['dataset', 'version', 'delimiter', 'countryCodes', 'columns'];
  for (const key of Object.keys(raw))
    if (!known.includes(key))
      issues.push({ path: key.slice(0, 64), message: 'is not a known field' });
  const text = (value: unknown, path: string, max = 100) => {
    if (typeof value === 'string' && value.trim() !== '' && value.length <= max)
      return value.trim();
    issues.push({ path, message: `must be a non-empty string of at most ${max} characters` });
    return undefined;
  };
  const dataset = text(raw.dataset, 'dataset', 50);
  if (dataset && !SLUG.test(dataset))
    issues.push({
      path: 'dataset',
      message: 'must be a slug: lower-case letters and digits joined by "-"',
    });
  const version = raw.version === undefined ? undefined : text(raw.version, 'version', 50);
  const delimiter = raw.delimiter ?? ',';
  if (!(DELIMITERS as readonly unknown[]).includes(delimiter))
    issues.push({ path: 'delimiter', message: 'must be ",", ";" or a tab' });
  const countryCodes = raw.countryCodes ?? 'iso3';
  if (!(COUNTRY_SCHEMES as readonly unknown[]).includes(countryCodes))
    issues.push({ path: 'countryCodes', message: `must be one of ${COUNTRY_SCHEMES.join(', ')}` });
  const columns: Record<string, unknown> = {};
  if (!object(raw.columns)) issues.push({ path: 'columns', message: 'must be an object' });
  else {
    const allowed = ['rowId', 'date', 'countries', ...OPTIONAL_COLUMNS];
    for (const key of Object.keys(raw.columns))
      if (!allowed.includes(key))
        issues.push({ path: `columns.${key.slice(0, 64)}`, message: 'is not a known column role' });
    columns.rowId = text(raw.columns.rowId, 'columns.rowId');
    columns.date = text(raw.columns.date, 'columns.date');
    const countries = raw.columns.countries;
    if (!Array.isArray(countries) || countries.length < 1 || countries.length > 12)
      issues.push({ path: 'columns.countries', message: 'must list 1 to 12 column names' });
    else columns.countries = countries.map((c, i) => text(c, `columns.countries[${i}]`));
    for (const role of OPTIONAL_COLUMNS)
      if (raw.columns[role] !== undefined)
        columns[role] = text(raw.columns[role], `columns.${role}`);
  }
  if (issues.length > 0) throw DomainError.invalid(issues);
  return {
    dataset: dataset!,
    ...(version ? { version } : {}),
    delimiter: delimiter as CsvMapping['delimiter'],
    countryCodes: countryCodes as CountryScheme,
    columns: columns as CsvMapping['columns'],
  };
}

const mapCountry = (scheme: CountryScheme, value: string, year: number): Mapped => {
  switch (scheme) {
    case 'iso3': {
      const code = normalizeCountryCode(value);
      return isCountryCode(code)
        ? { code }
        : { reason: `${JSON.stringify(value.slice(0, 20))} is not an ISO 3166 alpha-3 code` };
    }
    case 'cameo':
      return fromCameoCountry(value);
    case 'fips':
      return fromFipsCountry(value);
    case 'cow':
      return fromCowCountry(value, year);
    case 'name':
      return fromCountryName(value);
    default: {
      const _exhaustive: never = scheme;
      return _exhaustive;
    }
  }
};

/** The reader for a file with this header under this mapping, or why they do not match. */
export function csvMappingReader(
  mapping: CsvMapping,
  header: readonly string[],
): RowReader | { readonly error: string } {
  const names = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  const { columns } = mapping;
  const wanted = [
    columns.rowId,
    columns.date,
    ...columns.countries,
    ...OPTIONAL_COLUMNS.flatMap((role) => (columns[role] ? [columns[role]] : [])),
  ];
  const missing = wanted.filter((c) => !names.includes(c));
  if (missing.length)
    return { error: `the header has no column ${missing.map((m) => `"${m}"`).join(', ')}` };
  const at = (column: string) => names.indexOf(column);
  return (fields) => {
    if (fields.length === 1 && fields[0].trim() === '') return { kind: 'skip' };
    const get = (column: string | undefined) => (column ? plain(fields[at(column)]) : '');
    const rowId = get(columns.rowId).slice(0, 200);
    if (!rowId) return refuse(`${columns.rowId} (the row id) is empty`);
    const dateText = get(columns.date);
    const date = /^\d{8}$/.test(dateText)
      ? `${dateText.slice(0, 4)}-${dateText.slice(4, 6)}-${dateText.slice(6, 8)}`
      : dateText;
    const occurred = tryParseOccurred(date);
    if (!occurred.ok)
      return refuse(
        `${columns.date}: ${JSON.stringify(dateText.slice(0, 30))} is not a date (${occurred.message})`,
        rowId,
      );
    const year = Number(occurred.occurred.start.slice(0, 4));
    const countries: string[] = [];
    for (const column of columns.countries) {
      const value = get(column);
      if (!value) continue;
      const mapped = mapCountry(mapping.countryCodes, value, year);
      if ('reason' in mapped) return refuse(`${column}: ${mapped.reason}`, rowId);
      countries.push(mapped.code);
    }
    if (countries.length === 0) return refuse('no country: every country column is empty', rowId);
    const code = get(columns.cameo);
    const cameo = code ? lookupCameo(code) : undefined;
    if (code && !cameo)
      return refuse(
        `${columns.cameo}: ${JSON.stringify(code.slice(0, 10))} is not a CAMEO event code`,
        rowId,
      );
    const url = httpUrl(get(columns.url));
    // PLOVER values are kept as given; the domain checks them against the PLOVER vocabulary.
    const ploverEvent = get(columns.ploverEvent);
    const plover = ploverEvent
      ? {
          event: ploverEvent,
          ...(get(columns.ploverMode) ? { mode: get(columns.ploverMode) } : {}),
          ...(get(columns.ploverContext) ? { context: get(columns.ploverContext) } : {}),
        }
      : undefined;
    const title =
      get(columns.title) ||
      `${[...new Set(countries)].join(', ')}: ${cameo?.name ?? 'event'} (${mapping.dataset})`;
    return {
      kind: 'record',
      rowId,
      input: {
        id: researchEventId(mapping.dataset, rowId),
        kind: 'OTHER',
        title: cut(title, 300),
        summary: cut(get(columns.summary), 5000),
        occurred: occurred.occurred.edtf,
        countries: [...new Set(countries)],
        participants: [],
        ...(get(columns.location) ? { location: cut(get(columns.location), 200) } : {}),
        ...(cameo ? { cameo: cameo.code } : {}),
        ...(plover ? { plover } : {}),
        effects: [],
        sources: [
          {
            title: cut(
              `${mapping.dataset}${mapping.version ? ` ${mapping.version}` : ''}, row ${rowId}`,
              300,
            ),
            publisher: cut(get(columns.publisher) || mapping.dataset, 200),
            ...(url ? { url } : {}),
          },
        ],
        tags: [mapping.dataset],
        provenance: {
          dataset: mapping.dataset,
          ...(mapping.version ? { version: mapping.version } : {}),
          rowId,
          ...(url ? { url } : {}),
        },
      },
    };
  };
}
