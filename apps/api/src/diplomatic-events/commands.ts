import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  evolve,
  initialState,
  parseAmendInput,
  parseRecordInput,
  parseRetractInput,
  streamOf,
} from '@app/domain';
import type { Actor } from '../auth/actor';
import { CommandRunner } from '../infrastructure/command-runner';
import { ID_GENERATOR, type IdGenerator } from '../infrastructure/tokens';

/** Commands carry the raw input; the domain parses it, so every entry point validates alike. */
export class RecordEvent {
  constructor(
    readonly input: unknown,
    readonly actor: Actor,
    readonly correlationId?: string,
  ) {}
}
export class AmendEvent {
  constructor(
    readonly input: unknown,
    readonly actor: Actor,
    readonly correlationId?: string,
  ) {}
}
export class RetractEvent {
  constructor(
    readonly input: unknown,
    readonly actor: Actor,
    readonly correlationId?: string,
  ) {}
}

/** What a command did: the record it concerned, and whether anything was appended. */
export interface CommandResult {
  readonly id: string;
  readonly changed: boolean;
}

const decider = { initialState, evolve };
const metadataOf = (command: { actor: Actor; correlationId?: string }) => ({
  recordedBy: command.actor.name,
  ...(command.correlationId ? { correlationId: command.correlationId } : {}),
});

@CommandHandler(RecordEvent)
export class RecordEventHandler implements ICommandHandler<RecordEvent, CommandResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
  ) {}

  async execute(command: RecordEvent): Promise<CommandResult> {
    const { eventId = this.newId(), facts } = parseRecordInput(command.input);
    const outcome = await this.runner.run(
      streamOf(eventId),
      decider,
      (state) => decide({ type: 'RecordDiplomaticEvent', data: { eventId, facts } }, state),
      metadataOf(command),
      // Two retries of one request may race; the loser then sees the record and is a no-op.
      { retryOnConflict: true },
    );
    return { id: eventId, changed: outcome.position !== undefined };
  }
}

@CommandHandler(AmendEvent)
export class AmendEventHandler implements ICommandHandler<AmendEvent, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: AmendEvent): Promise<CommandResult> {
    const data = parseAmendInput(command.input);
    const outcome = await this.runner.run(
      streamOf(data.eventId),
      decider,
      (state) => decide({ type: 'AmendDiplomaticEvent', data }, state),
      metadataOf(command),
    );
    return { id: data.eventId, changed: outcome.position !== undefined };
  }
}

@CommandHandler(RetractEvent)
export class RetractEventHandler implements ICommandHandler<RetractEvent, CommandResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: RetractEvent): Promise<CommandResult> {
    const data = parseRetractInput(command.input);
    const outcome = await this.runner.run(
      streamOf(data.eventId),
      decider,
      (state) => decide({ type: 'RetractDiplomaticEvent', data }, state),
      metadataOf(command),
    );
    return { id: data.eventId, changed: outcome.position !== undefined };
  }
}
