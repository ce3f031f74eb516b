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
  STATS_INTERVALS,
} from '@app/domain';

/**
 * GraphQL enums are generated from the domain's vocabularies, so the two cannot drift; every
 * value must come with its description.
 */
function graphqlEnum<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
  valueDescriptions: { readonly [K in T[number]]: string },
) {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
  const valuesMap = Object.fromEntries(
    values.map((v) => [v, { description: valueDescriptions[v as T[number]] }]),
  ) as { [K in T[number]]: { description: string } };
  registerEnumType(enumObject, { name, description, valuesMap });
  return enumObject;
}

export const EventKindEnum = graphqlEnum(
  EVENT_KINDS,
  'EventKind',
  'What kind of diplomatic event a record describes.',
  {
    TALKS: 'Talks or negotiations between governments, such as a round of migration talks.',
    VISIT: 'A visit by an official or a delegation to another country.',
    AGREEMENT: 'An agreement concluded, brought into force, suspended or ended.',
    STATEMENT: 'A public statement or announcement by a government.',
    DIPLOMATIC_RELATIONS: 'Diplomatic relations broken off, downgraded, upgraded or restored.',
    EMBASSY_OPERATIONS: "A change to an embassy's operations: opened, reduced, suspended, closed.",
    EXPULSION: 'Diplomats or officials expelled by the host country.',
    SANCTIONS: 'Sanctions imposed, tightened, eased or lifted.',
    DESIGNATION: 'A country put on or taken off a list, such as state sponsors of terrorism.',
    CONSULAR: 'A change to consular services, such as visa processing.',
    MIGRATION_REPORT: 'Figures or a report on migration between the countries.',
    OTHER: 'Any other diplomatic event.',
  },
);
export const RelationsLevelEnum = graphqlEnum(
  RELATIONS_LEVELS,
  'RelationsLevel',
  'Level of diplomatic relations between two countries.',
  {
    NONE: 'No diplomatic relations.',
    INTERESTS_SECTIONS: 'No diplomatic relations, but interests sections under a protecting power.',
    FULL: 'Full diplomatic relations, with embassies.',
  },
);
export const EmbassyStatusEnum = graphqlEnum(
  EMBASSY_STATUSES,
  'EmbassyStatus',
  "An embassy's operating status.",
  {
    OPERATING: 'Open and working normally.',
    REDUCED: 'Open with reduced staff or services.',
    SUSPENDED: 'Operations suspended; the embassy is not closed.',
    CLOSED: 'Closed.',
  },
);
export const DialogueStatusEnum = graphqlEnum(
  DIALOGUE_STATUSES,
  'DialogueStatus',
  'State of a dialogue track, such as the migration talks.',
  {
    ACTIVE: 'Rounds are being held.',
    PAUSED: 'No rounds for now; the track may resume.',
    ENDED: 'The track has ended.',
  },
);
export const ConsularStatusEnum = graphqlEnum(
  CONSULAR_STATUSES,
  'ConsularStatus',
  'State of a consular service, such as immigrant visas.',
  {
    FULL: 'Provided in full.',
    LIMITED: 'Provided on a limited basis.',
    SUSPENDED: 'Not provided for now.',
  },
);
export const AgreementStatusEnum = graphqlEnum(
  AGREEMENT_STATUSES,
  'AgreementStatus',
  'State of an agreement.',
  {
    SIGNED: 'Signed, not yet in force.',
    IN_FORCE: 'In force.',
    SUSPENDED: 'Suspended by a party; may be resumed.',
    TERMINATED: 'Ended.',
  },
);
export const DesignationStatusEnum = graphqlEnum(
  DESIGNATION_STATUSES,
  'DesignationStatus',
  'Whether a country is on a list.',
  {
    LISTED: 'The country is on the list.',
    DELISTED: 'The country has been taken off the list.',
  },
);
export const SanctionsStatusEnum = graphqlEnum(
  SANCTIONS_STATUSES,
  'SanctionsStatus',
  'State of a sanctions regime.',
  {
    ACTIVE: 'In effect.',
    LIFTED: 'Lifted.',
  },
);
const ASPECT_DESCRIPTIONS = {
  RELATIONS: 'The level of diplomatic relations (`level`).',
  EMBASSY: "An embassy's status, by sending (`of`) and host (`in`) country.",
  DIALOGUE: "A dialogue track's status, by `topic`; a round held sets `lastHeld`.",
  AGREEMENT: "An agreement's status, by `name`.",
  CONSULAR: "A consular service's status, by `service` and providing country (`providedBy`).",
  SANCTIONS: "A sanctions regime's status, by `name` and imposing country (`imposedBy`).",
  DESIGNATION: "A country's status on a list, by `list` and listed `country`.",
} as const;
export const EffectTypeEnum = graphqlEnum(
  EFFECT_TYPES,
  'EffectType',
  'Which aspect of a relationship an effect changes; it decides the fields the effect needs.',
  ASPECT_DESCRIPTIONS,
);
export const ChangeTypeEnum = graphqlEnum(CHANGE_TYPES, 'ChangeType', 'How a record changed.', {
  RECORDED: 'First recorded (revision 1).',
  AMENDED: 'Some fields changed, with a reason.',
  RETRACTED: 'Withdrawn, with a reason; earlier revisions stay readable.',
});
export const RecordStatusEnum = graphqlEnum(
  RECORD_STATUSES,
  'RecordStatus',
  'Whether a record is active or retracted.',
  {
    ACTIVE: 'Current: listed, counted and folded into relationships.',
    RETRACTED: 'Withdrawn: kept with its history, listed only with `includeRetracted`.',
  },
);

/**
 * The aspect of a relationship a change is about: one per effect type, with the same names
 * (the domain's `RelationshipAspect`, upper-cased).
 */
export const RELATIONSHIP_ASPECTS = EFFECT_TYPES;
export type RelationshipAspectValue = (typeof RELATIONSHIP_ASPECTS)[number];
export const RelationshipAspectEnum = graphqlEnum(
  RELATIONSHIP_ASPECTS,
  'RelationshipAspect',
  'Which aspect of a relationship a change is about.',
  ASPECT_DESCRIPTIONS,
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
  {
    OCCURRED_ASC: 'Earliest occurred first (by start, then end of the EDTF interval). Default.',
    OCCURRED_DESC: 'Latest occurred first.',
    RECORDED_ASC: 'First recorded first (transaction time).',
    RECORDED_DESC: 'Last recorded first.',
  },
);

export const StatsIntervalEnum = graphqlEnum(
  STATS_INTERVALS,
  'StatsInterval',
  'How finely valid time is divided: into years, months or days.',
  {
    YEAR: 'Calendar years (EDTF "2015").',
    MONTH: 'Calendar months (EDTF "2015-07").',
    DAY: 'Days (EDTF "2015-07-20").',
  },
);
