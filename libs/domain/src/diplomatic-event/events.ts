import type { DiplomaticEventFacts } from './facts';

/** Stored event types of one diplomatic event record's stream (`diplomatic-event-<id>`). */

export type DiplomaticEventRecorded = Readonly<{
  type: 'DiplomaticEventRecorded';
  data: Readonly<{ eventId: string } & DiplomaticEventFacts>;
}>;

export type DiplomaticEventAmended = Readonly<{
  type: 'DiplomaticEventAmended';
  data: Readonly<{
    eventId: string;
    /** Only the facts that changed, with their new values. */
    changes: Partial<DiplomaticEventFacts>;
    reason: string;
  }>;
}>;

export type DiplomaticEventRetracted = Readonly<{
  type: 'DiplomaticEventRetracted';
  data: Readonly<{ eventId: string; reason: string }>;
}>;

export type DiplomaticEventEvent =
  DiplomaticEventRecorded | DiplomaticEventAmended | DiplomaticEventRetracted;

export const DIPLOMATIC_EVENT_STREAM_PREFIX = 'diplomatic-event-';
export const streamOf = (eventId: string): string => `${DIPLOMATIC_EVENT_STREAM_PREFIX}${eventId}`;
