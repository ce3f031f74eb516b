import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store';
import { syntheticHistory } from '@app/domain/testing/synthetic-history';

export const EVENT_CHANGES = `subscription($filter: EventFilter, $after: String) {
  eventChanges(filter: $filter, after: $after) { cursor type recordedAt event { id title countries } } }`;

/** Records an event and answers only its id. */
export const RECORD_EVENT = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`;

/** A record of talks between `countries` (or of `kind`). */
export const eventInput = (title: string, countries: string[], kind = 'TALKS') => ({
  kind,
  title,
  occurred: '2024-02-02',
  countries,
  sources: [{ title: 'Report', publisher: 'Wire' }],
});

export interface Change {
  cursor: string;
  type: string;
  event: { id: string; title: string; countries: string[] };
}

export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects a subscription's messages; `errors` gets what the server refused with. */
export function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: Change[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const dispose = client.subscribe<{ eventChanges: Change }>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        else if (value.data?.eventChanges) received.push(value.data.eventChanges);
      },
      error: (error) => errors.push(error),
      complete: () => (completed = true),
    },
  );
  return { received, errors, dispose, isComplete: () => completed };
}

export async function until(
  condition: () => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A second writer: appends synthetic records straight into the server's event-store file
 * (WAL, shared between processes), as another API node would, 50 appends in flight at a time.
 * Returns their positions in log order.
 */
export async function appendSynthetic(
  dataDir: string,
  count: number,
  seed: number,
): Promise<bigint[]> {
  const store = openSqliteEventStore({ file: join(dataDir, 'events.db') });
  const positions: bigint[] = [];
  const inFlight = new Set<Promise<void>>();
  try {
    for (const { stream, event } of syntheticHistory({ count, seed, changeRate: 0 })) {
      // Unique per seed, so several writers never collide on a record id.
      const id = `${event.data.eventId.slice(0, 24)}${String(seed).padStart(4, '0')}${event.data.eventId.slice(28)}`;
      const append = store
        .appendToStream(
          stream.replace(event.data.eventId, id),
          [{ type: event.type, data: { ...event.data, eventId: id } }],
          {
            expectedRevision: 'no_stream',
          },
        )
        .then((result) => void positions.push(result.position));
      inFlight.add(append);
      void append.finally(() => inFlight.delete(append));
      if (inFlight.size >= 50) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await store.close();
  }
  return positions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
