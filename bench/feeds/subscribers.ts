import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { monotonicMs } from './live-appender';

export function wsClient(httpUrl: string, lazy = true): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy,
    // Failures are reported through the listeners `connectMany` adds, not printed.
    onNonLazyError: () => undefined,
  });
}

interface Change {
  readonly cursor: string;
}

/**
 * Subscribes `client` to `query` (an `eventChanges` subscription) and calls `onChange` with each
 * change's cursor and its receive time. Resolves the returned `ended` when the server completes
 * or fails the subscription.
 */
export function follow(
  client: Client,
  query: string,
  onChange: (cursor: string, at: number) => void,
  variables: Record<string, unknown> = {},
): { dispose: () => void; ended: Promise<unknown> } {
  let dispose!: () => void;
  const ended = new Promise((resolve) => {
    dispose = client.subscribe<{ eventChanges: Change }>(
      { query, variables },
      {
        next: (result) => {
          const change = result.data?.eventChanges;
          if (change) onChange(change.cursor, monotonicMs());
          else resolve(result.errors ?? result);
        },
        error: (error) => resolve(error),
        complete: () => resolve(undefined),
      },
    );
  });
  return { dispose, ended };
}

/**
 * Opens `count` WebSocket connections (one client each, as separate browsers would), `batch` at a
 * time so the server's accept queue never overflows, and resolves once every one is connected.
 */
export async function connectMany(httpUrl: string, count: number, batch = 100): Promise<Client[]> {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += batch) {
    const opened = Array.from({ length: Math.min(batch, count - start) }, () => {
      const client = wsClient(httpUrl, false);
      clients.push(client);
      return new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', (event) => reject(new Error(`connection closed: ${describe(event)}`)));
        client.on('error', (error) => reject(new Error(`connection failed: ${describe(error)}`)));
      });
    });
    try {
      await Promise.all(opened);
    } catch (error) {
      await Promise.all(clients.map((client) => client.dispose()));
      throw error;
    }
  }
  return clients;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  const event = value as { code?: number; reason?: string; message?: string };
  return event.message ?? `${event.code ?? '?'} ${event.reason ?? ''}`.trim();
}
