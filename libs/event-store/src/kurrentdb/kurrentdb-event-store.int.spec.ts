import { describeEventStoreContract } from '../contract/event-store.contract';
import type { EventStore } from '../event-store.port';
import { openKurrentDbEventStore } from './kurrentdb-event-store';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (!connectionString) {
  console.warn(
    'KurrentDB contract suite skipped: KURRENTDB_CONNECTION_STRING is not set ' +
      '(e.g. KURRENTDB_CONNECTION_STRING="kurrentdb://localhost:2113?tls=false" npm run test:kurrentdb).',
  );
  it.skip('KurrentDB contract suite skipped: KURRENTDB_CONNECTION_STRING is not set', () =>
    undefined);
} else {
  // A shared server keeps its log between tests; the contract only uses fresh stream names.
  describeEventStoreContract('kurrentdb', async () => {
    const opened: EventStore[] = [];
    const open = async (): Promise<EventStore> => {
      const store = await openKurrentDbEventStore({ connectionString });
      opened.push(store);
      return store;
    };
    const store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        return open();
      },
      cleanup: async () => {
        await Promise.all(opened.map((each) => each.close()));
      },
    };
  });
}
