import { parseEventFilter, parseOccurred, type EventFilterTerms } from '@app/domain';
import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openReadModelDb } from '../read-model-db';
import { projectionSpec, stored } from '../testing/projection-spec';
import { timelineProjection } from './projection';
import { TimelineQueries } from './queries';

const START = Date.UTC(2025, 0, 1);
const at = (i: number) => new Date(START + i * 1000).toISOString();

describe('eventStats: records per period', () => {
  const db = openReadModelDb(':memory:');
  const events = [...syntheticHistory({ count: 3000, seed: 5, changeRate: 0.3 })].map(
    ({ stream, previousRevisions, event }, i) =>
      stored(event, {
        stream,
        streamRevision: previousRevisions,
        globalPosition: BigInt(i + 1),
        recordedAt: at(i),
      }),
  );
  timelineProjection.createSchema(db);
  const apply = timelineProjection.prepare(db);
  db.transaction(() => {
    events.forEach(apply);
    apply.endBatch?.();
  })();
  const queries = new TimelineQueries(db);
  afterAll(() => db.close());

  const filters: [string, EventFilterTerms][] = [
    ['everything', {}],
    ['a pair', parseEventFilter({ countries: ['USA', 'CUB'] }, 'filter')],
    [
      'a country and a range',
      parseEventFilter(
        { countries: ['FRA'], occurredFrom: '1970', occurredTo: '1990-06' },
        'filter',
      ),
    ],
    [
      'kinds and retracted ones',
      parseEventFilter({ kinds: ['TALKS', 'VISIT'], includeRetracted: true }, 'filter'),
    ],
    ['text', parseEventFilter({ text: 'round 7' }, 'filter')],
  ];
  const instants: [string, string | undefined][] = [
    ['now', undefined],
    ['half-way through the log', at(1500)],
    ['early in the log', at(40)],
  ];

  describe.each(filters)('%s', (_, filter) => {
    it.each(instants)('counts add up to the total, known %s', (__, knownAt) => {
      for (const interval of ['YEAR', 'MONTH', 'DAY'] as const) {
        const buckets = queries.stats(filter, interval, 100_000, knownAt);
        const total = queries.count(filter, knownAt);
        expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(total);
        const periods = buckets.map((b) => b.period);
        expect(periods).toEqual([...new Set(periods)].sort());
        for (const b of buckets) {
          expect(b.byQuadClass.reduce((sum, q) => sum + q.count, 0)).toBeLessThanOrEqual(b.count);
        }
      }
    });
  });

  it('stops at the limit', () => {
    expect(queries.stats({}, 'DAY', 10)).toHaveLength(10);
  });
});

describe('eventStats: where an imprecise date falls', () => {
  const record = (i: number, occurred: string, cameo: string) =>
    stored(
      {
        type: 'DiplomaticEventRecorded',
        data: {
          eventId: `00000000-0000-4000-8000-00000000000${i}`,
          kind: 'TALKS',
          title: `Record ${i}`,
          summary: '',
          occurred: parseOccurred(occurred),
          countries: ['CUB', 'USA'],
          participants: [],
          cameo,
          effects: [],
          sources: [{ title: 'S', publisher: 'P', publishedOn: '2024-01-01' }],
          tags: [],
        },
      },
      { stream: `s${i}`, streamRevision: 0, globalPosition: BigInt(i), recordedAt: at(i) },
    );
  const { db } = projectionSpec(timelineProjection).given(
    record(1, '2015-07-20', '046'),
    record(2, '2015-07', '046'),
    record(3, '2015', '161'),
    record(4, '2015-07-19/2015-07-21', '046'),
    record(5, '2015-12-30/2016-01-02', '161'),
  );
  const queries = new TimelineQueries(db);
  const periods = (interval: 'YEAR' | 'MONTH' | 'DAY') =>
    queries.stats({}, interval, 100).map((b) => [b.period, b.count]);

  it('YEAR: by the year it starts in', () => expect(periods('YEAR')).toEqual([['2015', 5]]));

  it('MONTH: in its month when the whole date is in one month, else in its year', () =>
    expect(periods('MONTH')).toEqual([
      ['2015', 2],
      ['2015-07', 3],
    ]));

  it('DAY: in its day when it is one day, else in the finest period holding all of it', () =>
    expect(periods('DAY')).toEqual([
      ['2015', 2],
      ['2015-07', 2],
      ['2015-07-20', 1],
    ]));

  it('means Goldstein scores and counts quad classes', () => {
    const [bucket] = queries.stats({}, 'YEAR', 100);
    expect(bucket.byQuadClass).toEqual([
      { quadClass: 1, count: 3 },
      { quadClass: 4, count: 2 },
    ]);
    expect(bucket.goldsteinMean).toBeCloseTo((3 * 7 + 2 * -4) / 5, 5);
  });
});
