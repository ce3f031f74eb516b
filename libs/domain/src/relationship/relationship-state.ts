import type { Effect, Occurred } from '../diplomatic-event/facts';
import type {
  AgreementStatus,
  ConsularStatus,
  DesignationStatus,
  DialogueStatus,
  EmbassyStatus,
  RelationsLevel,
  SanctionsStatus,
} from '../diplomatic-event/vocabulary';

/** One effect of one current (non-retracted) record, as the fold consumes it. */
export interface EffectEntry {
  readonly effect: Effect;
  readonly occurred: Occurred;
  readonly eventId: string;
  readonly title: string;
  /** Tiebreak between equal dates: the global position of the record's current version. */
  readonly order: number | bigint;
}

/** How an item of the state was set: by which event, dated how, and whether that is certain. */
export interface SetBy {
  /** The EDTF date of the event that set the item. */
  readonly since: string;
  readonly certain: boolean;
  readonly eventId: string;
}

export type RelationsItem = SetBy & { readonly level: RelationsLevel };
export type EmbassyItem = SetBy & {
  readonly of: string;
  readonly in: string;
  readonly status: EmbassyStatus;
};
export type DialogueItem = SetBy & {
  readonly topic: string;
  readonly status: DialogueStatus;
  /** The EDTF date of the latest round held, if any. */
  readonly lastHeld?: string;
};
export type AgreementItem = SetBy & { readonly name: string; readonly status: AgreementStatus };
export type ConsularItem = SetBy & {
  readonly service: string;
  readonly providedBy: string;
  readonly status: ConsularStatus;
};
export type SanctionsItem = SetBy & {
  readonly name: string;
  readonly imposedBy: string;
  readonly status: SanctionsStatus;
};
export type DesignationItem = SetBy & {
  readonly list: string;
  readonly country: string;
  readonly status: DesignationStatus;
};

export interface RelationshipState {
  readonly relations?: RelationsItem;
  readonly embassies: readonly EmbassyItem[];
  readonly dialogues: readonly DialogueItem[];
  readonly agreements: readonly AgreementItem[];
  readonly consularServices: readonly ConsularItem[];
  readonly sanctions: readonly SanctionsItem[];
  readonly designations: readonly DesignationItem[];
}

export const emptyRelationshipState = (): RelationshipState => ({
  embassies: [],
  dialogues: [],
  agreements: [],
  consularServices: [],
  sanctions: [],
  designations: [],
});

/** The value an effect sets: the relations level or the status. */
export const effectValue = (effect: Effect): string =>
  effect.type === 'RELATIONS' ? effect.level : effect.status;
