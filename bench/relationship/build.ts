import {
  syntheticHistory,
  type SyntheticEvent,
  type SyntheticOptions,
} from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type StoredEvent } from '@app/event-store';
import {
  Projector,
  accessTokensProjection,
  closeReadModelDb,
  endBatch,
  openReadModelDb,
  relationshipProjection,
  timelineProjection,
} from '@app/projections';
import { getAlpha3Codes } from 'i18n-iso-countries';
import { join } from 'node:path';
import { log } from '../lib/measure';
import { writeSyntheticLog } from '../lib/synthetic-log';

/**
 * `size` alpha-3 codes spread evenly over the sorted ISO list, always with USA and CUB: the same
 * list on every run, wide enough that each pair of countries gets a realistic share of events.
 */
export function countryPool(size: number): string[] {
  const all = Object.keys(getAlpha3Codes()).sort();
  const step = all.length / Math.min(size, all.length);
  const picked = new Set(
    Array.from({ length: Math.min(size, all.length) }, (_, i) => all[Math.floor(i * step)]),
  );
  picked.add('CUB').add('USA');
  return [...picked].sort();
}

/**
 * `size` codes outside `pool`, for pairs whose histories are the same in every build: asked in
 * a small and a big store, they measure what the store's size alone costs a lookup.
 */
export function probeCountries(pool: readonly string[], size: number): string[] {
  const all = Object.keys(getAlpha3Codes()).sort();
  return all.filter((code) => !pool.includes(code)).slice(0, size);
}

/** What a build holds: the main history, then (optionally) the probe pairs' own history. */
export interface BuildPlan {
  readonly main: SyntheticOptions;
  readonly probe?: SyntheticOptions;
}

const total = (plan: BuildPlan) => plan.main.count + (plan.probe?.count ?? 0);

/**
 * The plan's events in log order. The probe history is generated on its own (same seed, same
 * events in every build) and its record ids are moved to a range of their own.
 */
export function* history(plan: BuildPlan): Generator<SyntheticEvent> {
  yield* syntheticHistory(plan.main);
  if (!plan.probe) return;
  for (const event of syntheticHistory(plan.probe)) yield relabelled(event);
}

/** Synthetic ids are `00000000-0000-4000-8000-<n>`: probe ids start `00000001-` instead. */
function relabelled({ stream, previousRevisions, event }: SyntheticEvent): SyntheticEvent {
  const move = (text: string) =>
    text.replace('00000000-0000-4000-8000-', '00000001-0000-4000-8000-');
  const data = event.data as { eventId: string };
  return {
    stream: move(stream),
    previousRevisions,
    event: { ...event, data: { ...data, eventId: move(data.eventId) } } as SyntheticEvent['event'],
  };
}

/** Bigger builds skip the event-store file and the projector loop: see `applyDirectly`. */
const PROJECTOR_LIMIT = Number(process.env.BENCH_REL_PROJECTOR_LIMIT ?? 200_000);
const DIRECT_TRANSACTION = 10_000;

/**
 * Builds the read models of `count` synthetic events into `dir/read-models.db` and returns the
 * file. Up to PROJECTOR_LIMIT events this is the real path (an event-store file, then the
 * Projector from checkpoint 0 to head).
 */
export async function buildReadModels(dir: string, plan: BuildPlan): Promise<string> {
  const file = join(dir, 'read-models.db');
  const started = Date.now();
  const count = total(plan);
  if (count <= PROJECTOR_LIMIT) await project(dir, file, plan);
  else applyDirectly(file, plan);
  const seconds = (Date.now() - started) / 1000;
  log(`  ${count} events built in ${seconds.toFixed(0)} s (${Math.round(count / seconds)}/s)`);
  return file;
}

async function project(dir: string, file: string, plan: BuildPlan) {
  const storeFile = join(dir, 'events.db');
  const head = await writeSyntheticLog(
    storeFile,
    history(plan),
    total(plan),
    `  log of ${total(plan)}`,
  );
  const store = openSqliteEventStore({ file: storeFile });
  const db = openReadModelDb(file);
  const projector = new Projector(store, db, [
    timelineProjection,
    relationshipProjection,
    accessTokensProjection,
  ]);
  try {
    projector.start();
    await projector.waitFor(head, 60 * 60_000);
  } finally {
    await projector.stop();
    await store.close();
    closeReadModelDb(db);
  }
}

/**
 * The projector reads the log in pages and commits every 2,000 events; at a million events that
 * takes far longer than the question being asked here (how fast a query is on a big read model).
 * So big builds call the same projections' `prepare(db)` appliers the projector calls, in the
 * same order, on StoredEvents made in memory (positions and revisions as the store would assign,
 * recorded in the recent past), committing every DIRECT_TRANSACTION events. The tables and
 * indexes are exactly the projector's.
 */
function applyDirectly(file: string, plan: BuildPlan) {
  const count = total(plan);
  const db = openReadModelDb(file);
  // Set-up speed only, for this connection: the tables come out the same, and the queries run
  // on a fresh connection with the product's settings.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2000000');
  db.pragma('temp_store = MEMORY');
  const projections = [timelineProjection, relationshipProjection];
  try {
    for (const projection of projections) projection.createSchema(db);
    const appliers = projections.map((projection) => projection.prepare(db));
    const applyBatch = db.transaction((events: readonly StoredEvent[]) => {
      for (const event of events) for (const apply of appliers) apply(event);
      endBatch(appliers);
    });
    // Every event recorded before the queries' `knownAt = now`, one millisecond apart.
    const recordedFrom = Date.now() - count;
    const started = Date.now();
    let batch: StoredEvent[] = [];
    let position = 0;
    for (const { stream, previousRevisions, event } of history(plan)) {
      position += 1;
      batch.push({
        id: `synthetic-${position}`,
        stream,
        type: event.type,
        data: event.data,
        metadata: {},
        streamRevision: previousRevisions,
        globalPosition: BigInt(position),
        recordedAt: new Date(recordedFrom + position),
      });
      if (batch.length < DIRECT_TRANSACTION && position < count) continue;
      applyBatch(batch);
      batch = [];
      if (position % (count >= 500_000 ? 100_000 : 50_000) === 0 || position === count) {
        const rate = Math.round(position / ((Date.now() - started) / 1000));
        log(`  applied ${position.toLocaleString('en-US')}/${count} (${rate}/s)`);
      }
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeReadModelDb(db);
  }
}
