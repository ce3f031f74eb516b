import type { SlowConsumers, WatchedDelivery } from './slow-consumers';
import type { ConnectionState } from './subscription-slots';

export interface DeliveryOptions<S, T> {
  readonly connection: ConnectionState | undefined;
  /** Where a delivery on a connection is watched for a consumer that stopped taking values. */
  readonly slowConsumers: SlowConsumers;
  /** A page's values, mapped by index (pages are shared: a mapping may be too). */
  readonly map: (page: readonly S[]) => (index: number) => T;
  readonly cursorOf: (value: T) => string;
  /** The cursor a stalled consumer resumes from if it received nothing. */
  readonly initialCursor: string;
  /** Called once when the delivery ends, however it ends. */
  readonly release: () => void;
}

/**
 * Values handed to the WebSocket layer together, which takes them one at a time as it sends
 * them: a page of a backlog is walked without a turn of the event loop per value.
 */
export class DeliveryPage<T> {
  private index = 0;

  constructor(
    private readonly length: number,
    private readonly taken: (index: number) => T | undefined,
    /** Called once the value last taken has been handed to the socket (or dropped by one closing). */
    readonly queued: () => void,
  ) {}

  /** Values not yet taken. */
  get remaining(): number {
    return this.length - this.index;
  }

  /** The next value; undefined once the page is done or the delivery has ended. */
  take(): T | undefined {
    return this.index < this.length ? this.taken(this.index++) : undefined;
  }
}

/**
 * What a feed subscription hands to the WebSocket layer: `source`'s pages, mapped one value at
 * a time as the layer takes them. The layer takes the next value once the previous one is
 * queued for the network, within a bounded buffer (see write-coalescing.ts). A consumer that
 * has not taken a value for `SLOW_CONSUMER_TIMEOUT_MS` is disconnected (code 4008) with the cursor of the
 * last value handed to its socket; the close frame follows that value, so a client that reads
 * the reason can resume from it.
 */
export function deliver<S, T>(
  source: AsyncIterator<readonly S[]>,
  options: DeliveryOptions<S, T>,
): AsyncIterableIterator<DeliveryPage<T>> {
  const { connection, map, cursorOf } = options;
  let delivered = options.initialCursor;
  let pending: string | undefined;
  let finished = false;
  const state: WatchedDelivery = {
    waitingSince: undefined,
    stall: () => {
      connection?.socket.close(4008, `slow consumer: resume with after=${delivered}`.slice(0, 120));
      void finish();
    },
  };
  const unwatch = connection ? options.slowConsumers.watch(state) : () => undefined;
  const finish = async (): Promise<IteratorResult<DeliveryPage<T>>> => {
    if (!finished) {
      finished = true;
      state.waitingSince = undefined;
      unwatch();
      options.release();
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  // A value handed to the socket becomes the resume point: the socket sends it before any
  // close frame, so a client resuming from the close reason gets neither a gap nor a repeat.
  const taken = (mapped: (index: number) => T, index: number): T | undefined => {
    if (finished) return undefined;
    const value = mapped(index);
    pending = cursorOf(value);
    state.waitingSince = Date.now();
    return value;
  };
  const queued = () => {
    if (pending !== undefined) delivered = pending;
  };
  return {
    async next() {
      state.waitingSince = undefined;
      if (finished) return { done: true, value: undefined };
      let result: IteratorResult<readonly S[]>;
      try {
        result = await source.next();
      } catch (error) {
        await finish();
        throw error;
      }
      if (result.done) return finish();
      const page = result.value;
      const mapped = map(page);
      return {
        done: false,
        value: new DeliveryPage(page.length, (index) => taken(mapped, index), queued),
      };
    },
    return: () => finish(),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
