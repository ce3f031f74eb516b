import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  type AppendResult as ClientAppendResult,
  type Position,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { START as LOG_START } from '../event-store.port';
import { prepareAppend } from '../validate-append';
import { lastApplicationPosition, readAllAfter } from './all-stream';
import type { KurrentDbClient } from './kurrentdb-client';
import { openResubscribingSubscription } from './kurrentdb-subscription';
import { requirePosition, toGlobalPosition, toReadPosition } from './positions';
import {
  checkCount,
  checkGlobalPosition,
  checkReadStreamOptions,
  checkSubscribeOptions,
  checkUserStream,
} from './read-validation';
import { DEFAULT_RESUBSCRIBE_POLICY, type ResubscribePolicy } from './resubscribe-policy';
import { toActualRevision, toRevision, toStreamState } from './revisions';
import { toEventData, toStoredEvent } from './stored-events';
import { toAppendError, toReadStreamError } from './vendor-errors';

export interface KurrentDbEventStoreOptions {
  /** Largest event (data + metadata JSON) accepted; the server's own append limit still applies. */
  readonly maxEventBytes?: number;
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** Told about every resubscription, e.g. to log it. */
  readonly onResubscribe?: (error: unknown, attempt: number, delayMs: number) => void;
}

export interface OpenKurrentDbEventStoreOptions extends KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`, or several hosts for a cluster. */
  readonly connectionString: string;
}

/** Opens the KurrentDB (EventStoreDB 22.10+) adapter; the connection itself is made lazily. */
export async function openKurrentDbEventStore(
  options: OpenKurrentDbEventStoreOptions,
): Promise<KurrentDbEventStore> {
  const { connectionString, ...storeOptions } = options;
  const client = KurrentDBClient.connectionString(connectionString);
  return new KurrentDbEventStore(client, storeOptions);
}

/** The EventStore port on KurrentDB, through the official gRPC client. */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventSubscription>();
  /** Head reads pinning `'end'` subscriptions; appends wait for them (see subscribeToAll). */
  private readonly pendingEnds = new Set<Promise<unknown>>();
  private readonly policy: ResubscribePolicy;
  private closed = false;

  constructor(
    private readonly client: KurrentDbClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.policy = { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.resubscribe };
  }

  async appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(stream, events, options?.expectedRevision, this.options);
    checkUserStream(stream, prepared);
    const expected = options.expectedRevision;
    if (this.pendingEnds.size > 0) await Promise.allSettled([...this.pendingEnds]);
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(stream, prepared.map(toEventData), {
        streamState: toStreamState(expected),
      });
    } catch (error) {
      throw toAppendError(error, stream, expected);
    }
    if (!result.success) {
      throw new ConcurrencyError(stream, expected, toActualRevision(result.nextExpectedRevision));
    }
    return {
      nextExpectedRevision: toRevision(result.nextExpectedRevision),
      position: toGlobalPosition(
        result.position ?? (await this.positionOfRevision(stream, result.nextExpectedRevision)),
      ),
    };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    checkUserStream(stream);
    checkReadStreamOptions(options);
    const direction = options.direction ?? 'forwards';
    const fromRevision =
      options.fromRevision !== undefined
        ? BigInt(options.fromRevision)
        : direction === 'forwards'
          ? START
          : END;
    // Reading one event still tells a missing stream from an existing one.
    const maxCount = options.maxCount === 0 ? 1 : (options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const events: StoredEvent[] = [];
    try {
      const reading = this.client.readStream(stream, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision,
        maxCount,
      });
      for await (const resolved of reading) {
        if (resolved.event) events.push(toStoredEvent(resolved.event, requirePosition(resolved)));
      }
    } catch (error) {
      throw toReadStreamError(error, stream);
    }
    return options.maxCount === 0 ? [] : events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const after = options.fromPosition ?? LOG_START;
    checkGlobalPosition('fromPosition', after);
    if (options.maxCount !== undefined) checkCount('maxCount', options.maxCount);
    return readAllAfter(this.client, after, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    checkSubscribeOptions(options);
    const from = options.fromPosition ?? LOG_START;
    const start = (): Promise<ReadPosition> =>
      from === 'end' ? this.pinEnd() : Promise.resolve(toReadPosition(from));
    const subscription = openResubscribingSubscription({
      client: this.client,
      start,
      filter: options.filter,
      policy: this.policy,
      onResubscribe: this.options.onResubscribe,
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * `'end'` is pinned to the head position once, so that a resubscription cannot skip what came
   * after it. Reading the head is a round trip, so appends made through this store after the
   * subscribe call wait for it: they are then certain to land after the pinned position.
   */
  private pinEnd(): Promise<ReadPosition> {
    const pinned = this.headPosition().then(toReadPosition);
    const settled = pinned.then(
      () => undefined,
      () => undefined,
    );
    this.pendingEnds.add(settled);
    void settled.then(() => this.pendingEnds.delete(settled));
    return pinned;
  }

  /** The position of the last application event, found by reading `$all` backwards. */
  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return lastApplicationPosition(this.client);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Servers that answer an append without a position still return it on a read. */
  private async positionOfRevision(stream: string, revision: bigint): Promise<Position> {
    for await (const resolved of this.client.readStream(stream, {
      fromRevision: revision,
      maxCount: 1,
    })) {
      return requirePosition(resolved);
    }
    throw new Error(`Event ${revision} of stream "${stream}" was appended but cannot be read`);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The KurrentDB event store is closed');
  }
}
