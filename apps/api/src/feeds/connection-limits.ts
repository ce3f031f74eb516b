/** Limits that keep one client from exhausting the server; see README "Live feeds". */
export const FEED_LIMITS = {
  /** Server-wide open WebSocket connections. */
  maxConnections: Number(process.env.MAX_WS_CONNECTIONS ?? 5000),
  /** Active subscriptions on one WebSocket connection. */
  maxSubscriptionsPerConnection: Number(process.env.MAX_SUBSCRIPTIONS_PER_CONNECTION ?? 20),
  /** How long the server waits for a client to take the next change before disconnecting it. */
  drainTimeoutMs: Number(process.env.SLOW_CONSUMER_TIMEOUT_MS ?? 10_000),
  keepAliveMs: 15_000,
} as const;

/** What the WebSocket layer keeps per connection, shared by its subscriptions. */
export interface ConnectionState {
  readonly socket: { close(code?: number, reason?: string): void };
  subscriptions: number;
}

/**
 * The WebSocket layer sends one message at a time and asks for the next only once the previous
 * one was handed to the network, so an unread connection holds one message and the kernel's
 * buffers, and nothing more. A consumer that has not taken a change for `drainTimeoutMs` is
 * disconnected (code 4008) with the cursor of the last change it was sent in full.
 */
export function disconnectWhenStalled<T>(
  source: AsyncIterableIterator<T>,
  connection: ConnectionState | undefined,
  cursorOf: (value: T) => string,
  initialCursor: string,
): AsyncIterableIterator<T> {
  if (!connection) return source;
  let timer: NodeJS.Timeout | undefined;
  let delivered = initialCursor;
  let pending: string | undefined;
  return {
    async next() {
      clearTimeout(timer);
      if (pending !== undefined) delivered = pending;
      const result = await source.next();
      if (!result.done) {
        pending = cursorOf(result.value);
        timer = setTimeout(() => {
          connection.socket.close(4008, `slow consumer: resume with after=${delivered}`.slice(0, 120));
          void source.return?.();
        }, FEED_LIMITS.drainTimeoutMs);
      }
      return result;
    },
    async return(value?: unknown) {
      clearTimeout(timer);
      return (await source.return?.(value)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncIterableIterator<T>;
}
