import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
 * be rebuilt from the log, so the rule is: a file is written unsynced only while it durably
 * carries a mark naming the current boot of the machine. On open, a mark from another boot
 * means the machine went down while the file was being written unsynced: the file is discarded
 * and the projector replays the log into a new one. A clean close syncs the file and removes
 * the mark, so an orderly reboot costs nothing.
 *
 * The mark is durable only once a synced checkpoint has copied it into the file (a mark left in
 * the WAL could be overwritten when the WAL restarts). Until then, and whenever that cannot be
 * done, the connection writes synced. Another process (the command line) may remove the mark
 * when it closes, so each write transaction checks that the mark is still there.
 */
export class UnsyncedWrites {
  private durable = false;
  private lastAttempt = -Infinity;
  private readonly nonce = randomUUID();
  private readonly present: Database.Statement<[], unknown>;

  constructor(
    private readonly db: Database.Database,
    private readonly bootId: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${MARK_TABLE} (
      id INTEGER PRIMARY KEY CHECK (id = 1), boot_id TEXT NOT NULL, nonce TEXT NOT NULL)`);
    this.present = db.prepare(`SELECT 1 FROM ${MARK_TABLE} WHERE id = 1 AND boot_id = ?`).bind(bootId);
    this.tryMark();
  }

  /** Whether writes currently skip fsync. */
  get active(): boolean {
    return this.durable;
  }

  /**
   * Runs a write transaction (which must call `assertMarked` inside). If the mark was removed
   * meanwhile, the transaction is rolled back, the file is marked again, and it runs once more.
   */
  write<T>(transaction: () => T): T {
    if (!this.durable && performance.now() - this.lastAttempt >= RETRY_MS) this.tryMark();
    try {
      return transaction();
    } catch (error) {
      if (error !== MARK_GONE) throw error;
      this.unsynced(false);
      this.tryMark();
      return transaction();
    }
  }

  /** Inside a write transaction: refuses to go on unsynced once the mark is gone. */
  assertMarked(): void {
    if (this.durable && this.present.get() === undefined) throw MARK_GONE;
  }

  /** Syncs the file and removes this connection's mark; leaves it wherever that cannot be done. */
  clear(): void {
    if (this.db.inTransaction) return;
    this.unsynced(false);
    if (!checkpointed(this.db, 'TRUNCATE')) return;
    const removed = this.db.prepare(`DELETE FROM ${MARK_TABLE} WHERE nonce = ?`).run(this.nonce).changes;
    // Another process's unsynced pages may have reached the file after the first checkpoint:
    // without a second synced one, the mark must stay.
    if (removed > 0 && !checkpointed(this.db, 'FULL')) this.upsertMark();
  }

  private tryMark(): void {
    this.lastAttempt = performance.now();
    if (this.db.inTransaction) return;
    this.unsynced(false);
    this.upsertMark();
    if (checkpointed(this.db, 'FULL')) this.unsynced(true);
  }

  private upsertMark(): void {
    this.db
      .prepare(
        `INSERT INTO ${MARK_TABLE} (id, boot_id, nonce) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET boot_id = excluded.boot_id, nonce = excluded.nonce`,
      )
      .run(this.bootId, this.nonce);
  }

  private unsynced(on: boolean): void {
    this.durable = on;
    this.db.pragma(`synchronous = ${on ? 'OFF' : 'NORMAL'}`);
  }
}

const MARK_TABLE = 'read_model_unsynced';
/** How long a connection that could not mark its file keeps writing synced before trying again. */
const RETRY_MS = 5_000;
const MARK_GONE = new Error('the read-model file lost its unsynced-writes mark');

/** The mark left in a read-model file (the boot that wrote it unsynced), if any. */
export function unsyncedMark(db: Database.Database): string | undefined {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MARK_TABLE);
  if (table === undefined) return undefined;
  const row = db.prepare(`SELECT boot_id FROM ${MARK_TABLE} WHERE id = 1`).get() as { boot_id: string } | undefined;
  return row?.boot_id;
}

/** The identity of this boot of the machine (Linux); undefined where the OS does not say. */
export function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A synced checkpoint of the whole WAL: true when every frame reached the file. */
function checkpointed(db: Database.Database, mode: 'FULL' | 'TRUNCATE'): boolean {
  const [result] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
  return result.busy === 0 && result.checkpointed === result.log;
}
