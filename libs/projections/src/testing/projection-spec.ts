import type { EventMetadata, StoredEvent } from '@app/event-store';
import { endBatch, type Projection } from '../projection';
import { openReadModelDb, type ReadModelDb } from '../read-model-db';

/** An event as the store hands it to a projection; positions and instants are the caller's. */
export const stored = (
  event: Readonly<{ type: string; data: unknown }>,
  at: {
    stream: string;
    streamRevision: number;
    globalPosition: bigint;
    recordedAt: string;
    metadata?: EventMetadata;
  },
): StoredEvent => ({
  id: `00000000-0000-7000-8000-${String(at.globalPosition).padStart(12, '0')}`,
  type: event.type,
  data: event.data,
  stream: at.stream,
  streamRevision: at.streamRevision,
  globalPosition: at.globalPosition,
  recordedAt: new Date(at.recordedAt),
  metadata: at.metadata ?? {},
});

/**
 * Given stored events, the read model holds these rows — in the manner of emmett-sqlite's
 * projection specs:
 *
 *   projectionSpec(accessTokensProjection)
 *     .given(issued, revoked)
 *     .thenRows('SELECT name, revoked_at FROM access_tokens', [{ name: 'alice', revoked_at: '…' }]);
 *
 * Projections run in the order given, each on the event types it declares, as the projector
 * runs them; the database is in memory and fresh for every `given`.
 */
export const projectionSpec = (...projections: readonly Projection[]) => ({
  given: (...events: readonly StoredEvent[]) => {
    const db: ReadModelDb = openReadModelDb(':memory:');
    for (const projection of projections) projection.createSchema(db);
    const appliers = projections.map((p) => ({ types: p.eventTypes, apply: p.prepare(db) }));
    db.transaction(() => {
      for (const event of events) {
        for (const { types, apply } of appliers) if (types.includes(event.type)) apply(event);
      }
      endBatch(appliers.map((a) => a.apply));
    })();
    const rows = (sql: string): unknown[] => db.prepare(sql).all();
    return {
      /** The rows `sql` selects, in its order, are exactly these. (Not `then`: that makes a thenable.) */
      thenRows(sql: string, expected: readonly Record<string, unknown>[]): void {
        expect(rows(sql)).toEqual(expected);
      },
      rows,
      /** For a read model's own queries, which should read the same rows. */
      db,
    };
  },
});
