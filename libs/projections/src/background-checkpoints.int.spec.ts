import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundCheckpoints } from './background-checkpoints';
import { openReadModelDb, type ReadModelDb } from './read-model-db';

/** [busy, frames in the log, frames copied back] as SQLite reports them, without copying any. */
const walState = (db: ReadModelDb) => {
  const [row] = db.pragma('wal_checkpoint(NOOP)') as { busy: number; log: number; checkpointed: number }[];
  return row;
};

describe('BackgroundCheckpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns off checkpoints in the writing connection and copies the log back from a worker', async () => {
    const db = openReadModelDb(join(dir, 'read-models.db'));
    const checkpoints = BackgroundCheckpoints.start(db, 50);
    expect(checkpoints).toBeDefined();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2_000; i += 1) insert.run(i);
    const written = walState(db);
    expect(written.log).toBeGreaterThan(0);
    // Within a few intervals the worker has copied every frame written so far.
    const deadline = Date.now() + 10_000;
    while (walState(db).checkpointed < written.log && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(walState(db).checkpointed).toBeGreaterThanOrEqual(written.log);
    await checkpoints!.stop();
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(2_000);
    db.close();
  });

  it('does nothing for an in-memory database', () => {
    const db = openReadModelDb(':memory:');
    expect(BackgroundCheckpoints.start(db)).toBeUndefined();
    db.close();
  });
});
