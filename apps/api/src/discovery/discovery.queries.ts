import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { HeldCountry, HeldDyad } from '@app/projections';
import { ReadSide } from '@app/application';

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
