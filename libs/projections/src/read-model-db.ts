import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type ReadModelDb = Database.Database;

/**
 * Opens (creating if needed) a node's read-model database. Read models are disposable: they can
 * always be rebuilt from the event log, so durability is relaxed to NORMAL (WAL keeps it
 * consistent; a crash can only lose the last transactions, which the checkpoint then replays).
 */
export function openReadModelDb(file: string): ReadModelDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
