import { parseRecordInput, streamOf } from '@app/domain';
import { talksInput } from '@app/domain/testing/talks-input';
import { projectionSpec, stored } from '../testing/projection-spec';
import { timelineProjection } from '../timeline/projection';
import { relationshipProjection } from './projection';
import { RelationshipQueries } from './queries';

/**
 * A series equals `at` on each of its dates, for a pair (read from its stored stretches) and for
 * a group of three (folded from the timeline), with imprecise dates, repeats and any order.
 */
describe('relationship series', () => {
  const records: [string, string[], object[]][] = [
    ['1961-01-03', ['USA', 'CUB', 'MEX'], [{ type: 'RELATIONS', level: 'NONE' }]],
    [
      '1977',
      ['USA', 'CUB', 'MEX'],
      [
        { type: 'RELATIONS', level: 'INTERESTS_SECTIONS' },
        { type: 'EMBASSY', of: 'MEX', in: 'CUB', status: 'OPERATING' },
      ],
    ],
    ['1977-09', ['USA', 'CUB'], [{ type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'REDUCED' }]],
    [
      '2015-07-20',
      ['USA', 'CUB', 'MEX'],
      [
        { type: 'RELATIONS', level: 'FULL' },
        { type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: true },
      ],
    ],
    [
      '2016-03-20/2016-03-22',
      ['USA', 'CUB'],
      [{ type: 'AGREEMENT', name: 'accord', status: 'SIGNED' }],
    ],
  ];
  const events = records.map(([occurred, countries, effects], i) => {
    const eventId = `00000000-0000-4000-8000-00000000010${i}`;
    const { facts } = parseRecordInput(talksInput({ occurred, countries, effects }));
    return stored(
      { type: 'DiplomaticEventRecorded', data: { eventId, ...facts } },
      {
        stream: streamOf(eventId),
        streamRevision: 0,
        globalPosition: BigInt(i + 1),
        recordedAt: `2024-01-0${i + 1}T00:00:00.000Z`,
      },
    );
  });
  const { db } = projectionSpec(timelineProjection, relationshipProjection).given(...events);
  const queries = new RelationshipQueries(db);
  const days = [
    '2016-03-21',
    '1960-12-31',
    '1961-01-03',
    '1977-06-30',
    '1977-09-30',
    '1977-12-31',
    '2015-07-19',
    '2015-07-20',
    '2016-03-22',
    '1977-06-30',
  ];

  it.each([
    ['a pair', ['USA', 'CUB']],
    ['a group of three', ['USA', 'CUB', 'MEX']],
  ])('%s: each date as `at` answers it, now and before the last record', (_, group) => {
    for (const knownAt of ['2030-01-01T00:00:00.000Z', '2024-01-03T12:00:00.000Z']) {
      const series = queries.series(group, days, knownAt);
      expect(series.map((p) => p.asOf)).toEqual(days);
      series.forEach((point, i) =>
        expect({ day: days[i], ...point }).toEqual({
          day: days[i],
          asOf: days[i],
          ...queries.at(group, days[i], knownAt),
        }),
      );
    }
    const [, , , uncertain] = queries.series(group, days, '2030-01-01T00:00:00.000Z');
    expect(uncertain.state.relations).toMatchObject({
      level: 'INTERESTS_SECTIONS',
      certain: false,
    });
    expect(uncertain.eventCount).toBe(2);
  });

  it('an empty list of dates is an empty series', () =>
    expect(queries.series(['USA', 'CUB'], [], '2030-01-01T00:00:00.000Z')).toEqual([]));
});
