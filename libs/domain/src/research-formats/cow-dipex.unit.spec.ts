import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { DomainError } from '../errors';
import { parseRecordInput } from '../diplomatic-event/input/parse-input';
import { cowDipexReader } from './cow-dipex';
import type { RowOutcome, RowReader } from './research-row';

const [header, ...lines] = parse(readFileSync(join(__dirname, 'fixtures', 'cow-dipex.csv')), {
  relax_column_count: true,
}) as string[][];
const reader = cowDipexReader(header) as RowReader;
const rows = lines.map(reader);
const recorded = (outcome: RowOutcome) => {
  if (outcome.kind !== 'record')
    throw new Error(`expected a record, got ${JSON.stringify(outcome)}`);
  return parseRecordInput(outcome.input);
};

describe('COW Diplomatic Exchange rows', () => {
  it('turns an observation into typed effects at year precision', () => {
    const { facts } = recorded(rows[0]);
    expect(facts).toMatchObject({
      kind: 'DIPLOMATIC_RELATIONS',
      countries: ['CUB', 'USA'],
      occurred: { edtf: '1955', precision: 'year' },
      provenance: { dataset: 'cow-dipex', version: '2006.1', rowId: '2-40-1955' },
    });
    expect(facts.effects).toEqual([
      { type: 'RELATIONS', level: 'FULL' },
      { type: 'EMBASSY', of: 'CUB', in: 'USA', status: 'OPERATING' },
      { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'OPERATING' },
    ]);
  });

  it("maps no representation to CLOSED and NONE, a chargé d'affaires to REDUCED", () => {
    expect(recorded(rows[1]).facts.effects).toEqual([
      { type: 'RELATIONS', level: 'NONE' },
      { type: 'EMBASSY', of: 'CUB', in: 'USA', status: 'CLOSED' },
      { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'CLOSED' },
    ]);
    expect(recorded(rows[2]).facts.effects.map((e) => 'status' in e && e.status)).toEqual([
      'REDUCED',
      'REDUCED',
    ]);
  });

  it('names historical states by their ISO 3166-3 codes, by year', () => {
    expect(recorded(rows[3]).facts.countries).toEqual(['SUN', 'USA']);
    expect(recorded(rows[4]).facts.countries).toEqual(['DDR', 'USA']);
  });

  it('refuses a state with no ISO code in that year, and an unknown level', () => {
    expect(rows[5]).toMatchObject({
      kind: 'refused',
      reason: 'ccode2: COW state 730 (Korea) has no ISO 3166 code in 1890',
    });
    expect(rows[7]).toMatchObject({
      kind: 'refused',
      reason: 'DR_at_1 "7" is not 0, 1, 2, 3 or 9',
    });
  });

  it('reads a quoted field holding a tab', () => {
    expect(recorded(rows[6]).facts.provenance?.version).toBe('2006.1 (checked)');
  });

  it('never throws, whatever the fields', () => {
    const field = fc.oneof(
      fc.string(),
      fc.constantFrom('2', '40', '365', '1960', '0', '3', '9', '1', ''),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 9 }), (fields) => {
        const outcome = reader(fields);
        if (outcome.kind !== 'record') return;
        try {
          parseRecordInput(outcome.input);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
