import { BACKWARDS, END, FORWARDS, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { GlobalPosition, StoredEvent } from '../event-store.port';
import { START } from '../event-store.port';
import { userEventsFilter } from './filters';
import type { KurrentDbClient } from './kurrentdb-client';
import {
  isAfter,
  requirePosition,
  toGlobalPosition,
  toPosition,
  toReadPosition,
} from './positions';
import { isSystemEvent, toStoredEvent } from './stored-events';

/** Enough to find the last application event even behind a run of system events. */
const HEAD_PAGE_SIZE = 32;

/**
 * Up to `limit` application events strictly after `after`, in `$all` order. The server drops
 * system event types; events in `$` streams are dropped here, and reading goes on until `limit`
 * events are found or the log ends, so a short page always means the end of the log.
 */
export async function readAllAfter(
  client: Pick<KurrentDbClient, 'readAll'>,
  after: GlobalPosition,
  limit: number,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let from = after;
  while (events.length < limit) {
    // `$all` reads include their start; one extra makes room for the event at `from` itself.
    const wanted = Math.min(limit - events.length + 1, Number.MAX_SAFE_INTEGER);
    let received = 0;
    for await (const resolved of client.readAll({
      direction: FORWARDS,
      fromPosition: toReadPosition(from),
      maxCount: wanted,
      filter: userEventsFilter(),
    })) {
      received += 1;
      const position = requirePosition(resolved);
      if (!isAfter(position, toPosition(from))) continue;
      from = toGlobalPosition(position);
      if (resolved.event && !isSystemEvent(resolved.event) && events.length < limit) {
        events.push(toStoredEvent(resolved.event, position));
      }
    }
    if (received < wanted) break;
  }
  return events;
}

/** The position of the last application event, reading `$all` backwards; START when none. */
export async function lastApplicationPosition(
  client: Pick<KurrentDbClient, 'readAll'>,
): Promise<GlobalPosition> {
  let from: ReadPosition = END;
  for (;;) {
    let received = 0;
    for await (const resolved of client.readAll({
      direction: BACKWARDS,
      fromPosition: from,
      maxCount: HEAD_PAGE_SIZE,
      filter: userEventsFilter(),
    })) {
      received += 1;
      const position = requirePosition(resolved);
      if (resolved.event && !isSystemEvent(resolved.event)) return toGlobalPosition(position);
      from = position;
    }
    if (received < HEAD_PAGE_SIZE) return START;
  }
}
