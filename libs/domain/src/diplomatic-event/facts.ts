import type {
  AgreementStatus,
  ConsularStatus,
  DesignationStatus,
  DialogueStatus,
  EmbassyStatus,
  EventKind,
  RelationsLevel,
  SanctionsStatus,
} from './vocabulary';

/** The precision of an EDTF date, as far as replay needs to know it. */
export type DatePrecision = 'day' | 'month' | 'year' | 'interval' | 'other';

/**
 * When a diplomatic event happened (valid time). `edtf` is the normalised EDTF string;
 * `start`/`end` are the first and last day it covers (ISO `YYYY-MM-DD`, inclusive).
 */
export interface Occurred {
  readonly edtf: string;
  readonly start: string;
  readonly end: string;
  readonly precision: DatePrecision;
}

export interface Participant {
  readonly name: string;
  readonly role?: string;
  /** ISO 3166-1 alpha-3. */
  readonly country?: string;
}

export interface Source {
  readonly title: string;
  readonly publisher: string;
  /** EDTF date of publication. */
  readonly publishedOn?: string;
  /** http(s) only. */
  readonly url?: string;
  readonly quote?: string;
}

export interface Plover {
  readonly event: string;
  readonly mode?: string;
  readonly context?: string;
}

/**
 * Where an imported record comes from: the research dataset, its version, the row's own id in
 * it (GDELT's GLOBALEVENTID, ICEWS's Event ID, …) and the row's source URL when it has one.
 * The record's id is derived from dataset and row id, so a row is recorded once.
 */
export interface Provenance {
  /** A slug: `gdelt`, `icews`, `cow-dipex`, … */
  readonly dataset: string;
  readonly version?: string;
  readonly rowId: string;
  /** http(s) only. */
  readonly url?: string;
}

/** A typed change an event makes to the relationship between its countries. */
export type Effect =
  | { readonly type: 'RELATIONS'; readonly level: RelationsLevel }
  | {
      readonly type: 'EMBASSY';
      /** The sending country (alpha-3). */
      readonly of: string;
      /** The host country (alpha-3). */
      readonly in: string;
      readonly status: EmbassyStatus;
    }
  | {
      readonly type: 'DIALOGUE';
      readonly topic: string;
      readonly status: DialogueStatus;
      /** True when the event is a round of the dialogue (it sets `lastHeld`). */
      readonly held?: boolean;
    }
  | { readonly type: 'AGREEMENT'; readonly name: string; readonly status: AgreementStatus }
  | {
      readonly type: 'CONSULAR';
      readonly service: string;
      readonly providedBy: string;
      readonly status: ConsularStatus;
    }
  | {
      readonly type: 'SANCTIONS';
      readonly name: string;
      readonly imposedBy: string;
      readonly status: SanctionsStatus;
    }
  | {
      readonly type: 'DESIGNATION';
      readonly list: string;
      readonly country: string;
      readonly status: DesignationStatus;
    };

/** Everything a record says about one diplomatic event, validated and normalised. */
export interface DiplomaticEventFacts {
  readonly kind: EventKind;
  readonly title: string;
  readonly summary: string;
  readonly occurred: Occurred;
  /** ISO 3166-1 alpha-3, upper case, sorted, unique. */
  readonly countries: readonly string[];
  readonly participants: readonly Participant[];
  readonly location?: string;
  /** CAMEO event code, a string (`010` and `10` differ). */
  readonly cameo?: string;
  readonly plover?: Plover;
  readonly effects: readonly Effect[];
  readonly sources: readonly Source[];
  readonly tags: readonly string[];
  /** Set by research imports only; never changed by an amendment. */
  readonly provenance?: Provenance;
}
