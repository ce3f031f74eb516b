export {
  KurrentDbEventStore,
  openKurrentDbEventStore,
  type KurrentDbEventStoreOptions,
  type OpenKurrentDbEventStoreOptions,
} from './kurrentdb-event-store';
export type { KurrentDbClient } from './kurrentdb-client';
export { DEFAULT_RESUBSCRIBE_POLICY, type ResubscribePolicy } from './resubscribe-policy';
