import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EffectTypeEnum, EventKindEnum } from './enums';

/*
 * class-validator checks shapes and sizes at the edge; the domain (parseRecordInput and friends)
 * then checks meaning: EDTF dates, country codes, CAMEO codes, effect rules.
 */

@InputType()
export class ParticipantInput {
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) role?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(3) country?: string;
}

@InputType()
export class SourceInput {
  @Field() @IsString() @Length(1, 500) title!: string;
  @Field() @IsString() @Length(1, 200) publisher!: string;
  @Field(() => String, { nullable: true, description: 'EDTF date.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  publishedOn?: string;
  @Field(() => String, { nullable: true, description: 'http(s) URL.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  quote?: string;
}

@InputType()
export class PloverInput {
  @Field() @IsString() @Length(1, 64) event!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) mode?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  context?: string;
}

@InputType({ description: 'A typed effect; give exactly the fields its `type` needs.' })
export class EffectInput {
  @Field(() => EffectTypeEnum) type!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) level?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(3) of?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(3) in?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) status?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) topic?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() held?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  service?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  providedBy?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  imposedBy?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) list?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(3) country?: string;
}

@InputType({ description: 'A new record. Give `id` to make retries idempotent.' })
export class RecordEventInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field(() => EventKindEnum) kind!: string;
  @Field() @IsString() @Length(1, 300) title!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;
  @Field({ description: 'EDTF, e.g. 2022-04-21, 2018-05, 2018, 2016-03-20/2016-03-22.' })
  @IsString()
  @MaxLength(64)
  occurred!: string;
  @Field(() => [String], { description: 'ISO 3166-1 alpha-3 codes.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @MaxLength(3, { each: true })
  countries!: string[];
  @Field(() => [ParticipantInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantInput)
  participants?: ParticipantInput[];
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
  @Field(() => String, { nullable: true, description: 'CAMEO event code, e.g. "046".' })
  @IsOptional()
  @IsString()
  @MaxLength(4)
  cameo?: string;
  @Field(() => PloverInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PloverInput)
  plover?: PloverInput;
  @Field(() => [EffectInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EffectInput)
  effects?: EffectInput[];
  @Field(() => [SourceInput], { description: 'At least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceInput)
  sources!: SourceInput[];
  @Field(() => [String], { nullable: true })
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
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int, { description: 'The revision the change was made against.' })
  @IsInt()
  @Min(1)
  expectedRevision!: number;
  @Field() @IsString() @Length(1, 1000) reason!: string;
}

@InputType()
export class RetractEventInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int) @IsInt() @Min(1) expectedRevision!: number;
  @Field() @IsString() @Length(1, 1000) reason!: string;
}
