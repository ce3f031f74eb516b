import { DomainError } from '@app/domain';

/** Opaque page cursors: the row's sort key, base64url-encoded JSON. */
export const encodeCursor = (key: readonly unknown[]): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string, path: string, length: number): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // Falls through to the error below: a cursor is opaque, any damage is the same mistake.
  }
  throw DomainError.invalid([{ path, message: 'is not a cursor from this connection and order' }]);
}
