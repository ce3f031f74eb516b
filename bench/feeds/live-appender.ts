import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore } from '@app/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { appendOne } from '../lib/synthetic-log';

/**
 * A second writer on the API's event-store file, in a worker thread: a commit blocks its thread
 * for the fsync, and the subscribers' receive times, taken on the main thread, must not wait
 * for it. Times are process.hrtime (one monotonic clock for every thread), in ms.
 */

export interface AppenderSetup {
  readonly file: string;
  readonly seed: number;
  /** Events of the history already in the log. */
  readonly skip: number;
  readonly total: number;
}

/** Append `count` events, one at a time, one every `intervalMs`. */
export interface AppendCommand {
  readonly count: number;
  readonly intervalMs: number;
}

export type AppenderMessage =
  | { readonly type: 'appended'; readonly cursor: string; readonly at: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: string };

export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function serve(setup: AppenderSetup): void {
  const port = parentPort;
  if (!port) throw new Error('live-appender runs as a worker thread');
  // The store's default durability: an append is acknowledged once it is on disk.
  const store = openSqliteEventStore({ file: setup.file });
  const history = syntheticHistory({ count: setup.total, seed: setup.seed });
  for (let i = 0; i < setup.skip; i++) history.next();
  const send = (message: AppenderMessage) => port.postMessage(message);

  port.on('message', async (command: AppendCommand | 'close') => {
    if (command === 'close') {
      await store.close();
      port.close();
      return;
    }
    try {
      const started = monotonicMs();
      for (let i = 0; i < command.count; i++) {
        const wait = started + i * command.intervalMs - monotonicMs();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const next = history.next();
        if (next.done) throw new Error('the synthetic history is exhausted');
        const position = await appendOne(store, next.value);
        send({ type: 'appended', cursor: position.toString(), at: monotonicMs() });
      }
      send({ type: 'done' });
    } catch (error) {
      send({ type: 'failed', error: String(error) });
    }
  });
}

if (parentPort) serve(workerData as AppenderSetup);
