import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DatedChange, RelationshipView, SeriesPoint } from '@app/projections';
import { ReadSide } from '@app/application';

export class GetRelationship {
  constructor(
    readonly countries: readonly string[],
    readonly asOf: string,
    readonly knownAt: string,
  ) {}
}
export class GetRelationshipChanges {
  constructor(
    readonly countries: readonly string[],
    readonly from: string,
    readonly to: string,
    readonly knownAt: string,
  ) {}
}

export class GetRelationshipSeries {
  constructor(
    readonly countries: readonly string[],
    readonly days: readonly string[],
    readonly knownAt: string,
  ) {}
}

@QueryHandler(GetRelationshipSeries)
export class GetRelationshipSeriesHandler implements IQueryHandler<
  GetRelationshipSeries,
  SeriesPoint[]
> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ countries, days, knownAt }: GetRelationshipSeries) {
    return this.readSide.relationships.series(countries, days, knownAt);
  }
}

@QueryHandler(GetRelationship)
export class GetRelationshipHandler implements IQueryHandler<GetRelationship, RelationshipView> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ countries, asOf, knownAt }: GetRelationship) {
    return this.readSide.relationships.at(countries, asOf, knownAt);
  }
}

@QueryHandler(GetRelationshipChanges)
export class GetRelationshipChangesHandler implements IQueryHandler<
  GetRelationshipChanges,
  DatedChange[]
> {
  constructor(private readonly readSide: ReadSide) {}
  async execute({ countries, from, to, knownAt }: GetRelationshipChanges) {
    return this.readSide.relationships.changes(countries, from, to, knownAt);
  }
}
