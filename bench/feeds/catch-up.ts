import { get } from 'node:http';
import WebSocket from 'ws';
import { monotonicMs } from './live-appender';

/** What a feed listing changes selects: each change and its record's id and title. */
export const LIST_SELECTION = 'cursor type recordedAt event { id title }';

/** Every field of each change's record, as the NDJSON feed sends it. */
export const WHOLE_SELECTION = `cursor type recordedAt event {
  id revision status kind title summary occurred occurredStart occurredEnd occurredPrecision
  countries participants { name role country } location
  cameo { code name root goldstein quadClass } plover { event mode context }
  effects { type level of in status topic held name service providedBy imposedBy list country }
  sources { title publisher publishedOn url quote } tags recordedAt recordedBy updatedAt }`;

const backlogQuery = (selection: string) =>
  `subscription($after: String) { eventChanges(after: $after) { ${selection} } }`;

export interface CatchUp {
  readonly events: number;
  readonly perSecond: number;
}

/**
 * The clients here do as little as a client can: they count messages and look for the head's
 * cursor in the raw bytes, without parsing. On a two-core machine the load generator shares the
 * CPU with the server, and a client that parses every message measures itself, not the server.
 * (The live-latency measure's subscribers are as lean; the end-to-end tests use the official
 * graphql-ws client.)
 */

/**
 * One subscriber speaking graphql-transport-ws over a plain `ws` socket, from `after: "0"`,
 * selecting `selection` of each change: changes per second from subscribing until the change
 * at `head` arrives.
 */
export async function catchUpOverWebSocket(
  url: string,
  head: bigint,
  selection = LIST_SELECTION,
): Promise<CatchUp> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const last = Buffer.from(`"cursor":"${head}"`);
  let events = 0;
  let started = 0;
  try {
    return await new Promise<CatchUp>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('close', (code, reason) =>
        reject(new Error(`closed after ${events} changes: ${code} ${reason}`)),
      );
      socket.once('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: {} })),
      );
      socket.on('message', (data: Buffer) => {
        if (started === 0) {
          if (!data.includes('"connection_ack"'))
            return reject(new Error(`no ack: ${data.toString()}`));
          started = monotonicMs();
          socket.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: backlogQuery(selection), variables: { after: '0' } },
            }),
          );
          return;
        }
        if (data.includes('"ping"')) return socket.send(JSON.stringify({ type: 'pong' }));
        if (!data.includes('"next"'))
          return reject(new Error(`unexpected message: ${data.toString().slice(0, 300)}`));
        events += 1;
        if (data.includes(last))
          resolve({ events, perSecond: events / ((monotonicMs() - started) / 1000) });
      });
    });
  } finally {
    socket.removeAllListeners('close');
    socket.terminate();
  }
}

/** The same over the NDJSON feed: GET /feeds/changes?after=0, one change per line. */
export async function catchUpOverHttp(url: string, head: bigint): Promise<CatchUp> {
  const last = Buffer.from(`"cursor":"${head}"`);
  const started = monotonicMs();
  return new Promise<CatchUp>((resolve, reject) => {
    const request = get(`${url}/feeds/changes?after=0`, (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`GET /feeds/changes: ${response.statusCode}`));
      let events = 0;
      let tail: Buffer = Buffer.alloc(0);
      response.on('data', (chunk: Buffer) => {
        // Lines never span the search: keep the last partial line and search it with the next chunk.
        const data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        let from = 0;
        for (let end = data.indexOf(10, from); end !== -1; end = data.indexOf(10, from)) {
          if (end > from) {
            events += 1;
            const line = data.subarray(from, end);
            if (line.includes(last)) {
              request.destroy();
              return resolve({ events, perSecond: events / ((monotonicMs() - started) / 1000) });
            }
          }
          from = end + 1;
        }
        tail = data.subarray(from);
      });
      response.once('end', () => reject(new Error(`the feed ended after ${events} changes`)));
    });
    request.once('error', reject);
  });
}
