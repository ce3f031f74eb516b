import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { DomainError } from '../errors';
import { parseRecordInput } from '../diplomatic-event/input/parse-input';
import { csvMappingReader, parseCsvMapping } from './csv-mapping';
import type { RowOutcome, RowReader } from './research-row';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const mapping = parseCsvMapping(JSON.parse(fixture('custom.mapping.json')));
const [header, ...lines] = parse(fixture('custom.csv'), { relax_column_count: true }) as string[][];
const reader = csvMappingReader(mapping, header) as RowReader;
const rows = lines.map(reader);
const recorded = (outcome: RowOutcome) => {
  if (outcome.kind !== 'record')
    throw new Error(`expected a record, got ${JSON.stringify(outcome)}`);
  return parseRecordInput(outcome.input);
};

describe('any CSV with a mapping file', () => {
  it('reads the columns the mapping names, with the provenance of its dataset', () => {
    expect(recorded(rows[0]).facts).toMatchObject({
      title: 'Migration talks, round 1',
      countries: ['CUB', 'USA'],
      cameo: '046',
      occurred: { edtf: '2022-04-21' },
      provenance: {
        dataset: 'custom-events',
        version: '1',
        rowId: 'a-1',
        url: 'https://example.org/a-1',
      },
      tags: ['custom-events'],
    });
    expect(recorded(rows[1]).facts).toMatchObject({
      countries: ['DEU'],
      occurred: { edtf: '2022-04-22' },
    });
  });

  it('refuses a bad date or country, naming the column; a repeated row gets the same id', () => {
    expect(rows[2]).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/^date: "2022-13-01" is not a date/),
    });
    expect(rows[3]).toMatchObject({
      kind: 'refused',
      reason: 'country_a: "XXX" is not an ISO 3166 alpha-3 code',
    });
    expect(rows[4]).toEqual(rows[0]);
  });

  it('keeps PLOVER fields named by the mapping', () => {
    const plover = parseCsvMapping({
      dataset: 'weekly',
      delimiter: '\t',
      columns: {
        rowId: 'id',
        date: 'date',
        countries: ['actor_country'],
        ploverEvent: 'event_type',
        ploverMode: 'mode',
        ploverContext: 'context',
      },
    });
    const read = csvMappingReader(plover, [
      'id',
      'date',
      'actor_country',
      'event_type',
      'mode',
      'context',
    ]) as RowReader;
    expect(
      recorded(read(['w-1', '2023-01-02', 'CUB', 'CONSULT', 'visit', 'diplomatic'])).facts.plover,
    ).toEqual({
      event: 'CONSULT',
      mode: 'visit',
      context: 'diplomatic',
    });
  });

  it('reads a quoted field holding a tab (the title keeps it as a space)', () => {
    expect(recorded(rows[5]).facts).toMatchObject({
      title: 'Talks in Mexico City',
      occurred: { edtf: '2022-05' },
    });
  });

  it('refuses a mapping that is not one, naming each problem', () => {
    try {
      parseCsvMapping({
        dataset: 'Not a slug',
        delimiter: '|',
        columns: { rowId: 'id', extra: 'x' },
      });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).issues.map((i) => i.path)).toEqual([
        'dataset',
        'delimiter',
        'columns.extra',
        'columns.date',
        'columns.countries',
      ]);
    }
    expect(csvMappingReader(mapping, ['id', 'date'])).toEqual({
      error: 'the header has no column "country_a", "country_b", "code", "headline", "link"',
    });
  });

  it('never throws, whatever the fields', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('USA', '2022-01-01', '040', '')), {
          maxLength: 9,
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
  });
});
