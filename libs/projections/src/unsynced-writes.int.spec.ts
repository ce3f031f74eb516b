import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore } from '@app/event-store';
import { accessTokensProjection } from './access-tokens';
import { Projector } from './projector';
import {
  closeReadModelDb,
  openReadModelDb,
  unsyncedWritesOf,
  type ReadModelDb,
} from './read-model-db';
import { relationshipProjection } from './relationship';
import { timelineProjection } from './timeline';

/** The boots named by the file's marks, as another connection sees them, without the guard's help. */
function marksIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE name = 'read_model_unsynced_writers'")
      .get();
    if (!table) return [];
    return db.prepare('SELECT boot_id FROM read_model_unsynced_writers').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const synchronous = (db: ReadModelDb) => db.pragma('synchronous', { simple: true });
const rows = (db: ReadModelDb) =>
  (db.prepare('SELECT count(*) AS n FROM kept').get() as { n: number }).n;
const hasKept = (db: ReadModelDb) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kept'").get() !== undefined;

describe('read models written without fsync', () => {
  let dir: string;
  let file: string;
  let notices: string[];
  const open = (bootId: string | null, unsynced?: boolean) =>
    openReadModelDb(file, { bootId, unsynced, onNotice: (message) => notices.push(message) });
  const writeSome = (db: ReadModelDb) => {
    db.exec('CREATE TABLE IF NOT EXISTS kept (n INTEGER)');
    db.prepare('INSERT INTO kept VALUES (1)').run();
  };
  /** A file written under `bootId`, then closed as a crash leaves it (mark kept) or cleanly. */
  const leftBy = (bootId: string, close: 'crash' | 'clean') => {
    const db = open(bootId);
    writeSome(db);
    if (close === 'clean') closeReadModelDb(db);
    else db.close();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'unsynced-'));
    file = join(dir, 'read-models.db');
    notices = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes unsynced only once the file durably names this boot', () => {
    const db = open('boot-a');
    expect(unsyncedWritesOf(db)?.active).toBe(true);
    expect(synchronous(db)).toBe(0); // OFF
    expect(marksIn(file)).toEqual(['boot-a']);
    db.close();
  });

  it('keeps the file after a process crash in the same boot', () => {
    leftBy('boot-a', 'crash');
    const again = open('boot-a');
    expect(rows(again)).toBe(1);
    expect(notices).toEqual([]);
    closeReadModelDb(again);
  });

  it('discards the file when it was left unsynced by another boot', () => {
    leftBy('boot-a', 'crash');
    const after = open('boot-b');
    expect(hasKept(after)).toBe(false);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('boot-a');
    expect(notices[0]).toContain('replayed from the log');
    expect(marksIn(file)).toEqual(['boot-b']);
    closeReadModelDb(after);
  });

  it('keeps the file across a reboot after a clean close', () => {
    leftBy('boot-a', 'clean');
    expect(marksIn(file)).toEqual([]);
    const after = open('boot-b');
    expect(rows(after)).toBe(1);
    expect(notices).toEqual([]);
    closeReadModelDb(after);
  });

  it('still discards a file left unsynced when this run is configured to sync', () => {
    leftBy('boot-a', 'crash');
    const synced = open('boot-b', false);
    expect(unsyncedWritesOf(synced)).toBeUndefined();
    expect(synchronous(synced)).toBe(1); // NORMAL
    expect(hasKept(synced)).toBe(false);
    expect(notices).toHaveLength(1);
    synced.close();
  });

  it('syncs every write where the boot cannot be identified', () => {
    const db = open(null);
    expect(unsyncedWritesOf(db)).toBeUndefined();
    expect(synchronous(db)).toBe(1);
    writeSome(db);
    closeReadModelDb(db);
    expect(marksIn(file)).toEqual([]);
  });

  it('discards a damaged file', () => {
    leftBy('boot-a', 'clean');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, 100); // the schema page, torn
    closeSync(fd);
    const after = open('boot-a');
    expect(hasKept(after)).toBe(false);
    expect(notices[0]).toContain('damaged');
    closeReadModelDb(after);
  });

  it('discards a file that no longer reads as a database where a WAL was in use', () => {
    leftBy('boot-a', 'crash');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(100, 0), 0, 100, 0); // the header, torn
    closeSync(fd);
    writeFileSync(`${file}-wal`, '');
    const after = open('boot-a');
    expect(hasKept(after)).toBe(false);
    expect(notices[0]).toContain('damaged');
    closeReadModelDb(after);
  });

  it('refuses, without deleting it, a file that is not a database at all', () => {
    writeFileSync(file, 'not a database, and no WAL next to it '.repeat(200));
    expect(() => open('boot-a')).toThrow();
    expect(existsSync(file)).toBe(true);
  });

  it("keeps a writer's mark when another process on the file closes cleanly", async () => {
    const store = openSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const db = open('boot-a');
    const projector = new Projector(store, db, [
      timelineProjection,
      relationshipProjection,
      accessTokensProjection,
    ]);
    try {
      projector.start();
      const other = open('boot-a');
      expect(marksIn(file)).toEqual(['boot-a', 'boot-a']);
      closeReadModelDb(other); // the command line, done and closed cleanly
      expect(marksIn(file)).toEqual(['boot-a']);
      const history = syntheticHistory({ count: 20, seed: 3 });
      for (const { stream, previousRevisions, event } of history) {
        await store.appendToStream(stream, [event], {
          expectedRevision: previousRevisions === 0 ? 'no_stream' : previousRevisions - 1,
        });
      }
      await projector.waitFor(await store.headPosition());
      expect(unsyncedWritesOf(db)?.active).toBe(true);
      expect(projector.storedPosition()).toBe(await store.headPosition());
    } finally {
      await projector.stop();
      closeReadModelDb(db);
      await store.close();
    }
    expect(marksIn(file)).toEqual([]);
  });
});
