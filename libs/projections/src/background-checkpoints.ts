import { Worker } from 'node:worker_threads';
import type { ReadModelDb } from './read-model-db';

/**
 * The worker's code. It opens its own connection to the same file and checkpoints the WAL
 * every `intervalMs` (PASSIVE: it never waits for, or blocks, the writer or readers).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * WAL checkpoints of a read model, run on a worker thread. SQLite checkpoints automatically in
 * the connection that commits, on the thread that commits: copying the log back into a large
 * file and syncing it held this process's event loop for 40–700 ms at a time, and every live
 * feed with it. Here the committing connection never checkpoints; a worker with its own
 * connection does, once per interval, so the log stays about one interval's writes long, and
 * a page written many times in an interval is copied back once.
 * If the worker cannot run, automatic checkpoints are turned back on.
 */
export class BackgroundCheckpoints {
  private constructor(private readonly worker: Worker) {}

  /** Starts checkpointing `db` in the background; undefined for an in-memory database. */
  static start(db: ReadModelDb, intervalMs = 1_000, onError: (message: string) => void = () => undefined) {
    if (db.memory) return undefined;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file: db.name, intervalMs, driver: require.resolve('better-sqlite3') },
    });
    db.pragma('wal_autocheckpoint = 0');
    // The log is reused after each checkpoint; past this size it is also cut back.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    const fallBack = (reason: string) => {
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
      onError(reason);
    };
    worker.on('message', (message: string) => onError(`checkpoint failed: ${message}`));
    worker.on('error', (error) => fallBack(`checkpoint worker stopped: ${error.message}`));
    // Never what keeps the process alive.
    worker.unref();
    return new BackgroundCheckpoints(worker);
  }

  /** Takes a last checkpoint and ends the worker (cut off after `timeoutMs`). */
  async stop(timeoutMs = 2_000): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    const cutOff = setTimeout(() => void this.worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(cutOff);
  }
}
