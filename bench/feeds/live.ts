import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { log, percentile } from '../lib/measure';
import type { AppendCommand, AppenderMessage, AppenderSetup } from './live-appender';
import { connectMany, type Subscriber } from './subscribers';

const LIVE_QUERY = 'subscription { eventChanges { cursor recordedAt } }';

/** Drives the worker-thread appender: each call appends, paced, and returns cursor → append time. */
function appender(setup: AppenderSetup) {
  const worker = new Worker(join(__dirname, 'live-appender.js'), { workerData: setup });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  return {
    append(command: AppendCommand): Promise<Map<string, number>> {
      const appended = new Map<string, number>();
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        const onMessage = (message: AppenderMessage) => {
          if (message.type === 'appended') return void appended.set(message.cursor, message.at);
          worker.off('message', onMessage).off('error', onError);
          if (message.type === 'done') resolve(appended);
          else reject(new Error(`appender: ${message.error}`));
        };
        worker.on('message', onMessage).once('error', onError);
        worker.postMessage(command);
      });
    },
    async close(): Promise<void> {
      worker.postMessage('close');
      const stuck = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(stuck);
    },
  };
}

export interface LiveOptions {
  readonly url: string;
  readonly subscribers: number;
  readonly events: number;
  readonly perSecond: number;
  readonly appender: AppenderSetup;
}

export interface LiveResult {
  readonly p50: number;
  readonly p99: number;
  /** Deliveries received of those expected (subscribers × events), in percent. */
  readonly delivered: number;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

/**
 * `subscribers` live-only subscriptions, one per connection; then events appended one at a time
 * by a second writer. Latency of a delivery = its receive time − the time its append resolved.
 */
export async function measureLive(options: LiveOptions): Promise<LiveResult> {
  log(`  connecting ${options.subscribers} subscribers`);
  const clients: Subscriber[] = await connectMany(options.url, options.subscribers);
  let failure: string | undefined;
  for (const client of clients) void client.ended.then((reason) => (failure ??= reason));
  const writer = appender(options.appender);
  const received = new Map<string, number>();
  const cursors: string[] = [];
  const times: number[] = [];
  try {
    for (const client of clients) {
      client.subscribe(LIVE_QUERY, (cursor, at) => {
        received.set(cursor, (received.get(cursor) ?? 0) + 1);
        cursors.push(cursor);
        times.push(at);
      });
    }
    // Subscriptions are not acknowledged: one probe event, delivered to every subscriber,
    // shows they are all live before anything is measured.
    const probe = [...(await writer.append({ count: 1, intervalMs: 0 })).keys()][0];
    if (!(await until(() => received.get(probe) === clients.length, 30_000))) {
      throw new Error(`only ${received.get(probe) ?? 0} subscribers received the probe event`);
    }
    log(`  all subscribed; appending ${options.events} events at ${options.perSecond}/s`);
    const appended = await writer.append({
      count: options.events,
      intervalMs: 1000 / options.perSecond,
    });
    const expected = clients.length * appended.size;
    const count = () => [...appended.keys()].reduce((n, c) => n + (received.get(c) ?? 0), 0);
    await until(() => count() >= expected, 30_000);
    if (failure) throw new Error(`a subscriber ended during the measure: ${failure}`);
    const latencies = cursors.flatMap((cursor, i) => {
      const at = appended.get(cursor);
      return at === undefined ? [] : [times[i] - at];
    });
    latencies.sort((a, b) => a - b);
    if (latencies.length === 0) throw new Error('no live event was delivered');
    log(`  ${latencies.length} of ${expected} deliveries received`);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      delivered: (100 * latencies.length) / expected,
    };
  } finally {
    await writer.close();
    clients.forEach((client) => client.close());
  }
}
