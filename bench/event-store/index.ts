import { type EventStore, START, openSqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import type { BenchRow } from '../lib/bench-suite';
import { alternateRounds, log, perSecond, throughputFor, withTempDir } from '../lib/measure';
import { appender } from './appender';
import { type IdKind, openRawLog, readWholeLog } from './raw-sqlite';

export const name = 'event-store';

/** Many short alternating rounds: the disk of a shared machine is noisy, the median less so. */
const ROUNDS = 9;
const SEQUENTIAL_ROUND_MS = 300;
const CONCURRENT_ROUND_MS = 500;
const WRITERS = 50;
const RAW_BATCH = 100;
const LOG_SIZE = 100_000;
const READ_ROUNDS = 3;
const READ_PAGE = 1000;

/** `synchronous` for every database in the suite (FULL unless BENCH_SQLITE_SYNCHRONOUS=NORMAL). */
const synchronous = process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
const unit = 'events/s';

export async function run(): Promise<BenchRow[]> {
  log(`event-store: synchronous=${synchronous}, medians of alternating rounds`);
  return withTempDir('event-store', async (dir) => [
    ...(await appends(dir)),
    ...(await reads(join(dir, 'read.db'))),
  ]);
}

async function appends(dir: string): Promise<BenchRow[]> {
  const store = openSqliteEventStore({ file: join(dir, 'ours.db'), synchronous });
  const ours = appender(store);
  const raw: Record<IdKind, ReturnType<typeof openRawLog>> = {
    v4: openRawLog(join(dir, 'raw-v4.db'), synchronous, 'v4'),
    v7: openRawLog(join(dir, 'raw-v7.db'), synchronous, 'v7'),
  };
  const rawRound = (ids: IdKind, batch: number, ms: number) => () =>
    throughputFor(ms, (keepGoing) => raw[ids].append(batch, keepGoing));
  try {
    await ours.concurrent(WRITERS, countdown(1000)); // warm up
    const sequential = await alternateRounds(ROUNDS, {
      ours: () => throughputFor(SEQUENTIAL_ROUND_MS, (keepGoing) => ours.sequential(keepGoing)),
      v7: rawRound('v7', 1, SEQUENTIAL_ROUND_MS),
      v4: rawRound('v4', 1, SEQUENTIAL_ROUND_MS),
    });
    const concurrent = await alternateRounds(ROUNDS, {
      ours: () =>
        throughputFor(CONCURRENT_ROUND_MS, (keepGoing) => ours.concurrent(WRITERS, keepGoing)),
      v7: rawRound('v7', RAW_BATCH, CONCURRENT_ROUND_MS),
      v4: rawRound('v4', RAW_BATCH, CONCURRENT_ROUND_MS),
      v7ByWriters: rawRound('v7', WRITERS, CONCURRENT_ROUND_MS),
    });
    const one = 'sequential appends of 1 event, 1000 streams; raw: 1 transaction per event';
    const many = `${WRITERS} concurrent appenders (group commit); raw: ${RAW_BATCH} events per transaction`;
    const row = (measure: string, ours: number, baseline: number, minRatio?: number): BenchRow => ({
      measure,
      unit,
      ours,
      baseline,
      target: minRatio === undefined ? undefined : { minRatio },
    });
    // The targets come from raw baselines measured with random (v4) ids. With the store's
    // own time-ordered ids, raw batches of 100 share one fsync between twice the events that 50
    // one-event appenders can offer a group commit, so that row has no target; the last row
    // compares batches of the same size, which shows what the store itself costs.
    return [
      row(`${one}, v7 ids (the store's)`, sequential.ours, sequential.v7, 0.8),
      row(`${one}, v4 ids (as the raw baselines)`, sequential.ours, sequential.v4, 0.8),
      row(`${many}, v7 ids (the store's)`, concurrent.ours, concurrent.v7),
      row(`${many}, v4 ids (as the raw baselines)`, concurrent.ours, concurrent.v4, 1),
      row(
        `${WRITERS} concurrent appenders (group commit); raw: ${WRITERS} events per transaction, v7 ids`,
        concurrent.ours,
        concurrent.v7ByWriters,
      ),
    ];
  } finally {
    await store.close();
    raw.v4.close();
    raw.v7.close();
  }
}

async function reads(file: string): Promise<BenchRow[]> {
  const store = openSqliteEventStore({ file, synchronous });
  try {
    log(`event-store: writing ${LOG_SIZE} events to read back`);
    await appender(store).fill(LOG_SIZE, 100, WRITERS);
    const read = await alternateRounds(READ_ROUNDS, {
      readAll: () => perSecond(LOG_SIZE, () => readAllPaged(store)),
      subscription: () => perSecond(LOG_SIZE, () => catchUp(store)),
      raw: () => perSecond(LOG_SIZE, () => expectCount(readWholeLog(file))),
    });
    const over = `over ${LOG_SIZE / 1000}k events, JSON parsed; raw: iterate + JSON.parse`;
    return [
      {
        measure: `readAll in pages of ${READ_PAGE} ${over}`,
        unit,
        ours: read.readAll,
        baseline: read.raw,
        target: { minRatio: 0.5 },
      },
      {
        measure: `subscribeToAll catch-up ${over}`,
        unit,
        ours: read.subscription,
        baseline: read.raw,
      },
    ];
  } finally {
    await store.close();
  }
}

function countdown(count: number): () => boolean {
  let left = count;
  return () => left-- > 0;
}

async function readAllPaged(store: EventStore): Promise<void> {
  let count = 0;
  for (let position = START; ;) {
    const page = await store.readAll({ fromPosition: position, maxCount: READ_PAGE });
    if (page.length === 0) return expectCount(count);
    count += page.length;
    position = page[page.length - 1].globalPosition;
  }
}

async function catchUp(store: EventStore): Promise<void> {
  const subscription = store.subscribeToAll({ fromPosition: START });
  let count = 0;
  for await (const _ of subscription) if (++count === LOG_SIZE) break;
  expectCount(count);
}

function expectCount(count: number): void {
  if (count !== LOG_SIZE) throw new Error(`read ${count} events, expected ${LOG_SIZE}`);
}
