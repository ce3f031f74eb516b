import { Field, InputType, Int } from '@nestjs/graphql';
import { EventKindEnum } from './enums';

/*
 * No class-validator rules here: the filter is checked by the domain's parseEventFilter, which
 * the HTTP feed uses too, so both refuse the same filters with the same messages.
 */
@InputType({ description: 'Which records to list. All given conditions must hold.' })
export class EventFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Records involving ALL of these (alpha-3).',
  })
  countries?: string[];
  @Field(() => [EventKindEnum], { nullable: true, description: 'Any of these kinds.' })
  kinds?: string[];
  @Field(() => [String], { nullable: true, description: 'Any of these two-digit CAMEO roots.' })
  cameoRoots?: string[];
  @Field(() => [Int], { nullable: true, description: 'Any of these QuadClasses (1-4).' })
  quadClasses?: number[];
  @Field(() => String, {
    nullable: true,
    description: 'EDTF day, month or year: records whose date interval ends on or after its start.',
  })
  occurredFrom?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'EDTF day, month or year: records whose date interval starts on or before its end.',
  })
  occurredTo?: string;
  @Field(() => String, { nullable: true, description: 'Words in title, summary or participants.' })
  text?: string;
  @Field(() => [String], { nullable: true, description: 'Records carrying any of these tags.' })
  tags?: string[];
  @Field(() => Boolean, {
    nullable: true,
    description: 'Include retracted records (default false).',
  })
  includeRetracted?: boolean;
}
