import type { ExpectedRevision } from './event-store.port';

/** Optimistic concurrency conflict: the stream was not at the revision the caller expected. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(
      `Stream "${stream}" expected at revision ${String(expected)} but is at ${String(actual)}`,
    );
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly stream: string) {
    super(`Stream "${stream}" not found`);
  }
}

/** The caller handed the store something it cannot store; nothing was written. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    /** Path of the offending input, e.g. `stream`, `events[1].data`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
