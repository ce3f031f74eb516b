import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import {
  CountEventStatsHandler,
  ListDyadsHandler,
  ListHeldCountriesHandler,
} from './discovery.queries';
import { DiscoveryResolver } from './discovery.resolver';
import { EventStatsResolver } from './event-stats.resolver';

@Module({
  imports: [CqrsModule, AuthModule],
  providers: [
    DiscoveryResolver,
    EventStatsResolver,
    ListHeldCountriesHandler,
    ListDyadsHandler,
    CountEventStatsHandler,
  ],
})
export class DiscoveryModule {}
