import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from 'class-validator';
import { EventKindEnum } from './enums';

@InputType({ description: 'Which records to list. All given conditions must hold.' })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: 'Records involving ALL of these (alpha-3).' })
  @IsOptional()
  @ArrayMaxSize(12)
  countries?: string[];
  @Field(() => [EventKindEnum], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: string[];
  @Field(() => [String], { nullable: true, description: 'Any of these two-digit CAMEO roots.' })
  @IsOptional()
  @ArrayMaxSize(20)
  cameoRoots?: string[];
  @Field(() => [Int], { nullable: true, description: 'Any of these QuadClasses (1-4).' })
  @IsOptional()
  @ArrayMaxSize(4)
  quadClasses?: number[];
  @Field(() => String, {
    nullable: true,
    description: 'EDTF day, month or year: records whose date interval ends on or after its start.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  occurredFrom?: string;
  @Field(() => String, {
    nullable: true,
    description: 'EDTF day, month or year: records whose date interval starts on or before its end.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  occurredTo?: string;
  @Field(() => String, { nullable: true, description: 'Words in title, summary or participants.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  text?: string;
  @Field(() => [String], { nullable: true, description: 'Records carrying any of these tags.' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[];
  @Field(() => Boolean, { nullable: true, description: 'Include retracted records (default false).' })
  @IsOptional()
  includeRetracted?: boolean;
}
