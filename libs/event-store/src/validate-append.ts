import { InvalidEventError } from './errors';
import type { EventMetadata, ExpectedRevision, NewEvent } from './event-store.port';
import { jsonProblem } from './json-check';
import { isUuid, newEventId } from './uuid';

export const MAX_STREAM_NAME_LENGTH = 255;
export const MAX_EVENT_TYPE_LENGTH = 255;
/** Largest event accepted by default: its data and metadata serialised as UTF-8 JSON. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/** An event that passed validation, with its id settled and its JSON serialised once. */
export interface PreparedEvent {
  readonly id: string;
  /** True when the caller chose the id: only then can the append be a retry. */
  readonly idGiven: boolean;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

export interface AppendLimits {
  readonly maxEventBytes?: number;
}

/**
 * Checks an append before anything is written and prepares its events. Shared by the adapters so
 * that every store refuses the same input with the same `InvalidEventError` field.
 * An empty `events` array is refused: an append that records nothing is almost always a bug in
 * the caller, and it would have no position to report.
 */
export function prepareAppend(
  stream: unknown,
  events: unknown,
  expectedRevision: unknown,
  limits: AppendLimits = {},
): PreparedEvent[] {
  checkStreamName(stream);
  checkExpectedRevision(expectedRevision);
  if (!Array.isArray(events)) throw new InvalidEventError('events', 'must be an array');
  if (events.length === 0) throw new InvalidEventError('events', 'must not be empty');
  const maxBytes = limits.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const prepared = events.map((event, index) => prepareEvent(event, `events[${index}]`, maxBytes));
  const seen = new Map<string, number>();
  prepared.forEach((event, index) => {
    const earlier = seen.get(event.id);
    if (earlier !== undefined) {
      throw new InvalidEventError(`events[${index}].id`, `repeats the id of events[${earlier}]`);
    }
    seen.set(event.id, index);
  });
  return prepared;
}

export function checkStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string') throw new InvalidEventError('stream', 'must be a string');
  if (stream.trim() === '') throw new InvalidEventError('stream', 'must not be empty');
  if (stream.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidEventError('stream', `is longer than ${MAX_STREAM_NAME_LENGTH} characters`);
  }
}

function checkExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidEventError(
    'expectedRevision',
    "must be a revision (integer >= 0), 'no_stream', 'stream_exists' or 'any'",
  );
}

function prepareEvent(event: unknown, field: string, maxBytes: number): PreparedEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new InvalidEventError(field, 'must be an object');
  }
  const { id, type, data, metadata = {} } = event as NewEvent;
  if (id !== undefined && !isUuid(id)) throw new InvalidEventError(`${field}.id`, 'must be a UUID');
  if (typeof type !== 'string' || type.trim() === '') {
    throw new InvalidEventError(`${field}.type`, 'must be a non-empty string');
  }
  if (type.length > MAX_EVENT_TYPE_LENGTH) {
    throw new InvalidEventError(
      `${field}.type`,
      `is longer than ${MAX_EVENT_TYPE_LENGTH} characters`,
    );
  }
  const dataProblem = jsonProblem(data);
  if (dataProblem)
    throw new InvalidEventError(`${field}.data${dataProblem.path}`, dataProblem.problem);
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new InvalidEventError(`${field}.metadata`, 'must be an object');
  }
  const metadataProblem = jsonProblem(metadata);
  if (metadataProblem) {
    throw new InvalidEventError(
      `${field}.metadata${metadataProblem.path}`,
      metadataProblem.problem,
    );
  }
  const dataJson = JSON.stringify(data);
  const metadataJson = JSON.stringify(metadata);
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > maxBytes) {
    throw new InvalidEventError(field, `is ${bytes} bytes of JSON, over the limit of ${maxBytes}`);
  }
  return {
    id: id === undefined ? newEventId() : id.toLowerCase(),
    idGiven: id !== undefined,
    type,
    data,
    metadata,
    dataJson,
    metadataJson,
  };
}
