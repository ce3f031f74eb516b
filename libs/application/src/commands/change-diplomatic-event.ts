import {
  decide,
  evolve,
  initialState,
  parseAmendInput,
  parseRecordInput,
  parseRetractInput,
  streamOf,
  type DiplomaticEventCommand,
} from '@app/domain';
import type { CommandRunner } from '../infrastructure/command-runner';
import type { IdGenerator } from '../infrastructure/tokens';
import type {
  ChangeDiplomaticEvent,
  CommandResult,
  DiplomaticEventCommandType,
} from './diplomatic-event-command';

interface CommandEntry {
  /** Reads the raw input into the domain command (a new record gets its id here). */
  readonly parse: (input: unknown, newId: IdGenerator) => DiplomaticEventCommand;
  readonly retryOnConflict?: boolean;
}

/** Keyed by every domain command type, so a new command cannot be left without its entry. */
const COMMANDS: { readonly [T in DiplomaticEventCommandType]: CommandEntry } = {
  RecordDiplomaticEvent: {
    parse: (input, newId) => {
      const { eventId = newId(), facts } = parseRecordInput(input);
      return { type: 'RecordDiplomaticEvent', data: { eventId, facts } };
    },
    // Two retries of one request may race; the loser then sees the record and is a no-op.
    retryOnConflict: true,
  },
  AmendDiplomaticEvent: {
    parse: (input) => ({ type: 'AmendDiplomaticEvent', data: parseAmendInput(input) }),
  },
  RetractDiplomaticEvent: {
    parse: (input) => ({ type: 'RetractDiplomaticEvent', data: parseRetractInput(input) }),
  },
};

const decider = { initialState, evolve };

/**
 * Every change to a record takes the same path; only the parsing differs, looked up in the table.
 * Kept apart from the Nest handler so it can be exercised without the framework.
 */
export async function changeDiplomaticEvent(
  runner: Pick<CommandRunner, 'run'>,
  newId: IdGenerator,
  { type, input, actor, correlationId }: ChangeDiplomaticEvent,
): Promise<CommandResult> {
  const entry = COMMANDS[type];
  const command = entry.parse(input, newId);
  const { eventId } = command.data;
  const outcome = await runner.run(
    streamOf(eventId),
    decider,
    (state) => decide(command, state),
    { recordedBy: actor.name, ...(correlationId ? { correlationId } : {}) },
    { retryOnConflict: entry.retryOnConflict },
  );
  return { id: eventId, changed: outcome.position !== undefined };
}
