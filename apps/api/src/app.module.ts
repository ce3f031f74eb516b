import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { FeedsModule } from './feeds/feeds.module';
import { ExportsModule } from './exports/exports.module';
import { DiplomaticEventsModule } from './diplomatic-events/diplomatic-events.module';
import { RelationshipsModule } from './relationships/relationships.module';
import { graphqlOptions } from './graphql/graphql-config';
import { InputValidationPipe } from './graphql/input-validation.pipe';
import { GraphiqlModule } from './graphiql/graphiql.module';
import { HealthModule } from './health/health.module';
import { APP_CONFIG, InfrastructureModule, type AppConfig } from '@app/application';
import { DatasetsModule } from './datasets/datasets.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';

@Module({
  imports: [
    InfrastructureModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [AuthModule],
      inject: [APP_CONFIG, AuthService],
      useFactory: (config: AppConfig, auth: AuthService) => graphqlOptions(config, auth),
    }),
    DiplomaticEventsModule,
    RelationshipsModule,
    FeedsModule,
    ExportsModule,
    HealthModule,
    DatasetsModule,
    GraphiqlModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }],
})
export class AppModule {}
