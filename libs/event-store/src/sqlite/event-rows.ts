import type { StoredEvent } from '../event-store.port';

/** A row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamRevision: row.revision,
    globalPosition: BigInt(row.position),
    recordedAt: new Date(row.recorded_at),
  };
}
