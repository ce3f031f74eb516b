import { DomainError, isCountryCode, normalizeCountryCode } from '@app/domain';
import { decodeCursor } from '../diplomatic-events/cursor';

/** Page sizes of `countries` and `dyads`: the resolvers' limits and the cost measure's. */
export const COUNTRIES_PAGE = { default: 50, max: 300 } as const;
export const DYADS_PAGE = { default: 20, max: 200 } as const;
const MAX_TEXT = 100;
/** The most periods one `eventStats` answer holds (a century by day is 36,525). */
export const MAX_STATS_BUCKETS = 5_000;

export function pageSize(
  value: number | undefined | null,
  limits: { default: number; max: number },
  path = 'first',
): number {
  if (value === undefined || value === null) return limits.default;
  if (!Number.isInteger(value) || value < 0 || value > limits.max) {
    throw DomainError.invalid([{ path, message: `must be between 0 and ${limits.max}` }]);
  }
  return value;
}

/** Lower case without accents, so "cote" finds "Côte d'Ivoire". */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function countryText(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value.length > MAX_TEXT || !value.isWellFormed()) {
    throw DomainError.invalid([
      {
        path: 'filter.text',
        message: `must be well-formed text of at most ${MAX_TEXT} characters`,
      },
    ]);
  }
  const folded = foldText(value.trim());
  return folded === '' ? undefined : folded;
}

/** The code a `countries` cursor stands after. */
export function countryCursor(after: string | undefined | null): string | undefined {
  if (after === undefined || after === null) return undefined;
  const [code] = after.length <= 100 ? decodeCursor(after, 'after', 1) : [undefined];
  if (typeof code !== 'string') {
    throw DomainError.invalid([{ path: 'after', message: 'is not a cursor from countries' }]);
  }
  return code;
}

export function dyadCountry(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const code = normalizeCountryCode(value.slice(0, 10));
  if (!isCountryCode(code)) {
    throw DomainError.invalid([
      { path: 'country', message: 'is not an ISO 3166-1 alpha-3 country code' },
    ]);
  }
  return code;
}
