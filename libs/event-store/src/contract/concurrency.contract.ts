import { ConcurrencyError, InvalidEventError, StreamNotFoundError } from '../errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import {
  type ContractSubject,
  expectStrictlyIncreasing,
  rejectionOf,
  sampleEvent,
  sampleEvents,
  uniqueName,
} from './contract-helpers';

const RACERS = 20;

export function describeConcurrencyContract(subject: () => ContractSubject): void {
  describe('concurrent appends and atomicity', () => {
    it(`lets exactly one of ${RACERS} racers with the same expected revision win, round after round`, async () => {
      const { store } = subject();
      const stream = uniqueName('race');
      let expectedRevision: ExpectedRevision = 'no_stream';
      for (let round = 0; round < 3; round++) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: RACERS }, (_, racer) =>
            store.appendToStream(stream, [sampleEvent(racer)], { expectedRevision }),
          ),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
        const result = (won[0] as PromiseFulfilledResult<AppendResult>).value;
        expect(result.nextExpectedRevision).toBe(round);
        expectedRevision = result.nextExpectedRevision;
      }
      const events = await store.readStream(stream);
      expect(events.map((event) => event.streamRevision)).toEqual([0, 1, 2]);
    });

    it('answers each of many concurrent appends to different streams on its own', async () => {
      const { store } = subject();
      const streams = Array.from({ length: 30 }, () => uniqueName('parallel'));
      await store.appendToStream(streams[7], [sampleEvent(0)], { expectedRevision: 'any' });
      const outcomes = await Promise.allSettled(
        streams.map((stream) =>
          store.appendToStream(stream, sampleEvents(2), { expectedRevision: 'no_stream' }),
        ),
      );
      expect(outcomes[7].status).toBe('rejected');
      expect((outcomes[7] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      const results = outcomes
        .filter((_, i) => i !== 7)
        .map((outcome) => (outcome as PromiseFulfilledResult<AppendResult>).value);
      expect(results.every((result) => result.nextExpectedRevision === 1)).toBe(true);
      expect(new Set(results.map((result) => result.position)).size).toBe(results.length);
      expect(await store.readStream(streams[7])).toHaveLength(1);
      for (const stream of streams.filter((_, i) => i !== 7)) {
        const events = await store.readStream(stream);
        expect(events).toHaveLength(2);
        expectStrictlyIncreasing(events.map((event) => event.globalPosition));
      }
    });

    it('writes none of a multi-event append that fails on its expected revision', async () => {
      const { store } = subject();
      const stream = uniqueName('atomic');
      await store.appendToStream(stream, sampleEvents(1), { expectedRevision: 'no_stream' });
      const error = await rejectionOf(
        store.appendToStream(stream, sampleEvents(5, 1), { expectedRevision: 3 }),
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('writes none of a multi-event append whose last event is invalid', async () => {
      const { store } = subject();
      const stream = uniqueName('atomic');
      const events = [...sampleEvents(3), { type: '', data: {} }];
      const error = await rejectionOf(
        store.appendToStream(stream, events, { expectedRevision: 'no_stream' }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(await rejectionOf(store.readStream(stream))).toBeInstanceOf(StreamNotFoundError);
    });
  });
}
