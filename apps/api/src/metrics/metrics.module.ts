import { Global, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandRunner, EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { Projector } from '@app/projections';
import { ChangeFeed } from '../feeds/change-feed';
import { SubscriptionSlots } from '../feeds/subscription-slots';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/**
 * The node's metrics (`GET /metrics`). Global, so that the GraphQL and feed layers can report to
 * it without importing each other; the feeds are looked up when scraped for the same reason.
 */
@Global()
@Module({
  providers: [
    {
      provide: ApiMetrics,
      inject: [Projector, EVENT_STORE, CommandRunner, ModuleRef],
      useFactory: (
        projector: Projector,
        store: EventStore,
        runner: CommandRunner,
        modules: ModuleRef,
      ) => {
        const metrics = new ApiMetrics({
          positions: async () => ({
            head: await store.headPosition(),
            applied: projector.position,
          }),
          oldestUnappliedAt: async () => {
            const [next] = await store.readAll({ fromPosition: projector.position, maxCount: 1 });
            return next?.recordedAt;
          },
          feeds: () => ({
            open: modules.get(ChangeFeed, { strict: false }).followers,
            subscriptions: modules.get(SubscriptionSlots, { strict: false }).active,
          }),
        });
        runner.onAppend((seconds) => metrics.append(seconds));
        projector.onApplied((events) => metrics.eventsApplied(events.length));
        return metrics;
      },
    },
  ],
  controllers: [MetricsController],
  exports: [ApiMetrics],
})
export class MetricsModule {}
