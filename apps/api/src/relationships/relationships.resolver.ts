import { EdtfScalar } from '../graphql/edtf.scalar';
import { Inject, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DatedChange, RecordView } from '@app/projections';
import { ReaderGuard } from '../auth/guards';
import { GetEvent } from '../diplomatic-events/queries';
import { DiplomaticEvent } from '../diplomatic-events/graphql/outputs';
import { toGraphqlEvent } from '../diplomatic-events/to-graphql';
import { CLOCK, type Clock } from '@app/application';
import { CHANGES_PAGE } from '../graphql/operation-guard';
import { encodeCursor } from '../diplomatic-events/cursor';
import { asOfDay, changesPage, dayOf, parseBetween, BETWEEN_ARG } from './relationship-args';
import { GetRelationshipChanges } from './relationship.queries';
import { RelationshipReader } from './relationship-reader';
import { ASPECT_VALUE, Relationship, RelationshipChange } from './relationship.types';

@Resolver(() => Relationship)
export class RelationshipsResolver {
  /** Change lists worked out for a request, forgotten with it (see `allChanges`). */
  private readonly changesByRequest = new WeakMap<object, Map<string, Promise<DatedChange[]>>>();

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
    @Args('between', BETWEEN_ARG)
    between: string[],
    @Args('asOf', {
      type: () => EdtfScalar,
      nullable: true,
      description:
        'The valid-time date to replay to: an EDTF (Library of Congress Extended Date/Time Format, level 1) day, month or year, read as its last day (the state at the end of that day); default today.',
    })
    asOf?: string,
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description: 'Read the archive as it stood at this instant (RFC 3339); default now.',
    })
    knownAt?: Date,
  ): Promise<Relationship> {
    const countries = parseBetween(between);
    const now = this.clock();
    const day = asOfDay(asOf, now.toISOString().slice(0, 10));
    return this.relationships.stateOf(countries, day, (knownAt ?? now).toISOString());
  }

  @Query(() => [RelationshipChange], {
    description: `Each change of relationship state between two valid-time dates (EDTF), in order: at most \`first\` (default ${CHANGES_PAGE.default}, at most ${CHANGES_PAGE.max}) after the change whose \`cursor\` is \`after\`. A cursor keeps the \`knownAt\` of the first page, so later pages read the same archive.`,
  })
  @UseGuards(ReaderGuard)
  async relationshipChanges(
    @Args('between', BETWEEN_ARG)
    between: string[],
    @Args('from', {
      type: () => EdtfScalar,
      nullable: true,
      description:
        'Changes from the first day of this EDTF (Library of Congress Extended Date/Time Format, level 1) date; default no lower bound.',
    })
    from?: string,
    @Args('to', {
      type: () => EdtfScalar,
      nullable: true,
      description:
        'Changes up to the last day of this EDTF (Library of Congress Extended Date/Time Format, level 1) date; default no upper bound.',
    })
    to?: string,
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description:
        "Read the archive as it stood at this instant (RFC 3339); default now; with `after`, the cursor's own instant, which this must equal if given.",
    })
    knownAt?: Date,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `Page size, default ${CHANGES_PAGE.default}, at most ${CHANGES_PAGE.max}.`,
    })
    first?: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The `cursor` of the last item of the previous page.',
    })
    after?: string,
    @Context() request?: object,
  ): Promise<RelationshipChange[]> {
    const countries = parseBetween(between);
    const page = changesPage(first, after, knownAt?.toISOString());
    const at = page.knownAt ?? (knownAt ?? this.clock()).toISOString();
    const [fromDay, toDay] = [
      dayOf(from, 'from', 'start', '0000-01-01'),
      dayOf(to, 'to', 'end', '9999-12-31'),
    ];
    const changes = (await this.allChanges(request, countries, at)).filter(
      (c) => c.day >= fromDay && c.day <= toDay,
    );
    return changes.slice(page.offset, page.offset + page.size).map(({ day, ...change }, i) => ({
      date: day,
      ...change,
      aspect: ASPECT_VALUE[change.aspect],
      knownAt: at,
      cursor: encodeCursor([at, page.offset + i + 1]),
    }));
  }

  /**
   * Every change of a group's history as known at `at`, worked out once per request: the work
   * grows with the group's history, not with the page, so aliases asking for other dates or
   * pages of the same group share it instead of multiplying it.
   */
  private allChanges(
    request: object | undefined,
    countries: string[],
    at: string,
  ): Promise<DatedChange[]> {
    const run = () =>
      this.queries.execute<GetRelationshipChanges, DatedChange[]>(
        new GetRelationshipChanges(countries, '0000-01-01', '9999-12-31', at),
      );
    if (!request) return run();
    let known = this.changesByRequest.get(request);
    if (!known) this.changesByRequest.set(request, (known = new Map()));
    const key = `${countries.join(',')}@${at}`;
    let changes = known.get(key);
    if (!changes) known.set(key, (changes = run()));
    return changes;
  }
}

@Resolver(() => RelationshipChange)
export class RelationshipChangeResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => DiplomaticEvent, {
    nullable: true,
    description: "The record that caused it, as known at the list's `knownAt`.",
  })
  async event(@Parent() change: RelationshipChange): Promise<DiplomaticEvent | null> {
    if (!change.eventId) return null;
    const view = await this.queries.execute<GetEvent, RecordView | undefined>(
      new GetEvent(change.eventId, change.knownAt),
    );
    return view ? toGraphqlEvent(view, change.knownAt) : null;
  }
}
