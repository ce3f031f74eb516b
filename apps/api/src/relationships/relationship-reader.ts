import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { RecordView, RelationshipView } from '@app/projections';
import { GetEvent } from '../diplomatic-events/queries';
import { toGraphqlEvent } from '../diplomatic-events/to-graphql';
import { GetRelationship } from './relationship.queries';
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
    const last = view.lastEventId
      ? await this.queries.execute<GetEvent, RecordView | undefined>(
          new GetEvent(view.lastEventId, knownAt),
        )
      : undefined;
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
}
