import type { Socket } from 'node:net';

type SendCallback = (error?: Error) => void;

/** The part of a `ws` WebSocket this relies on. */
export interface CoalescableSocket {
  send(data: unknown, options?: unknown, callback?: SendCallback): void;
  readonly bufferedAmount: number;
  /** The TCP socket under the WebSocket (a documented-stable field of `ws`). */
  readonly _socket?: Socket;
}

/**
 * The GraphQL WebSocket layer produces a subscription's next message only once the previous
 * one was written to the kernel: one system call per message, which holds a subscriber catching
 * up on a backlog to a few thousand changes a second. Here a message counts as sent as soon as
 * it is queued while the connection's queue stays under `limit` bytes, and everything queued
 * during one turn of the event loop leaves in one write when the turn ends. Past the limit the
 * next message waits for the queue to drain, so a client that does not read holds at most
 * `limit` bytes here, and the stall rule (code 4008) then applies as before.
 */
export function coalesceWrites(socket: CoalescableSocket, limit: number): void {
  const tcp = socket._socket;
  if (!tcp || limit <= 0) return;
  const send = socket.send.bind(socket);
  let corked = false;
  socket.send = (data: unknown, optionsOrCallback?: unknown, maybeCallback?: SendCallback) => {
    const callback = typeof optionsOrCallback === 'function' ? (optionsOrCallback as SendCallback) : maybeCallback;
    const options = typeof optionsOrCallback === 'function' ? undefined : optionsOrCallback;
    if (!corked && !tcp.destroyed) {
      corked = true;
      tcp.cork();
      setImmediate(() => {
        corked = false;
        tcp.uncork();
      });
    }
    // A write that fails later closes the socket, and the GraphQL layer cleans up on close.
    send(data, options, () => undefined);
    if (!callback) return;
    if (socket.bufferedAmount <= limit || tcp.destroyed) {
      queueMicrotask(() => callback());
      return;
    }
    const done = () => {
      tcp.off('drain', done).off('close', done);
      callback();
    };
    tcp.on('drain', done).on('close', done);
  };
}
