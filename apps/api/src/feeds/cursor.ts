import { DomainError } from '@app/domain';

/**
 * Feed cursors are log positions in decimal. They are meant to be opaque, but a plain number
 * keeps `curl` and Last-Event-ID simple and is valid on every node sharing the log.
 */
export const toCursor = (position: bigint): string => position.toString();

export function parseCursor(
  value: string | undefined | null,
  head: bigint,
  path = 'after',
): bigint | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!/^\d{1,19}$/.test(value)) {
    throw DomainError.invalid([
      { path, message: 'is not a feed cursor (a cursor from an EventChange)' },
    ]);
  }
  const position = BigInt(value);
  if (position > head) {
    throw DomainError.invalid([
      { path, message: `is beyond the end of the log (${head}): not a cursor of this archive` },
    ]);
  }
  return position;
}
