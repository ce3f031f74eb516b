import { canonicalCountries } from '../countries/countries';
import { DomainError } from '../errors';
import { LIMITS } from '../diplomatic-event/input/fact-fields';
import { at, readArray, readCountry, type Issues } from '../diplomatic-event/input/read';

/**
 * `between` names at most as many countries as one record may involve: a relationship among
 * more has no event that could shape it.
 */
export const BETWEEN_LIMITS = { min: 2, max: LIMITS.countries } as const;

/**
 * Checks `between`: two to twelve distinct ISO alpha-3 codes, in any order; returns them
 * upper-cased, deduplicated and sorted. A list longer than the cap is refused with one issue
 * before any code is read, so a huge list cannot make a huge error.
 */
export const parseBetween = (raw: unknown, path = 'between'): string[] => {
  const issues: Issues = [];
  const items = readArray(raw, path, issues, { max: BETWEEN_LIMITS.max });
  if (!items) throw DomainError.invalid(issues);
  const codes = items.flatMap((item, i) => readCountry(item, at(path, i), issues) ?? []);
  if (issues.length) throw DomainError.invalid(issues);
  const distinct = canonicalCountries(codes);
  if (distinct.length < BETWEEN_LIMITS.min) {
    throw DomainError.invalid([
      {
        path,
        message: `give ${BETWEEN_LIMITS.min} to ${BETWEEN_LIMITS.max} distinct countries`,
      },
    ]);
  }
  return distinct;
};
