import Database from 'better-sqlite3';

/** One row of the log as the raw baseline writes it: the stored event's own JSON. */
export interface RawRow {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly recordedAt: number;
}

const PER_TRANSACTION = 1000;

/**
 * The baseline of the bulk paths: the same JSON rows inserted with plain better-sqlite3 into a
 * table with three indexes, 1,000 rows per transaction, `synchronous=FULL`: what writing these
 * rows durably costs at least, with none of the projections' work.
 */
export function rawInsert(file: string, rows: readonly RawRow[]): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE rows (
        position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL,
        id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, recorded_at INTEGER NOT NULL);
      CREATE UNIQUE INDEX rows_stream ON rows (stream, revision);
      CREATE UNIQUE INDEX rows_id ON rows (id);
      CREATE INDEX rows_type ON rows (type, recorded_at);
    `);
    const insert = db.prepare(
      'INSERT INTO rows (stream, revision, id, type, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const write = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const r = rows[i];
        insert.run(r.stream, r.revision, r.id, r.type, r.data, r.recordedAt);
      }
    });
    const started = process.hrtime.bigint();
    for (let from = 0; from < rows.length; from += PER_TRANSACTION) {
      write(from, Math.min(rows.length, from + PER_TRANSACTION));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return rows.length / seconds;
  } finally {
    db.close();
  }
}
