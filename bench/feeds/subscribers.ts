import WebSocket from 'ws';
import { monotonicMs } from './live-appender';

/**
 * A subscriber speaking graphql-transport-ws over a plain `ws` socket, doing as little as a
 * client can: it finds each change's cursor in the raw message instead of parsing it. On a
 * two-core machine the thousand subscribers share the CPU with the server, and clients that
 * parse and validate every message measure themselves more than the server. (The end-to-end
 * tests use the official graphql-ws client; this one checks what it relies on: every message
 * after the acknowledgement is a `next` for its subscription, a ping or a pong.)
 */
export interface Subscriber {
  /** Subscribes to `query`; `onChange` gets each change's cursor and its receive time. */
  subscribe(query: string, onChange: (cursor: string, at: number) => void): void;
  /** Resolves with the reason when the server ends the subscription or the connection. */
  readonly ended: Promise<string>;
  close(): void;
}

const CURSOR = '"cursor":"';

function connect(httpUrl: string): Promise<Subscriber> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let onChange: ((cursor: string, at: number) => void) | undefined;
  let end!: (reason: string) => void;
  const ended = new Promise<string>((resolve) => (end = resolve));
  return new Promise((resolve, reject) => {
    socket.once('error', (error) => {
      reject(error);
      end(`error: ${error.message}`);
    });
    socket.once('close', (code, reason) => {
      reject(new Error(`closed: ${code} ${reason.toString()}`));
      end(`closed: ${code} ${reason.toString()}`);
    });
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: {} })),
    );
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.includes('"connection_ack"')) {
        return resolve({
          subscribe: (query, callback) => {
            onChange = callback;
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
          },
          ended,
          close: () => socket.terminate(),
        });
      }
      if (text.includes('"type":"ping"')) return socket.send('{"type":"pong"}');
      if (text.includes('"type":"pong"')) return;
      const at = text.indexOf(CURSOR);
      if (!text.includes('"type":"next"') || !text.includes('"id":"1"') || at < 0 || !onChange) {
        return end(`unexpected message: ${text.slice(0, 300)}`);
      }
      onChange(
        text.slice(at + CURSOR.length, text.indexOf('"', at + CURSOR.length)),
        monotonicMs(),
      );
    });
  });
}

/**
 * Opens `count` WebSocket connections (one client each, as separate browsers would), `batch` at a
 * time so the server's accept queue never overflows, and resolves once every one is acknowledged.
 */
export async function connectMany(
  httpUrl: string,
  count: number,
  batch = 100,
): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  try {
    for (let start = 0; start < count; start += batch) {
      const opened = await Promise.allSettled(
        Array.from({ length: Math.min(batch, count - start) }, () => connect(httpUrl)),
      );
      for (const result of opened)
        if (result.status === 'fulfilled') subscribers.push(result.value);
      const failed = opened.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    subscribers.forEach((subscriber) => subscriber.close());
    throw error;
  }
  return subscribers;
}
