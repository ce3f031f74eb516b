import { UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver, ID } from '@nestjs/graphql';
import { DomainError } from '@app/domain';
import type { RecordView, RevisionView, TimelinePage } from '@app/projections';
import { ChangeDiplomaticEvent, type Actor, type CommandResult } from '@app/application';
import { CurrentActor, EditorGuard, ReaderGuard } from '../auth/guards';
import { decodeCursor, encodeCursor } from './cursor';
import { toTimelineFilter } from './event-filter';
import { EventOrderEnum } from './graphql/enums';
import { EventFilter } from './graphql/filter.input';
import { AmendEventInput, RecordEventInput, RetractEventInput } from './graphql/inputs';
import { DiplomaticEvent, DiplomaticEventConnection, Revision } from './graphql/outputs';
import { CountEvents, GetEvent, GetEventHistory, ListEvents } from './queries';
import { parseVersionId, toGraphqlEvent } from './to-graphql';

export const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 20;
const KEY_LENGTH = { OCCURRED_ASC: 3, OCCURRED_DESC: 3, RECORDED_ASC: 1, RECORDED_DESC: 1 };

@Resolver(() => DiplomaticEvent)
export class DiplomaticEventsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * The connection made of each page, for as long as the page lives: a page the query cache
   * answers again is the same object, so its connection is mapped once, not on every request.
   */
  private readonly connections = new WeakMap<TimelinePage, DiplomaticEventConnection>();

  @Query(() => DiplomaticEvent, {
    nullable: true,
    description: 'One record, as it stands or stood at `knownAt`.',
  })
  @UseGuards(ReaderGuard)
  async event(
    @Args('id', { type: () => ID, description: 'The record id, a UUID.' }) id: string,
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description: 'Read the archive as it stood at this instant (RFC 3339); default now.',
    })
    knownAt?: Date,
  ): Promise<DiplomaticEvent | null> {
    let at = knownAt?.toISOString();
    let recordId = id;
    const version = parseVersionId(id);
    if (version) {
      // A version's identity: read the archive as it stood when that revision was recorded.
      const history = await this.queries.execute<GetEventHistory, RevisionView[]>(
        new GetEventHistory(version.recordId, at),
      );
      const revision = history.find((r) => r.revision === version.revision);
      if (!revision) return null;
      recordId = version.recordId;
      at = revision.recordedAt;
    }
    const view = await this.queries.execute<GetEvent, RecordView | undefined>(
      new GetEvent(recordId, at),
    );
    return view ? toGraphqlEvent(view, at) : null;
  }

  @Query(() => DiplomaticEventConnection, {
    description: 'A page of the timeline (Relay connection).',
  })
  @UseGuards(ReaderGuard)
  async events(
    @Args('filter', {
      type: () => EventFilter,
      nullable: true,
      description: 'Which records to list; default all active records.',
    })
    filter?: EventFilter,
    @Args('orderBy', {
      type: () => EventOrderEnum,
      nullable: true,
      description: 'Order of the timeline; default OCCURRED_ASC.',
    })
    orderBy?: keyof typeof KEY_LENGTH,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}; reads forwards. Not with \`last\`.`,
    })
    first?: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The `cursor` of the last item of the previous page (`pageInfo.endCursor`).',
    })
    after?: string,
    @Args('last', {
      type: () => Int,
      nullable: true,
      description: `Page size reading backwards, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}. Not with \`first\`.`,
    })
    last?: number,
    @Args('before', {
      type: () => String,
      nullable: true,
      description:
        'The `cursor` of the first item of the next page (`pageInfo.startCursor`), to read backwards.',
    })
    before?: string,
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description: 'Read the archive as it stood at this instant (RFC 3339); default now.',
    })
    knownAt?: Date,
  ): Promise<DiplomaticEventConnection> {
    const order = orderBy ?? 'OCCURRED_ASC';
    const timelineFilter = toTimelineFilter(filter);
    const page = pageRequest(order, first, after, last, before);
    const at = knownAt?.toISOString();
    const result = await this.queries.execute<ListEvents, TimelinePage>(
      new ListEvents(timelineFilter, order, page, at),
    );
    let connection = this.connections.get(result);
    if (!connection) {
      const edges = result.items.map((item) => ({
        cursor: encodeCursor(item.key),
        node: toGraphqlEvent(item.record, at),
      }));
      connection = {
        edges,
        pageInfo: {
          hasNextPage: result.hasNextPage,
          hasPreviousPage: result.hasPreviousPage,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        counting: { filter: timelineFilter, knownAt: at },
      };
      this.connections.set(result, connection);
    }
    return connection;
  }

  @ResolveField(() => [Revision], { description: 'Every revision, oldest first, up to `knownAt`.' })
  async history(@Parent() event: DiplomaticEvent): Promise<Revision[]> {
    const revisions = await this.queries.execute<GetEventHistory, RevisionView[]>(
      new GetEventHistory(event.recordId, event.knownAt),
    );
    return revisions.map((r) => ({
      ...r,
      recordedAt: new Date(r.recordedAt),
      changedFields: [...r.changedFields],
    }));
  }

  @Mutation(() => DiplomaticEvent, {
    description: 'Records a new event; idempotent when `id` is given.',
  })
  @UseGuards(EditorGuard)
  async recordEvent(
    @Args('input', { description: 'The new record.' }) input: RecordEventInput,
    @CurrentActor() actor: Actor,
  ): Promise<DiplomaticEvent> {
    const { id } = await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(
      new ChangeDiplomaticEvent('RecordDiplomaticEvent', input, actor),
    );
    return this.current(id);
  }

  @Mutation(() => DiplomaticEvent, {
    description: 'Changes some fields of a record, with a reason.',
  })
  @UseGuards(EditorGuard)
  async amendEvent(
    @Args('input', {
      description: 'The record, the revision it is based on, and the fields to change.',
    })
    input: AmendEventInput,
    @CurrentActor() actor: Actor,
  ): Promise<DiplomaticEvent> {
    const { id } = await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(
      new ChangeDiplomaticEvent('AmendDiplomaticEvent', input, actor),
    );
    return this.current(id);
  }

  @Mutation(() => DiplomaticEvent, {
    description: 'Withdraws a record; its history stays readable.',
  })
  @UseGuards(EditorGuard)
  async retractEvent(
    @Args('input', { description: 'The record, the revision it is based on, and why.' })
    input: RetractEventInput,
    @CurrentActor() actor: Actor,
  ): Promise<DiplomaticEvent> {
    const { id } = await this.commands.execute<ChangeDiplomaticEvent, CommandResult>(
      new ChangeDiplomaticEvent('RetractDiplomaticEvent', input, actor),
    );
    return this.current(id);
  }

  /** Read-your-writes: the command returned after this node projected the change. */
  private async current(id: string): Promise<DiplomaticEvent> {
    const view = await this.queries.execute<GetEvent, RecordView | undefined>(new GetEvent(id));
    if (!view) throw new Error(`record ${id} is missing from the read model after its command`);
    return toGraphqlEvent(view);
  }
}

function pageRequest(
  order: keyof typeof KEY_LENGTH,
  first?: number | null,
  after?: string | null,
  last?: number | null,
  before?: string | null,
) {
  const issues = [];
  if (first != null && last != null)
    issues.push({ path: 'last', message: 'give first or last, not both' });
  if (after != null && before != null)
    issues.push({ path: 'before', message: 'give after or before, not both' });
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      issues.push({ path: name, message: `must be between 0 and ${MAX_PAGE_SIZE}` });
    }
  }
  if (issues.length) throw DomainError.invalid(issues);
  const backwards = last != null || (before != null && first == null);
  const cursor = backwards ? before : after;
  return {
    size: (backwards ? last : first) ?? DEFAULT_PAGE_SIZE,
    backwards,
    cursor:
      cursor == null
        ? undefined
        : decodeCursor(cursor, backwards ? 'before' : 'after', KEY_LENGTH[order]),
  };
}

@Resolver(() => DiplomaticEventConnection)
export class DiplomaticEventConnectionResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => Int, { description: 'Records matching the filter, over all pages.' })
  async totalCount(@Parent() connection: DiplomaticEventConnection): Promise<number> {
    const { filter, knownAt } = connection.counting;
    return this.queries.execute<CountEvents, number>(new CountEvents(filter, knownAt));
  }
}
