import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DiplomaticEventHandler } from './diplomatic-event.handler';

/** The write side of records, behind the CommandBus, for the API and the command line alike. */
@Module({ imports: [CqrsModule], providers: [DiplomaticEventHandler] })
export class CommandsModule {}
