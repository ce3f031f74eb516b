import { randomUUID } from 'node:crypto';
import { ConcurrencyError, StreamNotFoundError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';
import { isUuid } from '../uuid';
import {
  type ContractSubject,
  expectStrictlyIncreasing,
  rejectionOf,
  sampleEvent,
  sampleEvents,
  uniqueName,
} from './contract-helpers';

export function describeAppendContract(subject: () => ContractSubject): void {
  describe('appending', () => {
    it('stores events with their id, type, data and metadata, and reports the last one', async () => {
      const { store } = subject();
      const stream = uniqueName('country');
      const ids = [randomUUID(), randomUUID()];
      const metadata = { correlationId: 'c-1', recordedBy: 'token-a', extra: [1, 'two'] };
      const data = { name: 'Ünïcödé 国', when: '1990-10-03', count: 3, ratio: 0.5, on: false };
      const result = await store.appendToStream(
        stream,
        [
          { id: ids[0], type: 'First', data, metadata },
          { id: ids[1], type: 'Second', data: [null, { deep: [] }] },
        ],
        { expectedRevision: 'no_stream' },
      );
      const events = await store.readStream(stream);
      expect(
        events.map((event) => [event.id, event.stream, event.type, event.streamRevision]),
      ).toEqual([
        [ids[0], stream, 'First', 0],
        [ids[1], stream, 'Second', 1],
      ]);
      expect(events[0].data).toEqual(data);
      expect(events[0].metadata).toEqual(metadata);
      expect(events[1].data).toEqual([null, { deep: [] }]);
      expect(events[1].metadata).toEqual({});
      expectStrictlyIncreasing(events.map((event) => event.globalPosition));
      expect(result).toEqual({ nextExpectedRevision: 1, position: events[1].globalPosition });
      for (const event of events) expect(event.recordedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(events[0].recordedAt.getTime())).toBe(false);
    });

    it('gives each event without an id a distinct UUID', async () => {
      const { store } = subject();
      const stream = uniqueName('ids');
      await store.appendToStream(stream, sampleEvents(3), { expectedRevision: 'no_stream' });
      const ids = (await store.readStream(stream)).map((event) => event.id);
      expect(ids.every((id) => isUuid(id))).toBe(true);
      expect(new Set(ids).size).toBe(3);
    });

    const accepted: [string, boolean, ExpectedRevision][] = [
      ['the current revision', true, 1],
      ["'no_stream' on a new stream", false, 'no_stream'],
      ["'stream_exists' on an existing stream", true, 'stream_exists'],
      ["'any' on a new stream", false, 'any'],
      ["'any' on an existing stream", true, 'any'],
    ];
    it.each(accepted)('accepts %s', async (_, existing, expectedRevision) => {
      const { store } = subject();
      const stream = uniqueName('accepted');
      if (existing)
        await store.appendToStream(stream, sampleEvents(2), { expectedRevision: 'any' });
      const result = await store.appendToStream(stream, [sampleEvent(9)], { expectedRevision });
      expect(result.nextExpectedRevision).toBe(existing ? 2 : 0);
      const events = await store.readStream(stream);
      expect(events.map((event) => event.streamRevision)).toEqual(existing ? [0, 1, 2] : [0]);
    });

    const refused: [string, boolean, ExpectedRevision, number | 'no_stream'][] = [
      ['a revision behind the stream', true, 0, 1],
      ['a revision ahead of the stream', true, 5, 1],
      ['a revision on a new stream', false, 0, 'no_stream'],
      ["'no_stream' on an existing stream", true, 'no_stream', 1],
      ["'stream_exists' on a new stream", false, 'stream_exists', 'no_stream'],
    ];
    it.each(refused)(
      'refuses %s with a ConcurrencyError and writes nothing',
      async (_, existing, expectedRevision, actual) => {
        const { store } = subject();
        const stream = uniqueName('refused');
        if (existing)
          await store.appendToStream(stream, sampleEvents(2), { expectedRevision: 'any' });
        const error = await rejectionOf(
          store.appendToStream(stream, sampleEvents(3, 10), { expectedRevision }),
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ stream, expected: expectedRevision, actual });
        if (existing) expect(await store.readStream(stream)).toHaveLength(2);
        else
          expect(await rejectionOf(store.readStream(stream))).toBeInstanceOf(StreamNotFoundError);
      },
    );

    it('continues a stream from the revision the last append reported', async () => {
      const { store } = subject();
      const stream = uniqueName('continued');
      let revision: ExpectedRevision = 'no_stream';
      for (let i = 0; i < 4; i++) {
        const result = await store.appendToStream(stream, sampleEvents(2, i * 2), {
          expectedRevision: revision,
        });
        revision = result.nextExpectedRevision;
      }
      expect(revision).toBe(7);
      const events = await store.readStream(stream);
      expect(events.map((event) => (event.data as { n: number }).n)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7,
      ]);
    });

    it('treats a retried append (same ids, same expected revision) as done: same result, nothing written', async () => {
      const { store } = subject();
      const stream = uniqueName('retry');
      const events = [sampleEvent(1, { id: randomUUID() }), sampleEvent(2, { id: randomUUID() })];
      const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const retried = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(retried).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);

      await store.appendToStream(stream, [sampleEvent(3)], { expectedRevision: 1 });
      const lateRetry = await store.appendToStream(stream, events, {
        expectedRevision: 'no_stream',
      });
      expect(lateRetry).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(3);
    });
  });
}
