import type { JSONEventData, JSONType, Position, RecordedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, StoredEvent } from '../event-store.port';
import type { PreparedEvent } from '../validate-append';
import { toGlobalPosition } from './positions';
import { toRevision } from './revisions';

/**
 * KurrentDB's own events ($metadata, $scavenge…, links written by projections) live in streams or
 * carry types starting with `$`. They are not part of the application's log.
 */
export function isSystemEvent(event: {
  readonly streamId: string;
  readonly type: string;
}): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function toStoredEvent(recorded: RecordedEvent, position: Position): StoredEvent {
  return {
    id: recorded.id,
    stream: recorded.streamId,
    type: recorded.type,
    data: recorded.isJson ? recorded.data : decodeBinary(recorded.data as Uint8Array),
    metadata: toMetadata(recorded.metadata),
    streamRevision: toRevision(recorded.revision),
    globalPosition: toGlobalPosition(position),
    recordedAt: recorded.created,
  };
}

function toMetadata(metadata: unknown): EventMetadata {
  const decoded = metadata instanceof Uint8Array ? decodeBinary(metadata) : metadata;
  return isPlainObject(decoded) ? (decoded as EventMetadata) : {};
}

/** Events appended by other tools may be binary; JSON in them is still read as JSON. */
function decodeBinary(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return bytes;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A validated event as the client sends it: JSON, with the id the store settled on. */
export function toEventData(event: PreparedEvent): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // The client serialises data itself; prepareAppend has checked that it is plain JSON.
    data: event.data as JSONType,
    metadata: event.metadata as JSONType,
  };
}
