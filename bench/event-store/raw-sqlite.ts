import { migrate } from '@app/event-store/sqlite/schema';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';
import { sampleEvent, streamName } from './workload';

export type IdKind = 'v4' | 'v7';

/**
 * The baseline: the same table and indexes written and read with plain better-sqlite3
 * statements, with none of the store's checks, so the difference is what the store costs.
 */
export function openRawLog(file: string, synchronous: 'FULL' | 'NORMAL', ids: IdKind) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  migrate(db, file);
  const insert = db.prepare(
    `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextId = ids === 'v7' ? v7 : randomUUID;
  const revisions = new Map<string, number>();
  let sequence = 0;

  const insertEvents = db.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      const n = sequence++;
      const stream = streamName(n);
      const revision = (revisions.get(stream) ?? -1) + 1;
      revisions.set(stream, revision);
      const event = sampleEvent(n);
      insert.run(
        stream,
        revision,
        nextId(),
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        Date.now(),
      );
    }
  });

  return {
    /** Writes transactions of `perTransaction` events while `keepGoing()`; returns the events written. */
    append(perTransaction: number, keepGoing: () => boolean): number {
      let written = 0;
      while (keepGoing()) {
        insertEvents(perTransaction);
        written += perTransaction;
      }
      return written;
    },
    close: () => db.close(),
  };
}

/** Reads every event in order, parsing its JSON; returns how many it read. */
export function readWholeLog(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    let count = 0;
    const rows = db
      .prepare<[], { data: string; metadata: string }>(
        `SELECT position, stream, revision, id, type, data, metadata, recorded_at
         FROM events ORDER BY position`,
      )
      .iterate();
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      count++;
    }
    return count;
  } finally {
    db.close();
  }
}
