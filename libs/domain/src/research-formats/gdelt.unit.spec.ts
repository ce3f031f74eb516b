import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError } from '../errors';
import { parseRecordInput } from '../diplomatic-event/input/parse-input';
import { GDELT_V1_COLUMNS, GDELT_V2_COLUMNS, readGdeltRow } from './gdelt';
import { researchEventId, type RowOutcome } from './research-row';

const rows = (file: string) =>
  readFileSync(join(__dirname, 'fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => readGdeltRow(line.split('\t')));
const recorded = (outcome: RowOutcome) => {
  if (outcome.kind !== 'record')
    throw new Error(`expected a record, got ${JSON.stringify(outcome)}`);
  return parseRecordInput(outcome.input);
};
const reason = (outcome: RowOutcome) => (outcome.kind === 'refused' ? outcome.reason : undefined);

describe('GDELT event rows', () => {
  const v2 = rows('gdelt-v2.export.CSV');

  it('knows both layouts: 61 columns (2.0), 58 (1.0)', () => {
    expect(GDELT_V2_COLUMNS).toHaveLength(61);
    expect(GDELT_V1_COLUMNS).toHaveLength(58);
    expect(GDELT_V2_COLUMNS[60]).toBe('SOURCEURL');
    expect(GDELT_V1_COLUMNS[56]).toBe('DATEADDED');
  });

  it('reads a 2.0 row into a record with its provenance, CAMEO code and no effects', () => {
    const { eventId, facts } = recorded(v2[0]);
    expect(eventId).toBe(researchEventId('gdelt', '1001'));
    expect(facts).toMatchObject({
      kind: 'OTHER',
      countries: ['CUB', 'USA'],
      cameo: '040',
      effects: [],
      occurred: { edtf: '2022-04-21', precision: 'day' },
      location: 'Washington, District of Columbia, United States (USA)',
      provenance: {
        dataset: 'gdelt',
        version: '2.0',
        rowId: '1001',
        url: 'https://example.org/news/1001',
      },
      tags: ['gdelt', 'machine-coded'],
    });
    expect(facts.sources[0]).toMatchObject({
      publisher: 'The GDELT Project',
      publishedOn: '2022-04-21',
    });
  });

  it('maps FIPS 10-4 geography to ISO: GM is Germany, not Gambia', () => {
    expect(recorded(v2[1]).facts.location).toBe('Berlin, Berlin, Germany (DEU)');
  });

  it('refuses a row with no actor country, a regional code or an unknown CAMEO code', () => {
    expect(reason(v2[2])).toMatch(/no actor country/);
    expect(reason(v2[4])).toMatch(/Actor2: CAMEO code AFR \(Africa\) names a region/);
    expect(reason(v2[5])).toMatch(/"999" is not a CAMEO event code/);
    expect(reason(v2[7])).toMatch(/SQLDATE "20220230" is not a day/);
  });

  it('gives a repeated GLOBALEVENTID the same id, so it is recorded once', () => {
    expect(v2[3]).toEqual(v2[0]);
  });

  it("maps CAMEO's old code ROM to ISO ROU", () => {
    expect(recorded(v2[6]).facts.countries).toEqual(['CUB', 'ROU']);
  });

  it('reads 1.0 rows of 57 and 58 columns', () => {
    const [old, later] = rows('gdelt-v1.CSV').map(recorded);
    expect(old.facts.provenance).toEqual({ dataset: 'gdelt', version: '1.0', rowId: '2001' });
    expect(old.facts.occurred.edtf).toBe('1979-01-05');
    expect(later.facts.provenance?.url).toBe('https://example.org/news/2002');
  });

  it('refuses a row of another width, naming the counts', () => {
    expect(reason(readGdeltRow(['1', '2', '3']))).toMatch(
      /61 columns \(2\.0\) or 57\/58 \(1\.0\); this one has 3/,
    );
  });

  it('never throws, whatever the fields; what it records the domain accepts or refuses with a typed error', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('USA', 'CUB', 'GM', '040', '20220421', ''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(field, { maxLength: 70 }),
          fc.array(field, { minLength: 61, maxLength: 61 }),
          fc.array(field, { minLength: 58, maxLength: 58 }),
        ),
        (fields) => {
          const outcome = readGdeltRow(fields);
          if (outcome.kind !== 'record') return;
          try {
            parseRecordInput(outcome.input);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
