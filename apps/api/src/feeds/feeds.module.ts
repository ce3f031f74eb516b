import { Logger, Module } from '@nestjs/common';
import { Projector } from '@app/projections';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '@app/application';
import { APP_CONFIG } from '@app/application';
import { ChangeFeed } from './change-feed';
import { EventChangeMapping } from './event-change-mapping';
import { FeedOpenLimit } from './feed-open-limit';
import { FeedsController } from './feeds.controller';
import { FeedsResolver } from './feeds.resolver';
import { OpenFeeds } from './open-feeds';
import { SlowConsumers } from './slow-consumers';
import { SubscriptionServer } from './subscription-server';
import { SubscriptionSlots } from './subscription-slots';
import { WriteTurns } from './write-coalescing';

@Module({
  imports: [AuthModule],
  controllers: [FeedsController],
  providers: [
    ChangeFeed,
    EventChangeMapping,
    FeedsResolver,
    SubscriptionServer,
    SubscriptionSlots,
    FeedOpenLimit,
    // Plain classes (testable without Nest), given their limits here; Nest still calls their
    // onModuleDestroy, which stops their timers.
    {
      provide: OpenFeeds,
      inject: [AuthService, Projector, APP_CONFIG],
      useFactory: (auth: AuthService, projector: Projector, config: AppConfig) => {
        const logger = new Logger('Feeds');
        return new OpenFeeds(auth, projector, config.feedLimits.maxFeedsPerClient, (message) =>
          logger.error(message),
        );
      },
    },
    {
      provide: SlowConsumers,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SlowConsumers(config.feedLimits.drainTimeoutMs),
    },
    // One for the node: every feed's writes end their turn together (see write-coalescing.ts).
    { provide: WriteTurns, useFactory: () => new WriteTurns() },
  ],
  // For the subscriptions of other capabilities (see index.ts).
  exports: [ChangeFeed, SubscriptionSlots],
})
export class FeedsModule {}
