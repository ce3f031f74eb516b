import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { AmendEventHandler, RecordEventHandler, RetractEventHandler } from './commands';
import {
  DiplomaticEventConnectionResolver,
  DiplomaticEventsResolver,
} from './diplomatic-events.resolver';
import {
  CountEventsHandler,
  GetEventHandler,
  GetEventHistoryHandler,
  ListEventsHandler,
} from './queries';

@Module({
  imports: [CqrsModule, AuthModule],
  providers: [
    DiplomaticEventsResolver,
    DiplomaticEventConnectionResolver,
    RecordEventHandler,
    AmendEventHandler,
    RetractEventHandler,
    GetEventHandler,
    ListEventsHandler,
    CountEventsHandler,
    GetEventHistoryHandler,
  ],
})
export class DiplomaticEventsModule {}
