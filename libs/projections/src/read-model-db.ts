import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { currentBootId, UnsyncedWrites, unsyncedMarks } from './unsynced-writes';

export type ReadModelDb = Database.Database;

export interface ReadModelDbOptions {
  /**
   * Write without fsync where that is safe (see UnsyncedWrites): the default. False keeps every
   * checkpoint synced, for operators who would rather not replay the log after an OS crash.
   */
  readonly unsynced?: boolean;
  /** This boot's identity; null where unknown (then writes stay synced). Read from the OS by default. */
  readonly bootId?: string | null;
  /** Told when the file is discarded, and why. */
  readonly onNotice?: (message: string) => void;
}

const guards = new WeakMap<ReadModelDb, UnsyncedWrites>();

/** SQLite's own ceiling for a memory map (SQLITE_MAX_MMAP_SIZE in the bundled build). */
const MMAP_BYTES = 0x7fff0000;

/**
 * Opens (creating if needed) a node's read-model database. Read models are disposable: they can
 * always be rebuilt from the event log, so durability is relaxed (see UnsyncedWrites); a file
 * left torn by an OS crash is discarded here and the projector replays the log into a new one.
 */
export function openReadModelDb(file: string, options: ReadModelDbOptions = {}): ReadModelDb {
  if (file === ':memory:') return configure(new Database(file));
  mkdirSync(dirname(file), { recursive: true });
  const bootId = options.bootId === undefined ? currentBootId() : (options.bootId ?? undefined);
  const checked = bootId === undefined ? configure(new Database(file)) : openChecked(file, bootId);
  let db: ReadModelDb;
  if ('left' in checked) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    options.onNotice?.(
      checked.left === TORN
        ? `${file} was damaged; it was discarded and the read models are replayed from the log`
        : `${file} was being written without fsync when the machine went down (boot ${checked.left}); ` +
            'it was discarded and the read models are replayed from the log',
    );
    db = configure(new Database(file));
  } else db = checked;
  if (bootId !== undefined && (options.unsynced ?? true))
    guards.set(db, new UnsyncedWrites(db, bootId));
  return db;
}

/** The guard of a read-model connection that may write without fsync, if it has one. */
export function unsyncedWritesOf(db: ReadModelDb): UnsyncedWrites | undefined {
  return guards.get(db);
}

/** Closes a read-model connection, syncing the file first so that a reboot keeps it. */
export function closeReadModelDb(db: ReadModelDb): void {
  if (!db.open) return;
  guards.get(db)?.clear();
  db.close();
}

function configure(db: ReadModelDb): ReadModelDb {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // A batch touches index pages all over the read model's tables; the default 2 MB page cache
  // would read many of them back from the OS more than once per batch.
  db.pragma('cache_size = -65536');
  // Reads through a memory map instead of a read() per page: relationship lookups on a 400 MB
  // read model measured ~15-20% faster at p50. SQLite caps the map at 2 GB; the file's pages
  // are the OS's page cache either way (they show in the process's RSS, shared and reclaimable).
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  return db;
}

const TORN = 'torn';

/**
 * Opens the file and reads its marks; answers `left` (and closes it) when another boot wrote
 * it unsynced. Only a file written unsynced can be torn by an OS crash, so a damaged file counts as
 * left by another boot (the mark may be on a lost page itself); so does one that no longer
 * reads as a database while a WAL was in use next to it.
 */
function openChecked(file: string, bootId: string): ReadModelDb | { readonly left: string } {
  let db: ReadModelDb | undefined;
  try {
    db = configure(new Database(file));
    const left = unsyncedMarks(db).find((boot) => boot !== bootId);
    if (left === undefined) return db;
    db.close();
    return { left };
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT')) return { left: TORN };
    if (code === 'SQLITE_NOTADB' && (existsSync(`${file}-wal`) || existsSync(`${file}-shm`)))
      return { left: TORN };
    throw error;
  }
}
