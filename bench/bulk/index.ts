import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type EventStore } from '@app/event-store';
import {
  Projector,
  accessTokensProjection,
  closeReadModelDb,
  openReadModelDb,
  relationshipProjection,
  timelineProjection,
} from '@app/projections';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../lib/bench-suite';
import { envInt, log, median, withTempDir } from '../lib/measure';
import { writeSyntheticLog } from '../lib/synthetic-log';
import { writeDatasetFile } from './dataset-file';
import { rawInsert, type RawRow } from './raw-insert';

export const name = 'bulk';

const EVENTS = envInt('BENCH_BULK_EVENTS', 100_000);
const IMPORT_RECORDS = envInt('BENCH_BULK_IMPORT', 20_000);
const ROUNDS = Math.max(1, envInt('BENCH_BULK_ROUNDS', 3));
const SEED = 19;
/** The built command line (this file is dist/bench/bulk/index.js). */
const CLI_MAIN = join(__dirname, '..', '..', 'apps', 'cli', 'src', 'main.js');

async function rowsOf(store: EventStore): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, maxCount: 10_000 });
    if (page.length === 0) return rows;
    for (const e of page) {
      rows.push({
        stream: e.stream,
        revision: e.streamRevision,
        id: e.id,
        type: e.type,
        data: JSON.stringify(e.data),
        recordedAt: e.recordedAt.getTime(),
      });
    }
    after = page[page.length - 1].globalPosition;
  }
}

/** Projects the whole log into a fresh read-model file; `rebuild` or a first catch-up. */
async function project(storeFile: string, file: string, how: 'rebuild' | 'catch-up') {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const store = openSqliteEventStore({ file: storeFile });
  const db = openReadModelDb(file);
  const projector = new Projector(store, db, [
    timelineProjection,
    relationshipProjection,
    accessTokensProjection,
  ]);
  try {
    const head = await store.headPosition();
    const started = process.hrtime.bigint();
    if (how === 'rebuild') await projector.rebuild();
    else {
      projector.start();
      await projector.waitFor(head, 60 * 60_000);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return Number(head) / seconds;
  } finally {
    await projector.stop();
    await store.close();
    closeReadModelDb(db);
  }
}

/** `cli import FILE` into an empty data folder, as an operator runs it; records per second. */
function importWithCli(dataset: string, dataDir: string): number {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir);
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [CLI_MAIN, 'import', dataset], {
    env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!out.includes(`${IMPORT_RECORDS} recorded`)) throw new Error(`import said: ${out}`);
  return IMPORT_RECORDS / seconds;
}

export async function run(): Promise<BenchRow[]> {
  return withTempDir('bulk', async (dir) => {
    const storeFile = join(dir, 'events.db');
    const head = await writeSyntheticLog(
      storeFile,
      syntheticHistory({ count: EVENTS, seed: SEED }),
      EVENTS,
      `bulk: log of ${EVENTS}`,
    );
    const store = openSqliteEventStore({ file: storeFile });
    const rows = await rowsOf(store);
    await store.close();
    const dataset = join(dir, 'dataset.ndjson');
    await writeDatasetFile(dataset, IMPORT_RECORDS, SEED);
    const figures = { raw: [] as number[], rebuild: [] as number[], catchUp: [] as number[] };
    const imports: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      rmSync(join(dir, 'raw.db'), { force: true });
      for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `raw.db${suffix}`), { force: true });
      figures.raw.push(rawInsert(join(dir, 'raw.db'), rows));
      // In turns, so that neither always runs right after the raw insert's writes.
      for (const how of round % 2 === 1
        ? (['rebuild', 'catch-up'] as const)
        : (['catch-up', 'rebuild'] as const)) {
        const rate = await project(storeFile, join(dir, 'read-models.db'), how);
        (how === 'rebuild' ? figures.rebuild : figures.catchUp).push(rate);
      }
      imports.push(importWithCli(dataset, join(dir, 'import')));
      const last = (values: number[]) => Math.round(values[values.length - 1]);
      log(
        `  round ${round}: raw ${last(figures.raw)}/s, rebuild ${last(figures.rebuild)}/s, ` +
          `catch-up ${last(figures.catchUp)}/s, import ${last(imports)}/s`,
      );
    }
    const raw = median(figures.raw);
    const rawLabel = 'raw insert of the same JSON rows (3 indexes, 1,000 per transaction, FULL)';
    return [
      {
        measure: `cli rebuild (Projector.rebuild) of ${Number(head)} events vs ${rawLabel}`,
        unit: 'events/s',
        ours: median(figures.rebuild),
        baseline: raw,
        target: { minRatio: 0.5 },
      },
      {
        measure: `projector catch-up from an empty read model, same log, vs the same raw insert`,
        unit: 'events/s',
        ours: median(figures.catchUp),
        baseline: raw,
        target: { minRatio: 0.5 },
      },
      {
        measure: `cli import of ${IMPORT_RECORDS} records (append, FULL, and project) vs the same raw insert`,
        unit: 'records/s',
        ours: median(imports),
        baseline: raw,
        target: { minRatio: 0.25 },
      },
    ];
  });
}
