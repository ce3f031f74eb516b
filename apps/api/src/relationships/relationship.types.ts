import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DiplomaticEvent } from '../diplomatic-events/graphql/outputs';
import {
  AgreementStatusEnum,
  ConsularStatusEnum,
  DesignationStatusEnum,
  DialogueStatusEnum,
  EmbassyStatusEnum,
  RelationsLevelEnum,
  SanctionsStatusEnum,
} from '../diplomatic-events/graphql/enums';

@ObjectType({ isAbstract: true })
abstract class StateItem {
  @Field({ description: 'EDTF date of the event that set this item.' }) since!: string;
  @Field({
    description:
      'False when asOf falls inside the imprecise date of an event deciding this item, or when two such events overlap with different values.',
  })
  certain!: boolean;
  @Field(() => ID, { description: 'The record that set this item.' }) eventId!: string;
}

@ObjectType()
export class RelationsState extends StateItem {
  @Field(() => RelationsLevelEnum) level!: string;
}

@ObjectType()
export class EmbassyState extends StateItem {
  @Field({ description: 'Sending country.' }) of!: string;
  @Field({ description: 'Host country.' }) in!: string;
  @Field(() => EmbassyStatusEnum) status!: string;
}

@ObjectType()
export class DialogueState extends StateItem {
  @Field() topic!: string;
  @Field(() => DialogueStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'EDTF date of the latest round held.' })
  lastHeld?: string;
}

@ObjectType()
export class AgreementState extends StateItem {
  @Field() name!: string;
  @Field(() => AgreementStatusEnum) status!: string;
}

@ObjectType()
export class ConsularServiceState extends StateItem {
  @Field() service!: string;
  @Field() providedBy!: string;
  @Field(() => ConsularStatusEnum) status!: string;
}

@ObjectType()
export class SanctionsState extends StateItem {
  @Field() name!: string;
  @Field() imposedBy!: string;
  @Field(() => SanctionsStatusEnum) status!: string;
}

@ObjectType()
export class DesignationState extends StateItem {
  @Field() list!: string;
  @Field() country!: string;
  @Field(() => DesignationStatusEnum) status!: string;
}

@ObjectType({
  description: 'The state of relations between countries as of a date, as known at an instant.',
})
export class Relationship {
  @Field(() => [String]) between!: string[];
  @Field({ description: 'The valid-time day the state is for (end of that day).' }) asOf!: string;
  @Field(() => Date, { description: 'The transaction time the archive is read at.' })
  knownAt!: Date;
  @Field(() => RelationsState, { nullable: true }) relations?: RelationsState;
  @Field(() => [EmbassyState]) embassies!: EmbassyState[];
  @Field(() => [DialogueState]) dialogues!: DialogueState[];
  @Field(() => [AgreementState]) agreements!: AgreementState[];
  @Field(() => [ConsularServiceState]) consularServices!: ConsularServiceState[];
  @Field(() => [SanctionsState]) sanctions!: SanctionsState[];
  @Field(() => [DesignationState]) designations!: DesignationState[];
  @Field(() => Int, { description: 'Active records involving all these countries, up to asOf.' })
  eventCount!: number;
  @Field(() => DiplomaticEvent, {
    nullable: true,
    description: 'The latest of them in valid time.',
  })
  lastEvent?: DiplomaticEvent | null;
}

@ObjectType({ description: 'One change of relationship state, at the day it took effect.' })
export class RelationshipChange {
  @Field({ description: 'First day (ISO) of valid time on which the change holds.' }) date!: string;
  @Field({
    description: 'relations, embassy, dialogue, agreement, consular, sanctions or designation.',
  })
  aspect!: string;
  @Field({ description: 'What changed, e.g. embassy:USA:CUB or dialogue:migration.' }) key!: string;
  @Field(() => String, { nullable: true, description: 'Level or status before.' }) from?: string;
  @Field(() => String, { nullable: true, description: 'Level or status after.' }) to?: string;
  @Field(() => String, { nullable: true }) lastHeld?: string;
  @Field(() => String, { nullable: true }) since?: string;
  @Field(() => Boolean, { nullable: true }) certain?: boolean;
  @Field(() => ID, { nullable: true }) eventId?: string;
  @Field(() => DiplomaticEvent, { nullable: true, description: 'The record that caused it.' })
  event?: DiplomaticEvent | null;
  @Field({
    description:
      'Where this change stands in its list: pass it as `after` for the changes that follow.',
  })
  cursor!: string;
  knownAt?: string;
}
