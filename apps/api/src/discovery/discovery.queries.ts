import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type {
  HeldCountry,
  HeldDyad,
  StatsBucket,
  StatsInterval,
  TimelineFilter,
} from '@app/projections';
import { ReadSide } from '@app/application';
import { MAX_STATS_BUCKETS } from './discovery-args';

export class ListHeldCountries {}
export class ListDyads {
  constructor(
    readonly limit: number,
    readonly country?: string,
  ) {}
}

@QueryHandler(ListHeldCountries)
export class ListHeldCountriesHandler implements IQueryHandler<ListHeldCountries, HeldCountry[]> {
  constructor(private readonly readSide: ReadSide) {}
  execute(): Promise<HeldCountry[]> {
    return this.readSide.answers.get('["countries"]', async () =>
      this.readSide.aggregates.countries(),
    );
  }
}

@QueryHandler(ListDyads)
export class ListDyadsHandler implements IQueryHandler<ListDyads, HeldDyad[]> {
  constructor(private readonly readSide: ReadSide) {}
  execute({ limit, country }: ListDyads): Promise<HeldDyad[]> {
    return this.readSide.answers.get(JSON.stringify(['dyads', limit, country]), async () =>
      this.readSide.aggregates.dyads(limit, country),
    );
  }
}

export class CountEventStats {
  constructor(
    readonly filter: TimelineFilter,
    readonly interval: StatsInterval,
    readonly knownAt?: string,
  ) {}
}

@QueryHandler(CountEventStats)
export class CountEventStatsHandler implements IQueryHandler<CountEventStats, StatsBucket[]> {
  constructor(private readonly readSide: ReadSide) {}
  execute({ filter, interval, knownAt }: CountEventStats): Promise<StatsBucket[]> {
    // One more than the limit tells the resolver the answer would be too long.
    const key = JSON.stringify(['stats', filter, interval, knownAt]);
    return this.readSide.answers.get(key, async () =>
      this.readSide.timeline.stats(filter, interval, MAX_STATS_BUCKETS + 1, knownAt),
    );
  }
}
