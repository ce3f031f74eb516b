import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandsModule } from '@app/application';
import { AuthModule } from '../auth/auth.module';
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
  imports: [CqrsModule, CommandsModule, AuthModule],
  providers: [
    DiplomaticEventsResolver,
    DiplomaticEventConnectionResolver,
    GetEventHandler,
    ListEventsHandler,
    CountEventsHandler,
    GetEventHistoryHandler,
  ],
})
export class DiplomaticEventsModule {}
