import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { type EventStore } from '@app/event-store';
import { ReaderGuard } from '../auth/guards';
import { toTimelineFilter } from '../diplomatic-events/event-filter';
import { EventFilter } from '../diplomatic-events/graphql/filter.input';
import { EVENT_STORE } from '@app/application';
import { ChangeFeed } from './change-feed';
import { parseCursor, toCursor } from './cursor';
import { deliver } from './delivery';
import { EventChangeMapping } from './event-change-mapping';
import { EventChange } from './event-change.types';
import { SlowConsumers } from './slow-consumers';
import { SubscriptionSlots, type SubscriptionContext } from './subscription-slots';

@Resolver()
export class FeedsResolver {
  constructor(
    private readonly feed: ChangeFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly slowConsumers: SlowConsumers,
    private readonly slots: SubscriptionSlots,
    private readonly mapping: EventChangeMapping,
  ) {}

  @Subscription(() => EventChange, {
    description:
      'Changes matching the filter: with `after`, every change after that cursor in log order, then live; without, live only.',
    resolve: (change: EventChange) => change,
  })
  @UseGuards(ReaderGuard)
  async eventChanges(
    @Context() context: SubscriptionContext,
    @Args('filter', {
      type: () => EventFilter,
      nullable: true,
      description: 'Which records to follow, as for `events`; default all.',
    })
    filter?: EventFilter,
    @Args('after', {
      type: () => String,
      nullable: true,
      description:
        'The `cursor` of the last change received ("0" for the whole log): every change after it comes first. Default: live changes only.',
    })
    after?: string,
  ) {
    const timelineFilter = toTimelineFilter(filter);
    const from = parseCursor(after, await this.store.headPosition()) ?? this.feed.position;
    const release = this.slots.claim(context.connection);
    return deliver(this.feed.followPages({ filter: timelineFilter, after: from }), {
      connection: context.connection,
      slowConsumers: this.slowConsumers,
      map: this.mapping.ofPage,
      cursorOf: (change) => change.cursor,
      initialCursor: toCursor(from),
      release,
    });
  }
}
