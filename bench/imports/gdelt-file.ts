import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { cameoEntries, GDELT_V2_COLUMNS } from '@app/domain';

const COUNTRIES = [
  'USA',
  'CUB',
  'MEX',
  'CAN',
  'BRA',
  'FRA',
  'DEU',
  'GBR',
  'RUS',
  'CHN',
  'IND',
  'JPN',
];
const FIPS: Record<string, string> = {
  USA: 'US',
  CUB: 'CU',
  MEX: 'MX',
  CAN: 'CA',
  BRA: 'BR',
  FRA: 'FR',
  DEU: 'GM',
  GBR: 'UK',
  RUS: 'RS',
  CHN: 'CH',
  IND: 'IN',
  JPN: 'JA',
};

/** A deterministic pseudo-random sequence, so two runs write the same file. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/**
 * Writes `count` GDELT 2.0 event rows (61 tab-separated columns, as the GDELT Event Codebook
 * V2.0 lays them out) with distinct GLOBALEVENTIDs, CAMEO event codes from the shipped table,
 * actor countries from a small pool and dates over 2015–2024. Returns the file's size.
 */
export async function writeGdeltFile(file: string, count: number): Promise<void> {
  const next = random(7);
  const codes = cameoEntries()
    .map((e) => e.code)
    .filter((code) => code.length >= 3);
  const at = new Map(GDELT_V2_COLUMNS.map((c, i) => [c, i]));
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    const fields = new Array<string>(GDELT_V2_COLUMNS.length).fill('');
    const set = (column: string, value: string | number) =>
      (fields[at.get(column)!] = String(value));
    const a = COUNTRIES[Math.floor(next() * COUNTRIES.length)];
    const b = COUNTRIES[Math.floor(next() * COUNTRIES.length)];
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 3650) * 86_400_000);
    const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
    const code = codes[Math.floor(next() * codes.length)];
    set('GLOBALEVENTID', 500_000_000 + i);
    set('SQLDATE', ymd);
    set('MonthYear', ymd.slice(0, 6));
    set('Year', ymd.slice(0, 4));
    set('Actor1Code', a);
    set('Actor1Name', `${a} GOVERNMENT`);
    set('Actor1CountryCode', a);
    set('Actor2Code', b);
    set('Actor2Name', `${b} GOVERNMENT`);
    set('Actor2CountryCode', b);
    set('IsRootEvent', 1);
    set('EventCode', code);
    set('EventBaseCode', code.slice(0, 3));
    set('EventRootCode', code.slice(0, 2));
    set('NumMentions', 1 + Math.floor(next() * 20));
    set('NumSources', 1);
    set('NumArticles', 1);
    set('AvgTone', (next() * 10 - 5).toFixed(4));
    set('ActionGeo_Type', 1);
    set('ActionGeo_FullName', `Capital of ${a}`);
    set('ActionGeo_CountryCode', FIPS[a]);
    set('DATEADDED', `${ymd}120000`);
    set('SOURCEURL', `https://example.org/news/${i}`);
    if (!out.write(`${fields.join('\t')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}
