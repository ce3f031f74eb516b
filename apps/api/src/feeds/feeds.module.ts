import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RelationshipsModule } from '../relationships/relationships.module';
import { ChangeFeed } from './change-feed';
import { FeedsController } from './feeds.controller';
import { FeedsResolver } from './feeds.resolver';
import { SubscriptionServer } from './subscription-server';

@Module({
  imports: [AuthModule, RelationshipsModule],
  controllers: [FeedsController],
  providers: [ChangeFeed, FeedsResolver, SubscriptionServer],
  exports: [ChangeFeed],
})
export class FeedsModule {}
