import { DomainError, type FieldIssue } from '../../errors';
import { TEXT_MESSAGES } from '../../text/text-rules';
import { FILTER_LIMITS, parseEventFilter } from './parse-event-filter';

const issuesOf = (raw: unknown, path?: string): FieldIssue[] => {
  try {
    parseEventFilter(raw, path);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [...(error as DomainError).issues];
  }
  throw new Error('expected the filter to be refused');
};

const codes = (n: number) =>
  [
    'USA',
    'CUB',
    'CAN',
    'MEX',
    'PAN',
    'BRA',
    'ARG',
    'CHL',
    'PER',
    'COL',
    'VEN',
    'ECU',
    'BOL',
    'PRY',
    'URY',
    'GTM',
  ].slice(0, n);
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('parseEventFilter accepts and normalises', () => {
  it('given no filter, then there is no condition', () => {
    expect(parseEventFilter(undefined)).toEqual({});
    expect(parseEventFilter(null)).toEqual({});
  });

  it('given every field, then codes are upper-cased, dates become days, tags slugs', () =>
    expect(
      parseEventFilter({
        countries: ['usa', ' cub', 'USA'],
        kinds: ['TALKS', 'EXPULSION'],
        cameoRoots: ['04', ' 16 '],
        quadClasses: [1, 4],
        occurredFrom: '2017',
        occurredTo: '2018-05',
        text: 'migration talks',
        tags: [' Migration '],
        includeRetracted: true,
      }),
    ).toEqual({
      countries: ['CUB', 'USA'],
      kinds: ['TALKS', 'EXPULSION'],
      cameoRoots: ['04', '16'],
      quadClasses: [1, 4],
      occurredFrom: '2017-01-01',
      occurredTo: '2018-05-31',
      text: 'migration talks',
      tags: ['migration'],
      includeRetracted: true,
    }));

  it('given lists exactly at their caps, then they are accepted', () => {
    const filter = parseEventFilter({
      countries: codes(FILTER_LIMITS.countries),
      text: `${words(FILTER_LIMITS.textWords)}`.padEnd(FILTER_LIMITS.text, ' '),
      tags: Array.from({ length: FILTER_LIMITS.tags }, (_, i) => `t${i}`),
    });
    expect(filter.countries).toHaveLength(12);
    expect(filter.tags).toHaveLength(20);
  });
});

describe('parseEventFilter refuses, naming the field under the given prefix', () => {
  it.each([
    ['15 countries', { countries: codes(15) }, 'filter.countries', 'may hold at most 12 items'],
    ['21 kinds', { kinds: Array(21).fill('TALKS') }, 'filter.kinds', 'may hold at most 20 items'],
    [
      '21 CAMEO roots',
      { cameoRoots: Array(21).fill('04') },
      'filter.cameoRoots',
      'may hold at most 20 items',
    ],
    [
      '5 QuadClasses',
      { quadClasses: [1, 2, 3, 4, 1] },
      'filter.quadClasses',
      'may hold at most 4 items',
    ],
    ['21 tags', { tags: Array(21).fill('t') }, 'filter.tags', 'may hold at most 20 items'],
    [
      'a bad country',
      { countries: ['USA', 'ZZZ'] },
      'filter.countries[1]',
      '"ZZZ" is not an ISO 3166-1 alpha-3 country code',
    ],
    ['an unknown kind', { kinds: ['PICNIC'] }, 'filter.kinds[0]', 'must be one of TALKS'],
    [
      'a bad CAMEO root',
      { cameoRoots: ['21'] },
      'filter.cameoRoots[0]',
      'must be a two-digit CAMEO root 01-20',
    ],
    [
      'a bad QuadClass',
      { quadClasses: [Number.NaN] },
      'filter.quadClasses[0]',
      'must be 1, 2, 3 or 4',
    ],
    [
      'a bad date',
      { occurredFrom: 'yesterday' },
      'filter.occurredFrom',
      'is not a valid EDTF date',
    ],
    [
      'a long tag',
      { tags: ['t'.repeat(51)] },
      'filter.tags[0]',
      'must be a slug of at most 50 characters',
    ],
    [
      'a text of 201 characters',
      { text: 'x'.repeat(201) },
      'filter.text',
      'must be at most 200 characters',
    ],
    ['a text of 21 words', { text: words(21) }, 'filter.text', 'must hold at most 20 words'],
    [
      'a text of 8,000 words',
      { text: words(8000) },
      'filter.text',
      'must be at most 200 characters',
    ],
    [
      'a lone surrogate in the text',
      { text: 'migr\uD800ation' },
      'filter.text',
      TEXT_MESSAGES.malformed,
    ],
    [
      'a lone surrogate in a tag',
      { tags: ['mi\uDC00'] },
      'filter.tags[0]',
      TEXT_MESSAGES.malformed,
    ],
    [
      'a non-boolean includeRetracted',
      { includeRetracted: 'yes' },
      'filter.includeRetracted',
      'must be true or false',
    ],
    ['an unknown field', { after: '0' }, 'filter.after', 'is not a known field'],
  ])('given %s', (_name, raw, path, message) =>
    expect(issuesOf(raw)).toEqual([{ path, message: expect.stringContaining(message) }]),
  );

  it('given an over-long list of bad codes, then one issue, before any code is read', () =>
    expect(issuesOf({ countries: Array(150_000).fill('bad') })).toEqual([
      { path: 'filter.countries', message: 'may hold at most 12 items' },
    ]));

  it('given no prefix (HTTP query parameters), then the same message under the bare name', () => {
    const graphql = issuesOf({ countries: codes(15), text: words(8000) });
    const http = issuesOf({ countries: codes(15), text: words(8000) }, '');
    expect(http).toEqual(graphql.map((i) => ({ ...i, path: i.path.replace(/^filter\./, '') })));
    expect(http.map((i) => i.path)).toEqual(['countries', 'text']);
  });
});
