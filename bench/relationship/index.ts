import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../lib/bench-suite';
import { envInt, log, withTempDir } from '../lib/measure';
import type { Latencies } from './ask';
import { buildReadModels, countryPool, probeCountries } from './build';

export const name = 'relationship';

const BIG = envInt('BENCH_REL_EVENTS', 1_000_000);
const SMALL = envInt('BENCH_REL_SMALL_EVENTS', 10_000);
const COUNTRIES = envInt('BENCH_REL_COUNTRIES', 100);
const SEED = 42;
/** Pairs with the same history in both stores: 6 countries (15 pairs), ~70 events per pair. */
const PROBE_COUNTRIES = 6;
const PROBE_EVENTS = envInt('BENCH_REL_PROBE_EVENTS', 1_000);
/** Rounds of questions to each store, in turns; the median round is reported. */
const ROUNDS = Math.max(1, envInt('BENCH_REL_ROUNDS', 3));

/** `askAll` in a fresh Node process (same environment), so that measurements do not interact. */
function askInChild(file: string, countries: readonly string[], label: string): Latencies {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, 'ask.js'), file, label, countries.join(',')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as Latencies;
}

/** The round with the median p50 (its p99 and digest with it). */
function median(rounds: readonly Latencies[]): Latencies {
  const sorted = [...rounds].sort((a, b) => a.p50 - b.p50);
  return sorted[Math.floor(sorted.length / 2)];
}

/** 10_000 → "10k", 1_000_000 → "1M". */
const short = (n: number) =>
  n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : `${n}`;

export async function run(): Promise<BenchRow[]> {
  const pool = countryPool(COUNTRIES);
  log(`relationship: ${pool.length} countries, ${short(SMALL)} and ${short(BIG)} events`);
  const probe = probeCountries(pool, PROBE_COUNTRIES);
  log(`  probe pairs among ${probe.join(', ')}: the same ${PROBE_EVENTS} events in both stores`);
  return withTempDir('relationship', async (dir) => {
    const files: string[] = [];
    for (const count of [SMALL, BIG]) {
      log(`building read models of ${count} events (+ ${PROBE_EVENTS} probe events)`);
      const sizeDir = join(dir, String(count));
      mkdirSync(sizeDir);
      files.push(
        await buildReadModels(sizeDir, {
          main: { count, seed: SEED, countries: pool },
          probe: { count: PROBE_EVENTS, seed: SEED + 7, countries: probe },
        }),
      );
    }
    // Both stores are built before either is asked, and they are asked in turns: a figure
    // measured right after a build, or always first, carries that moment's state of the
    // machine (a first round here ran up to 1.7x slower than the next).
    // Odd rounds ask the small store first, even rounds the big one, so neither always goes first.
    const rounds: { pool: Latencies; probe: Latencies }[][] = [[], []];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const i of round % 2 === 1 ? [0, 1] : [1, 0]) {
        const size = short([SMALL, BIG][i]);
        rounds[i].push({
          pool: askInChild(files[i], pool, `round ${round}, ${size}, pool pairs`),
          probe: askInChild(files[i], probe, `round ${round}, ${size}, probe pairs`),
        });
      }
    }
    const probeDigests = new Set(rounds.flat().map((r) => r.probe.digest));
    if (probeDigests.size !== 1) {
      throw new Error(
        'the probe pairs were answered differently across stores or rounds: their histories differ',
      );
    }
    const [small, big] = rounds.map((r) => median(r.map((x) => x.pool)));
    const [probeSmall, probeBig] = rounds.map((r) => median(r.map((x) => x.probe)));
    const probeMeasure = (n: number) =>
      `... the same ${PROBE_EVENTS}-event history of 15 pairs inside ${short(n)} events (store size alone), p50`;
    const measure = (stat: string, n: number) =>
      `RelationshipQueries.at (pair, random asOf, knownAt=now) ${stat} at ${short(n)} events`;
    const vs = `; baseline: same at ${short(SMALL)}`;
    const seriesRow = (n: number, latencies: Latencies): BenchRow => ({
      measure: `RelationshipQueries.series: 64 yearly states of a pair (one relationshipSeries) at ${short(n)} events, p50; baseline: one state (at) of the same pairs, same process`,
      unit: 'ms',
      ours: latencies.seriesP50,
      baseline: latencies.oneP50,
      target: { maxRatio: 3 },
    });
    return [
      { measure: measure('p50', SMALL), unit: 'ms', ours: small.p50 },
      seriesRow(SMALL, small),
      seriesRow(BIG, big),
      {
        measure: measure('p50', BIG) + vs,
        unit: 'ms',
        ours: big.p50,
        baseline: small.p50,
        target: { max: 2, maxRatio: 1.5 },
      },
      { measure: measure('p99', SMALL), unit: 'ms', ours: small.p99 },
      { measure: measure('p99', BIG) + vs, unit: 'ms', ours: big.p99, baseline: small.p99 },
      { measure: probeMeasure(SMALL), unit: 'ms', ours: probeSmall.p50 },
      {
        measure: probeMeasure(BIG) + vs,
        unit: 'ms',
        ours: probeBig.p50,
        baseline: probeSmall.p50,
        target: { max: 2, maxRatio: 1.5 },
      },
    ];
  });
}
