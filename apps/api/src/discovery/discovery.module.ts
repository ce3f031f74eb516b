import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ListDyadsHandler, ListHeldCountriesHandler } from './discovery.queries';
import { DiscoveryResolver } from './discovery.resolver';

@Module({
  imports: [CqrsModule, AuthModule],
  providers: [DiscoveryResolver, ListHeldCountriesHandler, ListDyadsHandler],
})
export class DiscoveryModule {}
