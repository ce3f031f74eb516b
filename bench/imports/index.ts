import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ndjsonLines } from '@app/application/datasets/ndjson-lines';
import type { BenchRow } from '../lib/bench-suite';
import { envInt, log, withTempDir } from '../lib/measure';
import { writeGdeltFile } from './gdelt-file';

export const name = 'imports';

const ROWS = envInt('BENCH_IMPORT_ROWS', 100_000);
const CLI_MAIN = join(__dirname, '..', '..', 'apps', 'cli', 'src', 'main.js');

/**
 * The baseline: the same file's rows written with plain better-sqlite3, one row a line as it is
 * read, keyed by GLOBALEVENTID, 1,000 rows a transaction, WAL and synchronous=FULL like the
 * store: what this disk allows for these rows with no parsing, validation or projection.
 */
async function rawInsert(file: string, dbFile: string): Promise<number> {
  const started = performance.now();
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, line TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (id, line) VALUES (?, ?)');
  const insertMany = db.transaction((batch: string[]) => {
    for (const line of batch) insert.run(line.slice(0, line.indexOf('\t')), line);
  });
  let batch: string[] = [];
  let count = 0;
  for await (const entry of ndjsonLines(createReadStream(file))) {
    if (entry.error !== undefined || entry.text === '') continue;
    batch.push(entry.text);
    count += 1;
    if (batch.length === 1000) {
      insertMany(batch);
      batch = [];
    }
  }
  insertMany(batch);
  db.close();
  return count / ((performance.now() - started) / 1000);
}

/** The real command line, as a researcher runs it, in its own process; wall time end to end. */
function cliImport(file: string, dataDir: string): { wall: number; reported: number; out: string } {
  const started = performance.now();
  const out = execFileSync(process.execPath, [CLI_MAIN, 'import', '--format', 'gdelt', file], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  const wall = ROWS / ((performance.now() - started) / 1000);
  const match = /\((\d+) rows\/s\)/.exec(out);
  return { wall, reported: match ? Number(match[1]) : 0, out: out.trim() };
}

export async function run(): Promise<BenchRow[]> {
  return withTempDir('imports', async (dir) => {
    const file = join(dir, 'bench.export.CSV');
    log(`imports: writing ${ROWS} GDELT 2.0 rows`);
    await writeGdeltFile(file, ROWS);
    log('  raw SQLite insert of the same rows (baseline)');
    const baseline = await rawInsert(file, join(dir, 'raw.db'));
    log('  npm run cli -- import --format gdelt (appended and projected)');
    const ours = cliImport(file, join(dir, 'data'));
    log(`  ${ours.out}`);
    return [
      {
        measure: `GDELT import end to end, ${ROWS} rows (CLI process, wall time)`,
        unit: 'rows/s',
        ours: Math.round(ours.wall),
        baseline: Math.round(baseline),
        target: { min: 20_000 },
      },
      {
        measure: `GDELT import, ${ROWS} rows (as the CLI reports it, start-up excluded)`,
        unit: 'rows/s',
        ours: ours.reported,
        baseline: Math.round(baseline),
        target: { min: 20_000 },
      },
    ];
  });
}
