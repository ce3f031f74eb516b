import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import historical from './historical-states.json';

const ALPHA3 = /^[A-Z]{3}$/;

/**
 * States that no longer exist keep the alpha-3 code they had (ISO 3166-3): research data about
 * the USSR or East Germany must name them, not a successor, or history would be rewritten.
 */
const HISTORICAL: ReadonlySet<string> = new Set(Object.keys(historical.states));

/** True for an assigned ISO 3166-1 alpha-3 code, in upper case (`USA`, `CUB`). */
export const isCountryCode = (code: string): boolean =>
  ALPHA3.test(code) && (alpha3ToAlpha2(code) !== undefined || HISTORICAL.has(code));

/** True for the alpha-3 code of a state listed in ISO 3166-3 (`SUN`, `DDR`, `YUG`, `CSK`…). */
export const isHistoricalCountryCode = (code: string): boolean => HISTORICAL.has(code);

/** Upper-cases and trims; the result is a code only if `isCountryCode` holds for it. */
export const normalizeCountryCode = (value: string): string => value.trim().toUpperCase();

/** Upper-case, deduplicated and sorted codes, so equal sets of countries compare equal. */
export const canonicalCountries = (codes: readonly string[]): string[] =>
  [...new Set(codes.map(normalizeCountryCode))].sort();
