import { alreadyExists, DomainError, noChange, notFound, retracted } from '../errors';
import { deepEqual } from '../util/deep-equal';
import type {
  AmendDiplomaticEvent,
  DiplomaticEventCommand,
  RecordDiplomaticEvent,
  RetractDiplomaticEvent,
} from './commands';
import { checkFactsConsistency } from './consistency';
import type { DiplomaticEventEvent } from './events';
import type { DiplomaticEventFacts } from './facts';

export type DiplomaticEventState =
  | Readonly<{ status: 'empty' }>
  | Readonly<{
      status: 'active' | 'retracted';
      eventId: string;
      /** 1 once recorded, +1 for every amendment or retraction. */
      revision: number;
      /** The facts as they stand now. */
      facts: DiplomaticEventFacts;
      /** The facts as first recorded, to recognise a retried record command. */
      recordedFacts: DiplomaticEventFacts;
      retractionReason?: string;
    }>;

export const initialState = (): DiplomaticEventState => ({ status: 'empty' });

export const decide = (
  command: DiplomaticEventCommand,
  state: DiplomaticEventState,
): DiplomaticEventEvent[] => {
  switch (command.type) {
    case 'RecordDiplomaticEvent':
      return record(command, state);
    case 'AmendDiplomaticEvent':
      return amend(command, state);
    case 'RetractDiplomaticEvent':
      return retract(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

const record = ({ data }: RecordDiplomaticEvent, state: DiplomaticEventState) => {
  if (state.status !== 'empty') {
    // A retried record of the same facts is answered with the existing record.
    if (deepEqual(data.facts, state.recordedFacts)) return [];
    throw alreadyExists(data.eventId);
  }
  assertConsistent(data.facts);
  return [
    { type: 'DiplomaticEventRecorded' as const, data: { eventId: data.eventId, ...data.facts } },
  ];
};

const amend = ({ data }: AmendDiplomaticEvent, state: DiplomaticEventState) => {
  const current = changeable(state, data.eventId, data.expectedRevision);
  const changes = changedFacts(current.facts, data.changes);
  if (Object.keys(changes).length === 0) throw noChange(data.eventId);
  assertConsistent(applyChanges(current.facts, changes));
  return [
    {
      type: 'DiplomaticEventAmended' as const,
      data: { eventId: data.eventId, changes, reason: data.reason },
    },
  ];
};

const retract = ({ data }: RetractDiplomaticEvent, state: DiplomaticEventState) => {
  changeable(state, data.eventId, data.expectedRevision);
  return [
    {
      type: 'DiplomaticEventRetracted' as const,
      data: { eventId: data.eventId, reason: data.reason },
    },
  ];
};

const changeable = (state: DiplomaticEventState, eventId: string, expectedRevision: number) => {
  if (state.status === 'empty') throw notFound(eventId);
  if (state.status === 'retracted') throw retracted(eventId);
  if (state.revision !== expectedRevision)
    throw DomainError.conflict(expectedRevision, state.revision);
  return state;
};

const assertConsistent = (facts: DiplomaticEventFacts) => {
  const issues = checkFactsConsistency(facts);
  if (issues.length > 0) throw DomainError.invalid(issues);
};

/** Only the given facts whose value differs from the current one. */
export const changedFacts = (
  facts: DiplomaticEventFacts,
  changes: Partial<DiplomaticEventFacts>,
): Partial<DiplomaticEventFacts> =>
  Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) =>
        value !== undefined && !deepEqual(value, facts[field as keyof DiplomaticEventFacts]),
    ),
  );

export const applyChanges = (
  facts: DiplomaticEventFacts,
  changes: Partial<DiplomaticEventFacts>,
): DiplomaticEventFacts => ({ ...facts, ...changedFacts(facts, changes) });

export const evolve = (
  state: DiplomaticEventState,
  event: DiplomaticEventEvent,
): DiplomaticEventState => {
  switch (event.type) {
    case 'DiplomaticEventRecorded': {
      if (state.status !== 'empty') return state;
      const { eventId, ...facts } = event.data;
      return { status: 'active', eventId, revision: 1, facts, recordedFacts: facts };
    }
    case 'DiplomaticEventAmended':
      if (state.status === 'empty') return state;
      return {
        ...state,
        revision: state.revision + 1,
        facts: applyChanges(state.facts, event.data.changes),
      };
    case 'DiplomaticEventRetracted':
      if (state.status === 'empty') return state;
      return {
        ...state,
        status: 'retracted',
        revision: state.revision + 1,
        retractionReason: event.data.reason,
      };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

export const foldEvents = (
  events: Iterable<DiplomaticEventEvent>,
  state: DiplomaticEventState = initialState(),
): DiplomaticEventState => {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
};
