import { Inject, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DatedChange, RecordView } from '@app/projections';
import { ReaderGuard } from '../auth/guards';
import { GetEvent } from '../diplomatic-events/queries';
import { DiplomaticEvent } from '../diplomatic-events/graphql/outputs';
import { toGraphqlEvent } from '../diplomatic-events/to-graphql';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { asOfDay, dayOf, parseBetween } from './relationship-args';
import { GetRelationshipChanges } from './relationship.queries';
import { RelationshipReader } from './relationship-reader';
import { Relationship, RelationshipChange } from './relationship.types';

@Resolver(() => Relationship)
export class RelationshipsResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly relationships: RelationshipReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => Relationship, {
    description:
      'Relations between countries as of a valid-time date (EDTF day, month or year; default today), as the archive knew them at knownAt (default now).',
  })
  @UseGuards(ReaderGuard)
  async relationship(
    @Args('between', { type: () => [String] }) between: string[],
    @Args('asOf', { type: () => String, nullable: true }) asOf?: string,
    @Args('knownAt', { type: () => Date, nullable: true }) knownAt?: Date,
  ): Promise<Relationship> {
    const countries = parseBetween(between);
    const now = this.clock();
    const day = asOfDay(asOf, now.toISOString().slice(0, 10));
    return this.relationships.stateOf(countries, day, (knownAt ?? now).toISOString());
  }

  @Query(() => [RelationshipChange], {
    description: 'Each change of relationship state between two valid-time dates (EDTF), in order.',
  })
  @UseGuards(ReaderGuard)
  async relationshipChanges(
    @Args('between', { type: () => [String] }) between: string[],
    @Args('from', { type: () => String, nullable: true }) from?: string,
    @Args('to', { type: () => String, nullable: true }) to?: string,
    @Args('knownAt', { type: () => Date, nullable: true }) knownAt?: Date,
  ): Promise<RelationshipChange[]> {
    const countries = parseBetween(between);
    const at = (knownAt ?? this.clock()).toISOString();
    const changes = await this.queries.execute<GetRelationshipChanges, DatedChange[]>(
      new GetRelationshipChanges(
        countries,
        dayOf(from, 'from', 'start', '0000-01-01'),
        dayOf(to, 'to', 'end', '9999-12-31'),
        at,
      ),
    );
    return changes.map(({ day, ...change }) => ({ date: day, ...change, knownAt: at }));
  }
}

@Resolver(() => RelationshipChange)
export class RelationshipChangeResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => DiplomaticEvent, { nullable: true })
  async event(@Parent() change: RelationshipChange): Promise<DiplomaticEvent | null> {
    if (!change.eventId) return null;
    const view = await this.queries.execute<GetEvent, RecordView | undefined>(
      new GetEvent(change.eventId, change.knownAt),
    );
    return view ? toGraphqlEvent(view, change.knownAt) : null;
  }
}
