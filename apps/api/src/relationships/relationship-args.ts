import {
  DomainError,
  MAX_SERIES_POINTS,
  parseAsOf,
  parseOccurred,
  seriesDays,
  type StatsIntervalName,
} from '@app/domain';
import { decodeCursor } from '../diplomatic-events/cursor';
import { CHANGES_PAGE } from '../graphql/operation-guard';

/** The `between` argument of every relationship field (the same countries, the same words). */
export const BETWEEN_ARG = {
  type: () => [String],
  description: 'The countries: 2 to 12 ISO 3166-1 alpha-3 codes, in any order.',
};

/** `between` is checked by the domain, for queries and subscriptions alike. */
export { parseBetween } from '@app/domain';

/** A day from an EDTF argument: its first (`start`) or last (`end`) day, or the fallback. */
export function dayOf(
  value: string | undefined | null,
  path: string,
  edge: 'start' | 'end',
  fallback: string,
): string {
  if (value === undefined || value === null) return fallback;
  return parseOccurred(value, path)[edge];
}

export function asOfDay(value: string | undefined | null, today: string): string {
  return value === undefined || value === null ? today : parseAsOf(value, 'asOf');
}

/**
 * The page of `relationshipChanges` asked for: its size (bounded, so a request's cost is known
 * before it runs) and where it starts. A cursor carries the instant the first page was read
 * at, so that changes recorded meanwhile never shift a later page.
 */
export function changesPage(
  first: number | undefined | null,
  after: string | undefined | null,
  knownAt: string | undefined,
): { size: number; offset: number; knownAt?: string } {
  if (first != null && (first < 0 || first > CHANGES_PAGE.max)) {
    throw DomainError.invalid([
      { path: 'first', message: `must be between 0 and ${CHANGES_PAGE.max}` },
    ]);
  }
  const size = first ?? CHANGES_PAGE.default;
  if (after == null) return { size, offset: 0 };
  const [at, offset] =
    after.length <= 200 ? decodeCursor(after, 'after', 2) : [undefined, undefined];
  if (typeof at !== 'string' || !Number.isInteger(offset) || (offset as number) < 0) {
    throw DomainError.invalid([
      { path: 'after', message: 'is not a cursor from relationshipChanges' },
    ]);
  }
  if (knownAt !== undefined && knownAt !== at) {
    throw DomainError.invalid([
      { path: 'knownAt', message: 'differs from the knownAt the cursor was read at' },
    ]);
  }
  return { size, offset: offset as number, knownAt: at };
}

/**
 * The days a `relationshipSeries` replays to: each of `at` (read as `asOf` reads a date), or
 * the end of each year (month, day) from `from` to `to`. One form or the other, never both.
 */
export function seriesDaysOf(args: {
  from?: string | null;
  to?: string | null;
  every?: StatsIntervalName | null;
  at?: readonly string[] | null;
}): string[] {
  const { from, to, every, at } = args;
  if (at !== undefined && at !== null) {
    if (from != null || to != null || every != null) {
      throw DomainError.invalid([
        { path: 'at', message: 'give either `at`, or `from` and `to` (with `every`), not both' },
      ]);
    }
    if (at.length > MAX_SERIES_POINTS) {
      throw DomainError.invalid([
        { path: 'at', message: `holds ${at.length} dates; at most ${MAX_SERIES_POINTS}` },
      ]);
    }
    return at.map((value, i) => parseAsOf(value, `at[${i}]`));
  }
  const missing = (['from', 'to'] as const).filter((name) => args[name] == null);
  if (missing.length > 0) {
    throw DomainError.invalid(
      missing.map((path) => ({ path, message: 'is required when `at` is not given' })),
    );
  }
  return seriesDays(
    dayOf(from, 'from', 'start', ''),
    dayOf(to, 'to', 'end', ''),
    every ?? 'YEAR',
    'every',
  );
}
