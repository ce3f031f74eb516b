/** A whole number from the environment, or a clear error naming the variable. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  }
  return value;
}

/** Limits that keep one client from exhausting the server; see README "Live feeds". */
export const FEED_LIMITS = {
  /** Server-wide open WebSocket connections. */
  maxConnections: envCount('MAX_WS_CONNECTIONS', 5000),
  /** Active subscriptions on one WebSocket connection. */
  maxSubscriptionsPerConnection: envCount('MAX_SUBSCRIPTIONS_PER_CONNECTION', 20),
  /** How long the server waits for a client to take the next change before disconnecting it. */
  drainTimeoutMs: envCount('SLOW_CONSUMER_TIMEOUT_MS', 10_000),
  /** Bytes queued for one WebSocket before the next message waits for the client to read. */
  sendBufferBytes: envCount('WS_SEND_BUFFER_BYTES', 1024 * 1024),
  keepAliveMs: 15_000,
} as const;

/** What the WebSocket layer keeps per connection, shared by its subscriptions. */
export interface ConnectionState {
  readonly socket: { close(code?: number, reason?: string): void };
  subscriptions: number;
}

interface Watched {
  /** When the last value was handed out, while the consumer has not asked for the next. */
  waitingSince: number | undefined;
  stall(): void;
}

/**
 * Deliveries waiting on their consumer, checked by one sweep instead of a timer per message
 * (a live feed with a thousand subscribers hands out tens of thousands of messages a second).
 */
const watched = new Set<Watched>();
let sweeper: NodeJS.Timeout | undefined;

function sweep(): void {
  const now = Date.now();
  for (const delivery of watched) {
    if (delivery.waitingSince !== undefined && now - delivery.waitingSince >= FEED_LIMITS.drainTimeoutMs) {
      delivery.stall();
    }
  }
}

function watch(delivery: Watched): () => void {
  watched.add(delivery);
  sweeper ??= setInterval(sweep, Math.max(10, Math.min(1000, FEED_LIMITS.drainTimeoutMs / 4))).unref();
  return () => {
    watched.delete(delivery);
    if (watched.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
}

export interface DeliveryOptions<S, T> {
  readonly connection: ConnectionState | undefined;
  readonly map: (value: S) => T;
  readonly cursorOf: (value: T) => string;
  /** The cursor a stalled consumer resumes from if it received nothing. */
  readonly initialCursor: string;
  /** Called once when the delivery ends, however it ends. */
  readonly release: () => void;
}

/**
 * What a subscription hands to the WebSocket layer: `source` mapped, one value at a time. The
 * layer asks for the next value once the previous one is queued for the network, within a
 * bounded buffer (see write-coalescing.ts). A consumer that has not taken a value for
 * `drainTimeoutMs` is disconnected (code 4008) with the cursor of the last value queued for
 * it; the close frame follows that value, so a client that reads the reason can resume from it.
 */
export function deliver<S, T>(
  source: AsyncIterator<S>,
  options: DeliveryOptions<S, T>,
): AsyncIterableIterator<T> {
  const { connection } = options;
  let delivered = options.initialCursor;
  let pending: string | undefined;
  let finished = false;
  const state: Watched = {
    waitingSince: undefined,
    stall: () => {
      connection?.socket.close(4008, `slow consumer: resume with after=${delivered}`.slice(0, 120));
      void finish();
    },
  };
  const unwatch = connection ? watch(state) : () => undefined;
  const finish = async (): Promise<IteratorResult<T>> => {
    if (!finished) {
      finished = true;
      state.waitingSince = undefined;
      unwatch();
      options.release();
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  return {
    async next() {
      state.waitingSince = undefined;
      if (pending !== undefined) delivered = pending;
      if (finished) return { done: true, value: undefined };
      let result: IteratorResult<S>;
      try {
        result = await source.next();
      } catch (error) {
        await finish();
        throw error;
      }
      if (result.done) return finish();
      const value = options.map(result.value);
      pending = options.cursorOf(value);
      state.waitingSince = Date.now();
      return { done: false, value };
    },
    return: () => finish(),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
