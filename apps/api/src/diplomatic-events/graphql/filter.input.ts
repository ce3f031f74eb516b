import { EdtfScalar } from '../../graphql/edtf.scalar';
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
    description: 'Records involving all of these countries (ISO 3166-1 alpha-3).',
  })
  countries?: string[];
  @Field(() => [EventKindEnum], { nullable: true, description: 'Records of any of these kinds.' })
  kinds?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Records whose CAMEO code has any of these two-digit roots (01 to 20).',
  })
  cameoRoots?: string[];
  @Field(() => [Int], {
    nullable: true,
    description: 'Records whose CAMEO QuadClass is any of these (1 to 4).',
  })
  quadClasses?: number[];
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'Start of a valid-time range: an EDTF (Library of Congress Extended Date/Time Format, level 1) day, month or year; records whose date interval ends on or after its first day.',
  })
  occurredFrom?: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'End of a valid-time range: an EDTF (Library of Congress Extended Date/Time Format, level 1) day, month or year; records whose date interval starts on or before its last day.',
  })
  occurredTo?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search, up to 200 characters and 20 words: records whose title, summary or participants contain every word (as a word or the start of one).',
  })
  text?: string;
  @Field(() => [String], { nullable: true, description: 'Records carrying any of these tags.' })
  tags?: string[];
  @Field(() => [String], {
    nullable: true,
    description:
      'Imported records of any of these research datasets (provenance dataset slugs, e.g. gdelt, icews, cow-dipex).',
  })
  datasets?: string[];
  @Field(() => Boolean, {
    nullable: true,
    description: 'Include retracted records (default false).',
  })
  includeRetracted?: boolean;
}
