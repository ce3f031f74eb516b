import type { ChangeView } from '@app/projections';
import { toCursor } from './cursor';
import { corkPerTurn, type WriteTurns } from './write-coalescing';

/** The part of an HTTP response a feed writes to. */
export interface FeedResponse {
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
  readonly destroyed: boolean;
  readonly writableCorked: number;
  cork(): void;
  uncork(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
  /** The connection under the response: ending it sends what is written, then closes. */
  readonly socket?: { end(): void } | null;
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
  /** Aborted when the token the feed was opened with is revoked: the stream ends, saying so. */
  readonly revoked?: AbortSignal;
  /** The node's turns of writing, shared with every other feed (see write-coalescing.ts). */
  readonly turns?: WriteTurns;
}

/** How a feed stream ended. */
export type FeedStreamEnd = 'completed' | 'closed' | 'slow' | 'failed' | 'revoked';

/**
 * What an SSE client is told when the feed fails. Not named `error`, which EventSource also
 * fires for a dropped connection; `retry` spaces out its reconnects while the fault lasts.
 */
const SSE_FAILURE = `event: feed-error\nretry: 5000\ndata: ${JSON.stringify({
  error: {
    code: 'INTERNAL_SERVER_ERROR',
    message: 'The feed failed; reconnect with Last-Event-ID to resume',
  },
})}\n\n`;

/** The controller's JSON error body, as the last line or event of a feed whose token was revoked. */
const REVOKED = JSON.stringify({
  error: { code: 'UNAUTHENTICATED', message: 'The bearer token was revoked' },
});
// Named as the failure event is (see SSE_FAILURE); no `retry`: reconnecting would be refused.
const SSE_REVOKED = `event: feed-error\ndata: ${REVOKED}\n\n`;
const NDJSON_REVOKED = `${REVOKED}\n`;

/**
 * Writes `changes` to `out` until they end, the client goes away, the client stops reading for
 * `drainTimeoutMs` (disconnected: it resumes from its last cursor), or a change cannot be read
 * or serialised. A failure never looks like a clean end: an NDJSON response is cut off without
 * its final chunk (so `curl` and fetch report an error) once every change before it is sent,
 * and an SSE client gets a `feed-error` event before the end. Either way the client resumes
 * from the last cursor it received. When `revoked` aborts, the stream ends with an
 * UNAUTHENTICATED error line (NDJSON) or `feed-error` event (SSE), or is cut off if the client
 * is not reading (nothing more could reach it).
 */
export async function streamChanges(
  out: FeedResponse,
  changes: AsyncIterableIterator<ChangeView>,
  options: FeedStreamOptions,
): Promise<FeedStreamEnd> {
  const { sse } = options;
  let finished = false;
  let revoked = false;
  let waitingForDrain = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    out.removeListener('close', finish);
    options.revoked?.removeEventListener('abort', onRevoked);
    changes.return?.().catch(() => undefined);
  };
  // Ends the wait for the next change (or for the client to drain) at once.
  const onRevoked = () => {
    revoked = true;
    finish();
  };
  // A client gone before the stream starts (while its cursor was checked) sends no 'close'
  // any more: without this, its feed and heartbeat would live on.
  const heartbeat = setInterval(() => {
    if (out.destroyed) finish();
    else out.write(sse ? ': keep-alive\n\n' : '\n');
  }, options.keepAliveMs);
  out.once('close', finish);
  if (out.destroyed) {
    finish();
    return 'closed';
  }
  if (options.revoked?.aborted) onRevoked();
  else options.revoked?.addEventListener('abort', onRevoked, { once: true });
  // Past the first few changes of a turn of the event loop, the rest leave in one write.
  const batch = corkPerTurn(out, options.turns);
  let end: FeedStreamEnd = 'completed';
  try {
    for await (const change of changes) {
      batch();
      const body = options.toJson(change);
      const chunk = sse ? `id: ${toCursor(change.position)}\ndata: ${body}\n\n` : `${body}\n`;
      if (out.write(chunk)) continue;
      waitingForDrain = true;
      if (!(await drained(out, options.drainTimeoutMs, options.revoked))) {
        end = 'slow';
        break;
      }
      waitingForDrain = false;
    }
  } catch (error) {
    end = 'failed';
    try {
      options.onError(error);
    } catch {
      // Reporting must not keep the response from being closed below.
    }
  } finally {
    finish();
  }
  if (revoked && end !== 'failed') end = 'revoked';
  if (out.destroyed) return end === 'failed' ? end : 'closed';
  if (end === 'slow' || (end === 'revoked' && waitingForDrain)) out.destroy();
  else if (end === 'failed' && !sse) abort(out);
  else {
    if (end === 'failed') out.write(SSE_FAILURE);
    if (end === 'revoked') out.write(sse ? SSE_REVOKED : NDJSON_REVOKED);
    out.end();
  }
  return end;
}

/**
 * Closes the connection without ending the response, after what was written (and corked
 * for the end of the turn) has been sent: destroying at once would drop those changes.
 */
function abort(out: FeedResponse): void {
  while (out.writableCorked > 0) out.uncork();
  if (out.socket) out.socket.end();
  else out.destroy();
}

/** Whether `out` drains within `timeoutMs`; false as soon as it closes or `stop` aborts instead. */
function drained(out: FeedResponse, timeoutMs: number, stop?: AbortSignal): Promise<boolean> {
  if (out.destroyed || stop?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      out.removeListener('drain', onDrain);
      out.removeListener('close', onClose);
      stop?.removeEventListener('abort', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const timer = setTimeout(() => settle(false), timeoutMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
    stop?.addEventListener('abort', onClose, { once: true });
  });
}
