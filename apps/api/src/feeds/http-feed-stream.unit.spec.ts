import { Writable } from 'node:stream';
import type { ChangeView } from '@app/projections';
import { streamChanges, type FeedStreamOptions } from './http-feed-stream';

const change = (position: number) => ({ position: BigInt(position) }) as ChangeView;

/** A response that keeps what reaches it; `stalled` never acknowledges a write (a client not reading). */
function response(stalled = false) {
  const chunks: string[] = [];
  const out = new Writable({
    highWaterMark: stalled ? 1 : 1 << 20,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      if (!stalled) done();
    },
  });
  return { out, text: () => chunks.join('') };
}

/**
 * Changes at the given positions, then `failure` thrown if given, or (`thenWait`) a wait for a
 * next change that ends when the feed is returned, as a live feed does; records that return.
 */
function feed(positions: number[], failure?: Error, thenWait = false) {
  const state = { returned: false };
  let index = 0;
  let wake: (() => void) | undefined;
  const changes: AsyncIterableIterator<ChangeView> = {
    async next() {
      if (state.returned) return { done: true, value: undefined };
      if (index < positions.length) return { done: false, value: change(positions[index++]) };
      if (failure) throw failure;
      if (thenWait) await new Promise<void>((resolve) => (wake = resolve));
      return { done: true, value: undefined };
    },
    async return() {
      state.returned = true;
      wake?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { changes, state };
}

const options = (overrides: Partial<FeedStreamOptions> = {}): FeedStreamOptions => ({
  sse: false,
  drainTimeoutMs: 50,
  keepAliveMs: 60_000,
  toJson: (c) => JSON.stringify({ cursor: String(c.position) }),
  onError: () => undefined,
  ...overrides,
});

describe('streamChanges', () => {
  it('writes one JSON line per change and ends when the changes end', async () => {
    const { out, text } = response();
    const { changes } = feed([1, 2]);
    await expect(streamChanges(out, changes, options())).resolves.toBe('completed');
    expect(text()).toBe('{"cursor":"1"}\n{"cursor":"2"}\n');
    expect(out.writableEnded).toBe(true);
  });

  it('writes Server-Sent Events with the cursor as id', async () => {
    const { out, text } = response();
    await streamChanges(out, feed([7]).changes, options({ sse: true }));
    expect(text()).toBe('id: 7\nevent: change\ndata: {"cursor":"7"}\n\n');
  });

  it('cuts an NDJSON response off when a change cannot be serialised, and reports why', async () => {
    const { out, text } = response();
    const { changes, state } = feed([1, 2, 3], undefined, true);
    const errors: unknown[] = [];
    const broken = new Error('version at position 2 is missing from the read model');
    const end = await streamChanges(
      out,
      changes,
      options({
        toJson: (c) => {
          if (c.position === 2n) throw broken;
          return `{"cursor":"${c.position}"}`;
        },
        onError: (error) => errors.push(error),
      }),
    );
    expect(end).toBe('failed');
    expect(errors).toEqual([broken]);
    expect(text()).toBe('{"cursor":"1"}\n');
    // Destroyed, never ended: the client sees a broken response, not a clean end of the feed.
    expect(out.destroyed).toBe(true);
    expect(out.writableEnded).toBe(false);
    expect(state.returned).toBe(true);
  });

  it('tells an SSE client the feed failed when reading a change fails', async () => {
    const { out, text } = response();
    const errors: unknown[] = [];
    const end = await streamChanges(
      out,
      feed([4], new Error('database is locked')).changes,
      options({ sse: true, onError: (error) => errors.push(error) }),
    );
    expect(end).toBe('failed');
    expect(errors).toHaveLength(1);
    expect(text()).toMatch(
      /^id: 4\n[^]*\n\nevent: error\ndata: \{"error":\{"code":"INTERNAL_SERVER_ERROR"/,
    );
    expect(out.writableEnded).toBe(true);
  });

  it('disconnects a client that stops reading, and stops reading changes for it', async () => {
    const { out } = response(true);
    const { changes, state } = feed([1, 2, 3], undefined, true);
    await expect(streamChanges(out, changes, options())).resolves.toBe('slow');
    expect(out.destroyed).toBe(true);
    expect(state.returned).toBe(true);
  });

  it('stops reading changes when the client goes away', async () => {
    const { out } = response();
    const { changes, state } = feed([1], undefined, true);
    const ended = streamChanges(out, changes, options());
    await new Promise((resolve) => setImmediate(resolve));
    out.destroy();
    await expect(ended).resolves.toBe('closed');
    expect(state.returned).toBe(true);
  });
});
