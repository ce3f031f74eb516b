import { EdtfScalar } from '../graphql/edtf.scalar';
import type { RelationshipAspect } from '@app/domain';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DiplomaticEvent } from '../diplomatic-events/graphql/outputs';
import {
  AgreementStatusEnum,
  ConsularStatusEnum,
  DesignationStatusEnum,
  DialogueStatusEnum,
  EmbassyStatusEnum,
  RelationsLevelEnum,
  RelationshipAspectEnum,
  type RelationshipAspectValue,
  SanctionsStatusEnum,
} from '../diplomatic-events/graphql/enums';

@ObjectType({ isAbstract: true })
abstract class StateItem {
  @Field(() => EdtfScalar, {
    description:
      'The date of the event that set this item: an EDTF (Library of Congress Extended Date/Time Format, level 1) string.',
  })
  since!: string;
  @Field({
    description:
      'False when `asOf` falls inside the imprecise date of an event deciding this item, or when two such events overlap with different values.',
  })
  certain!: boolean;
  @Field(() => ID, { description: 'The record that set this item.' }) eventId!: string;
}

@ObjectType({ description: 'The level of diplomatic relations, and the event that set it.' })
export class RelationsState extends StateItem {
  @Field(() => RelationsLevelEnum, { description: 'The level of relations.' }) level!: string;
}

@ObjectType({ description: "One country's embassy in another, and the event that set its status." })
export class EmbassyState extends StateItem {
  @Field({ description: 'Sending country (ISO 3166-1 alpha-3).' }) of!: string;
  @Field({ description: 'Host country (ISO 3166-1 alpha-3).' }) in!: string;
  @Field(() => EmbassyStatusEnum, { description: 'Its operating status.' }) status!: string;
}

@ObjectType({ description: 'A dialogue track, and the event that set its status.' })
export class DialogueState extends StateItem {
  @Field({ description: 'Topic slug, e.g. migration.' }) topic!: string;
  @Field(() => DialogueStatusEnum, { description: 'Whether rounds are being held.' })
  status!: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'Date of the latest round held by `asOf` (an EDTF (Library of Congress Extended Date/Time Format, level 1) string); null when none was.',
  })
  lastHeld?: string;
}

@ObjectType({ description: 'An agreement, and the event that set its status.' })
export class AgreementState extends StateItem {
  @Field({ description: 'Name of the agreement.' }) name!: string;
  @Field(() => AgreementStatusEnum, { description: 'Its status.' }) status!: string;
}

@ObjectType({ description: 'A consular service, and the event that set its status.' })
export class ConsularServiceState extends StateItem {
  @Field({ description: 'Service slug, e.g. immigrant-visas.' }) service!: string;
  @Field({ description: 'Providing country (ISO 3166-1 alpha-3).' }) providedBy!: string;
  @Field(() => ConsularStatusEnum, { description: 'Its status.' }) status!: string;
}

@ObjectType({ description: 'A sanctions regime, and the event that set its status.' })
export class SanctionsState extends StateItem {
  @Field({ description: 'Name of the regime, e.g. embargo.' }) name!: string;
  @Field({ description: 'Imposing country (ISO 3166-1 alpha-3).' }) imposedBy!: string;
  @Field(() => SanctionsStatusEnum, { description: 'Its status.' }) status!: string;
}

@ObjectType({ description: "A country's place on a list, and the event that set it." })
export class DesignationState extends StateItem {
  @Field({ description: 'List slug, e.g. state-sponsors-of-terrorism.' }) list!: string;
  @Field({ description: 'Listed country (ISO 3166-1 alpha-3).' }) country!: string;
  @Field(() => DesignationStatusEnum, { description: 'Whether it is on the list.' })
  status!: string;
}

@ObjectType({
  description: 'The state of relations between countries as of a date, as known at an instant.',
})
export class Relationship {
  @Field(() => ID, {
    description:
      'The identity of the question this answers: its countries, `asOf` and `knownAt`, so that caches keyed by id keep the answers to different questions apart.',
  })
  id!: string;
  @Field(() => [String], {
    description: 'The countries (ISO 3166-1 alpha-3), sorted and without duplicates.',
  })
  between!: string[];
  @Field({
    description:
      'The valid-time day the state is for (ISO date, YYYY-MM-DD): the state at the end of that day.',
  })
  asOf!: string;
  @Field(() => Date, { description: 'The transaction time the archive is read at.' })
  knownAt!: Date;
  @Field(() => RelationsState, {
    nullable: true,
    description: 'The level of diplomatic relations; null when no event has set it.',
  })
  relations?: RelationsState;
  @Field(() => [EmbassyState], { description: 'Embassies of these countries in one another.' })
  embassies!: EmbassyState[];
  @Field(() => [DialogueState], { description: 'Dialogue tracks, by topic.' })
  dialogues!: DialogueState[];
  @Field(() => [AgreementState], { description: 'Agreements, by name.' })
  agreements!: AgreementState[];
  @Field(() => [ConsularServiceState], {
    description: 'Consular services, by service and providing country.',
  })
  consularServices!: ConsularServiceState[];
  @Field(() => [SanctionsState], {
    description: 'Sanctions regimes, by name and imposing country.',
  })
  sanctions!: SanctionsState[];
  @Field(() => [DesignationState], { description: 'Designations, by list and listed country.' })
  designations!: DesignationState[];
  @Field(() => Int, {
    description:
      'Active records involving all these countries whose date starts on or before `asOf`.',
  })
  eventCount!: number;
  @Field(() => DiplomaticEvent, {
    nullable: true,
    description: 'The latest of them in valid time; null when there is none.',
  })
  lastEvent?: DiplomaticEvent | null;
}

/** The GraphQL `RelationshipAspect` value of each aspect the domain names (one per effect type). */
export const ASPECT_VALUE: { readonly [A in RelationshipAspect]: RelationshipAspectValue } = {
  relations: 'RELATIONS',
  embassy: 'EMBASSY',
  dialogue: 'DIALOGUE',
  agreement: 'AGREEMENT',
  consular: 'CONSULAR',
  sanctions: 'SANCTIONS',
  designation: 'DESIGNATION',
};

@ObjectType({ description: 'One change of relationship state, at the day it took effect.' })
export class RelationshipChange {
  @Field({ description: 'First day on which the change holds (ISO date, YYYY-MM-DD).' })
  date!: string;
  @Field(() => RelationshipAspectEnum, { description: 'Which aspect of the relationship changed.' })
  aspect!: RelationshipAspectValue;
  @Field({
    description:
      'What changed: the aspect and what identifies the item, e.g. relations, embassy:USA:CUB, dialogue:migration.',
  })
  key!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The level or status before; null when the item was not yet set.',
  })
  from?: string;
  @Field(() => String, {
    nullable: true,
    description: 'The level or status after; null when the item is no longer set.',
  })
  to?: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'For a dialogue: the date of the latest round held, after the change (an EDTF (Library of Congress Extended Date/Time Format, level 1) string).',
  })
  lastHeld?: string;
  @Field(() => EdtfScalar, {
    nullable: true,
    description:
      'The date of the event that set the value after (an EDTF (Library of Congress Extended Date/Time Format, level 1) string); null when `to` is.',
  })
  since?: string;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the value after is certain on `date` (see `certain` on the relationship); null when `to` is.',
  })
  certain?: boolean;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the record that caused it; null when `to` is.',
  })
  eventId?: string;
  @Field(() => DiplomaticEvent, { nullable: true, description: 'The record that caused it.' })
  event?: DiplomaticEvent | null;
  @Field({
    description:
      'Where this change stands in its list: pass it as `after` for the changes that follow.',
  })
  cursor!: string;
  knownAt?: string;
}
