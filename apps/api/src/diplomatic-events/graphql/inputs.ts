import { EdtfScalar } from '../../graphql/edtf.scalar';
import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EffectInput } from './effect.input';
import { EventKindEnum } from './enums';

/*
 * class-validator checks shapes and sizes at the edge; the domain (parseRecordInput and friends)
 * then checks meaning: EDTF dates, country codes, CAMEO codes, effect rules.
 */

@InputType({ description: 'A person or body who took part.' })
export class ParticipantInput {
  @Field({ description: 'Name of the person or body, 1 to 200 characters.' })
  @IsString()
  @Length(1, 200)
  name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Their role or office, up to 200 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;
  @Field(() => String, {
    nullable: true,
    description: 'The country they represent (ISO 3166-1 alpha-3).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  country?: string;
}

@InputType({ description: 'Where a fact comes from.' })
export class SourceInput {
  @Field({ description: 'Title of the article, document or page, 1 to 500 characters.' })
  @IsString()
  @Length(1, 500)
  title!: string;
  @Field({ description: 'Who published it, 1 to 200 characters.' })
  @IsString()
  @Length(1, 200)
  publisher!: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'Date of publication: an EDTF (Library of Congress Extended Date/Time Format, level 1) string.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  publishedOn?: string;
  @Field(() => String, { nullable: true, description: 'Where to read it: an http(s) URL.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;
  @Field(() => String, {
    nullable: true,
    description: 'The passage that supports the record, up to 2000 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  quote?: string;
}

@InputType({ description: 'PLOVER event, mode and context.' })
export class PloverInput {
  @Field({ description: 'PLOVER event type, e.g. CONSULT.' })
  @IsString()
  @Length(1, 64)
  event!: string;
  @Field(() => String, { nullable: true, description: 'PLOVER mode, e.g. visit.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  mode?: string;
  @Field(() => String, { nullable: true, description: 'PLOVER context, e.g. diplomatic.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  context?: string;
}

@InputType({ description: 'A new record. Give `id` to make retries idempotent.' })
export class RecordEventInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'A UUID chosen by the client, for idempotent retries: the same id with the same facts returns the existing record; with other facts it is refused.',
  })
  @IsOptional()
  @IsUUID()
  id?: string;
  @Field(() => EventKindEnum, { description: 'What kind of event it is.' }) kind!: string;
  @Field({ description: 'One-line title, 1 to 300 characters.' })
  @IsString()
  @Length(1, 300)
  title!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What happened, up to 5000 characters; default empty.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;
  @Field(() => EdtfScalar, {
    description:
      'When it happened (valid time): an EDTF (Library of Congress Extended Date/Time Format, level 1) string, e.g. 2022-04-21, 2018-05, 2018, 2016-03-20/2016-03-22.',
  })
  @IsString()
  @MaxLength(64)
  occurred!: string;
  @Field(() => [String], {
    description:
      'The countries involved: 1 to 12 ISO 3166-1 alpha-3 codes; at least 2 when there are effects or the kind is TALKS, VISIT, AGREEMENT, DIPLOMATIC_RELATIONS or EMBASSY_OPERATIONS.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @MaxLength(3, { each: true })
  countries!: string[];
  @Field(() => [ParticipantInput], {
    nullable: true,
    description: 'People and bodies who took part, at most 100.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants?: ParticipantInput[];
  @Field(() => String, { nullable: true, description: 'Where it happened, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'CAMEO event code, a string, e.g. "046"; its name, Goldstein score and QuadClass are derived from it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4)
  cameo?: string;
  @Field(() => PloverInput, { nullable: true, description: 'PLOVER classification.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PloverInput)
  plover?: PloverInput;
  @Field(() => [EffectInput], {
    nullable: true,
    description: 'Changes the event makes to the relationship between its countries, at most 50.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EffectInput)
  effects?: EffectInput[];
  @Field(() => [SourceInput], { description: 'Where the facts come from: 1 to 50 sources.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceInput)
  sources!: SourceInput[];
  @Field(() => [String], { nullable: true, description: 'Free tags (slugs), at most 20.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tags?: string[];
}

@InputType({ description: 'Changes to a record: only the fields given change.' })
export class AmendEventInput extends PartialType(
  OmitType(RecordEventInput, ['id'] as const),
  InputType,
) {
  @Field(() => ID, { description: 'The record to change.' }) @IsUUID() id!: string;
  @Field(() => Int, {
    description:
      'The revision the change was made against; if the record has moved on, the change is refused with CONFLICT.',
  })
  @IsInt()
  @Min(1)
  expectedRevision!: number;
  @Field({ description: 'Why it changes, 1 to 1000 characters; kept in the history.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

@InputType({ description: 'Withdraws a record; it stays readable in its history.' })
export class RetractEventInput {
  @Field(() => ID, { description: 'The record to retract.' }) @IsUUID() id!: string;
  @Field(() => Int, {
    description:
      'The revision the retraction was made against; if the record has moved on, it is refused with CONFLICT.',
  })
  @IsInt()
  @Min(1)
  expectedRevision!: number;
  @Field({ description: 'Why it is retracted, 1 to 1000 characters; kept in the history.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
