import { DomainError, type FieldIssue } from '../../errors';
import { TEXT_MESSAGES } from '../../text/text-rules';
import { parseAmendInput, parseRecordInput, parseRetractInput } from './parse-input';
import { EVENT_ID, talksInput } from '../../testing/talks-input';

const issuesOf = (parse: () => unknown): FieldIssue[] => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [...(error as DomainError).issues];
  }
  throw new Error('expected the input to be refused');
};

const LONE = 'a\uD800b';
const source = (overrides: Record<string, unknown>) => ({
  sources: [{ title: 'T', publisher: 'P', ...overrides }],
});
const target = { id: EVENT_ID, expectedRevision: 1, reason: 'A correction.' };

describe('text fields refuse lone surrogates, naming the field', () => {
  it.each([
    ['title', { title: LONE }],
    ['summary', { summary: LONE }],
    ['participants[0].name', { participants: [{ name: LONE }] }],
    ['participants[0].role', { participants: [{ name: 'A', role: LONE }] }],
    ['location', { location: LONE }],
    ['sources[0].title', source({ title: LONE })],
    ['sources[0].publisher', source({ publisher: LONE })],
    ['sources[0].url', source({ url: `https://example.org/${LONE}` })],
    ['sources[0].quote', source({ quote: LONE })],
    ['sources[0].publishedOn', source({ publishedOn: `2022\uDC00` })],
    ['tags[0]', { tags: [LONE] }],
    ['countries[0]', { countries: ['US\uD800', 'CUB'] }],
    ['cameo', { cameo: '04\uD800' }],
    ['plover.event', { plover: { event: LONE } }],
    ['occurred', { occurred: '2022\uD800' }],
    ['effects[0].topic', { effects: [{ type: 'DIALOGUE', topic: LONE, status: 'ACTIVE' }] }],
    [
      'effects[0].name',
      { effects: [{ type: 'SANCTIONS', name: LONE, imposedBy: 'USA', status: 'ACTIVE' }] },
    ],
  ])('given a lone surrogate in %s, when recorded, then that field is refused', (path, overrides) =>
    expect(issuesOf(() => parseRecordInput(talksInput(overrides)))).toEqual([
      { path, message: TEXT_MESSAGES.malformed },
    ]),
  );

  it('given a lone surrogate in an amendment reason and title, then both are named', () =>
    expect(issuesOf(() => parseAmendInput({ ...target, reason: LONE, title: `x${LONE}` }))).toEqual(
      [
        { path: 'reason', message: TEXT_MESSAGES.malformed },
        { path: 'title', message: TEXT_MESSAGES.malformed },
      ],
    ));

  it('given a lone surrogate in a retraction reason, then the reason is refused', () =>
    expect(issuesOf(() => parseRetractInput({ ...target, reason: LONE }))).toEqual([
      { path: 'reason', message: TEXT_MESSAGES.malformed },
    ]));
});

describe('titles and names must show something and keep their reading order', () => {
  it.each([
    ['zero-width spaces', '\u200B\u200B'],
    ['a word joiner', '\u2060'],
    ['a Hangul filler', '\u3164'],
    ['a soft hyphen between spaces', ' \u00AD '],
  ])('given a title of only %s, then it must contain a visible character', (_name, title) =>
    expect(issuesOf(() => parseRecordInput(talksInput({ title })))).toEqual([
      { path: 'title', message: TEXT_MESSAGES.invisible },
    ]),
  );

  it('given an invisible-only amendment reason, then it is refused', () =>
    expect(issuesOf(() => parseRetractInput({ ...target, reason: '\uFEFF\u200B' }))).toEqual([
      { path: 'reason', message: expect.stringMatching(/visible|empty/) },
    ]));

  it.each([
    ['title', { title: 'Talks \u202Eсогласие' }],
    ['participants[0].name', { participants: [{ name: 'Emily \u2066Mendrala' }] }],
    ['location', { location: '\u202DHavana' }],
    ['sources[0].publisher', source({ publisher: 'State\u2069' })],
    [
      'effects[0].topic',
      { effects: [{ type: 'DIALOGUE', topic: 'mi\u202Agration', status: 'ACTIVE' }] },
    ],
  ])('given a bidirectional control in %s, then it is refused', (path, overrides) =>
    expect(issuesOf(() => parseRecordInput(talksInput(overrides)))).toEqual([
      { path, message: TEXT_MESSAGES.bidiControl },
    ]),
  );

  it('given an isolate in the summary or a quote, then it is kept (multi-line text may quote RTL)', () => {
    const summary = 'The statement read \u2067اتفاق\u2069 in Arabic.';
    const { facts } = parseRecordInput(
      talksInput({ summary, ...source({ quote: '\u2067اتفاق\u2069' }) }),
    );
    expect(facts.summary).toBe(summary);
    expect(facts.sources[0].quote).toBe('\u2067اتفاق\u2069');
  });

  it('given a title with a visible letter among invisible characters, then it is kept', () =>
    expect(parseRecordInput(talksInput({ title: '\u200BTalks' })).facts.title).toBe('\u200BTalks'));
});

describe('errors stay small whatever the input', () => {
  it('given 150,000 bad country codes, then one issue names the list and its limit', () =>
    expect(
      issuesOf(() => parseRecordInput(talksInput({ countries: Array(150_000).fill('XX') }))),
    ).toEqual([{ path: 'input', message: expect.stringContaining('is too large') }]));

  it('given 13 bad codes, then the list is refused before any code is read', () =>
    expect(
      issuesOf(() => parseRecordInput(talksInput({ countries: Array(13).fill('XX') }))),
    ).toEqual([{ path: 'countries', message: 'may hold at most 12 items' }]));

  it('given a long bad code, then the message quotes only its start', () => {
    const [issue] = issuesOf(() =>
      parseRecordInput(talksInput({ countries: ['USA', 'Z'.repeat(50_000)] })),
    );
    expect(issue).toEqual({
      path: 'countries[1]',
      message: `"${'Z'.repeat(24)}…" is not an ISO 3166-1 alpha-3 country code`,
    });
  });

  it('given an unknown field with a long name, then its path is cut', () => {
    const [issue] = issuesOf(() => parseRecordInput(talksInput({ ['k'.repeat(10_000)]: 1 })));
    expect(issue).toEqual({ path: `${'k'.repeat(64)}…`, message: 'is not a known field' });
  });

  it('given hundreds of bad PLOVER contexts, then the error lists 20 and counts the rest', () => {
    const context = Array(500).fill('nope').join(';');
    const error = (() => {
      try {
        parseRecordInput(talksInput({ plover: { event: 'CONSULT', context } }));
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.issues).toHaveLength(21);
    expect(error?.issues[20]).toEqual({ path: '', message: 'and 480 more issues left out' });
  });
});
