import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, type FieldIssue } from '../../errors';
import { parseRecordInput } from './parse-input';
import { EVENT_ID, talksInput } from '../../testing/talks-input';

const issuesOf = (raw: unknown): FieldIssue[] => {
  try {
    parseRecordInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_INPUT');
    return [...(error as DomainError).issues];
  }
  throw new Error('expected the input to be refused');
};
const pathsOf = (raw: unknown) => issuesOf(raw).map((i) => i.path);

describe('parseRecordInput accepts and normalises', () => {
  it('a full record input', () => {
    const { eventId, facts } = parseRecordInput(talksInput());
    expect(eventId).toBe(EVENT_ID);
    expect(facts).toEqual({
      kind: 'TALKS',
      title: 'U.S.-Cuba migration talks in Washington',
      summary: 'The first Migration Accord talks since 2018.',
      occurred: { edtf: '2022-04-21', start: '2022-04-21', end: '2022-04-21', precision: 'day' },
      countries: ['CUB', 'USA'],
      participants: [
        { name: 'Emily Mendrala', role: 'Deputy Assistant Secretary of State', country: 'USA' },
        { name: 'Carlos Fernández de Cossío', country: 'CUB' },
      ],
      location: 'Washington, D.C.',
      cameo: '046',
      plover: { event: 'CONSULT', context: 'diplomatic' },
      effects: [{ type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true }],
      sources: [
        {
          title: 'U.S.-Cuba Migration Talks',
          publisher: 'U.S. Department of State',
          publishedOn: '2022-04-21',
          url: 'https://www.state.gov/u-s-cuba-migration-talks/',
          quote: 'The talks underscore our commitment to pursuing constructive discussions.',
        },
      ],
      tags: ['migration', 'talks'],
    });
  });

  it('a minimal input, with nulls as absent and defaults for the lists', () => {
    const { eventId, facts } = parseRecordInput({
      id: null,
      kind: 'STATEMENT',
      title: '  Statement  on\nmigration ',
      summary: null,
      occurred: '2018',
      countries: ['USA', 'usa'],
      participants: null,
      location: '',
      cameo: null,
      plover: null,
      effects: null,
      sources: [{ title: 'A report', publisher: 'AP', publishedOn: null, url: null, quote: null }],
      tags: null,
    });
    expect(eventId).toBeUndefined();
    expect(facts).toEqual({
      kind: 'STATEMENT',
      title: 'Statement on migration',
      summary: '',
      occurred: { edtf: '2018', start: '2018-01-01', end: '2018-12-31', precision: 'year' },
      countries: ['USA'],
      participants: [],
      effects: [],
      sources: [{ title: 'A report', publisher: 'AP' }],
      tags: [],
    });
    expect(Object.keys(facts)).not.toContain('location');
  });

  it('several PLOVER contexts, deduplicated tags and an upper-case UUID', () => {
    const { eventId, facts } = parseRecordInput(
      talksInput({
        id: EVENT_ID.toUpperCase(),
        plover: { event: 'ACCUSE', mode: 'investigate', context: 'crime; Corruption' },
        tags: ['talks', 'Migration', 'talks'],
      }),
    );
    expect(eventId).toBe(EVENT_ID);
    expect(facts.plover).toEqual({
      event: 'ACCUSE',
      mode: 'investigate',
      context: 'crime; corruption',
    });
    expect(facts.tags).toEqual(['migration', 'talks']);
  });

  it('objects without a prototype, as graphql-js builds its arguments', () => {
    const bare = (value: Record<string, unknown>) => Object.assign(Object.create(null), value);
    const input = talksInput({
      sources: [bare({ title: 'T', publisher: 'P' })],
      effects: [bare({ type: 'RELATIONS', level: 'FULL' })],
    });
    expect(parseRecordInput(bare(input)).facts.effects).toEqual([
      { type: 'RELATIONS', level: 'FULL' },
    ]);
  });

  it.each([
    ['us-cuba.ndjson', 80],
    ['us-vietnam.ndjson', 20],
  ])('every event of the bundled dataset %s', (name, atLeast) => {
    const file = join(__dirname, '../../../../../events/datasets', name);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const records = lines.map((l) => JSON.parse(l)).filter((l) => l.command === 'recordEvent');
    expect(records.length).toBeGreaterThanOrEqual(atLeast);
    for (const { input } of records) expect(() => parseRecordInput(input)).not.toThrow();
  });
});

describe('parseRecordInput refuses', () => {
  it.each([
    ['a string', 'just a title'],
    ['null', null],
    ['a list', [talksInput()]],
    ['a number', 42],
  ])('%s as the input', (_name, raw) => {
    expect(issuesOf(raw)).toEqual([{ path: 'input', message: 'must be an object' }]);
  });

  it('an empty object, naming every required field', () => {
    expect(pathsOf({})).toEqual(['kind', 'title', 'occurred', 'countries', 'sources']);
  });

  it('an input far larger than any record', () => {
    const issues = issuesOf(talksInput({ summary: 'x'.repeat(300_000) }));
    expect(issues).toEqual([{ path: 'input', message: expect.stringContaining('too large') }]);
  });

  it('an input that is not plain JSON', () => {
    expect(issuesOf(talksInput({ summary: 10n }))).toEqual([
      { path: 'input', message: 'must be plain JSON data' },
    ]);
  });

  it('collects every issue at once, with field paths', () => {
    const issues = issuesOf(
      talksInput({
        kind: 'WAR',
        title: '   ',
        occurred: '2022-02-30',
        countries: ['USA', 'XXX', 7],
        sources: [{ title: 'T', publisher: 'P', url: 'javascript:alert(1)' }, { publisher: 'P' }],
        tags: ['Not A Slug'],
        extra: true,
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'extra',
      'kind',
      'title',
      'occurred',
      'countries[1]',
      'countries[2]',
      'sources[0].url',
      'sources[1].title',
      'tags[0]',
    ]);
    expect(issues.find((i) => i.path === 'countries[1]')?.message).toContain('XXX');
    expect(issues.find((i) => i.path === 'kind')?.message).toContain('TALKS');
  });

  it.each([
    ['id', { id: 'not-a-uuid' }, 'id', 'must be a UUID'],
    ['a kind that is not a string', { kind: 3 }, 'kind', 'must be one of'],
    ['a title too long', { title: 't'.repeat(301) }, 'title', 'at most 300'],
    ['a title that is not a string', { title: ['t'] }, 'title', 'must be a string'],
    ['a control character', { title: 'a\u0000b' }, 'title', 'control characters'],
    ['a summary too long', { summary: 's'.repeat(5001) }, 'summary', 'at most 5000'],
    ['an occurred number', { occurred: 2018 }, 'occurred', 'EDTF date string'],
    ['an open interval', { occurred: '2018/..' }, 'occurred', 'open or unknown end'],
    ['a reversed interval', { occurred: '2018/2017' }, 'occurred', 'precedes its start'],
    ['no country', { countries: [] }, 'countries', 'at least one'],
    ['countries not a list', { countries: 'USA' }, 'countries', 'must be a list'],
    ['13 countries', { countries: Array(13).fill('USA') }, 'countries', 'at most 12'],
    ['an alpha-2 code', { countries: ['US', 'CUB'] }, 'countries[0]', '"US"'],
    ['one country for talks', { countries: ['USA'], effects: [] }, 'countries', 'at least two'],
    [
      'a nameless participant',
      { participants: [{ role: 'x' }] },
      'participants[0].name',
      'is required',
    ],
    [
      'a participant field',
      { participants: [{ name: 'A', age: 3 }] },
      'participants[0].age',
      'not a known field',
    ],
    [
      'a participant country',
      { participants: [{ name: 'A', country: 'ZZZ' }] },
      'participants[0].country',
      'ZZZ',
    ],
    [
      'a participant that is a string',
      { participants: ['A'] },
      'participants[0]',
      'must be an object',
    ],
    ['a long location', { location: 'l'.repeat(201) }, 'location', 'at most 200'],
    ['an unknown CAMEO code', { cameo: '999' }, 'cameo', 'not a CAMEO event code'],
    ['a CAMEO QuadClass heading', { cameo: '1' }, 'cameo', 'not a CAMEO event code'],
    ['a numeric CAMEO code', { cameo: 46 }, 'cameo', 'leading zeros'],
    ['an unknown PLOVER event', { plover: { event: 'HUG' } }, 'plover.event', 'HUG'],
    ['a PLOVER without event', { plover: { mode: 'visit' } }, 'plover.event', 'is required'],
    [
      'an unknown PLOVER mode',
      { plover: { event: 'CONSULT', mode: 'dance' } },
      'plover.mode',
      'dance',
    ],
    [
      'an unknown PLOVER context',
      { plover: { event: 'CONSULT', context: 'diplomatic; art' } },
      'plover.context',
      'art',
    ],
    ['no source', { sources: [] }, 'sources', 'at least one'],
    ['sources missing', { sources: null }, 'sources', 'at least one source'],
    [
      'a source without publisher',
      { sources: [{ title: 'T' }] },
      'sources[0].publisher',
      'is required',
    ],
    [
      'a bad publication date',
      { sources: [{ title: 'T', publisher: 'P', publishedOn: 'yesterday' }] },
      'sources[0].publishedOn',
      'EDTF',
    ],
    [
      'a relative URL',
      { sources: [{ title: 'T', publisher: 'P', url: '/news' }] },
      'sources[0].url',
      'absolute',
    ],
    [
      'an ftp URL',
      { sources: [{ title: 'T', publisher: 'P', url: 'ftp://x.org/a' }] },
      'sources[0].url',
      'ftp:',
    ],
    [
      'a long quote',
      { sources: [{ title: 'T', publisher: 'P', quote: 'q'.repeat(2001) }] },
      'sources[0].quote',
      'at most 2000',
    ],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags', 'at most 20'],
    ['a tag with spaces', { tags: ['two words'] }, 'tags[0]', 'slug'],
  ])('%s', (_name, overrides, path, message) => {
    expect(issuesOf(talksInput(overrides))).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('accepts one country for a unilateral kind', () => {
    expect(
      parseRecordInput(talksInput({ kind: 'STATEMENT', countries: ['USA'], effects: [] })).facts
        .countries,
    ).toEqual(['USA']);
  });
});
