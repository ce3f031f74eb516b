import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSuite, SuiteResult } from './bench-suite';
import { log } from './measure';

/** Every suite folder under `benchDir` (each holds an `index` module), by name. */
export function findSuites(benchDir: string): Map<string, string> {
  const suites = new Map<string, string>();
  for (const entry of readdirSync(benchDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'lib') continue;
    const modulePath = join(benchDir, entry.name, 'index.js');
    if (existsSync(modulePath)) suites.set(entry.name, modulePath);
  }
  return suites;
}

function loadSuite(modulePath: string): BenchSuite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(modulePath) as Partial<BenchSuite>;
  if (typeof loaded.name !== 'string' || typeof loaded.run !== 'function') {
    throw new Error(`${modulePath} must export a name and a run() function`);
  }
  return { name: loaded.name, run: loaded.run };
}

/** Runs the named suites in order; a suite that throws is reported and the others still run. */
export async function runSuites(
  available: ReadonlyMap<string, string>,
  names: readonly string[],
): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  for (const name of names) {
    const modulePath = available.get(name);
    if (!modulePath)
      throw new Error(`No suite "${name}"; there are: ${[...available.keys()].join(', ')}`);
    log(`# ${name}`);
    const started = Date.now();
    try {
      const suite = loadSuite(modulePath);
      results.push({ suite: suite.name, rows: await suite.run() });
    } catch (error) {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      results.push({ suite: name, rows: [], error: String(error) });
    }
    log(`# ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return results;
}
