import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { EffectTypeEnum } from './enums';

/** One effect of a record on the relationship between its countries; checked in the domain. */
@InputType({ description: 'A typed effect; give exactly the fields its `type` needs.' })
export class EffectInput {
  @Field(() => EffectTypeEnum, { description: 'Which aspect of the relationship it changes.' })
  type!: string;
  @Field(() => String, { nullable: true, description: 'RELATIONS: a RelationsLevel.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  level?: string;
  @Field(() => String, { nullable: true, description: 'EMBASSY: sending country (alpha-3).' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  of?: string;
  @Field(() => String, {
    nullable: true,
    description: 'EMBASSY: host country (alpha-3), not the sending one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  in?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'All types but RELATIONS: the new status, a value of the enum that fits the type (EmbassyStatus, DialogueStatus, AgreementStatus, ConsularStatus, SanctionsStatus or DesignationStatus).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  status?: string;
  @Field(() => String, { nullable: true, description: 'DIALOGUE: topic slug, e.g. migration.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'DIALOGUE: true when the event is a round of the dialogue (sets `lastHeld`).',
  })
  @IsOptional()
  @IsBoolean()
  held?: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'AGREEMENT: name of the agreement; SANCTIONS: name of the regime, e.g. embargo.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
  @Field(() => String, {
    nullable: true,
    description: 'CONSULAR: service slug, e.g. immigrant-visas.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  service?: string;
  @Field(() => String, { nullable: true, description: 'CONSULAR: providing country (alpha-3).' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  providedBy?: string;
  @Field(() => String, { nullable: true, description: 'SANCTIONS: imposing country (alpha-3).' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  imposedBy?: string;
  @Field(() => String, {
    nullable: true,
    description: 'DESIGNATION: list slug, e.g. state-sponsors-of-terrorism.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  list?: string;
  @Field(() => String, { nullable: true, description: 'DESIGNATION: listed country (alpha-3).' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  country?: string;
}
