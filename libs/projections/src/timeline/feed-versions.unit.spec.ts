import {
  FeedVersionView,
  PageDetails,
  type DetailColumns,
  type FeedColumns,
} from './feed-versions';

const row = (position: number, facts: string): DetailColumns => [
  BigInt(position),
  2,
  'ACTIVE',
  '2024-01-01T00:00:00.000Z',
  'editor',
  facts,
];
const columns = (position: number): FeedColumns => [
  `0194c1a2-0000-7000-8000-00000000000${position}`,
  '2024-02-01T00:00:00.000Z',
  BigInt(position),
  'AMENDED',
  'Migration talks',
];

describe('PageDetails', () => {
  it('reads the details of the whole page once, when first needed', () => {
    const reads: (readonly number[])[] = [];
    const details = new PageDetails([3, 5], (positions) => {
      reads.push(positions);
      return [row(5, '{"n":5}'), row(3, '{"n":3}')];
    });
    expect(reads).toEqual([]);
    expect(details.of(3)[5]).toBe('{"n":3}');
    expect(details.of(5)[5]).toBe('{"n":5}');
    expect(reads).toEqual([[3, 5]]);
  });

  it('reads again after a failed read instead of taking the page as empty', () => {
    let calls = 0;
    const details = new PageDetails([3], () => {
      calls += 1;
      if (calls === 1) throw new Error('database is locked');
      return [row(3, '{"n":3}')];
    });
    expect(() => details.of(3)).toThrow('database is locked');
    expect(details.of(3)[5]).toBe('{"n":3}');
    expect(calls).toBe(2);
  });

  it('says which version is missing rather than answering without it', () => {
    const details = new PageDetails([3, 5], () => [row(3, '{}')]);
    expect(() => details.of(5)).toThrow('version at position 5 is missing from the read model');
  });
});

describe('FeedVersionView', () => {
  it('answers its change and title without reading details, and parses facts only when read', () => {
    let reads = 0;
    const details = new PageDetails([7], () => (reads++, [row(7, 'not json')]));
    const view = new FeedVersionView(columns(7), details);
    expect([view.id, view.updatedAt, view.position, view.title]).toEqual([
      '0194c1a2-0000-7000-8000-000000000007',
      '2024-02-01T00:00:00.000Z',
      7n,
      'Migration talks',
    ]);
    expect(reads).toBe(0);
    expect([view.revision, view.status, view.recordedAt, view.recordedBy]).toEqual([
      2,
      'ACTIVE',
      '2024-01-01T00:00:00.000Z',
      'editor',
    ]);
    expect(reads).toBe(1);
    expect(() => view.facts).toThrow(SyntaxError);
  });

  it('parses its facts once', () => {
    const view = new FeedVersionView(
      columns(7),
      new PageDetails([7], () => [row(7, '{"title":"x"}')]),
    );
    expect(view.facts).toEqual({ title: 'x' });
    expect(view.facts).toBe(view.facts);
  });
});
