import { prng } from '@app/domain/testing/synthetic-history';
import { RelationshipQueries, closeReadModelDb, openReadModelDb } from '@app/projections';
import { createHash } from 'node:crypto';
import { envInt, log, percentile } from '../lib/measure';

/**
 * One measurement of relationship lookups, run in a process of its own (see index.ts):
 * `node ask.js <read-models.db> <label> <countries, comma-separated>` prints its Latencies as
 * JSON. A process per measurement keeps what one measurement leaves behind (heap, compiled
 * code, caches) out of the next: in one process, whichever store was asked later in a round
 * ran up to 1.7x slower, whichever it was.
 */

const QUESTIONS = envInt('BENCH_REL_QUESTIONS', 20_000);
const WARM_UP = Math.min(QUESTIONS, 2_000);
const SEED = 42;

interface Question {
  readonly pair: [string, string];
  readonly asOf: string;
}

/** Random pairs of the pool and random days of valid time over the synthetic range. */
function questions(count: number, pool: readonly string[], seed: number): Question[] {
  const random = prng(seed);
  const from = Date.UTC(1950, 0, 1);
  const span = Date.UTC(2026, 0, 1) - from;
  return Array.from({ length: count }, () => {
    const a = pool[Math.floor(random() * pool.length)];
    let b = pool[Math.floor(random() * pool.length)];
    if (b === a) b = pool[(pool.indexOf(a) + 1) % pool.length];
    const asOf = new Date(from + Math.floor(random() * span)).toISOString().slice(0, 10);
    return { pair: [a, b], asOf };
  });
}

export interface Latencies {
  readonly p50: number;
  readonly p99: number;
  /** p50 of a 64-year series (`series`, 1960–2023) and of one `at`, on the same pairs. */
  readonly seriesP50: number;
  readonly oneP50: number;
  /** A hash of every answer (without its knownAt): equal answers, equal digests. */
  readonly digest: string;
}

/** Latency of each `at` call, in ms, on a freshly opened read model after a warm-up. */
export function askAll(file: string, pool: readonly string[], label: string): Latencies {
  const db = openReadModelDb(file);
  try {
    const queries = new RelationshipQueries(db);
    const knownAt = new Date().toISOString();
    for (const { pair, asOf } of questions(WARM_UP, pool, SEED + 1))
      queries.at(pair, asOf, knownAt);
    const asked = questions(QUESTIONS, pool, SEED + 2);
    const times = new Array<number>(asked.length);
    let eventsSeen = 0;
    const digest = createHash('sha256');
    asked.forEach(({ pair, asOf }, i) => {
      const started = process.hrtime.bigint();
      const answer = queries.at(pair, asOf, knownAt);
      times[i] = Number(process.hrtime.bigint() - started) / 1e6;
      eventsSeen += answer.eventCount;
      digest.update(JSON.stringify({ ...answer, knownAt: undefined }));
    });
    times.sort((x, y) => x - y);
    const { seriesP50, oneP50 } = seriesAgainstOne(queries, pool, knownAt);
    const result = {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      digest: digest.digest('hex'),
      seriesP50,
      oneP50,
    };
    log(
      `  ${label}: ${QUESTIONS} questions: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms;` +
        ` ${(eventsSeen / QUESTIONS).toFixed(1)} events counted per answer on average;` +
        ` 64 yearly states p50 ${seriesP50.toFixed(3)} ms vs one state ${oneP50.toFixed(3)} ms`,
    );
    return result;
  } finally {
    closeReadModelDb(db);
  }
}

const SERIES_QUESTIONS = Math.max(100, Math.floor(QUESTIONS / 10));
const YEARS = Array.from({ length: 64 }, (_, i) => `${1960 + i}-12-31`);

/**
 * The same pairs asked for 64 yearly states at once (one `series`) and for one state (one
 * `at`, on a random day), alternating, so both see the same machine: the cost of a series of a
 * front end's slider against one answer.
 */
function seriesAgainstOne(queries: RelationshipQueries, pool: readonly string[], knownAt: string) {
  const asked = questions(SERIES_QUESTIONS, pool, SEED + 3);
  const series: number[] = [];
  const one: number[] = [];
  for (const { pair } of asked.slice(0, 50)) queries.series(pair, YEARS, knownAt);
  for (const { pair, asOf } of asked) {
    let started = process.hrtime.bigint();
    queries.series(pair, YEARS, knownAt);
    series.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    queries.at(pair, asOf, knownAt);
    one.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  series.sort((x, y) => x - y);
  one.sort((x, y) => x - y);
  return { seriesP50: percentile(series, 50), oneP50: percentile(one, 50) };
}

if (require.main === module) {
  const [file, label, countries] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(askAll(file, countries.split(','), label)));
}
