import { getName, registerLocale } from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import historical from './historical-states.json';
import { isHistoricalCountryCode } from './countries';

registerLocale(english);

/**
 * Names of the alpha-3 codes withdrawn from ISO 3166-1 that historical event data still uses
 * (COW, ICEWS and older archives speak of the Soviet Union or Yugoslavia, not of their
 * successors): the table of historical-states.json, whose source it names.
 */
const HISTORICAL_NAMES: Readonly<Record<string, { name: string }>> = historical.states;

/** The English short name of an alpha-3 code (current or historical), or undefined. */
export function countryName(code: string): string | undefined {
  if (isHistoricalCountryCode(code)) return HISTORICAL_NAMES[code].name;
  return getName(code, 'en') ?? undefined;
}
