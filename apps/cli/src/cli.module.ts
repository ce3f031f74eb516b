import { Module } from '@nestjs/common';
import { AccessTokensModule, DatasetImportModule, InfrastructureModule } from '@app/application';

/**
 * The application without its HTTP side: the same command handler, store and read models as the
 * API, and no GraphQL at all (the command line never imports apps/api).
 */
@Module({ imports: [InfrastructureModule, AccessTokensModule, DatasetImportModule] })
export class CliModule {}
