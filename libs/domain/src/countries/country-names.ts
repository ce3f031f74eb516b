import { getName, registerLocale } from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

registerLocale(english);

/**
 * Alpha-3 codes withdrawn from ISO 3166-1 that historical event data still uses (COW, ICEWS and
 * older archives speak of the Soviet Union or Yugoslavia, not of their successors). The names
 * are those of the ISO 3166-3 index of former countries in "Code index for former countries",
 * Flags of the World (FOTW), last modified 2018-03-18,
 * https://www.signa-fahnen.de/fotw/flags/cou_hist.html (a mirror of the FOTW site).
 */
export const HISTORICAL_COUNTRIES: Readonly<Record<string, string>> = {
  ANT: 'Netherlands Antilles',
  CSK: 'Czechoslovakia',
  DDR: 'German Democratic Republic',
  PCI: 'Pacific Islands (Trust Territory)',
  SCG: 'Serbia & Montenegro',
  SUN: 'USSR, Union of Soviet Socialist Republics',
  YUG: 'Yugoslavia',
};

/** True for a withdrawn alpha-3 code of the table above. */
export const isHistoricalCountryCode = (code: string): boolean =>
  Object.prototype.hasOwnProperty.call(HISTORICAL_COUNTRIES, code);

/** The English short name of an alpha-3 code (current or historical), or undefined. */
export function countryName(code: string): string | undefined {
  if (isHistoricalCountryCode(code)) return HISTORICAL_COUNTRIES[code];
  return getName(code, 'en') ?? undefined;
}
