import { DomainError } from '../errors';
import { nextDay } from './iso-day';
import { MAX_SERIES_POINTS, countSeriesPoints, seriesDays } from './series';

describe('series days', () => {
  it('YEAR: the last day of each year', () =>
    expect(seriesDays('1961-01-03', '1964-02-01', 'YEAR')).toEqual([
      '1961-12-31',
      '1962-12-31',
      '1963-12-31',
      '1964-12-31',
    ]));

  it('MONTH: the last day of each month, leap years included', () =>
    expect(seriesDays('2015-12-20', '2016-03-01', 'MONTH')).toEqual([
      '2015-12-31',
      '2016-01-31',
      '2016-02-29',
      '2016-03-31',
    ]));

  it('DAY: every day', () =>
    expect(seriesDays('2016-02-27', '2016-03-01', 'DAY')).toEqual([
      '2016-02-27',
      '2016-02-28',
      '2016-02-29',
      '2016-03-01',
    ]));

  it('counts days like stepping through them, across centuries', () => {
    let day = '1899-12-25';
    for (let i = 0; i < 4000; i++) day = nextDay(day);
    expect(countSeriesPoints('1899-12-25', day, 'DAY')).toBe(4001);
    expect(countSeriesPoints('2000-01-01', '1999-12-31', 'YEAR')).toBe(0);
  });

  it(`refuses more than ${MAX_SERIES_POINTS} dates, naming the argument`, () => {
    let last = '1900-01-01';
    for (let i = 1; i < MAX_SERIES_POINTS; i++) last = nextDay(last);
    expect(seriesDays('1900-01-01', last, 'DAY')).toHaveLength(MAX_SERIES_POINTS);
    const refusal = (() => {
      try {
        seriesDays('1900-01-01', nextDay(last), 'DAY');
      } catch (error) {
        return error as DomainError;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(JSON.stringify(refusal)).toContain('every');
  });
});
