import { DomainError, parseAsOf, parseOccurred } from '@app/domain';
import { decodeCursor } from '../diplomatic-events/cursor';
import { CHANGES_PAGE } from '../graphql/operation-guard';

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
