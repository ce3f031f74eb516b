import type { SyntheticEvent } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type EventStore, type GlobalPosition } from '@app/event-store';
import { log } from './measure';

/**
 * Appends submitted together. The store's group commit writes queued appends in submission
 * order, so an amendment may be queued in the same chunk as the record it amends, and a chunk
 * becomes one large transaction instead of one per event.
 */
const CHUNK = 5000;

/** Same expected revision a command handler would pass for this event. */
export function expectedRevisionOf(event: SyntheticEvent): number | 'no_stream' {
  return event.previousRevisions === 0 ? 'no_stream' : event.previousRevisions - 1;
}

/** Appends one synthetic event as a command handler would; resolves with its position. */
export async function appendOne(
  store: EventStore,
  synthetic: SyntheticEvent,
): Promise<GlobalPosition> {
  const { stream, event } = synthetic;
  const result = await store.appendToStream(stream, [{ type: event.type, data: event.data }], {
    expectedRevision: expectedRevisionOf(synthetic),
  });
  return result.position;
}

/**
 * Appends `count` events of `history` to `store` as fast as the store takes them, reporting
 * progress under `label`. Returns the head position afterwards.
 */
export async function appendMany(
  store: EventStore,
  history: Iterator<SyntheticEvent>,
  count: number,
  label: string,
): Promise<GlobalPosition> {
  const started = Date.now();
  let appended = 0;
  let reported = 0;
  while (appended < count) {
    const chunk: Promise<GlobalPosition>[] = [];
    for (let i = 0; i < CHUNK && appended < count; i++, appended++) {
      const next = history.next();
      if (next.done) throw new Error(`${label}: the history ended after ${appended} events`);
      chunk.push(appendOne(store, next.value));
    }
    await Promise.all(chunk);
    if (appended - reported >= count / 10 || appended === count) {
      reported = appended;
      const rate = Math.round(appended / ((Date.now() - started) / 1000 || 1e-3));
      log(`${label}: appended ${appended.toLocaleString('en-US')}/${count} (${rate}/s)`);
    }
  }
  return store.headPosition();
}

/**
 * Writes a synthetic history straight into an event-store file (as a second writer would) with
 * `synchronous=NORMAL`: the data is set-up, not the thing measured, and NORMAL in WAL mode still
 * leaves a consistent log.
 */
export async function writeSyntheticLog(
  file: string,
  events: Iterator<SyntheticEvent>,
  count: number,
  label: string,
): Promise<GlobalPosition> {
  const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
  try {
    return await appendMany(store, events, count, label);
  } finally {
    await store.close();
  }
}
