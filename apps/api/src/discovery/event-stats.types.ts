import { EdtfScalar } from '../graphql/edtf.scalar';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'How many records of a period carry one CAMEO QuadClass.' })
export class QuadClassCount {
  @Field(() => Int, {
    description:
      'CAMEO QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.',
  })
  quadClass!: number;
  @Field(() => Int, { description: 'Records of the period in this class.' }) count!: number;
}

@ObjectType({
  description:
    'The records a filter selects that fall in one period (the dyad-period aggregate of event-data research).',
})
export class EventStatsBucket {
  @Field(() => EdtfScalar, {
    description:
      'The period, an EDTF year, month or day ("2015", "2015-07", "2015-07-20"). A record falls in the finest period, no finer than the interval, that holds its whole date: "2015" stays "2015" by MONTH and DAY (see docs/api.md).',
  })
  period!: string;
  @Field(() => Int, { description: 'Records in the period.' }) count!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean Goldstein score of its records with a CAMEO code; null when none has one.',
  })
  goldsteinMean!: number | null;
  @Field(() => [QuadClassCount], {
    description:
      'Records per CAMEO QuadClass, classes with none left out (records without a CAMEO code are in none).',
  })
  byQuadClass!: QuadClassCount[];
}
