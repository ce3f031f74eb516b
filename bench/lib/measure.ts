import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `p` percent of `values` lie (nearest rank); `values` sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Runs `work` and returns how many of `count` operations it did per second. */
export async function perSecond(count: number, work: () => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/**
 * Lets `work` run for about `durationMs` (it should stop once `keepGoing()` turns false) and
 * returns the operations it reports per second. Bounding by time rather than by count keeps a
 * suite's duration the same on a slow disk as on a fast one.
 */
export async function throughputFor(
  durationMs: number,
  work: (keepGoing: () => boolean) => number | Promise<number>,
): Promise<number> {
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(durationMs * 1e6));
  const count = await work(() => process.hrtime.bigint() < deadline);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/**
 * Runs each contender once per round, alternating, and returns each one's median. Alternating
 * spreads the noise of a shared machine over all contenders instead of one.
 */
export async function alternateRounds<Name extends string>(
  rounds: number,
  contenders: Readonly<Record<Name, () => Promise<number>>>,
): Promise<Record<Name, number>> {
  const names = Object.keys(contenders) as Name[];
  const figures = new Map<Name, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) figures.get(name)?.push(await contenders[name]());
  }
  return Object.fromEntries(names.map((name) => [name, median(figures.get(name) ?? [])])) as Record<
    Name,
    number
  >;
}

/** A fresh temporary folder for the duration of `work`, removed afterwards. */
export async function withTempDir<T>(label: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A numeric setting from the environment, e.g. BENCH_GQL_EVENTS. */
export const envInt = (key: string, fallback: number): number =>
  Number(process.env[key] ?? fallback);
