import { DomainError } from '../errors';
import { parseAsOf, parseOccurred } from './occurred';
import { isoDayOfEpochMs, nextDay } from './iso-day';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).issues;
  }
  throw new Error('expected a DomainError');
};

describe('parseOccurred', () => {
  it.each([
    ['2022-04-21', '2022-04-21', '2022-04-21', '2022-04-21', 'day'],
    ['2022-05', '2022-05', '2022-05-01', '2022-05-31', 'month'],
    ['2016-02', '2016-02', '2016-02-01', '2016-02-29', 'month'],
    ['2018', '2018', '2018-01-01', '2018-12-31', 'year'],
    ['2016-03-20/2016-03-22', '2016-03-20/2016-03-22', '2016-03-20', '2016-03-22', 'interval'],
    ['2017/2018', '2017/2018', '2017-01-01', '2018-12-31', 'interval'],
    ['2018?', '2018?', '2018-01-01', '2018-12-31', 'year'],
    ['2018~', '2018~', '2018-01-01', '2018-12-31', 'year'],
    ['2018%', '2018%', '2018-01-01', '2018-12-31', 'year'],
    ['201X', '201X', '2010-01-01', '2019-12-31', 'other'],
    ['2018-02-XX', '2018-02-XX', '2018-02-01', '2018-02-28', 'other'],
    ['2016-02-29', '2016-02-29', '2016-02-29', '2016-02-29', 'day'],
    ['  2022-04-21 ', '2022-04-21', '2022-04-21', '2022-04-21', 'day'],
    ['2016-04~/2016-05', '2016-04~/2016-05', '2016-04-01', '2016-05-31', 'interval'],
  ])('%s covers its days', (input, edtf, start, end, precision) => {
    expect(parseOccurred(input)).toEqual({ edtf, start, end, precision });
  });

  it.each([
    ['garbage', 'not a valid EDTF date'],
    ['', 'must not be empty'],
    ['2022-02-30', 'not a valid EDTF date'],
    ['2018-02-29', 'does not exist'],
    ['2019-02-27/2019-02-29', 'does not exist'],
    ['2018-13', 'not a valid EDTF date'],
    ['2022-4-21', 'not a valid EDTF date'],
    ['2018/2017', 'precedes its start'],
    ['2018-06-02/2018-06-01', 'precedes its start'],
    ['2018/..', 'open or unknown end'],
    ['2018/', 'open or unknown end'],
    ['../2018', 'open or unknown end'],
    ['/2018', 'open or unknown end'],
    ['2022-04-21T10:00:00Z', 'time of day'],
    ['2016-21', 'not a valid EDTF date'],
    ['[2016,2017]', 'not a valid EDTF date'],
    ['2016-?05-31', 'not a valid EDTF date'],
    ['-0500', 'years 0000 to 9999'],
  ])('refuses %s', (input, message) => {
    const issues = issuesOf(() => parseOccurred(input, 'sources[0].publishedOn'));
    expect(issues).toEqual([
      { path: 'sources[0].publishedOn', message: expect.stringContaining(message) },
    ]);
  });

  it('refuses a value that is not a string', () => {
    expect(issuesOf(() => parseOccurred(2018 as unknown as string))).toEqual([
      { path: 'occurred', message: 'must be an EDTF date string' },
    ]);
  });
});

describe('parseAsOf', () => {
  it.each([
    ['2016-06-30', '2016-06-30'],
    ['2018', '2018-12-31'],
    ['2022-05', '2022-05-31'],
    ['2016-02', '2016-02-29'],
  ])('%s means %s', (input, day) => expect(parseAsOf(input)).toBe(day));

  it.each(['2018?', '201X', '2017/2018', 'soon', '2018-02-29'])('refuses %s', (input) => {
    expect(issuesOf(() => parseAsOf(input))).toEqual([
      { path: 'asOf', message: expect.any(String) },
    ]);
  });
});

describe('nextDay', () => {
  it.each([
    ['2016-02-28', '2016-02-29'],
    ['2018-02-28', '2018-03-01'],
    ['2018-12-31', '2019-01-01'],
    ['9999-12-31', '10000-01-01'],
  ])('after %s comes %s', (day, next) => expect(nextDay(day)).toBe(next));
});

describe('isoDayOfEpochMs', () => {
  it('agrees with the calendar over four centuries of days', () => {
    const msPerDay = 86_400_000;
    const from = Date.UTC(1899, 11, 25) / msPerDay;
    const mismatches: string[] = [];
    for (let n = from; n < from + 146_100; n += 1) {
      const ms = n * msPerDay + 12 * 3_600_000;
      const expected = new Date(ms).toISOString().slice(0, 10);
      if (isoDayOfEpochMs(ms) !== expected) mismatches.push(expected);
    }
    expect(mismatches).toEqual([]);
  });

  it('handles the first and last days and refuses the years outside 0000 to 9999', () => {
    expect(isoDayOfEpochMs(-62_167_219_200_000)).toBe('0000-01-01');
    expect(isoDayOfEpochMs(-62_167_219_200_001)).toBeUndefined();
    expect(isoDayOfEpochMs(253_402_300_799_999)).toBe('9999-12-31');
    expect(isoDayOfEpochMs(253_402_300_800_000)).toBeUndefined();
  });
});
