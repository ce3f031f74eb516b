import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  EventSubscription,
  GlobalPosition,
  NewEvent,
  StoredEvent,
} from '../event-store.port';

/** What one contract test runs against: a store, and how to get rid of it afterwards. */
export interface ContractSubject {
  readonly store: EventStore;
  /**
   * Closes `store` and opens the same log again, as after a restart. `cleanup` must also dispose
   * of what this returned.
   */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

export type MakeContractSubject = () => Promise<ContractSubject>;

/**
 * A name no other test (or earlier run against the same server) has used. Adapters backed by a
 * server keep their log between tests, so tests never assume an empty log or particular
 * positions, only that positions increase.
 */
export function uniqueName(label: string): string {
  return `contract_${label}_${randomUUID().replaceAll('-', '')}`;
}

export function sampleEvent(n: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'SampleRecorded',
    data: { n, text: `event ${n}`, tags: ['a', 'b'], nested: { ok: true, none: null } },
    ...overrides,
  };
}

export function sampleEvents(count: number, first = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => sampleEvent(first + i));
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Reads the next `count` events of a subscription. */
export async function take(subscription: EventSubscription, count: number): Promise<StoredEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: StoredEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

/** Every event after `from` whose stream starts with `prefix`, paging through `readAll`. */
export async function readAllOf(
  store: EventStore,
  prefix: string,
  from: GlobalPosition,
  pageSize = 1000,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  for (let position = from; ;) {
    const page = await store.readAll({ fromPosition: position, maxCount: pageSize });
    if (page.length === 0) return found;
    found.push(...page.filter((event) => event.stream.startsWith(prefix)));
    position = page[page.length - 1].globalPosition;
  }
}

export function expectStrictlyIncreasing(positions: readonly GlobalPosition[]): void {
  positions.slice(1).forEach((position, i) => {
    if (!(position > positions[i])) {
      throw new Error(`position ${position} at index ${i + 1} is not after ${positions[i]}`);
    }
  });
}
