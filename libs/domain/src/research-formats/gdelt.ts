import { fromCameoCountry, fromFipsCountry } from './country-mapping';
import { codedEventInput } from './machine-coded';
import { compactDay, httpUrl, plain, refuse, type RowOutcome } from './research-row';

/*
 * GDELT event records, tab-separated, no header, one event per line (GDELT Event Codebook V2.0;
 * GDELT Data Format Codebook for 1.0). GDELT 2.0 has 61 columns; GDELT 1.0 daily files have
 * 58 (57 in files from before SOURCEURL was added): 1.0 has no ADM2Code columns, and its
 * DATEADDED is a day where 2.0's is a 15-minute timestamp.
 */
const ACTOR = (n: 1 | 2) =>
  [
    'Code',
    'Name',
    'CountryCode',
    'KnownGroupCode',
    'EthnicCode',
    'Religion1Code',
    'Religion2Code',
    'Type1Code',
    'Type2Code',
    'Type3Code',
  ].map((f) => `Actor${n}${f}`);
const GEO = (prefix: string, adm2: boolean) =>
  [
    'Type',
    'FullName',
    'CountryCode',
    'ADM1Code',
    ...(adm2 ? ['ADM2Code'] : []),
    'Lat',
    'Long',
    'FeatureID',
  ].map((f) => `${prefix}_${f}`);
const columns = (adm2: boolean) => [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...ACTOR(1),
  ...ACTOR(2),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  ...GEO('Actor1Geo', adm2),
  ...GEO('Actor2Geo', adm2),
  ...GEO('ActionGeo', adm2),
  'DATEADDED',
  'SOURCEURL',
];

export const GDELT_V2_COLUMNS = columns(true);
export const GDELT_V1_COLUMNS = columns(false);

const indexOf = (names: readonly string[]) => new Map(names.map((name, i) => [name, i]));
const V2 = indexOf(GDELT_V2_COLUMNS);
const V1 = indexOf(GDELT_V1_COLUMNS);

const ROW_ID = /^\d{1,20}$/;

/** One GDELT row (split on tabs) → a record input, or a refusal naming the column. */
export const readGdeltRow = (fields: readonly string[]): RowOutcome => {
  if (fields.length === 1 && fields[0].trim() === '') return { kind: 'skip' };
  const layout =
    fields.length === 61
      ? { at: V2, version: '2.0' }
      : fields.length === 58 || fields.length === 57
        ? { at: V1, version: '1.0' }
        : undefined;
  const rowId = ROW_ID.test(fields[0]?.trim() ?? '') ? fields[0].trim() : undefined;
  if (!layout)
    return refuse(
      `a GDELT event row has 61 columns (2.0) or 57/58 (1.0); this one has ${fields.length}`,
      rowId,
    );
  const get = (name: string) => fields[layout.at.get(name)!] ?? '';
  if (!rowId) return refuse('GLOBALEVENTID must be a number');
  const day = compactDay(get('SQLDATE'));
  if (!day || get('SQLDATE').trim().length !== 8)
    return refuse(
      `SQLDATE ${JSON.stringify(get('SQLDATE').slice(0, 20))} is not a day (YYYYMMDD)`,
      rowId,
    );
  const actor = (n: 1 | 2) => {
    const code = get(`Actor${n}CountryCode`).trim();
    return {
      name: get(`Actor${n}Name`),
      role: `Actor${n}`,
      ...(code ? { country: fromCameoCountry(code) } : {}),
    };
  };
  const place = plain(get('ActionGeo_FullName'));
  const fipsCode = get('ActionGeo_CountryCode').trim();
  let location = place || undefined;
  if (fipsCode) {
    const mapped = fromFipsCountry(fipsCode);
    if ('reason' in mapped) return refuse(`ActionGeo_CountryCode: ${mapped.reason}`, rowId);
    location = place ? `${place} (${mapped.code})` : mapped.code;
  }
  const url = httpUrl(get('SOURCEURL'));
  const added = compactDay(get('DATEADDED'));
  const label = `GDELT ${layout.version}`;
  return codedEventInput({
    dataset: 'gdelt',
    datasetLabel: label,
    version: layout.version,
    rowId,
    day,
    actors: [actor(1), actor(2)],
    cameo: get('EventCode').trim(),
    location,
    summary: [
      `${label} event ${rowId}.`,
      `NumMentions ${plain(get('NumMentions')) || '-'}, NumSources ${plain(get('NumSources')) || '-'}, NumArticles ${plain(get('NumArticles')) || '-'}, AvgTone ${plain(get('AvgTone')) || '-'}.`,
    ].join(' '),
    source: {
      title: `${label} event ${rowId}`,
      publisher: 'The GDELT Project',
      ...(added ? { publishedOn: added } : {}),
      ...(url ? { url } : {}),
    },
  });
};
