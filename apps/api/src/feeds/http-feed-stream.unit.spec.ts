import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    expect(text()).toBe('id: 7\ndata: {"cursor":"7"}\n\n');
  });

  it('sends every change before a failure, then cuts the NDJSON response off, and reports why', async () => {
    const errors: unknown[] = [];
    const broken = new Error('version at position 9 is missing from the read model');
    const { changes, state } = feed([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], undefined, true);
    // A real HTTP exchange: what matters is what a client sees on the wire.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      void streamChanges(
        res,
        changes,
        options({
          toJson: (c) => {
            if (c.position === 9n) throw broken;
            return `{"cursor":"${c.position}"}`;
          },
          onError: (error) => errors.push(error),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<{ body: string; ending: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ body, ending: 'end' }));
          res.on('error', (error) => resolve({ body, ending: error.message }));
        }).on('error', reject);
      });
      expect(seen.body).toBe([1, 2, 3, 4, 5, 6, 7, 8].map((p) => `{"cursor":"${p}"}\n`).join(''));
      // Not a clean end: the client can tell the feed broke and resumes from cursor 8.
      expect(seen.ending).toBe('aborted');
      expect(errors).toEqual([broken]);
      expect(state.returned).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('cuts off a response without a connection under it by destroying it', async () => {
    const { out, text } = response();
    const end = await streamChanges(
      out,
      feed([1], new Error('database is locked')).changes,
      options(),
    );
    expect(end).toBe('failed');
    expect(text()).toBe('{"cursor":"1"}\n');
    expect(out.destroyed).toBe(true);
    expect(out.writableEnded).toBe(false);
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
      /^id: 4\n[^]*\n\nevent: feed-error\nretry: 5000\ndata: \{"error":\{"code":"INTERNAL_SERVER_ERROR"/,
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

  it('stops at once for a client that left before the stream started', async () => {
    const { out } = response();
    out.destroy();
    const { changes, state } = feed([1], undefined, true);
    await expect(streamChanges(out, changes, options())).resolves.toBe('closed');
    expect(state.returned).toBe(true);
  });

  it('stops waiting for a slow client as soon as it leaves', async () => {
    const { out } = response(true);
    const { changes, state } = feed([1, 2, 3], undefined, true);
    const ended = streamChanges(out, changes, options({ drainTimeoutMs: 60_000 }));
    await new Promise((resolve) => setImmediate(resolve));
    out.destroy();
    const outcome = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000)),
    ]);
    expect(outcome).toBe('closed');
    expect(state.returned).toBe(true);
  });

  describe('when the token is revoked', () => {
    const REVOKED = '{"error":{"code":"UNAUTHENTICATED","message":"The bearer token was revoked"}}';

    it('ends a waiting NDJSON feed with an UNAUTHENTICATED line, and stops reading changes', async () => {
      const { out, text } = response();
      const { changes, state } = feed([1], undefined, true);
      const revocation = new AbortController();
      const ended = streamChanges(out, changes, options({ revoked: revocation.signal }));
      await new Promise((resolve) => setImmediate(resolve));
      revocation.abort();
      await expect(ended).resolves.toBe('revoked');
      expect(text()).toBe(`{"cursor":"1"}\n${REVOKED}\n`);
      expect(out.writableEnded).toBe(true);
      expect(state.returned).toBe(true);
    });

    it('ends an SSE feed with a feed-error event and no retry', async () => {
      const { out, text } = response();
      const { changes } = feed([3], undefined, true);
      const revocation = new AbortController();
      const ended = streamChanges(out, changes, options({ sse: true, revoked: revocation.signal }));
      await new Promise((resolve) => setImmediate(resolve));
      revocation.abort();
      await expect(ended).resolves.toBe('revoked');
      expect(text()).toBe(`id: 3\ndata: {"cursor":"3"}\n\nevent: feed-error\ndata: ${REVOKED}\n\n`);
    });

    it('sends nothing but the error for a feed revoked before it started', async () => {
      const { out, text } = response();
      const { changes, state } = feed([1, 2], undefined, true);
      const revocation = new AbortController();
      revocation.abort();
      await expect(
        streamChanges(out, changes, options({ revoked: revocation.signal })),
      ).resolves.toBe('revoked');
      expect(text()).toBe(`${REVOKED}\n`);
      expect(state.returned).toBe(true);
    });

    it('cuts off a client that is not reading at once, without waiting for it to drain', async () => {
      const { out } = response(true);
      const { changes, state } = feed([1, 2, 3], undefined, true);
      const revocation = new AbortController();
      const ended = streamChanges(
        out,
        changes,
        options({ drainTimeoutMs: 60_000, revoked: revocation.signal }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      revocation.abort();
      const outcome = await Promise.race([
        ended,
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000)),
      ]);
      expect(outcome).toBe('revoked');
      expect(out.destroyed).toBe(true);
      expect(state.returned).toBe(true);
    });
  });

  describe('keep-alive', () => {
    beforeEach(() =>
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }),
    );
    afterEach(() => jest.useRealTimers());

    it('writes a heartbeat while the feed is idle, and none once the client has left', async () => {
      const { out, text } = response();
      const { changes } = feed([], undefined, true);
      const ended = streamChanges(out, changes, options({ sse: true, keepAliveMs: 1_000 }));
      jest.advanceTimersByTime(2_500);
      expect(text()).toBe(': keep-alive\n\n: keep-alive\n\n');
      out.destroy();
      await expect(ended).resolves.toBe('closed');
      expect(jest.getTimerCount()).toBe(0);
    });

    it('leaves no timer behind once the feed ends', async () => {
      const { out } = response();
      await streamChanges(out, feed([1]).changes, options({ keepAliveMs: 1_000 }));
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
