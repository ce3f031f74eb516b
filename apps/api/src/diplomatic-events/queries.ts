import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type {
  PageRequest,
  RecordView,
  RevisionView,
  TimelineFilter,
  TimelineOrder,
  TimelinePage,
} from '@app/projections';
import { ReadSide } from '../infrastructure/read-side';

export class GetEvent {
  constructor(
    readonly id: string,
    readonly knownAt?: string,
  ) {}
}
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
  async execute({ filter, order, page, knownAt }: ListEvents) {
    return this.readSide.timeline.page(filter, order, page, knownAt);
  }
}

@QueryHandler(CountEvents)
export class CountEventsHandler implements IQueryHandler<CountEvents, number> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ filter, knownAt }: CountEvents) {
    return this.readSide.timeline.count(filter, knownAt);
  }
}

@QueryHandler(GetEventHistory)
export class GetEventHistoryHandler implements IQueryHandler<GetEventHistory, RevisionView[]> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ id, knownAt }: GetEventHistory) {
    return this.readSide.timeline.history(id, knownAt);
  }
}
