import autocannon from 'autocannon';
import { join } from 'node:path';
import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import type { BenchRow } from '../lib/bench-suite';
import { startApi, waitUntilCaughtUp, type ChildServer } from '../lib/child-server';
import { envInt, log, median, withTempDir } from '../lib/measure';
import { writeSyntheticLog } from '../lib/synthetic-log';

export const name = 'security';

/** Events of one dyad: 50 aliases of relationshipChanges once held a ~1,000-event dyad's server for 10 s. */
const EVENTS = envInt('BENCH_SECURITY_EVENTS', 1_200);
const DURATION_S = envInt('BENCH_SECURITY_DURATION', 10);
const ROUNDS = envInt('BENCH_SECURITY_ROUNDS', 3);
/** Concurrent clients sending the most expensive request the cost limit allows. */
const HEAVY_CLIENTS = 4;

const TINY = JSON.stringify({
  query: '{ relationship(between: ["USA", "CUB"], asOf: "2000") { relations { level } } }',
});

/**
 * The most expensive request allowed under the default MAX_QUERY_COST (100,000): two pages of
 * 200 changes, each with its record and that record's history (90,002 units). Each client
 * asks at its own `from` so that no answer is shared.
 */
const heavy = (client: number, round: number) =>
  JSON.stringify({
    query: `query($from: EDTF) {
      a: relationshipChanges(between: ["USA", "CUB"], from: $from, first: 200) { date aspect event { title history { revision } } }
      b: relationshipChanges(between: ["CUB", "USA"], from: $from, first: 200) { key event { title history { reason } } }
    }`,
    variables: { from: String(1950 + ((client * 7 + round) % 20)) },
  });

async function tinyP99(api: ChildServer, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `${api.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: TINY,
    connections: 1,
    duration: seconds,
  });
  if (result.errors + result.non2xx > 0) throw new Error('the tiny query failed');
  return result.latency.p99;
}

/** Sends heavy requests back to back from each client until told to stop; checks each answer. */
function heavyLoad(api: ChildServer): { stop: () => Promise<number[]> } {
  let running = true;
  const durations: number[] = [];
  const client = async (index: number) => {
    for (let round = 0; running; round += 1) {
      const started = performance.now();
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: heavy(index, round),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors)
        throw new Error(`the heavy request was refused: ${JSON.stringify(body.errors)}`);
      durations.push(performance.now() - started);
    }
  };
  const clients = Array.from({ length: HEAVY_CLIENTS }, (_, i) => client(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return durations;
    },
  };
}

export async function run(): Promise<BenchRow[]> {
  return withTempDir('security', async (dir) => {
    log(`security: ${EVENTS} events between USA and CUB, ${ROUNDS} rounds of ${DURATION_S} s`);
    const history = syntheticHistory({ count: EVENTS, seed: 5, countries: ['USA', 'CUB'] });
    await writeSyntheticLog(join(dir, 'events.db'), history, EVENTS, '  log');
    // The answer cache off: an attacker varies the request, so every one runs.
    const api = await startApi(dir, { QUERY_CACHE_ENTRIES: '0' });
    try {
      await waitUntilCaughtUp(api);
      const alone: number[] = [];
      const loaded: number[] = [];
      const heavyMs: number[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        alone.push(await tinyP99(api, DURATION_S));
        const load = heavyLoad(api);
        loaded.push(await tinyP99(api, DURATION_S));
        heavyMs.push(median(await load.stop()));
        log(
          `  round ${round}: tiny p99 ${alone.at(-1)} ms alone, ${loaded.at(-1)} ms beside ${HEAVY_CLIENTS} heavy clients (heavy median ${Math.round(heavyMs.at(-1)!)} ms)`,
        );
      }
      const what = `p99 of a tiny query (relationship asOf) beside ${HEAVY_CLIENTS} clients sending the most expensive allowed request (2 × 200 changes with records and histories, cost 90,002 of 100,000), ${EVENTS}-event dyad`;
      return [
        {
          measure: `${what}; baseline: the same query alone`,
          unit: 'ms',
          ours: median(loaded),
          baseline: median(alone),
          target: { maxRatio: 1.5 },
        },
        {
          measure: `the most expensive allowed request itself, median, beside 3 others like it`,
          unit: 'ms',
          ours: median(heavyMs),
        },
      ];
    } finally {
      await api.stop();
    }
  });
}
