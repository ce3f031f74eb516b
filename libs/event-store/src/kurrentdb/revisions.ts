import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port';

/** Our expected revision as the client's `streamState`. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** A stream revision as the port's number; revisions past 2^53 cannot be represented exactly. */
export function toRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Stream revision ${revision} is outside the range the store supports`);
  }
  return Number(revision);
}

/**
 * The server reports a stream that does not exist as `no_stream`, or (depending on the code path)
 * as a negative revision: -1 for no stream, other negative values for deleted streams.
 */
export function toActualRevision(current: CurrentStreamState): number | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream';
  return toRevision(current);
}
