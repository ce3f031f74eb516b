import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type {
  PageRequest,
  RecordView,
  RevisionView,
  TimelineFilter,
  TimelineOrder,
  TimelinePage,
} from '@app/projections';
import { ReadSide } from '@app/application';

export class GetEvent {
  constructor(
    readonly id: string,
    readonly knownAt?: string,
  ) {}
}
/** Timeline pages and counts are the reads repeated between writes, so their answers are kept (see ReadSide.answers). */
export class ListEvents {
  constructor(
    readonly filter: TimelineFilter,
    readonly order: TimelineOrder,
    readonly page: PageRequest,
    readonly knownAt?: string,
  ) {}
}
export class CountEvents {
  constructor(
    readonly filter: TimelineFilter,
    readonly knownAt?: string,
  ) {}
}
export class GetEventHistory {
  constructor(
    readonly id: string,
    readonly knownAt?: string,
  ) {}
}

@QueryHandler(GetEvent)
export class GetEventHandler implements IQueryHandler<GetEvent, RecordView | undefined> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ id, knownAt }: GetEvent) {
    return this.readSide.timeline.findEvent(id, knownAt);
  }
}

@QueryHandler(ListEvents)
export class ListEventsHandler implements IQueryHandler<ListEvents, TimelinePage> {
  constructor(private readonly readSide: ReadSide) {}
  execute({ filter, order, page, knownAt }: ListEvents): Promise<TimelinePage> {
    // Keyed by the normalised arguments: equivalent requests share one answer.
    const key = JSON.stringify(['events', filter, order, page, knownAt]);
    return this.readSide.answers.get(key, async () =>
      this.readSide.timeline.page(filter, order, page, knownAt),
    );
  }
}

@QueryHandler(CountEvents)
export class CountEventsHandler implements IQueryHandler<CountEvents, number> {
  constructor(private readonly readSide: ReadSide) {}
  execute({ filter, knownAt }: CountEvents): Promise<number> {
    const key = JSON.stringify(['count', filter, knownAt]);
    return this.readSide.answers.get(key, async () =>
      this.readSide.timeline.count(filter, knownAt),
    );
  }
}

@QueryHandler(GetEventHistory)
export class GetEventHistoryHandler implements IQueryHandler<GetEventHistory, RevisionView[]> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ id, knownAt }: GetEventHistory) {
    return this.readSide.timeline.history(id, knownAt);
  }
}
