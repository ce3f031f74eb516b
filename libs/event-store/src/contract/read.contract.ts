import { StreamNotFoundError } from '../errors';
import type { StoredEvent } from '../event-store.port';
import {
  type ContractSubject,
  expectStrictlyIncreasing,
  readAllOf,
  rejectionOf,
  sampleEvents,
  uniqueName,
} from './contract-helpers';

const numbers = (events: readonly StoredEvent[]) =>
  events.map((event) => (event.data as { n: number }).n);

export function describeReadContract(subject: () => ContractSubject): void {
  describe('reading', () => {
    async function streamOfTen(): Promise<string> {
      const stream = uniqueName('read');
      await subject().store.appendToStream(stream, sampleEvents(10), {
        expectedRevision: 'no_stream',
      });
      return stream;
    }

    it('reads a stream forwards, from a revision, and at most maxCount events', async () => {
      const { store } = subject();
      const stream = await streamOfTen();
      expect(numbers(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(numbers(await store.readStream(stream, { fromRevision: 7 }))).toEqual([7, 8, 9]);
      expect(numbers(await store.readStream(stream, { maxCount: 3 }))).toEqual([0, 1, 2]);
      expect(numbers(await store.readStream(stream, { fromRevision: 4, maxCount: 2 }))).toEqual([
        4, 5,
      ]);
      expect(await store.readStream(stream, { fromRevision: 10 })).toEqual([]);
    });

    it('reads a stream backwards, from the end or from a revision', async () => {
      const { store } = subject();
      const stream = await streamOfTen();
      const backwards = { direction: 'backwards' } as const;
      expect(numbers(await store.readStream(stream, backwards))).toEqual([
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
      ]);
      expect(numbers(await store.readStream(stream, { ...backwards, maxCount: 2 }))).toEqual([
        9, 8,
      ]);
      expect(numbers(await store.readStream(stream, { ...backwards, fromRevision: 2 }))).toEqual([
        2, 1, 0,
      ]);
      expect(
        numbers(await store.readStream(stream, { ...backwards, fromRevision: 6, maxCount: 2 })),
      ).toEqual([6, 5]);
    });

    it('throws StreamNotFoundError for a stream without events', async () => {
      const { store } = subject();
      const stream = uniqueName('missing');
      const error = await rejectionOf(store.readStream(stream));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ stream });
      const backwards = await rejectionOf(store.readStream(stream, { direction: 'backwards' }));
      expect(backwards).toBeInstanceOf(StreamNotFoundError);
    });

    it('keeps one global order across streams, which readAll pages through from a checkpoint', async () => {
      const { store } = subject();
      const prefix = uniqueName('log');
      const before = await store.headPosition();
      const appended: string[] = [];
      for (let i = 0; i < 12; i++) {
        const stream = `${prefix}-${i % 3}`;
        await store.appendToStream(stream, sampleEvents(1, i), { expectedRevision: 'any' });
        appended.push(`${stream}/${i}`);
      }
      const all = await readAllOf(store, prefix, before, 5);
      expect(all.map((event) => `${event.stream}/${numbers([event])[0]}`)).toEqual(appended);
      expectStrictlyIncreasing(all.map((event) => event.globalPosition));

      const page = await store.readAll({ fromPosition: before, maxCount: 3 });
      expect(page.length).toBeLessThanOrEqual(3);
      expect(page.every((event) => event.globalPosition > before)).toBe(true);

      const afterFifth = await readAllOf(store, prefix, all[4].globalPosition);
      expect(afterFifth.map((event) => event.id)).toEqual(all.slice(5).map((event) => event.id));
    });

    it('reports the head position: at or after the last append, and moving with the log', async () => {
      const { store } = subject();
      const stream = uniqueName('head');
      const first = await store.appendToStream(stream, sampleEvents(2), {
        expectedRevision: 'any',
      });
      const headAfterFirst = await store.headPosition();
      expect(headAfterFirst >= first.position).toBe(true);
      const second = await store.appendToStream(stream, sampleEvents(1), { expectedRevision: 1 });
      expect(second.position > first.position).toBe(true);
      expect((await store.headPosition()) >= second.position).toBe(true);
    });

    it('keeps everything it acknowledged across a restart', async () => {
      const { store, reopen } = subject();
      // Only adapters that can restart over the same data can show this.
      if (!reopen) return;
      const prefix = uniqueName('durable');
      const before = await store.headPosition();
      for (let i = 0; i < 5; i++) {
        await store.appendToStream(`${prefix}-${i}`, sampleEvents(3), {
          expectedRevision: 'no_stream',
        });
      }
      const written = await readAllOf(store, prefix, before);
      const reopened = await reopen();
      const reread = await readAllOf(reopened, prefix, before);
      expect(reread).toEqual(written);
      expect(await reopened.readStream(`${prefix}-3`)).toEqual(
        written.filter((event) => event.stream === `${prefix}-3`),
      );
      const next = await reopened.appendToStream(`${prefix}-0`, sampleEvents(1), {
        expectedRevision: 2,
      });
      expect(next.position > written[written.length - 1].globalPosition).toBe(true);
    });
  });
}
