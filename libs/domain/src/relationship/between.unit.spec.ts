import { DomainError, type FieldIssue } from '../errors';
import { TEXT_MESSAGES } from '../text/text-rules';
import { BETWEEN_LIMITS, parseBetween } from './between';

const issuesOf = (raw: unknown): FieldIssue[] => {
  try {
    parseBetween(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [...(error as DomainError).issues];
  }
  throw new Error('expected between to be refused');
};

describe('parseBetween', () => {
  it('given codes in any case and order, then distinct upper-case sorted codes', () =>
    expect(parseBetween(['usa', 'CUB', 'USA'])).toEqual(['CUB', 'USA']));

  it('given as many codes as a record may hold (12), then they are accepted', () => {
    const twelve = [
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
    ];
    expect(BETWEEN_LIMITS).toEqual({ min: 2, max: 12 });
    expect(parseBetween(twelve)).toEqual([...twelve].sort());
  });

  it('given 150,000 bad codes, then one short issue naming the list and its limit', () => {
    const error = (() => {
      try {
        parseBetween(Array(150_000).fill('not-a-country'));
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.issues).toEqual([{ path: 'between', message: 'may hold at most 12 items' }]);
    expect(error!.message.length).toBeLessThan(200);
  });

  it('given 13 valid codes, then the list is too long', () =>
    expect(issuesOf(Array(13).fill('USA'))).toEqual([
      { path: 'between', message: 'may hold at most 12 items' },
    ]));

  it('given one country twice, then two distinct ones are asked for', () =>
    expect(issuesOf(['USA', 'usa'])).toEqual([
      { path: 'between', message: 'give 2 to 12 distinct countries' },
    ]));

  it('given bad codes, then each is named, a long one quoted only in part', () =>
    expect(issuesOf(['USA', 'X'.repeat(1000), 'C\uD800B'])).toEqual([
      {
        path: 'between[1]',
        message: `"${'X'.repeat(24)}…" is not an ISO 3166-1 alpha-3 country code`,
      },
      { path: 'between[2]', message: TEXT_MESSAGES.malformed },
    ]));
});
