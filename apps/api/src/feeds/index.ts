/**
 * What other capabilities may use of the feeds: the module, the change feed it exports, and the
 * cap every subscription claims on its connection. Everything else here is the feeds' own.
 */
export { FeedsModule } from './feeds.module';
export { ChangeFeed } from './change-feed';
export { SubscriptionSlots, type SubscriptionContext } from './subscription-slots';
