import { DeliveryPage } from './delivery';

/** Longest stretch of sending, in ms, before a subscription lets the event loop turn. */
const SLICE_MS = 10;

/** The message for one value: at once, or once a pending response is ready. */
export type Respond = (value: unknown) => string | Promise<string>;

/**
 * Sends one message; answers a promise only when the caller must wait for it to be written.
 * `hold` (optional) keeps writes together until released (see write-coalescing.ts).
 */
export type Send = ((message: string) => Promise<void> | undefined) & { hold?: () => () => void };

/**
 * Runs a subscription's source to its end, sending the message for each value itself instead of
 * yielding it to the protocol library, which would serialise, validate and send each message
 * through a chain of promises of its own. A page of values (`DeliveryPage`) is walked without a
 * turn per value; the sender waits only when the connection's buffer is full.
 *
 * The iterator handed to the library yields nothing: it ends when the source ends (the library
 * then sends `complete`, after every message sent here), and the library returns it when the
 * client completes the subscription or leaves, after which nothing more is sent (a response
 * still pending then is dropped).
 */
export function sendAll(
  source: AsyncIterator<unknown>,
  respond: Respond,
  send: Send,
): AsyncIterableIterator<never> {
  let stopped = false;
  let sliceStarted = performance.now();
  const finish = async (): Promise<IteratorResult<never>> => {
    if (!stopped) {
      stopped = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  /** Sends a message once it is made; false if the subscription ended meanwhile. */
  const deliver = async (
    made: string | Promise<string>,
    page?: DeliveryPage<unknown>,
  ): Promise<boolean> => {
    const message = await made;
    if (stopped) return false;
    const sent = send(message);
    page?.queued();
    if (sent) await sent;
    return true;
  };
  return {
    async next() {
      try {
        while (!stopped) {
          const next = await source.next();
          if (next.done || stopped) break;
          const value: unknown = next.value;
          if (!(value instanceof DeliveryPage)) {
            if (value !== undefined) await deliver(respond(value));
            continue;
          }
          // Several changes at once (a burst of appends, a backlog): one write for all of them.
          // Released before any wait, since held writes are not written.
          let release = value.remaining > 1 ? send.hold?.() : undefined;
          const letGo = () => {
            release?.();
            release = undefined;
          };
          try {
            while (!stopped) {
              const item = value.take();
              if (item === undefined) break;
              // Inline for the common case (a response ready at once, a buffer with room): no
              // promise per message.
              const message = respond(item);
              if (typeof message !== 'string') {
                letGo();
                if (!(await deliver(message, value))) break;
                continue;
              }
              const sent = send(message);
              value.queued();
              if (sent) {
                letGo();
                await sent;
              }
            }
          } finally {
            letGo();
          }
          // A backlog is read and sent without waiting on anything but the socket: let the
          // event loop run (other subscribers, timers, HTTP) at least every slice.
          if (performance.now() - sliceStarted > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStarted = performance.now();
          }
        }
      } catch (error) {
        await finish();
        throw error;
      }
      return finish();
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The graphql-transport-ws `next` message for subscription `id` around a response already
 * written as JSON (see SharedResponses), as the protocol library would write it:
 * `{"id","type":"next","payload"}`.
 */
export function nextMessages(id: string): (payload: string) => string {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return (payload) => `${head}${payload}}`;
}
