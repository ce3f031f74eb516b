import type { TimelineFilter } from '@app/projections';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ChangeTypeEnum, EffectTypeEnum, EventKindEnum, RecordStatusEnum } from './enums';

@ObjectType({ description: 'A person who took part, with their role and country.' })
export class Participant {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) role?: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3.' }) country?: string;
}

@ObjectType({ description: 'Where a fact comes from.' })
export class Source {
  @Field() title!: string;
  @Field() publisher!: string;
  @Field(() => String, { nullable: true, description: 'EDTF date of publication.' })
  publishedOn?: string;
  @Field(() => String, { nullable: true }) url?: string;
  @Field(() => String, { nullable: true }) quote?: string;
}

@ObjectType({ description: 'CAMEO classification; Goldstein and QuadClass derive from the code.' })
export class Cameo {
  @Field({ description: 'The CAMEO event code, a string ("010" and "10" differ).' }) code!: string;
  @Field() name!: string;
  @Field({ description: 'Two-digit root code.' }) root!: string;
  @Field(() => Float, { nullable: true }) goldstein?: number;
  @Field(() => Int) quadClass!: number;
}

@ObjectType({ description: 'PLOVER event, mode and context.' })
export class Plover {
  @Field() event!: string;
  @Field(() => String, { nullable: true }) mode?: string;
  @Field(() => String, { nullable: true }) context?: string;
}

@ObjectType({
  description:
    'A typed change to the relationship between the countries of an event. Only the fields of its `type` are set.',
})
export class Effect {
  @Field(() => EffectTypeEnum) type!: string;
  @Field(() => String, { nullable: true, description: 'RELATIONS: RelationsLevel.' })
  level?: string;
  @Field(() => String, { nullable: true, description: 'EMBASSY: sending country.' }) of?: string;
  @Field(() => String, { nullable: true, description: 'EMBASSY: host country.' }) in?: string;
  @Field(() => String, {
    nullable: true,
    description: "The new status, from the enum that fits the effect's type.",
  })
  status?: string;
  @Field(() => String, { nullable: true, description: 'DIALOGUE: topic slug.' }) topic?: string;
  @Field(() => Boolean, { nullable: true, description: 'DIALOGUE: a round was held.' })
  held?: boolean;
  @Field(() => String, { nullable: true, description: 'AGREEMENT / SANCTIONS: name.' })
  name?: string;
  @Field(() => String, { nullable: true, description: 'CONSULAR: service slug.' }) service?: string;
  @Field(() => String, { nullable: true, description: 'CONSULAR: providing country.' })
  providedBy?: string;
  @Field(() => String, { nullable: true, description: 'SANCTIONS: imposing country.' })
  imposedBy?: string;
  @Field(() => String, { nullable: true, description: 'DESIGNATION: list slug.' }) list?: string;
  @Field(() => String, { nullable: true, description: 'DESIGNATION: listed country.' })
  country?: string;
}

@ObjectType({ description: 'One revision of a record: what changed, why, when and by whom.' })
export class Revision {
  @Field(() => Int) revision!: number;
  @Field(() => ChangeTypeEnum) changeType!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => String, { nullable: true }) recordedBy?: string | null;
  @Field(() => [String], { description: 'Fields an amendment changed.' }) changedFields!: string[];
}

@ObjectType({ description: 'A recorded diplomatic event, as it stands (or stood at `knownAt`).' })
export class DiplomaticEvent {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1 when first recorded, +1 per amendment or retraction.' })
  revision!: number;
  @Field(() => RecordStatusEnum) status!: string;
  @Field(() => EventKindEnum) kind!: string;
  @Field() title!: string;
  @Field() summary!: string;
  @Field({ description: 'When it happened (valid time), as EDTF.' }) occurred!: string;
  @Field({ description: 'First day the EDTF value covers (ISO date).' }) occurredStart!: string;
  @Field({ description: 'Last day the EDTF value covers (ISO date).' }) occurredEnd!: string;
  @Field({ description: 'day, month, year, interval or other.' }) occurredPrecision!: string;
  @Field(() => [String], { description: 'ISO 3166-1 alpha-3 codes.' }) countries!: string[];
  @Field(() => [Participant]) participants!: Participant[];
  @Field(() => String, { nullable: true }) location?: string;
  @Field(() => Cameo, { nullable: true }) cameo?: Cameo;
  @Field(() => Plover, { nullable: true }) plover?: Plover;
  @Field(() => [Effect]) effects!: Effect[];
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [String]) tags!: string[];
  @Field(() => Date, { description: 'When the archive first recorded it (transaction time).' })
  recordedAt!: Date | string;
  @Field(() => String, { nullable: true, description: 'Name of the token that recorded it.' })
  recordedBy?: string | null;
  @Field(() => Date, { description: 'When this revision was recorded.' }) updatedAt!: Date | string;
  /** Transaction time this view was read at; history is cut there too. */
  knownAt?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor?: string | null;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class DiplomaticEventEdge {
  @Field() cursor!: string;
  @Field(() => DiplomaticEvent) node!: DiplomaticEvent;
}

@ObjectType({ description: 'A page of records (Relay connection).' })
export class DiplomaticEventConnection {
  @Field(() => [DiplomaticEventEdge]) edges!: DiplomaticEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** What `totalCount` counts; counted only when a client asks for it. */
  counting!: { readonly filter: TimelineFilter; readonly knownAt?: string };
}
