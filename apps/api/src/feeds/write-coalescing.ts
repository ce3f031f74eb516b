import type { Socket } from 'node:net';

type SendCallback = (error?: Error) => void;

/** The part of a `ws` WebSocket this relies on. */
export interface CoalescableSocket {
  send(data: unknown, options?: unknown, callback?: SendCallback): void;
  readonly bufferedAmount: number;
  readonly readyState: number;
  /** The TCP socket under the WebSocket (an internal field of `ws`, stable across its 8.x). */
  readonly _socket?: Socket;
}

const OPEN = 1;

/**
 * Returns a function to call before each write: the first call in a turn of the event loop
 * corks `stream`, and the turn's end uncorks it, so everything written in between leaves in
 * one write.
 */
export function corkPerTurn(stream: { cork(): void; uncork(): void; readonly destroyed?: boolean }): () => void {
  let corked = false;
  return () => {
    if (corked || stream.destroyed) return;
    corked = true;
    stream.cork();
    setImmediate(() => {
      corked = false;
      stream.uncork();
    });
  };
}
const coalesced = new WeakSet<object>();

/**
 * The GraphQL WebSocket layer produces a subscription's next message only once the previous
 * one was written to the kernel: one system call per message, which holds a subscriber catching
 * up on a backlog to a few thousand changes a second. Here a message counts as sent as soon as
 * it is queued while the connection's queue stays within `limit` bytes, and everything queued
 * during one turn of the event loop leaves in one write when the turn ends. Past the limit the
 * caller is answered only once that message is written, so a client that does not read holds
 * at most `limit` bytes and one message here, and the stall rule (code 4008) then applies.
 * Messages keep their order, and a close frame follows them: a client that reads the close
 * reason has received everything queued before it.
 */
export function coalesceWrites(socket: CoalescableSocket, limit: number): void {
  const tcp = socket._socket;
  // The GraphQL layer builds a context on every connection_init: wrap once.
  if (!tcp || limit <= 0 || coalesced.has(socket)) return;
  coalesced.add(socket);
  const send = socket.send.bind(socket);
  const batch = corkPerTurn(tcp);
  socket.send = (data: unknown, optionsOrCallback?: unknown, maybeCallback?: SendCallback) => {
    const callback = typeof optionsOrCallback === 'function' ? (optionsOrCallback as SendCallback) : maybeCallback;
    const options = typeof optionsOrCallback === 'function' ? undefined : optionsOrCallback;
    if (socket.readyState !== OPEN || tcp.destroyed) return send(data, options, callback);
    batch();
    if (!callback || socket.bufferedAmount > limit) return send(data, options, callback);
    // A write that fails later closes the socket, and the GraphQL layer cleans up on close.
    send(data, options, () => undefined);
    queueMicrotask(() => callback());
  };
}
