import { Logger, Module } from '@nestjs/common';
import { Projector } from '@app/projections';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { RelationshipsModule } from '../relationships/relationships.module';
import { ChangeFeed } from './change-feed';
import { SlowConsumers } from './connection-limits';
import { FeedsController } from './feeds.controller';
import { FeedsResolver } from './feeds.resolver';
import { OpenFeeds } from './open-feeds';
import { SubscriptionServer } from './subscription-server';
import { FeedOpenLimit } from './feed-open-limit';

@Module({
  imports: [AuthModule, RelationshipsModule],
  controllers: [FeedsController],
  providers: [
    ChangeFeed,
    FeedsResolver,
    SubscriptionServer,
    FeedOpenLimit,
    // Plain classes (testable without Nest), given their limits here; Nest still calls their
    // onModuleDestroy, which stops their timers.
    {
      provide: OpenFeeds,
      inject: [AuthService, Projector, APP_CONFIG],
      useFactory: (auth: AuthService, projector: Projector, config: AppConfig) => {
        const logger = new Logger('Feeds');
        return new OpenFeeds(auth, projector, config.feedLimits.maxFeedsPerClient, (message) => logger.error(message));
      },
    },
    {
      provide: SlowConsumers,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SlowConsumers(config.feedLimits.drainTimeoutMs),
    },
  ],
  exports: [ChangeFeed],
})
export class FeedsModule {}
