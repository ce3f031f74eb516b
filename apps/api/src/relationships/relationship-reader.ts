import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { RecordView, RelationshipView, SeriesPoint } from '@app/projections';
import { GetEvent } from '../diplomatic-events/queries';
import { toGraphqlEvent } from '../diplomatic-events/to-graphql';
import { GetRelationship, GetRelationshipSeries } from './relationship.queries';
import type { Relationship } from './relationship.types';

/** Builds the `Relationship` answer, for the query and for the live subscription alike. */
@Injectable()
export class RelationshipReader {
  constructor(private readonly queries: QueryBus) {}

  async stateOf(
    countries: readonly string[],
    asOf: string,
    knownAt: string,
  ): Promise<Relationship> {
    const view = await this.queries.execute<GetRelationship, RelationshipView>(
      new GetRelationship(countries, asOf, knownAt),
    );
    const last = view.lastEventId ? await this.record(view.lastEventId, knownAt) : undefined;
    return toRelationship(countries, asOf, knownAt, view, last);
  }

  /**
   * The states on each of `days`, from one pass over the group's history; the latest record of
   * each is read once however many states name it (consecutive dates mostly share it).
   */
  async seriesOf(
    countries: readonly string[],
    days: readonly string[],
    knownAt: string,
  ): Promise<Relationship[]> {
    const points = await this.queries.execute<GetRelationshipSeries, SeriesPoint[]>(
      new GetRelationshipSeries(countries, days, knownAt),
    );
    const records = new Map<string, Promise<RecordView | undefined>>();
    const recordOf = (id: string) => {
      let record = records.get(id);
      if (!record) records.set(id, (record = this.record(id, knownAt)));
      return record;
    };
    return Promise.all(
      points.map(async (point) => {
        const last = point.lastEventId ? await recordOf(point.lastEventId) : undefined;
        return toRelationship(countries, point.asOf, knownAt, point, last);
      }),
    );
  }

  private record(id: string, knownAt: string): Promise<RecordView | undefined> {
    return this.queries.execute<GetEvent, RecordView | undefined>(new GetEvent(id, knownAt));
  }
}

function toRelationship(
  countries: readonly string[],
  asOf: string,
  knownAt: string,
  view: RelationshipView,
  last: RecordView | undefined,
): Relationship {
  return {
    id: `${countries.join('-')}@${asOf}@${knownAt}`,
    between: [...countries],
    asOf,
    knownAt: new Date(knownAt),
    relations: view.state.relations ? { ...view.state.relations } : undefined,
    embassies: view.state.embassies.map((i) => ({ ...i })),
    dialogues: view.state.dialogues.map((i) => ({ ...i })),
    agreements: view.state.agreements.map((i) => ({ ...i })),
    consularServices: view.state.consularServices.map((i) => ({ ...i })),
    sanctions: view.state.sanctions.map((i) => ({ ...i })),
    designations: view.state.designations.map((i) => ({ ...i })),
    eventCount: view.eventCount,
    lastEvent: last ? toGraphqlEvent(last, knownAt) : null,
  };
}
