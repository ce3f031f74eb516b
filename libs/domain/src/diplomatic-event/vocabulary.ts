/** The fixed vocabularies of the public contract (values may be added, never renamed). */

export const EVENT_KINDS = [
  'TALKS',
  'VISIT',
  'AGREEMENT',
  'STATEMENT',
  'DIPLOMATIC_RELATIONS',
  'EMBASSY_OPERATIONS',
  'EXPULSION',
  'SANCTIONS',
  'DESIGNATION',
  'CONSULAR',
  'MIGRATION_REPORT',
  'OTHER',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const RELATIONS_LEVELS = ['NONE', 'INTERESTS_SECTIONS', 'FULL'] as const;
export type RelationsLevel = (typeof RELATIONS_LEVELS)[number];

export const EMBASSY_STATUSES = ['OPERATING', 'REDUCED', 'SUSPENDED', 'CLOSED'] as const;
export type EmbassyStatus = (typeof EMBASSY_STATUSES)[number];

export const DIALOGUE_STATUSES = ['ACTIVE', 'PAUSED', 'ENDED'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

export const CONSULAR_STATUSES = ['FULL', 'LIMITED', 'SUSPENDED'] as const;
export type ConsularStatus = (typeof CONSULAR_STATUSES)[number];

export const AGREEMENT_STATUSES = ['SIGNED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const DESIGNATION_STATUSES = ['LISTED', 'DELISTED'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

export const SANCTIONS_STATUSES = ['ACTIVE', 'LIFTED'] as const;
export type SanctionsStatus = (typeof SANCTIONS_STATUSES)[number];

export const EFFECT_TYPES = [
  'RELATIONS',
  'EMBASSY',
  'DIALOGUE',
  'AGREEMENT',
  'CONSULAR',
  'SANCTIONS',
  'DESIGNATION',
] as const;
export type EffectType = (typeof EFFECT_TYPES)[number];

export const CHANGE_TYPES = ['RECORDED', 'AMENDED', 'RETRACTED'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const RECORD_STATUSES = ['ACTIVE', 'RETRACTED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const QUAD_CLASSES = [1, 2, 3, 4] as const;
export type QuadClass = (typeof QUAD_CLASSES)[number];
