import { stateBreakpoints } from './breakpoints';
import { diffStates } from './diff-states';
import { relationshipAt } from './relationship-at';
import { emptyRelationshipState } from './relationship-state';
import { usCubaEntries } from '../testing/us-cuba-entries';
import { nextDay } from '../time/iso-day';

describe('stateBreakpoints', () => {
  const entries = usCubaEntries();
  const breakpoints = stateBreakpoints(entries);

  it('lists each start and each imprecise end, sorted and unique', () => {
    expect(breakpoints.slice(0, 3)).toEqual(['1961-01-03', '1962-02-03', '1977-09-01']);
    expect(breakpoints).toEqual(
      expect.arrayContaining(['2018-01-01', '2018-12-31', '2022-05-01', '2022-05-31']),
    );
    expect(breakpoints).toEqual([...new Set(breakpoints)].sort());
  });

  it('is exact: the state is constant from one breakpoint to the day before the next', () => {
    const changedOffBreakpoints: string[] = [];
    let previous = JSON.stringify(relationshipAt(entries, '1960-12-24'));
    for (let day = '1960-12-25'; day <= '2023-01-10'; day = nextDay(day)) {
      const state = JSON.stringify(relationshipAt(entries, day));
      if (state !== previous && !breakpoints.includes(day)) changedOffBreakpoints.push(day);
      previous = state;
    }
    expect(changedOffBreakpoints).toEqual([]);
  });
});

describe('diffStates', () => {
  const entries = usCubaEntries();

  it('reports the changes of 17 months', () =>
    expect(
      diffStates(relationshipAt(entries, '2017-06-01'), relationshipAt(entries, '2018-12-31')),
    ).toEqual([
      {
        aspect: 'embassy',
        key: 'embassy:CUB:USA',
        from: 'OPERATING',
        to: 'REDUCED',
        since: '2017-10-03',
        certain: true,
        eventId: 'e-2017-10-03',
      },
      {
        aspect: 'embassy',
        key: 'embassy:USA:CUB',
        from: 'OPERATING',
        to: 'REDUCED',
        since: '2017-09-29',
        certain: true,
        eventId: 'e-2017-09-29',
      },
      {
        aspect: 'dialogue',
        key: 'dialogue:migration',
        to: 'PAUSED',
        lastHeld: '2018',
        since: '2018',
        certain: true,
        eventId: 'e-2018',
      },
      {
        aspect: 'consular',
        key: 'consular:immigrant-visas:USA',
        to: 'SUSPENDED',
        since: '2017-09-29',
        certain: true,
        eventId: 'e-2017-09-29',
      },
      {
        aspect: 'sanctions',
        key: 'sanctions:embargo:USA',
        from: 'ACTIVE',
        to: 'ACTIVE',
        since: '2017-06-16',
        certain: true,
        eventId: 'e-2017-06-16',
      },
    ]));

  it('reports a thing no longer set', () =>
    expect(diffStates(relationshipAt(entries, '1962-03-01'), emptyRelationshipState())).toEqual([
      { aspect: 'relations', key: 'relations', from: 'NONE' },
      { aspect: 'embassy', key: 'embassy:CUB:USA', from: 'CLOSED' },
      { aspect: 'embassy', key: 'embassy:USA:CUB', from: 'CLOSED' },
      { aspect: 'sanctions', key: 'sanctions:embargo:USA', from: 'ACTIVE' },
    ]));

  it('leaves out a change of certainty alone, and equal states', () => {
    expect(
      diffStates(relationshipAt(entries, '2018-06-01'), relationshipAt(entries, '2018-12-31')),
    ).toEqual([]);
    expect(
      diffStates(relationshipAt(entries, '2020-01-01'), relationshipAt(entries, '2020-01-01')),
    ).toEqual([]);
  });
});
