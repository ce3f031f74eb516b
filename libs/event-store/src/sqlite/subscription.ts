import type {
  EventSubscription,
  GlobalPosition,
  StoredEvent,
  SubscriptionFilter,
} from '../event-store.port';
import { type EventRow, toStoredEvent } from './event-rows';
import type { Wait } from './head-watcher';

export interface SubscriptionSource {
  /** Up to `limit` events strictly after `position`, in global order. */
  readAfter(position: GlobalPosition, limit: number): EventRow[];
  waitBeyond(position: GlobalPosition): Wait;
  readonly batchSize: number;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A catch-up subscription that never holds more than one batch. Each `next()` is served from the
 * batch in hand or by reading the next batch after the last position read; only when a read
 * comes back empty does it wait for a wake-up. Catching up and staying live are the same loop,
 * so there is no handover at which an event could be skipped or delivered twice. Reading "after
 * the last position read" never skips an event still being written because SQLite commits
 * positions in order (see schema.ts).
 */
export function openSubscription(
  source: SubscriptionSource,
  from: GlobalPosition,
  filter: SubscriptionFilter | undefined,
  onClose: () => void,
): EventSubscription {
  const matches = rowFilter(filter);
  let readUpTo = from;
  let batch: StoredEvent[] = [];
  let nextInBatch = 0;
  let closed = false;
  let waiting: Wait | undefined;
  let previous: Promise<unknown> = Promise.resolve();

  async function pull(): Promise<IteratorResult<StoredEvent>> {
    while (!closed) {
      if (nextInBatch < batch.length) return { done: false, value: batch[nextInBatch++] };
      const rows = source.readAfter(readUpTo, source.batchSize);
      if (rows.length > 0) {
        readUpTo = BigInt(rows[rows.length - 1].position);
        batch = rows.filter(matches).map(toStoredEvent);
        nextInBatch = 0;
        // A filter can skip long runs of the log: let other work run between batches.
        if (batch.length === 0) await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      waiting = source.waitBeyond(readUpTo);
      await waiting.woken;
      waiting = undefined;
    }
    return DONE;
  }

  const subscription: EventSubscription & AsyncIterator<StoredEvent> = {
    next() {
      // Calls that overlap are served one after another, each from where the last one ended.
      const result = previous.then(pull, pull);
      previous = result;
      return result;
    },
    async return() {
      await subscription.close();
      return DONE;
    },
    async close() {
      if (closed) return;
      closed = true;
      batch = [];
      waiting?.cancel();
      onClose();
    },
    [Symbol.asyncIterator]() {
      return subscription;
    },
  };
  return subscription;
}

function rowFilter(filter: SubscriptionFilter | undefined): (row: EventRow) => boolean {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : undefined;
  return (row) =>
    (!prefixes || prefixes.some((prefix) => row.stream.startsWith(prefix))) &&
    (!types || types.has(row.type));
}
