import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  Position,
  ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { EventSubscription, StoredEvent, SubscriptionFilter } from '../event-store.port';
import { matchesFilter, toServerFilter } from './filters';
import type { KurrentDbClient } from './kurrentdb-client';
import { isAfter, positionOf } from './positions';
import { resubscribeDelay, type ResubscribePolicy } from './resubscribe-policy';
import { isSystemEvent, toStoredEvent } from './stored-events';
import { isTransientError } from './vendor-errors';

/** The server ended a subscription that should have stayed live. */
export class SubscriptionEndedError extends Error {
  override readonly name = 'SubscriptionEndedError';
  constructor() {
    super('The server ended the $all subscription');
  }
}

export interface ResubscribingSubscriptionOptions {
  readonly client: Pick<KurrentDbClient, 'subscribeToAll'>;
  /** Where the first subscription starts; called again only if it fails before resolving. */
  readonly start: () => Promise<ReadPosition>;
  readonly filter?: SubscriptionFilter;
  readonly policy: ResubscribePolicy;
  /** Waits before a retry; resolves early when `cancelled` is aborted. */
  readonly wait?: (ms: number, cancelled: AbortSignal) => Promise<void>;
  readonly onResubscribe?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly onClosed?: () => void;
}

interface Connection {
  readonly subscription: AllStreamSubscription;
  readonly events: AsyncIterator<AllStreamResolvedEvent>;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A catch-up subscription to `$all` exposed as the port's pull-based `EventSubscription`.
 * Events are pulled from the client's stream one `next()` at a time, so the gRPC flow control —
 * not an unbounded buffer — holds the server back when the consumer is slow. When the
 * subscription drops (network, node restart, leader change) it subscribes again after the last
 * event it received, with a capped exponential backoff, and drops anything it has already seen:
 * the consumer sees every event once, in order.
 */
export function openResubscribingSubscription(
  options: ResubscribingSubscriptionOptions,
): EventSubscription {
  const wait = options.wait ?? waitOrCancel;
  const serverFilter = toServerFilter(options.filter);
  const closing = new AbortController();
  let closed = false;
  let connection: Connection | undefined;
  let startPromise = settleLater(options.start());
  let resumeFrom: ReadPosition | undefined;
  let lastSeen: Position | undefined;
  let failures = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function connect(): Promise<AsyncIterator<AllStreamResolvedEvent>> {
    if (connection) return connection.events;
    if (resumeFrom === undefined) {
      try {
        resumeFrom = await startPromise;
      } catch (error) {
        startPromise = settleLater(options.start());
        throw error;
      }
      if (typeof resumeFrom === 'object') lastSeen = resumeFrom;
    }
    const subscription = options.client.subscribeToAll({
      fromPosition: lastSeen ?? resumeFrom,
      filter: serverFilter,
    });
    // A dropped stream may still report its error after we let go of it.
    subscription.on('error', () => undefined);
    connection = { subscription, events: subscription[Symbol.asyncIterator]() };
    return connection.events;
  }

  function accept(resolved: AllStreamResolvedEvent): StoredEvent | undefined {
    const position = positionOf(resolved);
    if (position === undefined || !isAfter(position, lastSeen)) return undefined;
    lastSeen = position;
    if (!resolved.event || isSystemEvent(resolved.event)) return undefined;
    const event = toStoredEvent(resolved.event, position);
    return matchesFilter(event, options.filter) ? event : undefined;
  }

  async function step(): Promise<IteratorResult<StoredEvent>> {
    while (!closed) {
      try {
        const events = await connect();
        const next = await unlessAborted(events.next(), closing.signal);
        if (closed || next === undefined) break;
        if (next.done) throw new SubscriptionEndedError();
        failures = 0;
        const event = accept(next.value);
        if (event) return { done: false, value: event };
      } catch (error) {
        if (closed) break;
        if (!(error instanceof SubscriptionEndedError) && !isTransientError(error)) {
          await close();
          throw error;
        }
        await disconnect();
        const delayMs = resubscribeDelay(failures, options.policy);
        failures += 1;
        options.onResubscribe?.(error, failures, delayMs);
        await wait(delayMs, closing.signal);
      }
    }
    return DONE;
  }

  async function disconnect(): Promise<void> {
    const dropped = connection;
    connection = undefined;
    if (!dropped) return;
    try {
      await dropped.subscription.unsubscribe();
    } catch {
      // The stream never opened or is already gone: nothing left to cancel.
    }
    dropped.subscription.destroy();
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    closing.abort();
    await disconnect();
    options.onClosed?.();
  }

  function next(): Promise<IteratorResult<StoredEvent>> {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  }

  const iterator: AsyncIterator<StoredEvent> = {
    next,
    return: async () => {
      await close();
      return DONE;
    },
  };
  return { close, [Symbol.asyncIterator]: () => iterator };
}

/** Keeps an eagerly started promise from being reported as unhandled before someone awaits it. */
function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The promise's outcome, or undefined as soon as `signal` aborts, whichever comes first. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function waitOrCancel(ms: number, cancelled: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    cancelled.addEventListener('abort', finish, { once: true });
    function finish(): void {
      clearTimeout(timer);
      cancelled.removeEventListener('abort', finish);
      resolve();
    }
  });
}
