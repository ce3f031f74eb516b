import { randomUUID } from 'node:crypto';
import { InvalidEventError, StreamNotFoundError } from '../errors';
import type { NewEvent } from '../event-store.port';
import {
  type ContractSubject,
  rejectionOf,
  sampleEvent,
  sampleEvents,
  uniqueName,
} from './contract-helpers';

function circular(): unknown {
  const data: Record<string, unknown> = { name: 'loop' };
  data.self = { back: data };
  return data;
}

/** Events that must be refused, placed second in the batch to show that the first is not kept. */
const badEvents: [string, unknown, RegExp][] = [
  ['no type', { data: {} }, /^events\[1\]\.type$/],
  ['an empty type', { type: '', data: {} }, /^events\[1\]\.type$/],
  ['a blank type', { type: '  ', data: {} }, /^events\[1\]\.type$/],
  ['no data', { type: 'T' }, /^events\[1\]\.data$/],
  ['undefined data', { type: 'T', data: undefined }, /^events\[1\]\.data$/],
  ['a function as data', { type: 'T', data: () => 1 }, /^events\[1\]\.data$/],
  ['a nested function', { type: 'T', data: { a: { f: () => 1 } } }, /^events\[1\]\.data/],
  ['a BigInt', { type: 'T', data: { big: 10n } }, /^events\[1\]\.data/],
  ['a circular structure', { type: 'T', data: circular() }, /^events\[1\]\.data/],
  ['NaN', { type: 'T', data: { n: Number.NaN } }, /^events\[1\]\.data/],
  ['undefined in an array', { type: 'T', data: [1, undefined] }, /^events\[1\]\.data/],
  ['an id that is not a UUID', { type: 'T', data: {}, id: 'event-1' }, /^events\[1\]\.id$/],
  ['a string as metadata', { type: 'T', data: {}, metadata: 'x' }, /^events\[1\]\.metadata$/],
  ['an array as metadata', { type: 'T', data: {}, metadata: [] }, /^events\[1\]\.metadata$/],
  ['null as metadata', { type: 'T', data: {}, metadata: null }, /^events\[1\]\.metadata$/],
  ['an event over 1 MiB', { type: 'T', data: { text: 'x'.repeat(2 ** 21) } }, /^events\[1\]/],
  ['not an object', 'event', /^events\[1\]$/],
];

export function describeInvalidInputContract(subject: () => ContractSubject): void {
  describe('refusing bad input with InvalidEventError, writing nothing', () => {
    it.each(badEvents)('an event with %s', async (_, bad, field) => {
      const { store } = subject();
      const stream = uniqueName('invalid');
      const events = [sampleEvent(0), bad] as NewEvent[];
      const error = await rejectionOf(
        store.appendToStream(stream, events, { expectedRevision: 'no_stream' }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect((error as InvalidEventError).field).toMatch(field);
      expect(await rejectionOf(store.readStream(stream))).toBeInstanceOf(StreamNotFoundError);
    });

    const badStreams: [string, string][] = [
      ['an empty stream name', ''],
      ['a blank stream name', ' \t '],
      ['a stream name over 255 characters', `s${'x'.repeat(255)}`],
    ];
    it.each(badStreams)('%s', async (_, stream) => {
      const { store } = subject();
      const error = await rejectionOf(
        store.appendToStream(stream, sampleEvents(1), { expectedRevision: 'any' }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ field: 'stream' });
    });

    it('an empty list of events', async () => {
      const { store } = subject();
      const stream = uniqueName('empty');
      const error = await rejectionOf(
        store.appendToStream(stream, [], { expectedRevision: 'any' }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ field: 'events' });
      expect(await rejectionOf(store.readStream(stream))).toBeInstanceOf(StreamNotFoundError);
    });

    it.each([[-1], [1.5], ['latest']])('an expected revision of %p', async (expectedRevision) => {
      const { store } = subject();
      const stream = uniqueName('expected');
      const error = await rejectionOf(
        store.appendToStream(stream, sampleEvents(1), { expectedRevision } as never),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ field: 'expectedRevision' });
    });

    it('the same id twice in one append', async () => {
      const { store } = subject();
      const stream = uniqueName('twice');
      const id = randomUUID();
      const error = await rejectionOf(
        store.appendToStream(stream, [sampleEvent(0, { id }), sampleEvent(1, { id })], {
          expectedRevision: 'no_stream',
        }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ field: 'events[1].id' });
    });

    it('a bad event appended to an existing stream leaves the stream as it was', async () => {
      const { store } = subject();
      const stream = uniqueName('kept');
      await store.appendToStream(stream, sampleEvents(2), { expectedRevision: 'no_stream' });
      const events = [sampleEvent(2), { type: 'T', data: () => 0 }] as NewEvent[];
      const error = await rejectionOf(
        store.appendToStream(stream, events, { expectedRevision: 1 }),
      );
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });
}
