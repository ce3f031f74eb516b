import type Database from 'better-sqlite3';

/** Marks a file as this event store's (`PRAGMA application_id`), so another SQLite file is refused. */
export const EVENT_STORE_APPLICATION_ID = 0x45564c47;

/**
 * The schema, one step per version: `migrations[n]` takes a file from version n to n + 1.
 * The version lives in `PRAGMA user_version`; never edit a step that has shipped, add one.
 *
 * `position INTEGER PRIMARY KEY` is the rowid, so SQLite gives each insert max(position) + 1.
 * Only one connection can write at a time, so a transaction's positions are above every position
 * already committed, and a reader (who sees a committed prefix of the log) can never see position
 * N + 1 while a smaller one is still to come. Events are never deleted, so no rowid is reused.
 * `recorded_at` is milliseconds since the Unix epoch.
 */
export const migrations: readonly ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY,
        stream      TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        id          TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX events_stream_revision ON events (stream, revision);
      CREATE UNIQUE INDEX events_id ON events (id);
    `),
];

export const SCHEMA_VERSION = migrations.length;

/** The file cannot be used by this version of the code; nothing in it was changed. */
export class EventStoreFileError extends Error {
  override readonly name = 'EventStoreFileError';
}

/**
 * Brings the file's schema up to `SCHEMA_VERSION`. Runs under BEGIN IMMEDIATE so that two
 * processes opening a new file at once cannot both create the tables.
 */
export function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const isNew = applicationId === 0 && version === 0 && !hasTables(db);
    if (applicationId !== EVENT_STORE_APPLICATION_ID && !isNew) {
      throw new EventStoreFileError(`${file} is not an event store file`);
    }
    if (version > SCHEMA_VERSION) {
      throw new EventStoreFileError(
        `${file} has event store schema version ${version}, newer than the ${SCHEMA_VERSION} ` +
          'this code knows: upgrade the application before opening it',
      );
    }
    for (let step = version; step < SCHEMA_VERSION; step++) migrations[step](db);
    if (version < SCHEMA_VERSION) {
      db.pragma(`application_id = ${EVENT_STORE_APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  }).immediate();
}

function hasTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}
