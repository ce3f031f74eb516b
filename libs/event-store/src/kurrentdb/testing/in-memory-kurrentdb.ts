import { Readable } from 'node:stream';
import {
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentDbClient } from '../kurrentdb-client';

interface Recorded {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly revision: bigint;
  readonly position: bigint;
  readonly created: Date;
}

type ClientParams<M extends keyof KurrentDbClient> = Parameters<KurrentDbClient[M]>;

/**
 * A stand-in for a KurrentDB server behind the client API, as the adapter relies on it: `$all`
 * reads include their start position, backward reads and subscriptions exclude it, positions
 * grow by uneven steps, the server writes `$`-events of its own, and a retried append (same ids
 * at the same place) returns the original result. `dropSubscriptions` simulates a lost leader.
 */
export class InMemoryKurrentDb {
  readonly log: Recorded[] = [];
  readonly subscribeCalls: ReadPosition[] = [];
  appendCalls = 0;
  private readonly live = new Set<FakeSubscription>();
  private nextPosition = 1000n;

  constructor(
    private readonly options: {
      /** Write a `$stats-…` event after every n-th recorded event. */
      readonly systemEventEvery?: number;
      /** Deliver the event at the subscription's start position again, as a careless server might. */
      readonly subscriptionRepeatsStart?: boolean;
    } = {},
  ) {
    this.record('$settings', '$settings', {});
  }

  readonly client: KurrentDbClient = {
    appendToStream: async (...args: ClientParams<'appendToStream'>) => this.append(...args),
    readStream: ((stream: string, options: ClientParams<'readStream'>[1] = {}) =>
      this.readStream(stream, options)) as KurrentDbClient['readStream'],
    readAll: ((options: ClientParams<'readAll'>[0] = {}) =>
      this.readAll(options)) as KurrentDbClient['readAll'],
    subscribeToAll: (options = {}) => this.subscribe(options.fromPosition ?? START, options.filter),
    dispose: async () => this.dropSubscriptions(),
  };

  /** Ends every live subscription: with `error` as a failure, without it as the server closing. */
  dropSubscriptions(error?: Error): void {
    for (const subscription of [...this.live]) {
      if (error) subscription.destroy(error);
      else subscription.end();
    }
    this.live.clear();
  }

  private record(
    streamId: string,
    type: string,
    data: unknown,
    id: string = crypto.randomUUID(),
    metadata?: unknown,
  ) {
    const revision = BigInt(this.log.filter((e) => e.streamId === streamId).length);
    const event: Recorded = {
      streamId,
      id,
      type,
      data,
      metadata,
      revision,
      position: this.nextPosition,
      created: new Date(),
    };
    this.nextPosition += 97n + BigInt(JSON.stringify(data ?? null).length);
    this.log.push(event);
    return event;
  }

  private async append(
    stream: string,
    input: EventData | EventData[],
    { streamState = 'any' }: { streamState?: AppendStreamState } = {},
  ): Promise<AppendResult> {
    this.appendCalls += 1;
    const events = Array.isArray(input) ? input : [input];
    const existing = this.log.filter((e) => e.streamId === stream);
    const current = BigInt(existing.length) - 1n;
    const retried = this.retried(existing, events, streamState);
    if (retried)
      return {
        success: true,
        nextExpectedRevision: retried.revision,
        position: { commit: retried.position, prepare: retried.position },
      };
    const conflict =
      (streamState === 'no_stream' && current >= 0n) ||
      (streamState === 'stream_exists' && current < 0n) ||
      (typeof streamState === 'bigint' && streamState !== current);
    if (conflict) {
      throw new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected: streamState,
        current: current < 0n ? 'no_stream' : current,
      });
    }
    let last: Recorded | undefined;
    for (const event of events)
      last = this.record(stream, event.type, event.data, event.id, event.metadata);
    const every = this.options.systemEventEvery;
    if (every && this.log.length % every === 0)
      this.record(`$stats-${this.log.length}`, 'StatsCollected', {});
    this.wake();
    return {
      success: true,
      nextExpectedRevision: last!.revision,
      position: { commit: last!.position, prepare: last!.position },
    };
  }

  private retried(
    existing: Recorded[],
    events: EventData[],
    state: AppendStreamState,
  ): Recorded | undefined {
    const first =
      state === 'no_stream'
        ? 0
        : typeof state === 'bigint'
          ? Number(state) + 1
          : existing.findIndex((e) => e.id === events[0]?.id);
    if (first < 0 || first + events.length > existing.length) return undefined;
    const same = events.every((event, i) => existing[first + i]!.id === event.id);
    return same ? existing[first + events.length - 1] : undefined;
  }

  private async *readStream(
    stream: string,
    options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint },
  ): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const events = this.log.filter((e) => e.streamId === stream);
    if (events.length === 0) throw new StreamNotFoundError(undefined, stream);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? END : START);
    const ordered = backwards ? [...events].reverse() : events;
    const selected = ordered.filter(
      (e) =>
        from === START || from === END || (backwards ? e.revision <= from : e.revision >= from),
    );
    yield* selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved);
  }

  private async *readAll(options: {
    direction?: string;
    fromPosition?: ReadPosition;
    maxCount?: number | bigint;
    filter?: Filter;
  }): AsyncGenerator<AllStreamResolvedEvent> {
    await Promise.resolve();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? END : START);
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const selected = ordered.filter(
      (e) =>
        (from === START ||
          from === END ||
          (backwards ? e.position < from.commit : e.position >= from.commit)) &&
        passes(e, options.filter),
    );
    yield* selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(resolved);
  }

  private subscribe(from: ReadPosition, filter: Filter | undefined): AllStreamSubscription {
    this.subscribeCalls.push(from);
    const repeat = this.options.subscriptionRepeatsStart ? 1n : 0n;
    const after = from === START ? -1n : from === END ? this.nextPosition : from.commit - repeat;
    const subscription = new FakeSubscription(this, after, filter);
    this.live.add(subscription);
    subscription.once('close', () => this.live.delete(subscription));
    return subscription as unknown as AllStreamSubscription;
  }

  private wake(): void {
    for (const subscription of this.live) subscription.pump();
  }

  next(after: bigint, filter: Filter | undefined): Recorded | undefined {
    return this.log.find((e) => e.position > after && passes(e, filter));
  }
}

class FakeSubscription extends Readable {
  private wanting = false;

  constructor(
    private readonly server: InMemoryKurrentDb,
    private after: bigint,
    private readonly eventFilter: Filter | undefined,
  ) {
    super({ objectMode: true, highWaterMark: 4 });
  }

  override _read(): void {
    this.wanting = true;
    this.pump();
  }

  pump(): void {
    while (this.wanting && !this.destroyed) {
      const event = this.server.next(this.after, this.eventFilter);
      if (!event) return;
      this.after = event.position;
      this.wanting = this.push(resolved(event));
    }
  }

  end(): void {
    this.wanting = false;
    this.push(null);
  }

  async unsubscribe(): Promise<void> {
    this.destroy();
  }
}

function passes(event: Recorded, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const value = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(value);
  return filter.prefixes.some((prefix) => value.startsWith(prefix));
}

function resolved(event: Recorded): AllStreamResolvedEvent {
  const position = { commit: event.position, prepare: event.position };
  return {
    event: {
      ...event,
      isJson: true,
      data: event.data,
      metadata: event.metadata,
      position,
    } as AllStreamResolvedEvent['event'],
    commitPosition: event.position,
  };
}
