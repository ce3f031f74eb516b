import { resultsTable } from './lib/results-table';
import { findSuites, runSuites } from './lib/runner';

/**
 * `node dist/bench/main.js [suite...]`: runs the named suites (all, by name, when none are
 * given) and prints one markdown table of the results. Progress goes to stderr.
 */
async function main(): Promise<void> {
  const available = findSuites(__dirname);
  const requested = process.argv.slice(2);
  const names = requested.length > 0 ? requested : [...available.keys()].sort();
  const results = await runSuites(available, names);
  process.stdout.write(`${resultsTable(results)}\n`);
  if (results.some((result) => result.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
