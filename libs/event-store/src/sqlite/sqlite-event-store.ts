import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StreamNotFoundError } from '../errors';
import {
  START,
  type EventStore,
  type EventSubscription,
  type GlobalPosition,
  type ReadStreamOptions,
} from '../event-store.port';
import { prepareAppend } from '../validate-append';
import { appendWriter } from './append-writer';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-rows';
import { groupCommit } from './group-commit';
import { headWatcher } from './head-watcher';
import { migrate } from './schema';
import { openSubscription } from './subscription';

export interface SqliteEventStoreOptions {
  /** The database file, created with its folder when missing. */
  readonly file: string;
  /**
   * FULL (the default): a commit is on disk before the append resolves, so an acknowledged event
   * survives a power loss. NORMAL: in WAL mode the log stays consistent and survives a crash of
   * the process, but the last commits before a power loss or OS crash can be lost.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Source of `recordedAt`. */
  readonly clock?: () => Date;
  /** How long a write waits for another process holding the file's write lock. */
  readonly busyTimeoutMs?: number;
  /** How often waiting subscriptions look for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /** Largest event accepted (data and metadata as UTF-8 JSON). */
  readonly maxEventBytes?: number;
  /** Events a subscription reads at a time; it never holds more. */
  readonly subscriptionBatchSize?: number;
}

export interface SqliteEventStore extends EventStore {
  readonly file: string;
}

/**
 * The embedded event store: one SQLite file in WAL mode, which several processes may share.
 * Opening creates or migrates the schema, and refuses a file written by a newer version.
 *
 * Event ids are unique across the whole log. Appending events whose ids are already recorded in
 * the same stream, at consecutive revisions and in the same order, is a retry and returns the
 * original result; an id recorded anywhere else is refused with `InvalidEventError` (retrying
 * cannot fix it, unlike a `ConcurrencyError`).
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const db = openDatabase(options);
  const readStreamForwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  );
  const readStreamBackwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ?
     ORDER BY revision DESC LIMIT ?`,
  );
  const streamExists = db.prepare<[string]>('SELECT 1 FROM events WHERE stream = ? LIMIT 1');
  const readAfter = db.prepare<[bigint, number], EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const head = db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck();
  const readHead = (): GlobalPosition => BigInt(head.get() ?? 0);

  const watcher = headWatcher(readHead, options.pollIntervalMs ?? 10);
  const commits = groupCommit(
    appendWriter(db, options.clock ?? (() => new Date())),
    watcher.notify,
  );
  const subscriptions = new Set<EventSubscription>();
  const source = {
    readAfter: (position: GlobalPosition, limit: number) => readAfter.all(position, limit),
    waitBeyond: watcher.waitBeyond,
    batchSize: options.subscriptionBatchSize ?? 500,
  };
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new Error(`The event store ${options.file} is closed`);
  };

  return {
    file: options.file,

    async appendToStream(stream, events, appendOptions) {
      ensureOpen();
      const expectedRevision = appendOptions?.expectedRevision;
      const prepared = prepareAppend(stream, events, expectedRevision, options);
      return commits.append({ stream, events: prepared, expectedRevision });
    },

    async readStream(stream, readOptions: ReadStreamOptions = {}) {
      ensureOpen();
      const limit = countLimit(readOptions.maxCount, 'maxCount');
      const rows =
        readOptions.direction === 'backwards'
          ? readStreamBackwards.all(
              stream,
              revision(readOptions.fromRevision, Number.MAX_SAFE_INTEGER),
              limit,
            )
          : readStreamForwards.all(stream, revision(readOptions.fromRevision, 0), limit);
      if (rows.length === 0 && streamExists.get(stream) === undefined) {
        throw new StreamNotFoundError(stream);
      }
      return rows.map(toStoredEvent);
    },

    async readAll(readOptions = {}) {
      ensureOpen();
      const limit = countLimit(readOptions.maxCount, 'maxCount');
      return readAfter.all(readOptions.fromPosition ?? START, limit).map(toStoredEvent);
    },

    subscribeToAll(subscribeOptions = {}) {
      ensureOpen();
      const { fromPosition = START, filter } = subscribeOptions;
      const from = fromPosition === 'end' ? readHead() : fromPosition;
      const subscription = openSubscription(source, from, filter, () =>
        subscriptions.delete(subscription),
      );
      subscriptions.add(subscription);
      return subscription;
    },

    async headPosition() {
      ensureOpen();
      return readHead();
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      watcher.close();
      commits.drain();
      db.close();
    },
  };
}

function openDatabase(options: SqliteEventStoreOptions): Database.Database {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    migrate(db, options.file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQLite's LIMIT: -1 for no limit. */
function countLimit(value: number | undefined, name: string): number {
  if (value === undefined) return -1;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer >= 0`);
  }
  return value;
}

function revision(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError('fromRevision must be an integer >= 0');
  }
  return value;
}
