import { DomainError } from '@app/domain';
import { panelFromQuery } from './export-query';
import { panelPeriods } from './panel-export';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('panel periods', () => {
  it('are years from the first day of from to the last day of to', () => {
    expect(panelPeriods({ every: 'year', from: '1960-01-01', to: '1962-12-31' })).toEqual([
      { label: '1960', start: '1960-01-01', end: '1960-12-31' },
      { label: '1961', start: '1961-01-01', end: '1961-12-31' },
      { label: '1962', start: '1962-01-01', end: '1962-12-31' },
    ]);
  });

  it('are months with their real last days, across a year end', () => {
    expect(
      panelPeriods({ every: 'month', from: '1999-12-01', to: '2000-02-29' }).map((p) => p.end),
    ).toEqual(['1999-12-31', '2000-01-31', '2000-02-29']);
  });

  it('come from checked parameters; knownAt defaults to now', () => {
    expect(panelFromQuery({ between: 'cub,usa', from: '1960', to: '1961-06' }, now)).toEqual({
      between: ['CUB', 'USA'],
      every: 'year',
      from: '1960-01-01',
      to: '1961-06-30',
      knownAt: '2026-01-01T00:00:00.000Z',
    });
    expect(() =>
      panelFromQuery({ between: ['USA', 'CUB'], from: '1960', to: '1960' }, now),
    ).not.toThrow();
    expect(() =>
      panelFromQuery(
        { between: 'USA,CUB', from: '1960', to: '1960', every: ['year', 'month'] },
        now,
      ),
    ).toThrow(DomainError);
  });
});
