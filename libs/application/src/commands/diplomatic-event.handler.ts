import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../infrastructure/command-runner';
import { ID_GENERATOR, type IdGenerator } from '../infrastructure/tokens';
import { changeDiplomaticEvent } from './change-diplomatic-event';
import { ChangeDiplomaticEvent, type CommandResult } from './diplomatic-event-command';

/** The one handler of record, amend and retract (see the table in change-diplomatic-event.ts). */
@CommandHandler(ChangeDiplomaticEvent)
export class DiplomaticEventHandler implements ICommandHandler<
  ChangeDiplomaticEvent,
  CommandResult
> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
  ) {}

  execute(command: ChangeDiplomaticEvent): Promise<CommandResult> {
    return changeDiplomaticEvent(this.runner, this.newId, command);
  }
}
