/** Limits that keep one client from exhausting the server; see README "Live feeds". */
export const FEED_LIMITS = {
  /** Server-wide open WebSocket connections. */
  maxConnections: Number(process.env.MAX_WS_CONNECTIONS ?? 5000),
  /** Active subscriptions on one WebSocket connection. */
  maxSubscriptionsPerConnection: Number(process.env.MAX_SUBSCRIPTIONS_PER_CONNECTION ?? 20),
  /** Bytes a client may leave unread before the server waits for it. */
  highWaterBytes: 256 * 1024,
  /** How long the server waits for a slow client to drain before disconnecting it. */
  drainTimeoutMs: Number(process.env.SLOW_CONSUMER_TIMEOUT_MS ?? 10_000),
  keepAliveMs: 15_000,
} as const;

/** What the WebSocket layer keeps per connection, shared by its subscriptions. */
export interface ConnectionState {
  readonly socket: { bufferedAmount: number; readyState: number; close(code?: number, reason?: string): void };
  subscriptions: number;
}

/** Waits while the client's unread bytes are above the mark; disconnects it if it never drains. */
export async function backpressure(
  connection: ConnectionState | undefined,
  cursor: () => string,
): Promise<void> {
  if (!connection) return;
  const started = Date.now();
  while (connection.socket.bufferedAmount > FEED_LIMITS.highWaterBytes) {
    if (connection.socket.readyState !== 1) throw new Error('connection closed');
    if (Date.now() - started > FEED_LIMITS.drainTimeoutMs) {
      // 4008: policy violation (slow consumer). The reason tells the client where to resume.
      connection.socket.close(4008, `slow consumer: resume with after=${cursor()}`.slice(0, 120));
      throw new Error('slow consumer disconnected');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
