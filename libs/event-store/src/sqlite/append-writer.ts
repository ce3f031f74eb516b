import type Database from 'better-sqlite3';
import { ConcurrencyError, InvalidEventError } from '../errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import type { PreparedEvent } from '../validate-append';

export interface PendingAppend {
  readonly stream: string;
  readonly events: readonly PreparedEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export type AppendOutcome =
  { readonly result: AppendResult } | { readonly error: unknown; readonly result?: undefined };

interface RecordedId {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Writes batches of appends, one transaction per batch, each append undone alone when it fails. Every check runs inside the write transaction, which
 * holds SQLite's single write lock: no other connection can move a stream between the check and
 * the insert, and the unique indexes stay the last word on (stream, revision) and id.
 */
export function appendWriter(db: Database.Database, clock: () => Date) {
  const lastRevision = db
    .prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream = ?')
    .pluck();
  const recordedId = db.prepare<[string], RecordedId>(
    'SELECT stream, revision, position FROM events WHERE id = ?',
  );
  const lastRecordedAt = db
    .prepare<[], number>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
    .pluck();
  const insert = db.prepare(
    `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  function writeOne(append: PendingAppend, recordedAt: number): AppendResult {
    const { stream, events, expectedRevision } = append;
    const current = lastRevision.get(stream) ?? undefined;
    const retried = findRetry(append, current);
    if (retried) return retried;
    if (!allows(expectedRevision, current)) {
      throw new ConcurrencyError(stream, expectedRevision, current ?? 'no_stream');
    }
    let revision = current ?? -1;
    let position: number | bigint = 0;
    events.forEach((event, index) => {
      revision++;
      try {
        position = insert.run(
          stream,
          revision,
          event.id,
          event.type,
          event.dataJson,
          event.metadataJson,
          recordedAt,
        ).lastInsertRowid;
      } catch (error) {
        throw translateConstraint(error, append, index, current);
      }
    });
    return { nextExpectedRevision: revision, position: BigInt(position) };
  }
  // A single INSERT is undone on its own when it fails; only an append of several events needs
  // a savepoint (which costs about as much as the insert itself) to be undone as a whole.
  const writeSeveral = db.transaction(writeOne);

  /** A retried append: every id already recorded, in this stream, in this order. */
  function findRetry(append: PendingAppend, current: number | undefined): AppendResult | undefined {
    if (!append.events.some((event) => event.idGiven)) return undefined;
    const found = append.events.map((event) =>
      event.idGiven ? recordedId.get(event.id) : undefined,
    );
    const firstFound = found.findIndex((row) => row !== undefined);
    if (firstFound === -1) return undefined;
    const first = found[0];
    const isRetry =
      first !== undefined &&
      found.every((row, i) => row?.stream === append.stream && row.revision === first.revision + i);
    if (!isRetry) {
      const row = found[firstFound] as RecordedId;
      throw new InvalidEventError(
        `events[${firstFound}].id`,
        `is already recorded in stream "${row.stream}" at revision ${row.revision}`,
      );
    }
    const before = first.revision === 0 ? undefined : first.revision - 1;
    if (!allows(append.expectedRevision, before)) {
      throw new ConcurrencyError(append.stream, append.expectedRevision, current ?? 'no_stream');
    }
    const last = found[found.length - 1] as RecordedId;
    return { nextExpectedRevision: last.revision, position: BigInt(last.position) };
  }

  /** Never before the last recorded event, so `recordedAt` does not decrease along the log. */
  function nextRecordedAt(): number {
    const now = clock().getTime();
    if (Number.isNaN(now)) throw new Error('The event store clock returned an invalid date');
    return Math.max(now, lastRecordedAt.get() ?? 0);
  }

  const writeBatch = db.transaction((batch: readonly PendingAppend[]): AppendOutcome[] => {
    const recordedAt = nextRecordedAt();
    return batch.map((append) => {
      try {
        const write = append.events.length === 1 ? writeOne : writeSeveral;
        return { result: write(append, recordedAt) };
      } catch (error) {
        // Some I/O errors make SQLite roll back the whole transaction: then nothing is left to
        // commit and the batch fails as one.
        if (!db.inTransaction) throw error;
        return { error };
      }
    });
  });

  return (batch: readonly PendingAppend[]): AppendOutcome[] => writeBatch.immediate(batch);
}

function allows(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

function translateConstraint(
  error: unknown,
  append: PendingAppend,
  index: number,
  current: number | undefined,
): unknown {
  const code = (error as { code?: unknown }).code;
  const message = (error as { message?: unknown }).message;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return error;
  if (message.includes('events.id')) {
    return new InvalidEventError(`events[${index}].id`, 'is already recorded');
  }
  return new ConcurrencyError(append.stream, append.expectedRevision, current ?? 'no_stream');
}
