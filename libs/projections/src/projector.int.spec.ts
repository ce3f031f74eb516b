import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticHistory } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type SqliteEventStore } from '@app/event-store';
import { Projector } from './projector';
import { closeReadModelDb, openReadModelDb, type ReadModelDb } from './read-model-db';
import { relationshipProjection } from './relationship';
import { TimelineQueries, timelineProjection } from './timeline';

const projections = [timelineProjection, relationshipProjection];
const queryIndexes = projections.flatMap((p) => p.queryIndexes ?? []);

function indexesOf(db: ReadModelDb): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index'")
    .pluck()
    .all() as string[];
}

function tableCounts(db: ReadModelDb): Record<string, number> {
  const tables = [
    'event_versions',
    'version_scopes',
    'scope_versions',
    'rel_effects',
    'rel_segments',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  );
}

/** The bulk path (batches, indexes built at the end) against the live path (one event at a time). */
describe('Projector replays and live appends', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    store = openSqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const appends = [...syntheticHistory({ count: 600, seed: 11 })].map(
      ({ stream, previousRevisions, event }) =>
        store.appendToStream(stream, [event], {
          expectedRevision: previousRevisions === 0 ? 'no_stream' : previousRevisions - 1,
        }),
    );
    await Promise.all(appends);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a replay from an empty read model ends with every query index built', async () => {
    const db = openReadModelDb(join(dir, 'replayed.db'));
    const projector = new Projector(store, db, projections);
    projector.start();
    await projector.waitFor(await store.headPosition());
    expect(indexesOf(db)).toEqual(expect.arrayContaining(queryIndexes));
    await projector.rebuild();
    expect(indexesOf(db)).toEqual(expect.arrayContaining(queryIndexes));
    await projector.stop();
    closeReadModelDb(db);
  });

  it('writes the same rows in large batches as one event at a time', async () => {
    const live = openReadModelDb(join(dir, 'live.db'));
    const liveStore = openSqliteEventStore({ file: join(dir, 'live-events.db') });
    const liveProjector = new Projector(liveStore, live, projections);
    liveProjector.start();
    // A running server's path: each append projected (and waited for) before the next.
    for (const event of await store.readAll()) {
      const { position } = await liveStore.appendToStream(
        event.stream,
        [{ id: event.id, type: event.type, data: event.data }],
        { expectedRevision: event.streamRevision === 0 ? 'no_stream' : event.streamRevision - 1 },
      );
      await liveProjector.waitFor(position);
    }
    const bulk = openReadModelDb(join(dir, 'bulk.db'));
    const bulkProjector = new Projector(liveStore, bulk, projections);
    await bulkProjector.rebuild();
    expect(tableCounts(bulk)).toEqual(tableCounts(live));
    for (const sql of [
      `SELECT group_key, aspect_key, valid_from, valid_to, tx_from, tx_to, item FROM rel_segments
       ORDER BY group_key, aspect_key, tx_from, valid_from, tx_to`,
      `SELECT event_id, revision, status, tx_from, tx_to, facts FROM event_versions ORDER BY seq`,
      'SELECT scope, versions FROM scope_versions ORDER BY scope',
      'SELECT last_tx FROM rel_clock',
      // A month whose records came and went within one batch has no row at all.
      'SELECT group_key, month, records FROM rel_record_months WHERE records != 0 ORDER BY 1, 2',
    ]) {
      expect(bulk.prepare(sql).all()).toEqual(live.prepare(sql).all());
    }
    // Counts about now read the per-scope counters; a knownAt just before the end of time
    // counts the same current versions row by row.
    const late = '9999-12-31T00:00:00.000Z';
    for (const db of [live, bulk]) {
      const queries = new TimelineQueries(db);
      for (const countries of [undefined, ['USA'], ['CUB', 'USA'], ['MEX', 'FRA'], ['ZZZ']]) {
        for (const includeRetracted of [undefined, true]) {
          const filter = { countries, includeRetracted };
          expect(queries.count(filter)).toBe(queries.count(filter, late));
        }
      }
      expect(queries.count({})).toBeGreaterThan(0);
    }
    await bulkProjector.stop();
    await liveProjector.stop();
    await liveStore.close();
    closeReadModelDb(bulk);
    closeReadModelDb(live);
  });

  it('two processes taking turns on one read-model file write what one replay writes', async () => {
    const file = join(dir, 'shared.db');
    const events = await store.readAll();
    const turnStore = openSqliteEventStore({ file: join(dir, 'turns.db'), synchronous: 'NORMAL' });
    const appendAll = async (part: typeof events, projector: Projector) => {
      for (const event of part) {
        const { position } = await turnStore.appendToStream(
          event.stream,
          [{ id: event.id, type: event.type, data: event.data }],
          { expectedRevision: event.streamRevision === 0 ? 'no_stream' : event.streamRevision - 1 },
        );
        await projector.waitFor(position);
      }
    };
    const first = openReadModelDb(file);
    const one = new Projector(turnStore, first, projections);
    one.start();
    await appendAll(events.slice(0, 200), one);
    await one.stop();
    // Another connection (a second process) moves the same tables while the first is stopped:
    // what the first kept in memory about them is stale, and must be dropped.
    const second = openReadModelDb(file);
    const two = new Projector(turnStore, second, projections);
    two.start();
    await appendAll(events.slice(200, 400), two);
    await two.stop();
    closeReadModelDb(second);
    one.start();
    await appendAll(events.slice(400), one);
    await one.stop();

    const replayed = openReadModelDb(join(dir, 'turns-replayed.db'));
    const replay = new Projector(turnStore, replayed, projections);
    await replay.rebuild();
    await replay.stop();
    for (const sql of [
      `SELECT group_key, aspect_key, valid_from, valid_to, tx_from, tx_to, item FROM rel_segments
       ORDER BY group_key, aspect_key, tx_from, valid_from, tx_to`,
      'SELECT scope, active, retracted FROM scope_counts ORDER BY scope',
    ]) {
      expect(first.prepare(sql).all()).toEqual(replayed.prepare(sql).all());
    }
    closeReadModelDb(first);
    closeReadModelDb(replayed);
    await turnStore.close();
  });
});
