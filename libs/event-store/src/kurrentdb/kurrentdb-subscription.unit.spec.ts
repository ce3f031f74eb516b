import {
  AccessDeniedError,
  START,
  UnavailableError,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { Readable } from 'node:stream';
import type { StoredEvent } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { openResubscribingSubscription } from './kurrentdb-subscription';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb';

const policy = { initialDelayMs: 10, maxDelayMs: 40 };

async function append(server: InMemoryKurrentDb, ...titles: string[]) {
  const store = new KurrentDbEventStore(server.client);
  for (const title of titles) {
    await store.appendToStream('S-1', [{ type: 'T', data: { title } }], {
      expectedRevision: 'any',
    });
  }
}

function titles(events: StoredEvent[]): string[] {
  return events.map((e) => (e.data as { title: string }).title);
}

function open(
  server: InMemoryKurrentDb,
  extra: Partial<Parameters<typeof openResubscribingSubscription>[0]> = {},
) {
  const waits: number[] = [];
  const subscription = openResubscribingSubscription({
    client: server.client,
    start: () => Promise.resolve<ReadPosition>(START),
    policy,
    wait: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { subscription, iterator: subscription[Symbol.asyncIterator](), waits };
}

async function next(iterator: AsyncIterator<StoredEvent>): Promise<StoredEvent> {
  const result = await iterator.next();
  if (result.done) throw new Error('the subscription ended');
  return result.value;
}

describe('resubscribing $all subscription', () => {
  it('resubscribes after the last event it received when the connection drops, without gaps or repeats', async () => {
    const server = new InMemoryKurrentDb({ subscriptionRepeatsStart: true });
    await append(server, 'a', 'b', 'c');
    const retries: unknown[] = [];
    const { subscription, iterator, waits } = open(server, {
      onResubscribe: (error) => retries.push(error),
    });
    const received = [await next(iterator), await next(iterator)];
    server.dropSubscriptions(new UnavailableError());
    await append(server, 'd');
    received.push(await next(iterator), await next(iterator));
    expect(titles(received)).toEqual(['a', 'b', 'c', 'd']);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toBeInstanceOf(UnavailableError);
    expect(waits).toHaveLength(1);
    expect(server.subscribeCalls).toHaveLength(2);
    // Resumes after the last event it pulled from the stream, whatever the consumer has seen.
    const resumedAt = server.subscribeCalls[1] as { commit: bigint };
    expect(resumedAt.commit).toBeGreaterThanOrEqual(received[1]!.globalPosition);
    expect(resumedAt.commit).toBeLessThan(received[3]!.globalPosition);
    await subscription.close();
  });

  it('backs off longer on each consecutive failure, and starts over once events flow again', async () => {
    const server = new InMemoryKurrentDb();
    await append(server, 'a');
    let failuresLeft = 4;
    const client = {
      subscribeToAll: (options?: Parameters<typeof server.client.subscribeToAll>[0]) => {
        if (failuresLeft-- <= 0) return server.client.subscribeToAll(options);
        const failing = new Readable({ objectMode: true, read: () => undefined });
        setImmediate(() => failing.destroy(new UnavailableError()));
        return Object.assign(failing, { unsubscribe: async () => undefined }) as never;
      },
    };
    const { subscription, iterator, waits } = open(server, { client });
    expect(titles([await next(iterator)])).toEqual(['a']);
    const step = (attempt: number) =>
      Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
    expect(waits).toHaveLength(4);
    waits.forEach((ms, attempt) => {
      expect(ms).toBeGreaterThanOrEqual(step(attempt) / 2);
      expect(ms).toBeLessThanOrEqual(step(attempt));
    });
    server.dropSubscriptions(new UnavailableError());
    await append(server, 'b');
    expect(titles([await next(iterator)])).toEqual(['b']);
    expect(waits[4]).toBeLessThanOrEqual(step(0));
    await subscription.close();
  });

  it('resubscribes when the server ends the stream', async () => {
    const server = new InMemoryKurrentDb();
    await append(server, 'a');
    const { subscription, iterator } = open(server);
    expect(titles([await next(iterator)])).toEqual(['a']);
    server.dropSubscriptions();
    await append(server, 'b');
    expect(titles([await next(iterator)])).toEqual(['b']);
    expect(server.subscribeCalls).toHaveLength(2);
    await subscription.close();
  });

  it('fails the iteration on an error retrying cannot fix, and then stays closed', async () => {
    const server = new InMemoryKurrentDb();
    await append(server, 'a');
    const { iterator } = open(server);
    await next(iterator);
    const pending = iterator.next();
    server.dropSubscriptions(new AccessDeniedError());
    await expect(pending).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('retries finding its start position when the server is unreachable', async () => {
    const server = new InMemoryKurrentDb();
    await append(server, 'a', 'b');
    let calls = 0;
    const start = async (): Promise<ReadPosition> => {
      calls += 1;
      if (calls === 1) throw new UnavailableError();
      return { commit: server.log[1]!.position, prepare: server.log[1]!.position };
    };
    const { subscription, iterator } = open(server, { start });
    expect(titles([await next(iterator)])).toEqual(['b']);
    expect(calls).toBe(2);
    await subscription.close();
  });

  it('close() ends a consumer waiting for live events and one waiting out a backoff', async () => {
    const server = new InMemoryKurrentDb();
    const live = open(server);
    const waiting = live.iterator.next();
    await live.subscription.close();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });

    const backingOff = open(server, {
      start: () => Promise.reject(new UnavailableError()),
      wait: (_ms, cancelled) =>
        new Promise((resolve) => cancelled.addEventListener('abort', () => resolve())),
    });
    const stuck = backingOff.iterator.next();
    await backingOff.subscription.close();
    await expect(stuck).resolves.toEqual({ done: true, value: undefined });
    await backingOff.subscription.close();
  });

  it('pulls from the server as the consumer asks instead of draining the log into memory', async () => {
    const server = new InMemoryKurrentDb();
    await append(server, ...Array.from({ length: 200 }, (_, i) => `e${i}`));
    let pulled = 0;
    const client = {
      subscribeToAll: (options?: Parameters<typeof server.client.subscribeToAll>[0]) => {
        const subscription = server.client.subscribeToAll(options);
        subscription.on('data', () => undefined).pause();
        const read = subscription.read.bind(subscription);
        subscription.read = (size?: number) => {
          const value: unknown = read(size);
          if (value !== null) pulled += 1;
          return value;
        };
        return subscription;
      },
    };
    const { subscription, iterator } = open(server, { client });
    await next(iterator);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(20);
    await subscription.close();
  });
});
