import { InvalidEventError, ConcurrencyError, StreamNotFoundError } from '../errors';
import { START, type StoredEvent } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb';

function setup(options: ConstructorParameters<typeof InMemoryKurrentDb>[0] = {}) {
  const server = new InMemoryKurrentDb(options);
  const store = new KurrentDbEventStore(server.client, { maxEventBytes: 1_000 });
  return { server, store };
}

const recorded = (title: string) => ({ type: 'DiplomaticEventRecorded', data: { title } });

async function take(iterator: AsyncIterator<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

describe('KurrentDbEventStore on an in-memory server', () => {
  describe('appendToStream', () => {
    it.each([
      ['an empty stream name', '', [recorded('a')], 'stream'],
      ['a system stream', '$settings', [recorded('a')], 'stream'],
      ['a system event type', 'S-1', [{ type: '$metadata', data: {} }], 'events[0].type'],
      ['data that is not JSON', 'S-1', [{ type: 'T', data: { at: () => 1 } }], 'events[0].data.at'],
      [
        'an event over the size limit',
        'S-1',
        [{ type: 'T', data: 'x'.repeat(2_000) }],
        'events[0]',
      ],
      ['no events', 'S-1', [], 'events'],
    ])('refuses %s before reaching the server', async (_case, stream, events, field) => {
      const { server, store } = setup();
      const attempt = store.appendToStream(stream, events, { expectedRevision: 'any' });
      await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
      await expect(attempt).rejects.toMatchObject({ field });
      expect(server.appendCalls).toBe(0);
    });

    it('returns the revision and $all position of the last event, and stores ids it generates', async () => {
      const { server, store } = setup();
      const result = await store.appendToStream('S-1', [recorded('a'), recorded('b')], {
        expectedRevision: 'no_stream',
      });
      const last = server.log[server.log.length - 1]!;
      expect(result).toEqual({ nextExpectedRevision: 1, position: last.position });
      const events = await store.readStream('S-1');
      expect(events.map((e) => [e.streamRevision, e.data])).toEqual([
        [0, { title: 'a' }],
        [1, { title: 'b' }],
      ]);
      expect(events[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expect(events[1]!.globalPosition).toBe(result.position);
    });

    it('turns a conflict into a ConcurrencyError carrying the actual revision', async () => {
      const { store } = setup();
      await store.appendToStream('S-1', [recorded('a')], { expectedRevision: 'no_stream' });
      await expect(
        store.appendToStream('S-1', [recorded('b')], { expectedRevision: 'no_stream' }),
      ).rejects.toEqual(new ConcurrencyError('S-1', 'no_stream', 0));
      await expect(
        store.appendToStream('S-2', [recorded('b')], { expectedRevision: 3 }),
      ).rejects.toMatchObject({
        stream: 'S-2',
        expected: 3,
        actual: 'no_stream',
      });
    });

    it('passes a retried append through to the server, which answers with the original result', async () => {
      const { server, store } = setup();
      const events = [{ id: '0190f1c2-7d4e-7c3a-9f10-3b2a1c0d9e8f', ...recorded('a') }];
      const first = await store.appendToStream('S-1', events, { expectedRevision: 'no_stream' });
      const retry = await store.appendToStream('S-1', events, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      expect(server.log.filter((e) => e.streamId === 'S-1')).toHaveLength(1);
    });
  });

  describe('readStream', () => {
    it('throws StreamNotFoundError for a stream without events, even when asked for none', async () => {
      const { store } = setup();
      await expect(store.readStream('S-404')).rejects.toEqual(new StreamNotFoundError('S-404'));
      await expect(store.readStream('S-404', { maxCount: 0 })).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('reads backwards from the end, or from a revision, up to maxCount', async () => {
      const { store } = setup();
      await store.appendToStream('S-1', ['a', 'b', 'c'].map(recorded), { expectedRevision: 'any' });
      const revisions = async (options: Parameters<KurrentDbEventStore['readStream']>[1]) =>
        (await store.readStream('S-1', options)).map((e) => e.streamRevision);
      expect(await revisions({ direction: 'backwards' })).toEqual([2, 1, 0]);
      expect(await revisions({ direction: 'backwards', fromRevision: 1 })).toEqual([1, 0]);
      expect(await revisions({ fromRevision: 1, maxCount: 1 })).toEqual([1]);
      expect(await revisions({ maxCount: 0 })).toEqual([]);
    });
  });

  describe('readAll and headPosition', () => {
    it('pages through the log after a checkpoint, once each, without system events', async () => {
      const { server, store } = setup({ systemEventEvery: 2 });
      for (let i = 0; i < 9; i += 1) {
        await store.appendToStream(`S-${i % 3}`, [recorded(`e${i}`)], { expectedRevision: 'any' });
      }
      const pages: StoredEvent[][] = [];
      let after = START;
      for (;;) {
        const page = await store.readAll({ fromPosition: after, maxCount: 2 });
        if (page.length === 0) break;
        pages.push(page);
        after = page[page.length - 1]!.globalPosition;
      }
      const titles = pages.flat().map((e) => (e.data as { title: string }).title);
      expect(titles).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(server.log.some((e) => e.streamId.startsWith('$stats'))).toBe(true);
      const positions = pages.flat().map((e) => e.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    });

    it('reports START on a log holding only system events, then the last application event', async () => {
      const { server, store } = setup({ systemEventEvery: 2 });
      expect(await store.headPosition()).toBe(START);
      const { position } = await store.appendToStream('S-1', [recorded('a')], {
        expectedRevision: 'any',
      });
      expect(server.log[server.log.length - 1]!.streamId).toMatch(/^\$stats/);
      expect(await store.headPosition()).toBe(position);
    });
  });

  describe('subscribeToAll', () => {
    it('catches up, goes live and applies the filter', async () => {
      const { store } = setup({ systemEventEvery: 3 });
      await store.appendToStream('Access-1', [{ type: 'TokenCreated', data: {} }], {
        expectedRevision: 'any',
      });
      await store.appendToStream('S-1', [recorded('a')], { expectedRevision: 'any' });
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['S-'] } });
      const iterator = subscription[Symbol.asyncIterator]();
      const caughtUp = await take(iterator, 1);
      const live = take(iterator, 1);
      await store.appendToStream('S-2', [recorded('b')], { expectedRevision: 'any' });
      expect([...caughtUp, ...(await live)].map((e) => e.stream)).toEqual(['S-1', 'S-2']);
      await subscription.close();
    });

    it("from 'end' delivers only what is appended after the call", async () => {
      const { store } = setup();
      await store.appendToStream('S-1', [recorded('before')], { expectedRevision: 'any' });
      const subscription = store.subscribeToAll({ fromPosition: 'end' });
      await store.appendToStream('S-1', [recorded('after')], { expectedRevision: 'any' });
      const [event] = await take(subscription[Symbol.asyncIterator](), 1);
      expect(event!.data).toEqual({ title: 'after' });
      await subscription.close();
    });
  });

  it('close() ends open subscriptions and refuses further use', async () => {
    const { store } = setup();
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await store.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await expect(store.readAll()).rejects.toThrow(/closed/);
    await store.close();
  });
});
