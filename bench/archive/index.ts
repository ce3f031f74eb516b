import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../lib/bench-suite';
import { startApi, waitUntilCaughtUp, type ChildServer } from '../lib/child-server';
import { envInt, log, withTempDir } from '../lib/measure';
import { writeSyntheticLog } from '../lib/synthetic-log';
import type { Latencies } from '../relationship/ask';
import { countryPool, history } from '../relationship/build';

export const name = 'archive';

/** The archive's size; the full size is 10,000,000. */
const EVENTS = envInt('BENCH_ARCHIVE_EVENTS', 200_000);
/** The share of the archive held by one pair (CUB–USA), in percent. */
const DYAD_PERCENT = envInt('BENCH_ARCHIVE_DYAD_PERCENT', 10);
const COUNTRIES = envInt('BENCH_ARCHIVE_COUNTRIES', 100);
const LOAD_SECONDS = envInt('BENCH_ARCHIVE_DURATION', 5);
const CONNECTIONS = envInt('BENCH_ARCHIVE_CONNECTIONS', 1);
const SEED = 7;

const DYAD = ['CUB', 'USA'];

function pageBody(countries?: readonly string[]): string {
  const filter = countries ? `filter: { countries: ${JSON.stringify(countries)} }, ` : '';
  return JSON.stringify({
    query: `{ events(${filter}first: 50) { totalCount edges { node { id title occurred countries } } } }`,
  });
}

/** p99 of an `events` page under load, in ms; every answer must be a full page without errors. */
async function pageP99(api: ChildServer, body: string): Promise<number> {
  const probe = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const answer = (await probe.json()) as {
    errors?: unknown;
    data?: { events: { edges: unknown[] } };
  };
  if (answer.errors || answer.data?.events.edges.length !== 50)
    throw new Error(`unexpected page: ${JSON.stringify(answer).slice(0, 500)}`);
  const result = await autocannon({
    url: `${api.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
  });
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error('requests failed');
  return result.latency.p99;
}

/** The process's resident memory, and the part of it that is its own (not file pages). */
function residentBytes(pid: number | undefined): { total: number; anonymous: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]) * 1024;
  return { total: kb('VmRSS'), anonymous: kb('RssAnon') };
}

const bytesIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.db') || file.endsWith('.db-wal'))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);

function askInChild(file: string, countries: readonly string[], label: string): Latencies {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, '..', 'relationship', 'ask.js'), file, label, countries.join(',')],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  return JSON.parse(out) as Latencies;
}

export async function run(): Promise<BenchRow[]> {
  const dyadEvents = Math.round((EVENTS * DYAD_PERCENT) / 100);
  const pool = countryPool(COUNTRIES).filter((c) => !DYAD.includes(c));
  log(`archive: ${EVENTS} events, ${dyadEvents} of them between ${DYAD.join(' and ')}`);
  return withTempDir('archive', async (dir) => {
    const started = Date.now();
    const plan = {
      main: { count: EVENTS - dyadEvents, seed: SEED, countries: pool },
      probe: { count: dyadEvents, seed: SEED + 1, countries: DYAD },
    };
    await writeSyntheticLog(join(dir, 'events.db'), history(plan), EVENTS, '  log');
    const appended = Date.now();
    // The real path: the API projects the log into empty read models as it starts.
    const api = await startApi(dir, { QUERY_CACHE_ENTRIES: '0' });
    let rss: { total: number; anonymous: number };
    let loadSeconds: number;
    let dyadPage: number;
    let anyPage: number;
    try {
      await waitUntilCaughtUp(api, 4 * 60 * 60_000);
      const loaded = Date.now();
      log(
        `  appended in ${(appended - started) / 1000} s, projected in ${(loaded - appended) / 1000} s`,
      );
      loadSeconds = (loaded - started) / 1000;
      dyadPage = await pageP99(api, pageBody(DYAD));
      anyPage = await pageP99(api, pageBody());
      rss = residentBytes(api.pid);
    } finally {
      await api.stop();
    }
    const bytes = bytesIn(dir);
    const file = join(dir, 'read-models.db');
    const pairs = askInChild(file, pool, 'random pairs of the pool');
    const dyad = askInChild(file, DYAD, `the pair holding ${dyadEvents} events`);
    const size = `${EVENTS.toLocaleString('en-US')}-event archive`;
    return [
      {
        measure: `${size}: time to load (append with synchronous=NORMAL, then the API's projection)`,
        unit: 's',
        ours: loadSeconds,
      },
      {
        measure: `${size}: bytes on disk per event (log + read models)`,
        unit: 'B',
        ours: bytes / EVENTS,
      },
      {
        measure: `${size}: API resident memory after the loads below (with the read model's mapped pages)`,
        unit: 'MB',
        ours: rss.total / 2 ** 20,
        target: { max: 500 },
      },
      {
        measure: `${size}: ... of which the process's own (RssAnon: heap, SQLite caches)`,
        unit: 'MB',
        ours: rss.anonymous / 2 ** 20,
      },
      {
        measure: `${size}: events page (first 50), p99, ${CONNECTIONS} connections, cache off`,
        unit: 'ms',
        ours: anyPage,
      },
      {
        measure: `${size}: events page of the ${dyadEvents}-event pair (CUB, USA), p99, cache off`,
        unit: 'ms',
        ours: dyadPage,
        target: { max: 25 },
      },
      {
        measure: `${size}: relationship, random pairs of ${pool.length} countries, p50 in-process`,
        unit: 'ms',
        ours: pairs.p50,
        target: { max: 2 },
      },
      {
        measure: `${size}: relationship of the ${dyadEvents}-event pair, p50 in-process`,
        unit: 'ms',
        ours: dyad.p50,
        target: { max: 2 },
      },
    ];
  });
}
