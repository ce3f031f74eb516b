import { canonicalCountries, isCountryCode } from './countries';

describe('countries', () => {
  it.each(['USA', 'CUB', 'PAN', 'CHE'])('%s is an alpha-3 code', (code) =>
    expect(isCountryCode(code)).toBe(true),
  );

  it.each(['US', 'usa', 'ZZZ', 'USAA', '840', ''])('%s is not', (code) =>
    expect(isCountryCode(code)).toBe(false),
  );

  it.each(['SUN', 'DDR', 'YUG', 'CSK', 'SCG', 'ANT'])(
    '%s, a state listed in ISO 3166-3, is an alpha-3 code',
    (code) => expect(isCountryCode(code)).toBe(true),
  );

  it('upper-cases, deduplicates and sorts', () =>
    expect(canonicalCountries(['usa', ' CUB', 'USA', 'pan'])).toEqual(['CUB', 'PAN', 'USA']));
});
