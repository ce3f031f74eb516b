import { Module } from '@nestjs/common';
import { AuthModule } from '../../api/src/auth/auth.module';
import { DatasetsModule } from '../../api/src/datasets/datasets.module';
import { DiplomaticEventsModule } from '../../api/src/diplomatic-events/diplomatic-events.module';
import { InfrastructureModule } from '../../api/src/infrastructure/infrastructure.module';

/** The application without its HTTP side: the same handlers, store and read models. */
@Module({ imports: [InfrastructureModule, AuthModule, DiplomaticEventsModule, DatasetsModule] })
export class CliModule {}
