import { UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { countryName } from '@app/domain';
import type { HeldCountry, HeldDyad } from '@app/projections';
import { ReaderGuard } from '../auth/guards';
import { encodeCursor } from '../diplomatic-events/cursor';
import {
  COUNTRIES_PAGE,
  DYADS_PAGE,
  countryCursor,
  countryText,
  dyadCountry,
  foldText,
  pageSize,
} from './discovery-args';
import { ListDyads, ListHeldCountries } from './discovery.queries';
import { Country, CountryConnection, CountryFilter, Dyad } from './discovery.types';

/** What the archive holds: its countries and pairs, from the timeline's aggregate tables. */
@Resolver()
export class DiscoveryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CountryConnection, {
    description:
      'The countries the archive holds active records about, by code, with their English names and counts (Relay connection).',
  })
  @UseGuards(ReaderGuard)
  async countries(
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `Page size, default ${COUNTRIES_PAGE.default}, at most ${COUNTRIES_PAGE.max}.`,
    })
    first?: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The `cursor` of the last country of the previous page (`pageInfo.endCursor`).',
    })
    after?: string,
    @Args('filter', {
      type: () => CountryFilter,
      nullable: true,
      description: 'Which countries to list; default all.',
    })
    filter?: CountryFilter,
  ): Promise<CountryConnection> {
    const size = pageSize(first, COUNTRIES_PAGE);
    const text = countryText(filter?.text);
    const from = countryCursor(after);
    const held = await this.queries.execute<ListHeldCountries, HeldCountry[]>(
      new ListHeldCountries(),
    );
    // A few hundred rows at most (one per country): filtered here, where the names are.
    const matching = held
      .map((row) => ({ ...row, name: countryName(row.code) ?? row.code }))
      .filter((c) => !text || foldText(`${c.code} ${c.name}`).includes(text));
    const start = from === undefined ? 0 : matching.findIndex((c) => c.code > from);
    const rest = start < 0 ? [] : matching.slice(start);
    const edges = rest.slice(0, size).map((node: Country) => ({
      cursor: encodeCursor([node.code]),
      node,
    }));
    return {
      edges,
      totalCount: matching.length,
      pageInfo: {
        hasNextPage: rest.length > size,
        hasPreviousPage: start > 0 || (start < 0 && matching.length > 0),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Query(() => [Dyad], {
    description:
      'Pairs of countries the archive holds active records about, most records first (ties by codes).',
  })
  @UseGuards(ReaderGuard)
  async dyads(
    @Args('country', {
      type: () => String,
      nullable: true,
      description: 'Only the pairs this country (ISO 3166-1 alpha-3) is part of; default all.',
    })
    country?: string,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: `How many pairs, default ${DYADS_PAGE.default}, at most ${DYADS_PAGE.max}.`,
    })
    first?: number,
  ): Promise<Dyad[]> {
    const rows = await this.queries.execute<ListDyads, HeldDyad[]>(
      new ListDyads(pageSize(first, DYADS_PAGE), dyadCountry(country)),
    );
    return rows.map((row) => ({ ...row, countries: [...row.countries] }));
  }
}
