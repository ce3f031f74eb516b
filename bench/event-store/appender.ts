import type { EventStore } from '@app/event-store';
import { STREAM_COUNT, sampleEvent, streamName } from './workload';

/** Appends through the store with expected revisions, as a command handler makes them. */
export function appender(store: EventStore) {
  const revisions = new Map<string, number>();
  let sequence = 0;
  const writerProgress: number[] = [];

  async function append(stream: string, eventCount: number): Promise<void> {
    const first = sequence;
    sequence += eventCount;
    const events = Array.from({ length: eventCount }, (_, i) => sampleEvent(first + i));
    const result = await store.appendToStream(stream, events, {
      expectedRevision: revisions.get(stream) ?? 'no_stream',
    });
    revisions.set(stream, result.nextExpectedRevision);
  }

  return {
    /** One event per append, one append at a time, cycling over the streams. */
    async sequential(keepGoing: () => boolean): Promise<number> {
      let appended = 0;
      for (; keepGoing(); appended++) await append(streamName(sequence), 1);
      return appended;
    },
    /**
     * `writers` appenders at once, one event per append. Writer w uses streams w, w + writers, …
     * so no two writers share a stream and none of them meets a conflict.
     */
    async concurrent(writers: number, keepGoing: () => boolean): Promise<number> {
      const counts = await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          let appended = 0;
          for (; keepGoing(); appended++) {
            const turn = writerProgress[writer] ?? 0;
            writerProgress[writer] = turn + 1;
            await append(streamName(writer + ((turn * writers) % STREAM_COUNT)), 1);
          }
          return appended;
        }),
      );
      return counts.reduce((sum, count) => sum + count, 0);
    },
    /** `total` events in appends of `perAppend`, `writers` at a time, each to a stream of its own. */
    async fill(total: number, perAppend: number, writers: number): Promise<void> {
      let next = 0;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          while (next < total) {
            const stream = `fill-${next}`;
            next += perAppend;
            await append(stream, perAppend);
          }
        }),
      );
    },
  };
}
