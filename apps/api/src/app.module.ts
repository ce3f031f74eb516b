import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { FeedsModule } from './feeds/feeds.module';
import { ExportsModule } from './exports/exports.module';
import { DiplomaticEventsModule } from './diplomatic-events/diplomatic-events.module';
import { RelationshipsModule } from './relationships/relationships.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { graphqlOptions } from './graphql/graphql-config';
import { InputValidationPipe } from './graphql/input-validation.pipe';
import { GraphiqlModule } from './graphiql/graphiql.module';
import { TimelinePageModule } from './timeline-page/timeline-page.module';
import { HealthModule } from './health/health.module';
import { APP_CONFIG, InfrastructureModule, type AppConfig } from '@app/application';
import { DatasetsModule } from './datasets/datasets.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { MetricsModule } from './metrics/metrics.module';
import { ApiMetrics } from './metrics/api-metrics';

@Module({
  imports: [
    InfrastructureModule,
    MetricsModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [AuthModule],
      inject: [APP_CONFIG, AuthService, ApiMetrics],
      useFactory: (config: AppConfig, auth: AuthService, metrics: ApiMetrics) =>
        graphqlOptions(config, auth, metrics),
    }),
    DiplomaticEventsModule,
    RelationshipsModule,
    DiscoveryModule,
    FeedsModule,
    ExportsModule,
    HealthModule,
    DatasetsModule,
    GraphiqlModule,
    TimelinePageModule,
  ],
  providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }],
})
export class AppModule {}
