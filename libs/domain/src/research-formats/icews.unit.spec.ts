import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DomainError } from '../errors';
import { parseRecordInput } from '../diplomatic-event/input/parse-input';
import { ICEWS_COLUMNS, icewsReader } from './icews';
import type { RowOutcome, RowReader } from './research-row';

const [header, ...lines] = readFileSync(join(__dirname, 'fixtures', 'icews.tab'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => line.split('\t'));
const reader = icewsReader(header, '2023-05-01') as RowReader;
const rows = lines.map(reader);
const recorded = (outcome: RowOutcome) => {
  if (outcome.kind !== 'record')
    throw new Error(`expected a record, got ${JSON.stringify(outcome)}`);
  return parseRecordInput(outcome.input);
};

describe('ICEWS coded event rows', () => {
  it('reads the Dataverse header and maps country names to ISO alpha-3', () => {
    const { facts } = recorded(rows[0]);
    expect(facts).toMatchObject({
      countries: ['CUB', 'USA'],
      cameo: '010',
      effects: [],
      location: 'Havana, La Habana, Cuba',
      provenance: { dataset: 'icews', version: '2023-05-01', rowId: '20150101001' },
    });
    expect(facts.participants.map((p) => p.name)).toEqual(['Raúl Castro', 'Barack Obama']);
    expect(recorded(rows[1]).facts.countries).toEqual(['RUS', 'UKR']);
  });

  it('gives a repeated Event ID the same record id (the second, differing row cannot replace the first)', () => {
    const idOf = (outcome: RowOutcome) =>
      outcome.kind === 'record' ? outcome.input.id : undefined;
    expect(idOf(rows[1])).toBeDefined();
    expect(idOf(rows[2])).toBe(idOf(rows[1]));
  });

  it('refuses a region named as a country, and records a row with one country', () => {
    expect(rows[3]).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/Source: "Middle East" is not a country name/),
    });
    expect(recorded(rows[4]).facts.countries).toEqual(['CUB']);
    expect(recorded(rows[5]).facts.countries).toEqual(['LAO', 'VNM']);
  });

  it('refuses a header that is not an ICEWS one', () => {
    expect(icewsReader(['Event ID', 'Date'])).toEqual({
      error: expect.stringMatching(/missing "Event Date", "Source Name"/),
    });
  });

  it('never throws, whatever the fields', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('Cuba', '2015-01-01', '040')), {
          maxLength: 25,
        }),
        (fields) => {
          const outcome = reader(fields);
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
    expect(ICEWS_COLUMNS).toHaveLength(20);
  });
});
