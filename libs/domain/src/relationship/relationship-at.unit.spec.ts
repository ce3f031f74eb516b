import { relationshipAt } from './relationship-at';
import { emptyRelationshipState } from './relationship-state';
import { entry, usCubaEntries } from '../testing/us-cuba-entries';

const migration = (status: 'ACTIVE' | 'PAUSED' | 'ENDED', held = false) =>
  ({ type: 'DIALOGUE', topic: 'migration', status, ...(held ? { held } : {}) }) as const;

describe('relationshipAt: imprecise dates', () => {
  const entries = [
    entry('2016-06-01', migration('ACTIVE'), 'talks', 1),
    entry('2018', migration('PAUSED', true), 'pause', 2),
  ];
  const dialogue = (asOf: string) => relationshipAt(entries, asOf).dialogues[0];

  it('before the interval, the earlier state holds, certainly', () =>
    expect(dialogue('2017-12-31')).toEqual({
      topic: 'migration',
      status: 'ACTIVE',
      since: '2016-06-01',
      certain: true,
      eventId: 'talks',
    }));

  it('inside the interval, the entry applies but is uncertain', () =>
    expect(dialogue('2018-01-01')).toEqual({
      topic: 'migration',
      status: 'PAUSED',
      lastHeld: '2018',
      since: '2018',
      certain: false,
      eventId: 'pause',
    }));

  it('on the last day of the interval, it has certainly happened', () =>
    expect(dialogue('2018-12-31')).toMatchObject({ status: 'PAUSED', certain: true }));

  it('after the interval, it is certain', () =>
    expect(dialogue('2019-03-01')).toMatchObject({ status: 'PAUSED', certain: true }));

  it('a later day-precision entry within the year keeps it uncertain until the year ends', () => {
    const more = [...entries, entry('2018-03-10', migration('ACTIVE'), 'resume', 3)];
    expect(relationshipAt(more, '2018-06-01').dialogues[0]).toMatchObject({
      status: 'ACTIVE',
      eventId: 'resume',
      certain: false,
    });
  });

  it('two overlapping imprecise entries with different values stay uncertain after both', () => {
    const overlapping = [
      entry('2017/2018', migration('ACTIVE'), 'a', 1),
      entry('2018', migration('PAUSED'), 'b', 2),
    ];
    expect(relationshipAt(overlapping, '2018-06-01').dialogues[0]).toMatchObject({
      status: 'PAUSED',
      certain: false,
    });
    expect(relationshipAt(overlapping, '2020-01-01').dialogues[0]).toMatchObject({
      status: 'PAUSED',
      eventId: 'b',
      certain: false,
    });
  });

  it('two overlapping imprecise entries with the same value are certain after both', () => {
    const overlapping = [
      entry('2017/2018', migration('PAUSED'), 'a', 1),
      entry('2018', migration('PAUSED'), 'b', 2),
    ];
    expect(relationshipAt(overlapping, '2020-01-01').dialogues[0]).toMatchObject({
      eventId: 'b',
      certain: true,
    });
  });
});

describe('relationshipAt: ordering', () => {
  it('of two entries on the same day, the later recorded wins', () => {
    const sameDay = [
      entry('2015-07-20', { type: 'RELATIONS', level: 'FULL' }, 'second', 20),
      entry('2015-07-20', { type: 'RELATIONS', level: 'INTERESTS_SECTIONS' }, 'first', 10),
    ];
    expect(relationshipAt(sameDay, '2015-07-20').relations).toEqual({
      level: 'FULL',
      since: '2015-07-20',
      certain: false,
      eventId: 'second',
    });
  });

  it('orders by bigint positions', () => {
    const sameDay = [
      entry('2015-07-20', { type: 'RELATIONS', level: 'NONE' }, 'b', 0),
      entry('2015-07-20', { type: 'RELATIONS', level: 'NONE' }, 'a', 0),
    ].map((e, i) => ({ ...e, order: 9007199254740993n + BigInt(i) }));
    expect(relationshipAt(sameDay, '2016-01-01').relations).toMatchObject({
      eventId: 'a',
      certain: true,
    });
  });

  it('a more precise later start wins over a year that began earlier', () => {
    const entries = [
      entry('2017-09-29', { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'REDUCED' }, 'day', 1),
      entry('2017', { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'SUSPENDED' }, 'year', 2),
    ];
    expect(relationshipAt(entries, '2018-01-01').embassies).toEqual([
      {
        of: 'USA',
        in: 'CUB',
        status: 'REDUCED',
        since: '2017-09-29',
        certain: false,
        eventId: 'day',
      },
    ]);
  });

  it('is empty before any entry', () =>
    expect(relationshipAt(usCubaEntries(), '1960-12-31')).toEqual(emptyRelationshipState()));
});

describe('relationshipAt: United States – Cuba', () => {
  const entries = usCubaEntries();
  const at = (asOf: string) => relationshipAt(entries, asOf);

  it('1970-01-01: no relations, embassies closed, embargo active', () => {
    const state = at('1970-01-01');
    expect(state.relations).toMatchObject({ level: 'NONE', since: '1961-01-03', certain: true });
    expect(state.embassies.map((e) => [e.of, e.in, e.status])).toEqual([
      ['CUB', 'USA', 'CLOSED'],
      ['USA', 'CUB', 'CLOSED'],
    ]);
    expect(state.sanctions).toEqual([
      expect.objectContaining({
        name: 'embargo',
        imposedBy: 'USA',
        status: 'ACTIVE',
        since: '1962-02-03',
      }),
    ]);
    expect(state.dialogues).toEqual([]);
  });

  it('1980-01-01: interests sections', () =>
    expect(at('1980-01-01').relations).toMatchObject({
      level: 'INTERESTS_SECTIONS',
      since: '1977-09-01',
    }));

  it('2016-06-30: full relations, both embassies operating, Cuba delisted', () => {
    const state = at('2016-06-30');
    expect(state.relations).toMatchObject({ level: 'FULL', since: '2015-07-20', certain: true });
    expect(state.embassies.map((e) => e.status)).toEqual(['OPERATING', 'OPERATING']);
    expect(state.designations).toEqual([
      expect.objectContaining({ country: 'CUB', status: 'DELISTED', since: '2015-05-29' }),
    ]);
  });

  it('2018-06-30: the migration dialogue is uncertain', () =>
    expect(at('2018-06-30').dialogues).toEqual([
      {
        topic: 'migration',
        status: 'PAUSED',
        lastHeld: '2018',
        since: '2018',
        certain: false,
        eventId: 'e-2018',
      },
    ]));

  it('2020-01-01: paused, last held in 2018; the U.S. embassy reduced', () => {
    const state = at('2020-01-01');
    expect(state.dialogues).toEqual([
      expect.objectContaining({ status: 'PAUSED', lastHeld: '2018', certain: true }),
    ]);
    expect(state.embassies.find((e) => e.of === 'USA')).toMatchObject({
      status: 'REDUCED',
      since: '2017-09-29',
    });
    expect(state.consularServices).toEqual([
      expect.objectContaining({
        service: 'immigrant-visas',
        providedBy: 'USA',
        status: 'SUSPENDED',
      }),
    ]);
  });

  it('2022-04-22: active, last held 2022-04-21; Cuba listed again', () => {
    const state = at('2022-04-22');
    expect(state.dialogues).toEqual([
      expect.objectContaining({
        status: 'ACTIVE',
        lastHeld: '2022-04-21',
        since: '2022-04-21',
        certain: true,
      }),
    ]);
    expect(state.designations).toEqual([
      expect.objectContaining({ status: 'LISTED', since: '2021-01-11' }),
    ]);
  });

  it('2022-05-15: immigrant visas resume on a limited basis, sometime in May', () =>
    expect(at('2022-05-15').consularServices).toEqual([
      expect.objectContaining({ status: 'LIMITED', since: '2022-05', certain: false }),
    ]));

  it('sorts items deterministically whatever the input order', () =>
    expect(relationshipAt([...entries].reverse(), '2022-06-01')).toEqual(at('2022-06-01')));
});
