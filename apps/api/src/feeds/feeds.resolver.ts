import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { type EventStore } from '@app/event-store';
import type { ChangeView } from '@app/projections';
import { ReaderGuard } from '../auth/guards';
import { toTimelineFilter } from '../diplomatic-events/event-filter';
import { EventFilter } from '../diplomatic-events/graphql/filter.input';
import { FeedEvent } from '../diplomatic-events/to-graphql';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE, type Clock } from '../infrastructure/tokens';
import { parseBetween } from '../relationships/relationship-args';
import { RelationshipReader } from '../relationships/relationship-reader';
import { Relationship } from '../relationships/relationship.types';
import { ChangeFeed } from './change-feed';
import { deliver, SlowConsumers, type ConnectionState } from './connection-limits';
import { parseCursor, toCursor } from './cursor';
import { EventChange } from './event-change.types';
import { mapIterator } from './map-iterator';

interface SubscriptionContext {
  connection?: ConnectionState;
}

export function toEventChange(change: ChangeView): EventChange {
  return {
    cursor: toCursor(change.position),
    type: change.changeType,
    event: new FeedEvent(change.record),
    recordedAt: change.recordedAt,
  };
}

/**
 * Each page of changes is mapped once for all the live subscribers that receive it (they share
 * the pages of one read, see ChangeFeed), as they take it, and the mapping lives as long as the
 * page. Kept per page rather than per change: a backlog maps hundreds of thousands of changes,
 * and a weak entry per change is a cost of its own (measured: ~5% of a catch-up).
 */
const mappedPages = new WeakMap<readonly ChangeView[], EventChange[]>();

export function pageChanges(page: readonly ChangeView[]): (index: number) => EventChange {
  let mapped = mappedPages.get(page);
  if (!mapped) {
    mapped = [];
    mappedPages.set(page, mapped);
  }
  const changes = mapped;
  return (index) => (changes[index] ??= toEventChange(page[index]));
}

/** Each change's JSON, made once for every HTTP follower that sends it. */
const changeJson = new WeakMap<ChangeView, string>();

export function toEventChangeJson(change: ChangeView): string {
  let json = changeJson.get(change);
  if (json === undefined) {
    json = JSON.stringify(toEventChange(change));
    changeJson.set(change, json);
  }
  return json;
}

@Resolver()
export class FeedsResolver {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly relationships: RelationshipReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly slowConsumers: SlowConsumers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Subscription(() => EventChange, {
    description:
      'Changes matching the filter: with `after`, every change after that cursor in log order, then live; without, live only.',
    resolve: (change: EventChange) => change,
  })
  @UseGuards(ReaderGuard)
  async eventChanges(
    @Context() context: SubscriptionContext,
    @Args('filter', { type: () => EventFilter, nullable: true }) filter?: EventFilter,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    const timelineFilter = toTimelineFilter(filter);
    const from = parseCursor(after, await this.store.headPosition()) ?? this.feed.position;
    const release = this.claimSlot(context.connection);
    return deliver(this.feed.followPages({ filter: timelineFilter, after: from }), {
      connection: context.connection,
      slowConsumers: this.slowConsumers,
      map: pageChanges,
      cursorOf: (change) => change.cursor,
      initialCursor: toCursor(from),
      release,
    });
  }

  @Subscription(() => Relationship, {
    description: 'The relationship as of today, pushed whenever a recorded change alters it.',
    resolve: (state: Relationship) => state,
  })
  @UseGuards(ReaderGuard)
  async relationshipChanged(
    @Context() context: SubscriptionContext,
    @Args('between', { type: () => [String] }) between: string[],
  ) {
    const countries = parseBetween(between);
    const release = this.claimSlot(context.connection);
    const now = () => this.clock();
    const stateNow = () => this.relationships.stateOf(countries, now().toISOString().slice(0, 10), now().toISOString());
    // What the state is known to be: only a difference from it is pushed.
    let last = comparable(await stateNow());
    const changes = this.feed.follow({ filter: { countries }, after: this.feed.position });
    return mapIterator(changes, async () => {
      const state = await stateNow();
      const key = comparable(state);
      if (key === last) return undefined;
      last = key;
      return state;
    }, release);
  }

  /** Counts a subscription against its connection's cap; returns the release. */
  private claimSlot(connection: ConnectionState | undefined): () => void {
    if (!connection) return () => undefined;
    const { maxSubscriptionsPerConnection } = this.config.feedLimits;
    if (connection.subscriptions >= maxSubscriptionsPerConnection) {
      throw new GraphQLError(
        `At most ${maxSubscriptionsPerConnection} subscriptions per connection`,
        { extensions: { code: 'RATE_LIMITED' } },
      );
    }
    connection.subscriptions += 1;
    let released = false;
    return () => {
      if (!released) connection.subscriptions -= 1;
      released = true;
    };
  }
}

const comparable = (state: Relationship): string => {
  const { knownAt: _, lastEvent, ...rest } = state;
  return JSON.stringify({ ...rest, lastEvent: lastEvent?.id });
};
