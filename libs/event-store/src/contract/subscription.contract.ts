import {
  type ContractSubject,
  expectStrictlyIncreasing,
  readAllOf,
  sampleEvent,
  sampleEvents,
  take,
  uniqueName,
} from './contract-helpers';

export function describeSubscriptionContract(subject: () => ContractSubject): void {
  describe('subscribing to all', () => {
    it('catches up, then stays live, without gap or duplicate while a writer races the handover', async () => {
      const { store } = subject();
      const prefix = uniqueName('live');
      const before = await store.headPosition();
      for (let s = 0; s < 6; s++) {
        await store.appendToStream(`${prefix}-old-${s}`, sampleEvents(100), {
          expectedRevision: 'no_stream',
        });
      }
      const subscription = store.subscribeToAll({
        fromPosition: before,
        filter: { streamPrefixes: [prefix] },
      });
      const writers = Promise.all(
        Array.from({ length: 5 }, async (_, writer) => {
          for (let i = 0; i < 30; i++) {
            await store.appendToStream(`${prefix}-new-${writer}`, [sampleEvent(i)], {
              expectedRevision: 'any',
            });
          }
        }),
      );
      const received = await take(subscription, 750);
      await writers;
      await subscription.close();
      const logged = await readAllOf(store, prefix, before);
      expect(logged).toHaveLength(750);
      expect(received.map((event) => event.id)).toEqual(logged.map((event) => event.id));
      expectStrictlyIncreasing(received.map((event) => event.globalPosition));
      expect(received[0]).toEqual(logged[0]);
    });

    it('delivers only what follows an exclusive starting position', async () => {
      const { store } = subject();
      const stream = uniqueName('from');
      await store.appendToStream(stream, sampleEvents(5), { expectedRevision: 'no_stream' });
      const events = await store.readStream(stream);
      const subscription = store.subscribeToAll({
        fromPosition: events[1].globalPosition,
        filter: { streamPrefixes: [stream] },
      });
      const received = await take(subscription, 3);
      await subscription.close();
      expect(received.map((event) => event.id)).toEqual(events.slice(2).map((event) => event.id));
    });

    it("from 'end', delivers only events appended after subscribing", async () => {
      const { store } = subject();
      const stream = uniqueName('end');
      await store.appendToStream(stream, sampleEvents(3), { expectedRevision: 'no_stream' });
      const subscription = store.subscribeToAll({
        fromPosition: 'end',
        filter: { streamPrefixes: [stream] },
      });
      const next = take(subscription, 1);
      await store.appendToStream(stream, [sampleEvent(42)], { expectedRevision: 2 });
      const [received] = await next;
      await subscription.close();
      expect(received).toMatchObject({ stream, streamRevision: 3, data: sampleEvent(42).data });
    });

    it('filters by stream prefix and by event type', async () => {
      const { store } = subject();
      const prefix = uniqueName('filter');
      const before = await store.headPosition();
      for (let i = 0; i < 6; i++) {
        const stream = `${prefix}-${i % 2 === 0 ? 'country' : 'treaty'}-${i}`;
        const type = i % 3 === 0 ? 'Recorded' : 'Amended';
        await store.appendToStream(stream, [sampleEvent(i, { type })], { expectedRevision: 'any' });
      }
      const byPrefix = store.subscribeToAll({
        fromPosition: before,
        filter: { streamPrefixes: [`${prefix}-treaty`, `${prefix}-nothing`] },
      });
      const byType = store.subscribeToAll({
        fromPosition: before,
        filter: { streamPrefixes: [prefix], eventTypes: ['Recorded'] },
      });
      const treaties = await take(byPrefix, 3);
      const recorded = await take(byType, 2);
      await Promise.all([byPrefix.close(), byType.close()]);
      expect(treaties.map((event) => (event.data as { n: number }).n)).toEqual([1, 3, 5]);
      expect(recorded.map((event) => (event.data as { n: number }).n)).toEqual([0, 3]);
    });

    it('ends on close(): a waiting next() resolves as done, and so does every later one', async () => {
      const { store } = subject();
      const subscription = store.subscribeToAll({
        fromPosition: 'end',
        filter: { streamPrefixes: [uniqueName('closed')] },
      });
      const iterator = subscription[Symbol.asyncIterator]();
      const waiting = iterator.next();
      await subscription.close();
      await subscription.close();
      expect((await waiting).done).toBe(true);
      expect((await iterator.next()).done).toBe(true);
    });

    it('ends when the consumer leaves a for-await loop', async () => {
      const { store } = subject();
      const stream = uniqueName('break');
      await store.appendToStream(stream, sampleEvents(3), { expectedRevision: 'no_stream' });
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
      for await (const event of subscription) {
        expect(event.stream).toBe(stream);
        break;
      }
      expect((await subscription[Symbol.asyncIterator]().next()).done).toBe(true);
    });

    it('does not hold writers back while a consumer is not reading', async () => {
      const { store } = subject();
      const prefix = uniqueName('slow');
      const subscription = store.subscribeToAll({
        fromPosition: 'end',
        filter: { streamPrefixes: [prefix] },
      });
      const first = take(subscription, 1);
      for (let i = 0; i < 20; i++) {
        await store.appendToStream(`${prefix}-${i}`, sampleEvents(50), {
          expectedRevision: 'no_stream',
        });
      }
      const [event] = await first;
      expect(event.stream).toBe(`${prefix}-0`);
      const rest = await take(subscription, 999);
      await subscription.close();
      expect(rest[rest.length - 1]).toMatchObject({ stream: `${prefix}-19`, streamRevision: 49 });
    });

    it('ends its subscriptions when the store closes', async () => {
      const { store } = subject();
      const subscription = store.subscribeToAll({
        fromPosition: 'end',
        filter: { streamPrefixes: [uniqueName('store-closed')] },
      });
      const waiting = subscription[Symbol.asyncIterator]().next();
      await store.close();
      expect((await waiting).done).toBe(true);
    });
  });
}
