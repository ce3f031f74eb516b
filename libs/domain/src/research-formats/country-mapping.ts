import { getAlpha3Code } from 'i18n-iso-countries';
import { isCountryCode } from '../countries/countries';
import cameoTable from './tables/cameo-countries.json';
import cowTable from './tables/cow-states.json';
import fipsTable from './tables/fips-10-4.json';

/** A country code of some scheme, mapped to ISO 3166-1 alpha-3, or why it cannot be. */
export type Mapped = { readonly code: string } | { readonly reason: string };

interface CowState {
  readonly abb: string;
  readonly name: string;
  readonly periods: readonly { iso3: string; from?: number; to?: number }[];
}

const cameo = cameoTable.countries as Record<string, { iso3: string; name: string }>;
const cameoNotCountries = cameoTable.notCountries as Record<string, string>;
const fips = fipsTable as Record<string, { iso3: string; name: string }>;
const cow = cowTable as Record<string, CowState>;
const own = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** A CAMEO actor country code (GDELT's Actor1CountryCode): ISO-like, with a few old codes. */
export const fromCameoCountry = (value: string): Mapped => {
  const code = value.trim().toUpperCase();
  if (own(cameo, code)) return { code: cameo[code].iso3 };
  if (own(cameoNotCountries, code))
    return {
      reason: `CAMEO code ${code} (${cameoNotCountries[code]}) names a region, not a country`,
    };
  return { reason: `${JSON.stringify(value.slice(0, 20))} is not a CAMEO country code` };
};

/** A FIPS 10-4 country code (GDELT's geography): `GM` is Germany here, not Gambia. */
export const fromFipsCountry = (value: string): Mapped => {
  const code = value.trim().toUpperCase();
  if (own(fips, code)) return { code: fips[code].iso3 };
  return {
    reason: `${JSON.stringify(value.slice(0, 20))} is not a FIPS 10-4 country code with an ISO 3166 equivalent`,
  };
};

/** A Correlates of War state number in a given year (the code a state had then). */
export const fromCowCountry = (value: string, year: number): Mapped => {
  const ccode = value.trim();
  if (!/^\d{1,3}$/.test(ccode) || !own(cow, String(Number(ccode))))
    return { reason: `${JSON.stringify(value.slice(0, 20))} is not a COW state number` };
  const state = cow[String(Number(ccode))];
  const period = state.periods.find(
    (p) => (p.from === undefined || year >= p.from) && (p.to === undefined || year <= p.to),
  );
  if (period) return { code: period.iso3 };
  return {
    reason: `COW state ${ccode} (${state.name}) has no ISO 3166 code in ${year}`,
  };
};

/** Country names as the CAMEO list spells them (ICEWS uses the same spellings). */
const cameoNames = new Map(
  Object.values(cameo).map((entry) => [entry.name.toLowerCase(), entry.iso3] as const),
);

/** A country name (ICEWS's Source Country): ISO names first, then the CAMEO list's names. */
export const fromCountryName = (value: string): Mapped => {
  const name = value.trim();
  const code = getAlpha3Code(name, 'en') ?? cameoNames.get(name.toLowerCase());
  if (code && isCountryCode(code)) return { code };
  return { reason: `${JSON.stringify(name.slice(0, 60))} is not a country name we can map` };
};
