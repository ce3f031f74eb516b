import type { DiplomaticEventFacts } from './facts';

/** Commands on one diplomatic event record. Inputs are already parsed (see `parse-input.ts`). */

export type RecordDiplomaticEvent = Readonly<{
  type: 'RecordDiplomaticEvent';
  data: Readonly<{ eventId: string; facts: DiplomaticEventFacts }>;
}>;

export type AmendDiplomaticEvent = Readonly<{
  type: 'AmendDiplomaticEvent';
  data: Readonly<{
    eventId: string;
    /** The record revision the editor saw (1 = as first recorded). */
    expectedRevision: number;
    changes: Partial<DiplomaticEventFacts>;
    reason: string;
  }>;
}>;

export type RetractDiplomaticEvent = Readonly<{
  type: 'RetractDiplomaticEvent';
  data: Readonly<{ eventId: string; expectedRevision: number; reason: string }>;
}>;

export type DiplomaticEventCommand =
  RecordDiplomaticEvent | AmendDiplomaticEvent | RetractDiplomaticEvent;
