import { canonicalCountries, isCountryCode } from './countries';
import { countryName } from './country-names';

describe('countries', () => {
  it.each(['USA', 'CUB', 'PAN', 'CHE'])('%s is an alpha-3 code', (code) =>
    expect(isCountryCode(code)).toBe(true),
  );

  it.each(['SUN', 'YUG', 'DDR', 'CSK'])('%s is a withdrawn code history still uses', (code) =>
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

describe('country names', () => {
  it.each([
    ['USA', 'United States of America'],
    ['CUB', 'Cuba'],
    ['SUN', 'USSR, Union of Soviet Socialist Republics'],
    ['YUG', 'Yugoslavia'],
    ['DDR', 'German Democratic Republic'],
    ['CSK', 'Czechoslovakia'],
  ])('%s is %s', (code, name) => expect(countryName(code)).toBe(name));

  it('has no name for an unassigned code', () => expect(countryName('ZZZ')).toBeUndefined());
});
