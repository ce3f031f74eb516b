import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../diplomatic-events/graphql/outputs';

@ObjectType({ description: 'A country the archive holds records about.' })
export class Country {
  @Field({ description: 'ISO 3166-1 alpha-3 code, or a withdrawn one history uses (SUN, YUG…).' })
  code!: string;
  @Field({
    description:
      'English short name (from the i18n-iso-countries tables; withdrawn codes from ISO 3166-3).',
  })
  name!: string;
  @Field(() => Int, { description: 'Active records involving this country.' })
  eventCount!: number;
  @Field({
    description:
      'First day (ISO date) its earliest record, in valid-time order, may have happened.',
  })
  firstOccurred!: string;
  @Field({
    description: 'Last day (ISO date) its latest record, in valid-time order, may have happened.',
  })
  lastOccurred!: string;
}

@ObjectType({ description: 'One country of a page, with its cursor (Relay).' })
export class CountryEdge {
  @Field({ description: 'Opaque position of this country in the list (by code).' }) cursor!: string;
  @Field(() => Country, { description: 'The country.' }) node!: Country;
}

@ObjectType({ description: 'A page of the countries the archive holds, by code (Relay).' })
export class CountryConnection {
  @Field(() => [CountryEdge], { description: 'The countries of this page, by code.' })
  edges!: CountryEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many countries match the filter, over all pages.' })
  totalCount!: number;
}

@InputType({ description: 'Which countries to list.' })
export class CountryFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Countries whose code or English name contains this text (up to 100 characters; case and accents ignored).',
  })
  text?: string;
}

@ObjectType({ description: 'A pair of countries the archive holds records about.' })
export class Dyad {
  @Field(() => [String], { description: 'The two alpha-3 codes, sorted.' }) countries!: string[];
  @Field(() => Int, { description: 'Active records involving both countries.' })
  eventCount!: number;
  @Field({
    description:
      'First day (ISO date) their earliest record, in valid-time order, may have happened.',
  })
  firstOccurred!: string;
  @Field({
    description: 'Last day (ISO date) their latest record, in valid-time order, may have happened.',
  })
  lastOccurred!: string;
}
