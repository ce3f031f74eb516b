import { UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { DomainError, type StatsIntervalName } from '@app/domain';
import type { StatsBucket } from '@app/projections';
import { ReaderGuard } from '../auth/guards';
import { toTimelineFilter } from '../diplomatic-events/event-filter';
import { StatsIntervalEnum } from '../diplomatic-events/graphql/enums';
import { EventFilter } from '../diplomatic-events/graphql/filter.input';
import { MAX_STATS_BUCKETS } from './discovery-args';
import { CountEventStats } from './discovery.queries';
import { EventStatsBucket } from './event-stats.types';

@Resolver()
export class EventStatsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [EventStatsBucket], {
    description: `Records a filter selects, counted per year, month or day, in order of period; periods without records are left out. The counts add up to the filter's \`totalCount\` in \`events\`. At most ${MAX_STATS_BUCKETS} periods: a filter spanning more is refused (narrow its dates or choose a longer interval).`,
  })
  @UseGuards(ReaderGuard)
  async eventStats(
    @Args('interval', {
      type: () => StatsIntervalEnum,
      description: 'Count per year, month or day.',
    })
    interval: StatsIntervalName,
    @Args('filter', {
      type: () => EventFilter,
      nullable: true,
      description: 'Which records to count, as in `events`; default all active records.',
    })
    filter?: EventFilter,
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description: 'Read the archive as it stood at this instant (RFC 3339); default now.',
    })
    knownAt?: Date,
  ): Promise<EventStatsBucket[]> {
    const buckets = await this.queries.execute<CountEventStats, StatsBucket[]>(
      new CountEventStats(toTimelineFilter(filter), interval, knownAt?.toISOString()),
    );
    if (buckets.length > MAX_STATS_BUCKETS) {
      throw DomainError.invalid([
        {
          path: 'interval',
          message: `the records span more than ${MAX_STATS_BUCKETS} periods by ${interval}: narrow filter.occurredFrom and filter.occurredTo, or count by a longer interval`,
        },
      ]);
    }
    return buckets.map((b) => ({ ...b, byQuadClass: b.byQuadClass.map((q) => ({ ...q })) }));
  }
}
