import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { ReaderGuard } from '../auth/guards';
import { ChangeFeed, SubscriptionSlots, type SubscriptionContext } from '../feeds';
import { CLOCK, type Clock } from '@app/application';
import { mapIterator } from './map-iterator';
import { parseBetween, BETWEEN_ARG } from './relationship-args';
import { RelationshipReader } from './relationship-reader';
import { Relationship } from './relationship.types';

/**
 * A relationship pushed as it changes: woken by the change feed for the countries in question,
 * it works the state out again and sends it only when it differs from the last one sent.
 */
@Resolver()
export class RelationshipChangedResolver {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly slots: SubscriptionSlots,
    private readonly relationships: RelationshipReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Subscription(() => Relationship, {
    description: 'The relationship as of today, pushed whenever a recorded change alters it.',
    resolve: (state: Relationship) => state,
  })
  @UseGuards(ReaderGuard)
  async relationshipChanged(
    @Context() context: SubscriptionContext,
    @Args('between', BETWEEN_ARG)
    between: string[],
  ) {
    const countries = parseBetween(between);
    const release = this.slots.claim(context.connection);
    const now = () => this.clock();
    const stateNow = () =>
      this.relationships.stateOf(countries, now().toISOString().slice(0, 10), now().toISOString());
    // What the state is known to be: only a difference from it is pushed.
    let last = comparable(await stateNow());
    const changes = this.feed.follow({ filter: { countries }, after: this.feed.position });
    return mapIterator(
      changes,
      async () => {
        const state = await stateNow();
        const key = comparable(state);
        if (key === last) return undefined;
        last = key;
        return state;
      },
      release,
    );
  }
}

/** A state as compared with the last one sent: when it was known, and the last event in full, do not count. */
const comparable = (state: Relationship): string => {
  const { knownAt: _, lastEvent, ...rest } = state;
  return JSON.stringify({ ...rest, lastEvent: lastEvent?.id });
};
