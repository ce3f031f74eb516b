import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { clearUnsyncedMarks } from './unsynced-writes';

export interface SnapshotResult {
  /** The checkpoint the copy holds: a node started on it catches up from there. */
  readonly position: bigint;
  readonly bytes: number;
}

/** All the pages left in one step: the copy is made in one read transaction of the source. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a read-model file, while its node keeps running, into `target` with SQLite's online
 * backup. The copy is one read transaction of the source (a committed state: rows and checkpoint
 * together), so a node started on it catches up from that checkpoint. Writers are not blocked
 * (WAL). The unsynced-writes marks of the source's connections are removed from the copy (they
 * speak of the source's boot, and would make another machine discard the file), and the copy is
 * synced, then renamed into place: `target` never holds half a snapshot.
 */
export async function snapshotReadModels(source: string, target: string): Promise<SnapshotResult> {
  if (resolve(source) === resolve(target)) throw new Error('the snapshot must be another file');
  if (existsSync(target)) throw new Error(`${target} exists; a snapshot never overwrites a file`);
  if (!existsSync(source)) throw new Error(`${source}: no read models here`);
  const partial = `${target}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  let position: bigint;
  try {
    clearUnsyncedMarks(copy);
    const hasCheckpoint = copy
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projector_checkpoint'")
      .get();
    const row = hasCheckpoint
      ? (copy
          .prepare('SELECT position FROM projector_checkpoint WHERE id = 1')
          .safeIntegers()
          .get() as { position: bigint } | undefined)
      : undefined;
    position = row?.position ?? 0n;
    copy.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    copy.close();
  }
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  return { position, bytes: statSync(target).size };
}
