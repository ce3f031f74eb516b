import type { ChangeView } from '@app/projections';
import { toCursor } from './cursor';
import { corkPerTurn } from './write-coalescing';

/** The part of an HTTP response a feed writes to. */
export interface FeedResponse {
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
  readonly destroyed: boolean;
  cork(): void;
  uncork(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

export interface FeedStreamOptions {
  /** Server-Sent Events, or newline-delimited JSON. */
  readonly sse: boolean;
  readonly drainTimeoutMs: number;
  readonly keepAliveMs: number;
  /** A change's JSON, as the GraphQL subscription would send it. */
  readonly toJson: (change: ChangeView) => string;
  /** Told of a failure to read or serialise a change, which ends the stream. */
  readonly onError: (error: unknown) => void;
}

/** How a feed stream ended. */
export type FeedStreamEnd = 'completed' | 'closed' | 'slow' | 'failed';

/** What an SSE client is told when the feed fails; it resumes from the last `id:` it got. */
const SSE_FAILURE = `event: error\ndata: ${JSON.stringify({
  error: {
    code: 'INTERNAL_SERVER_ERROR',
    message: 'The feed failed; reconnect with Last-Event-ID to resume',
  },
})}\n\n`;

/**
 * Writes `changes` to `out` until they end, the client goes away, the client stops reading for
 * `drainTimeoutMs` (disconnected: it resumes from its last cursor), or a change cannot be read
 * or serialised. A failure never looks like a clean end: an NDJSON response is cut off without
 * its final chunk (so `curl` and fetch report an error), and an SSE client gets an `error`
 * event before the end. Either way the client resumes from the last cursor it received.
 */
export async function streamChanges(
  out: FeedResponse,
  changes: AsyncIterableIterator<ChangeView>,
  options: FeedStreamOptions,
): Promise<FeedStreamEnd> {
  const { sse } = options;
  const heartbeat = setInterval(
    () => out.write(sse ? ': keep-alive\n\n' : '\n'),
    options.keepAliveMs,
  );
  const finish = () => {
    clearInterval(heartbeat);
    void changes.return?.();
  };
  out.once('close', finish);
  // Past the first few changes of a turn of the event loop, the rest leave in one write.
  const batch = corkPerTurn(out);
  let end: FeedStreamEnd = 'completed';
  try {
    for await (const change of changes) {
      batch();
      const body = options.toJson(change);
      const chunk = sse
        ? `id: ${toCursor(change.position)}\nevent: change\ndata: ${body}\n\n`
        : `${body}\n`;
      if (!out.write(chunk) && !(await drained(out, options.drainTimeoutMs))) {
        end = 'slow';
        break;
      }
    }
  } catch (error) {
    end = 'failed';
    options.onError(error);
  } finally {
    finish();
  }
  if (out.destroyed) return end === 'failed' ? end : 'closed';
  if (end === 'slow' || (end === 'failed' && !sse)) out.destroy();
  else {
    if (end === 'failed') out.write(SSE_FAILURE);
    out.end();
  }
  return end;
}

/** Whether `out` drains within `timeoutMs`; false as soon as it closes instead. */
function drained(out: FeedResponse, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      out.removeListener('drain', onDrain);
      out.removeListener('close', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const timer = setTimeout(() => settle(false), timeoutMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}
