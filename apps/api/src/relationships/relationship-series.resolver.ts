import { EdtfScalar } from '../graphql/edtf.scalar';
import { Inject, UseGuards } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { MAX_SERIES_POINTS, type StatsIntervalName } from '@app/domain';
import { CLOCK, type Clock } from '@app/application';
import { ReaderGuard } from '../auth/guards';
import { StatsIntervalEnum } from '../diplomatic-events/graphql/enums';
import { parseBetween, seriesDaysOf, BETWEEN_ARG } from './relationship-args';
import { RelationshipReader } from './relationship-reader';
import { Relationship } from './relationship.types';

const EDTF = 'EDTF (Library of Congress Extended Date/Time Format, level 1)';

@Resolver(() => Relationship)
export class RelationshipSeriesResolver {
  constructor(
    private readonly relationships: RelationshipReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [Relationship], {
    description: `The relationship as of many dates in one answer, each equal to \`relationship(asOf)\` on its date (with its \`asOf\`): either the end of each year, month or day from \`from\` to \`to\`, or each date of \`at\`, in the order given. Computed in one pass over the group's history, not one replay per date; at most ${MAX_SERIES_POINTS} dates.`,
  })
  @UseGuards(ReaderGuard)
  async relationshipSeries(
    @Args('between', BETWEEN_ARG)
    between: string[],
    @Args('from', {
      type: () => EdtfScalar,
      nullable: true,
      description: `With \`to\`: the series starts with the period holding the first day of this ${EDTF} date.`,
    })
    from?: string,
    @Args('to', {
      type: () => EdtfScalar,
      nullable: true,
      description: `With \`from\`: the series ends with the period holding the last day of this ${EDTF} date.`,
    })
    to?: string,
    @Args('every', {
      type: () => StatsIntervalEnum,
      nullable: true,
      description:
        'With `from` and `to`: one state at the end of each year (default), month or day.',
    })
    every?: StatsIntervalName,
    @Args('at', {
      type: () => [EdtfScalar],
      nullable: true,
      description: `Instead of \`from\` and \`to\`: the ${EDTF} dates to replay to, each a day, month or year read as its last day, as \`asOf\` is.`,
    })
    at?: string[],
    @Args('knownAt', {
      type: () => Date,
      nullable: true,
      description: 'Read the archive as it stood at this instant (RFC 3339); default now.',
    })
    knownAt?: Date,
  ): Promise<Relationship[]> {
    const countries = parseBetween(between);
    const days = seriesDaysOf({ from, to, every, at });
    return this.relationships.seriesOf(countries, days, (knownAt ?? this.clock()).toISOString());
  }
}
