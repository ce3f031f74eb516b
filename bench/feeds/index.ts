import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import type { BenchRow } from '../lib/bench-suite';
import { startApi, waitUntilCaughtUp } from '../lib/child-server';
import { envInt, log, withTempDir } from '../lib/measure';
import { appendMany } from '../lib/synthetic-log';
import { catchUpOverHttp, catchUpOverWebSocket, WHOLE_SELECTION } from './catch-up';
import { measureLive } from './live';

export const name = 'feeds';

const BACKLOG = envInt('BENCH_FEEDS_BACKLOG', 100_000);
const SUBSCRIBERS = envInt('BENCH_FEEDS_SUBSCRIBERS', 1_000);
const LIVE_EVENTS = envInt('BENCH_FEEDS_LIVE_EVENTS', 300);
const LIVE_RATE = envInt('BENCH_FEEDS_LIVE_RATE', 20);
const SEED = 13;

export async function run(): Promise<BenchRow[]> {
  return withTempDir('feeds', async (dir) => {
    const file = join(dir, 'events.db');
    // One history for the whole suite: the backlog first, the live events (and the probe) after.
    const total = BACKLOG + LIVE_EVENTS + 1;
    const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
    let head: bigint;
    try {
      const history = syntheticHistory({ count: total, seed: SEED });
      head = await appendMany(store, history, BACKLOG, '  backlog');
    } finally {
      await store.close();
    }
    const api = await startApi(dir);
    try {
      log('  waiting for the API to project the backlog');
      await waitUntilCaughtUp(api);
      // Catch-up first, while nothing else runs on the server.
      const ws = await catchUpOverWebSocket(api.url, head);
      log(`  catch-up over WebSocket: ${ws.events} changes, ${Math.round(ws.perSecond)}/s`);
      const whole = await catchUpOverWebSocket(api.url, head, WHOLE_SELECTION);
      log(
        `  catch-up over WebSocket, whole events: ${whole.events} changes, ${Math.round(whole.perSecond)}/s`,
      );
      const http = await catchUpOverHttp(api.url, head);
      log(`  catch-up over NDJSON: ${http.events} changes, ${Math.round(http.perSecond)}/s`);
      const live = await measureLive({
        url: api.url,
        subscribers: SUBSCRIBERS,
        events: LIVE_EVENTS,
        perSecond: LIVE_RATE,
        appender: { file, seed: SEED, skip: BACKLOG, total },
      });
      const liveWhat = `${SUBSCRIBERS} live subscribers (eventChanges, graphql-ws), ${LIVE_EVENTS} appends by a second writer at ${LIVE_RATE}/s; append resolved → received`;
      return [
        { measure: `${liveWhat}, p50`, unit: 'ms', ours: live.p50 },
        { measure: `${liveWhat}, p99`, unit: 'ms', ours: live.p99, target: { max: 250 } },
        {
          measure: `${liveWhat}, deliveries received`,
          unit: '%',
          ours: live.delivered,
          target: { min: 100 },
        },
        {
          measure: `catch-up of ${ws.events} changes, one subscriber, eventChanges(after: "0") { cursor type recordedAt event { id title } }`,
          unit: 'events/s',
          ours: ws.perSecond,
          target: { min: 50_000 },
        },
        {
          measure: `catch-up of ${whole.events} changes, one subscriber, eventChanges(after: "0") selecting every field of each event but knownAt`,
          unit: 'events/s',
          ours: whole.perSecond,
        },
        {
          measure: `catch-up of ${http.events} changes, GET /feeds/changes?after=0 (NDJSON)`,
          unit: 'events/s',
          ours: http.perSecond,
        },
      ];
    } finally {
      await api.stop();
    }
  });
}
