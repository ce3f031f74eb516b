import {
  fromCameoCountry,
  fromCountryName,
  fromCowCountry,
  fromFipsCountry,
} from './country-mapping';

describe('country mapping to ISO 3166-1 alpha-3', () => {
  it.each([
    ['USA', 'USA'],
    ['ROM', 'ROU'],
    ['TMP', 'TLS'],
    ['MTN', 'MNE'],
  ])('CAMEO %s → %s', (code, iso) => expect(fromCameoCountry(code)).toEqual({ code: iso }));

  it('refuses CAMEO regions and unknown codes with the reason', () => {
    expect(fromCameoCountry('EUR')).toEqual({
      reason: 'CAMEO code EUR (Europe) names a region, not a country',
    });
    expect(fromCameoCountry('XYZ')).toEqual({ reason: '"XYZ" is not a CAMEO country code' });
  });

  it.each([
    ['GM', 'DEU'],
    ['GA', 'GMB'],
    ['UK', 'GBR'],
    ['CU', 'CUB'],
    ['RS', 'RUS'],
    ['YI', 'SCG'],
  ])('FIPS 10-4 %s → %s', (code, iso) => expect(fromFipsCountry(code)).toEqual({ code: iso }));

  it('refuses a FIPS code with no ISO equivalent', () =>
    expect(fromFipsCountry('OS')).toHaveProperty('reason'));

  it.each([
    ['2', 1960, 'USA'],
    ['40', 1960, 'CUB'],
    ['365', 1960, 'SUN'],
    ['365', 1995, 'RUS'],
    ['345', 1990, 'YUG'],
    ['345', 2004, 'SCG'],
    ['345', 2010, 'SRB'],
    ['260', 1980, 'DEU'],
    ['265', 1980, 'DDR'],
    ['315', 1980, 'CSK'],
  ])('COW %s in %i → %s', (code, year, iso) =>
    expect(fromCowCountry(code, year)).toEqual({ code: iso }),
  );

  it('refuses a COW state with no ISO code that year', () => {
    expect(fromCowCountry('365', 1890)).toEqual({
      reason: 'COW state 365 (Russia) has no ISO 3166 code in 1890',
    });
    expect(fromCowCountry('999', 1990)).toHaveProperty('reason');
  });

  it.each([
    ['Russian Federation', 'RUS'],
    ['United States', 'USA'],
    ['Laos', 'LAO'],
    ['Occupied Palestinian Territory', 'PSE'],
  ])('name %s → %s', (name, iso) => expect(fromCountryName(name)).toEqual({ code: iso }));
});
