import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import { isHistoricalCountryCode } from './country-names';

const ALPHA3 = /^[A-Z]{3}$/;

/**
 * True for an assigned ISO 3166-1 alpha-3 code, in upper case (`USA`, `CUB`), or for a withdrawn
 * one that history needs (`SUN`, `YUG`, `DDR`, `CSK`: see country-names.ts).
 */
export const isCountryCode = (code: string): boolean =>
  ALPHA3.test(code) && (alpha3ToAlpha2(code) !== undefined || isHistoricalCountryCode(code));

/** Upper-cases and trims; the result is a code only if `isCountryCode` holds for it. */
export const normalizeCountryCode = (value: string): string => value.trim().toUpperCase();

/** Upper-case, deduplicated and sorted codes, so equal sets of countries compare equal. */
export const canonicalCountries = (codes: readonly string[]): string[] =>
  [...new Set(codes.map(normalizeCountryCode))].sort();
