import { fromCountryName } from './country-mapping';
import { codedEventInput } from './machine-coded';
import { isRealDay, plain, refuse, type RowReader } from './research-row';

/**
 * ICEWS coded event data as published on Harvard Dataverse (doi:10.7910/DVN/28075):
 * tab-separated with this header. Countries are names ("Russian Federation"), mapped to
 * ISO alpha-3 by name. Event IDs are not unique in every release, so a repeated id is
 * recorded once (a differing repeat is refused by the record's id).
 */
export const ICEWS_COLUMNS = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
] as const;

type IcewsColumn = (typeof ICEWS_COLUMNS)[number];

/** The reader for a file with this header, or why the header is not an ICEWS one. */
export const icewsReader = (
  header: readonly string[],
  version?: string,
): RowReader | { readonly error: string } => {
  const names = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  const missing = ICEWS_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return { error: `not an ICEWS header: missing ${missing.map((m) => `"${m}"`).join(', ')}` };
  const at = new Map(ICEWS_COLUMNS.map((c) => [c, names.indexOf(c)]));
  return (fields) => {
    if (fields.length === 1 && fields[0].trim() === '') return { kind: 'skip' };
    const get = (c: IcewsColumn) => fields[at.get(c)!] ?? '';
    const rowId = plain(get('Event ID'));
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(rowId)) return refuse('Event ID is missing or malformed');
    if (fields.length !== names.length)
      return refuse(`the row has ${fields.length} columns; the header has ${names.length}`, rowId);
    const day = get('Event Date').trim();
    if (!isRealDay(day))
      return refuse(
        `Event Date ${JSON.stringify(day.slice(0, 20))} is not a day (YYYY-MM-DD)`,
        rowId,
      );
    const side = (name: IcewsColumn, country: IcewsColumn, role: string) => {
      const countryName = plain(get(country));
      return {
        name: get(name),
        role,
        ...(countryName ? { country: fromCountryName(countryName) } : {}),
      };
    };
    const place = [get('City'), get('Province'), get('Country')].map(plain).filter(Boolean);
    const publisher = plain(get('Publisher'));
    return codedEventInput({
      dataset: 'icews',
      datasetLabel: 'ICEWS',
      version,
      rowId,
      day,
      actors: [
        side('Source Name', 'Source Country', 'Source'),
        side('Target Name', 'Target Country', 'Target'),
      ],
      cameo: get('CAMEO Code').trim(),
      location: place.length ? place.join(', ') : undefined,
      summary: [
        `ICEWS event ${rowId}: ${plain(get('Event Text')) || 'no event text'}.`,
        `Intensity ${plain(get('Intensity')) || '-'}; story ${plain(get('Story ID')) || '-'}, sentence ${plain(get('Sentence Number')) || '-'}.`,
      ].join(' '),
      source: {
        title: `ICEWS coded event ${rowId}`,
        publisher: publisher || 'ICEWS Coded Event Data',
      },
    });
  };
};
