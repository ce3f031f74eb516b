import { registerEnumType } from '@nestjs/graphql';
import {
  AGREEMENT_STATUSES,
  CHANGE_TYPES,
  CONSULAR_STATUSES,
  DESIGNATION_STATUSES,
  DIALOGUE_STATUSES,
  EFFECT_TYPES,
  EMBASSY_STATUSES,
  EVENT_KINDS,
  RECORD_STATUSES,
  RELATIONS_LEVELS,
  SANCTIONS_STATUSES,
} from '@app/domain';

/** GraphQL enums are generated from the domain's vocabularies, so the two cannot drift. */
function graphqlEnum<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
) {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const EventKindEnum = graphqlEnum(
  EVENT_KINDS,
  'EventKind',
  'What kind of diplomatic event a record describes.',
);
export const RelationsLevelEnum = graphqlEnum(
  RELATIONS_LEVELS,
  'RelationsLevel',
  'Level of diplomatic relations.',
);
export const EmbassyStatusEnum = graphqlEnum(
  EMBASSY_STATUSES,
  'EmbassyStatus',
  "An embassy's operating status.",
);
export const DialogueStatusEnum = graphqlEnum(
  DIALOGUE_STATUSES,
  'DialogueStatus',
  'State of a dialogue track.',
);
export const ConsularStatusEnum = graphqlEnum(
  CONSULAR_STATUSES,
  'ConsularStatus',
  'State of a consular service.',
);
export const AgreementStatusEnum = graphqlEnum(
  AGREEMENT_STATUSES,
  'AgreementStatus',
  'State of an agreement.',
);
export const DesignationStatusEnum = graphqlEnum(
  DESIGNATION_STATUSES,
  'DesignationStatus',
  'Whether a country is on a list.',
);
export const SanctionsStatusEnum = graphqlEnum(
  SANCTIONS_STATUSES,
  'SanctionsStatus',
  'State of a sanctions regime.',
);
export const EffectTypeEnum = graphqlEnum(
  EFFECT_TYPES,
  'EffectType',
  'Which aspect of a relationship an effect changes.',
);
export const ChangeTypeEnum = graphqlEnum(CHANGE_TYPES, 'ChangeType', 'How a record changed.');
export const RecordStatusEnum = graphqlEnum(
  RECORD_STATUSES,
  'RecordStatus',
  'Whether a record is active or retracted.',
);

export const EVENT_ORDERS = [
  'OCCURRED_ASC',
  'OCCURRED_DESC',
  'RECORDED_ASC',
  'RECORDED_DESC',
] as const;
export const EventOrderEnum = graphqlEnum(
  EVENT_ORDERS,
  'EventOrder',
  'Order of a timeline: by when events occurred (valid time) or when they were first recorded.',
);
