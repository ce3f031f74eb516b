import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Why read models skip fsync, and how that stays safe.
 *
 * With `synchronous = NORMAL` every WAL checkpoint ends in an fsync of the read-model file, on
 * the event loop of the process that committed: 200–900 ms on a shared disk for a few thousand
 * pages, against ~25 ms for the same checkpoint without it. Live feeds stall for that long.
 *
 * Without fsync (`synchronous = OFF`), a crashed *process* loses nothing (the OS still holds
 * every write), but an OS crash or power loss can leave the file torn. A read model can always
 * be rebuilt from the log, so the rule is: a connection writes unsynced only while the file
 * durably carries its own mark, naming the current boot of the machine. On open, a mark from
 * another boot means the machine went down while the file was being written unsynced: the file
 * is discarded and the projector replays the log into a new one. A clean close syncs the file
 * and then removes that connection's mark only, so an orderly reboot costs nothing and one
 * process closing (the command line) never removes another's protection.
 *
 * Durable means the mark's page is in the file and the file is fsynced: a checkpoint syncs only
 * when it copies frames, so the file is also fsynced explicitly. Until that is done, and
 * wherever it cannot be done, the connection writes synced.
 */
export class UnsyncedWrites {
  private durable = false;
  private lastAttempt = -Infinity;
  private readonly nonce = randomUUID();

  constructor(
    private readonly db: Database.Database,
    private readonly bootId: string,
  ) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${MARK_TABLE} (nonce TEXT PRIMARY KEY, boot_id TEXT NOT NULL)`,
    );
    this.tryMark();
  }

  /** Whether writes currently skip fsync. */
  get active(): boolean {
    return this.durable;
  }

  /** Before a write transaction: a connection that could not mark its file tries again now and then. */
  beforeWrite(): void {
    if (!this.durable && performance.now() - this.lastAttempt >= RETRY_MS) this.tryMark();
  }

  /** Syncs the file and removes this connection's mark; leaves it wherever that cannot be done. */
  clear(): void {
    if (this.db.inTransaction) return;
    this.unsynced(false);
    if (!checkpointed(this.db, 'TRUNCATE') || !fsyncFile(this.db)) return;
    this.db.prepare(`DELETE FROM ${MARK_TABLE} WHERE nonce = ?`).run(this.nonce);
    // Only tidiness: a removal that does not reach the disk leaves the mark, and a discard.
    if (checkpointed(this.db, 'TRUNCATE')) fsyncFile(this.db);
  }

  private tryMark(): void {
    this.lastAttempt = performance.now();
    if (this.db.inTransaction) return;
    this.db
      .prepare(
        `INSERT INTO ${MARK_TABLE} (nonce, boot_id) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING`,
      )
      .run(this.nonce, this.bootId);
    if (checkpointed(this.db, 'FULL') && fsyncFile(this.db)) this.unsynced(true);
  }

  private unsynced(on: boolean): void {
    this.durable = on;
    this.db.pragma(`synchronous = ${on ? 'OFF' : 'NORMAL'}`);
  }
}

const MARK_TABLE = 'read_model_unsynced_writers';
/** How long a connection that could not mark its file keeps writing synced before trying again. */
const RETRY_MS = 5_000;

/** The boots named by the marks left in a read-model file (empty when none). */
export function unsyncedMarks(db: Database.Database): string[] {
  const table = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(MARK_TABLE);
  if (table === undefined) return [];
  return db.prepare(`SELECT DISTINCT boot_id FROM ${MARK_TABLE}`).pluck().all() as string[];
}

/** Removes every mark, for a copy of the file that no connection has written unsynced. */
export function clearUnsyncedMarks(db: Database.Database): void {
  if (unsyncedMarks(db).length > 0) db.prepare(`DELETE FROM ${MARK_TABLE}`).run();
}

/** The identity of this boot of the machine (Linux); undefined where the OS does not say. */
export function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** fsync of the database file itself (a checkpoint with nothing to copy syncs nothing). */
function fsyncFile(db: Database.Database): boolean {
  try {
    const fd = openSync(db.name, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

/** A synced checkpoint of the whole WAL: true when every frame reached the file. */
function checkpointed(db: Database.Database, mode: 'FULL' | 'TRUNCATE'): boolean {
  const [result] = db.pragma(`wal_checkpoint(${mode})`) as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return result.busy === 0 && result.checkpointed === result.log;
}
