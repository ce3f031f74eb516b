import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { StoredEvent } from '@app/event-store';
import { Projector, ResultCache, type ChangeView, type TimelineFilter } from '@app/projections';
import { ReadSide } from '@app/application';

const PAGE = 200;

/** An iterator that can always be returned early (a client leaving). */
export type Follower<T> = AsyncIterableIterator<T> & {
  return(value?: unknown): Promise<IteratorResult<T>>;
};

export interface FollowOptions {
  readonly filter: TimelineFilter;
  /** Deliver changes strictly after this log position. */
  readonly after: bigint;
}

/**
 * Change feeds read from this node's read model, by log position. Backlog and live delivery are
 * the same loop — read what follows the cursor, wait for the projector, read again — so there is
 * no handover to get wrong: nothing is skipped or sent twice, whatever the timing of appends.
 * Each follower reads at its consumer's pace and holds at most one page of its own in memory.
 */
@Injectable()
export class ChangeFeed implements BeforeApplicationShutdown {
  private generation = 0;
  /** Followers waiting for the projector, woken together by `signal`. */
  private readonly waiting = new Set<() => void>();
  private readonly active = new Set<Stop>();
  private closed = false;
  private shutdown: Promise<void> | undefined;
  /**
   * Live tails read since the projector last applied events. Followers at the same cursor with
   * the same filter (every live subscriber of a popular feed, after each append) share one read
   * and the same change objects instead of querying the read model one by one. Full pages
   * (a backlog being caught up) are rarely shared and are not kept.
   */
  private readonly tails = new ResultCache(() => BigInt(this.generation), 256);

  constructor(
    private readonly readSide: ReadSide,
    projector: Projector,
  ) {
    projector.onApplied((events: readonly StoredEvent[]) => {
      if (events.some((e) => e.type.startsWith('DiplomaticEvent'))) this.signal();
    });
  }

  /** The read model's position: where a live-only follower starts. */
  get position(): bigint {
    return this.readSide.projector.position;
  }

  /** Feeds currently open (GraphQL subscriptions and HTTP streams). */
  get followers(): number {
    return this.active.size;
  }

  /** The changes after `options.after`, one at a time (see `followPages`). */
  follow(options: FollowOptions): AsyncIterableIterator<ChangeView> {
    const pages = this.followPages(options);
    let page: readonly ChangeView[] = [];
    let index = 0;
    let ended = false;
    const closed = () => this.closed;
    return {
      async next() {
        while (index >= page.length) {
          if (ended) return { done: true, value: undefined };
          const result = await pages.next();
          if (result.done) return result;
          page = result.value;
          index = 0;
        }
        // Ended while this page was being served (the consumer left, or shutdown): stop here.
        if (ended || closed()) return { done: true, value: undefined };
        return { done: false, value: page[index++] };
      },
      return: async (value?: unknown) => {
        ended = true;
        page = [];
        await pages.return(value);
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * The changes after `options.after`, a page at a time as they are read: a backlog in pages
   * of up to 200, live changes as the projector applies them. A consumer that sends each
   * change on its own (a WebSocket subscriber) walks a page without a turn per change.
   */
  followPages(options: FollowOptions): Follower<readonly ChangeView[]> {
    const stop = new Stop();
    const pages = this.run(options, stop);
    // A generator waiting for the next change cannot be returned until it yields, so an
    // unsubscribing client stops it to end the wait at once.
    return {
      next: () => pages.next(),
      return: (value?: unknown) => {
        stop.stop();
        return pages.return(value as undefined);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Wakes every follower without a change, e.g. so that it can notice it was stopped. */
  signal(): void {
    this.generation += 1;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const wake of waiting) wake();
  }

  /**
   * Runs before the HTTP server closes its sockets: every feed ends, so subscribers receive a
   * `complete` (and HTTP feeds their end) instead of a dropped connection.
   */
  beforeApplicationShutdown(): Promise<void> {
    // Called by Nest and by the WebSocket server (which must close its sockets after this).
    this.shutdown ??= this.endAll();
    return this.shutdown;
  }

  private async endAll(): Promise<void> {
    this.closed = true;
    for (const stop of this.active) stop.stop();
    const deadline = Date.now() + 2_000;
    while (this.active.size > 0 && Date.now() < deadline) await sleep(10);
    // Let the final `complete` messages reach the network before sockets close.
    await sleep(100);
  }

  private read(cursor: bigint, filter: TimelineFilter, filterKey: string): readonly ChangeView[] {
    const key = `${cursor}|${filterKey}`;
    const shared = this.tails.peek(key);
    if (shared) return shared as readonly ChangeView[];
    const page = this.readSide.timeline.changesAfter(cursor, filter, PAGE);
    if (page.length < PAGE) this.tails.get(key, () => page);
    return page;
  }

  private async *run(
    { filter, after }: FollowOptions,
    stop: Stop,
  ): AsyncGenerator<readonly ChangeView[]> {
    let cursor = after;
    const filterKey = JSON.stringify(filter);
    this.active.add(stop);
    try {
      while (!stop.stopped && !this.closed) {
        const seen = this.generation;
        const page = this.read(cursor, filter, filterKey);
        if (page.length > 0) {
          if (stop.stopped || this.closed) return;
          cursor = page[page.length - 1].position;
          yield page;
        }
        // A full page means more is waiting; otherwise sleep until the projector applies more
        // (unless it already did while this page was read: the read is synchronous, so no signal
        // can come between this check and the wait).
        if (page.length < PAGE && seen === this.generation) await stop.waitIn(this.waiting);
      }
    } finally {
      this.active.delete(stop);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How a follower is stopped: at once, even while it waits for the projector. Racing each wait
 * against one promise that settles only at the end would attach a reaction to it per wait,
 * kept until the follower ends: a live subscriber would grow by one per change it received.
 * A stopped follower also leaves the set of waiters, so nothing of it stays behind.
 */
class Stop {
  stopped = false;
  private interrupt: (() => void) | undefined;

  stop(): void {
    this.stopped = true;
    this.interrupt?.();
  }

  /** Joins `waiting` until woken from it or stopped, whichever comes first. */
  waitIn(waiting: Set<() => void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.interrupt = undefined;
        resolve();
      };
      this.interrupt = () => {
        waiting.delete(wake);
        resolve();
      };
      waiting.add(wake);
    });
  }
}
