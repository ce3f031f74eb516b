import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb';

/*
 * The adapter's own logic (paging, exclusive positions, filtering, resubscription, validation)
 * held to the shared contract on a simulated server that writes system events of its own and
 * repeats a subscription's start event. The real server is covered by the .int spec beside this.
 */
describeEventStoreContract('kurrentdb adapter on an in-memory server', async () => {
  const server = new InMemoryKurrentDb({ systemEventEvery: 7, subscriptionRepeatsStart: true });
  const stores = [new KurrentDbEventStore(server.client)];
  return {
    store: stores[0]!,
    reopen: async () => {
      await stores[0]!.close();
      stores.push(new KurrentDbEventStore(server.client));
      return stores[stores.length - 1]!;
    },
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
});
