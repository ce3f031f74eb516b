import { monotonicMs } from './live-appender';
import { follow, wsClient } from './subscribers';

const BACKLOG_QUERY = `subscription($after: String) {
  eventChanges(after: $after) { cursor type recordedAt event { id title } } }`;

export interface CatchUp {
  readonly events: number;
  readonly perSecond: number;
}

/**
 * One GraphQL subscriber from `after: "0"`: changes per second from subscribing until the change
 * at `head` arrives.
 */
export async function catchUpOverWebSocket(url: string, head: bigint): Promise<CatchUp> {
  const client = wsClient(url);
  const last = head.toString();
  let events = 0;
  let done: () => void = () => undefined;
  const reachedHead = new Promise<void>((resolve) => (done = resolve));
  const started = monotonicMs();
  let finished = started;
  const subscription = follow(
    client,
    BACKLOG_QUERY,
    (cursor, at) => {
      events += 1;
      if (cursor === last) {
        finished = at;
        done();
      }
    },
    { after: '0' },
  );
  try {
    const outcome = await Promise.race([reachedHead.then(() => 'head'), subscription.ended]);
    if (outcome !== 'head') {
      throw new Error(`the subscription ended after ${events} changes: ${JSON.stringify(outcome)}`);
    }
    return { events, perSecond: events / ((finished - started) / 1000) };
  } finally {
    subscription.dispose();
    await client.dispose();
  }
}

/** The same over the NDJSON feed: GET /feeds/changes?after=0, one change per line. */
export async function catchUpOverHttp(url: string, head: bigint): Promise<CatchUp> {
  const abort = new AbortController();
  const last = `"cursor":"${head}"`;
  const started = monotonicMs();
  const response = await fetch(`${url}/feeds/changes?after=0`, { signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`GET /feeds/changes: ${response.status}`);
  const decoder = new TextDecoder();
  let events = 0;
  let partial = '';
  try {
    for await (const chunk of response.body) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') continue; // keep-alive
        events += 1;
        if (line.includes(last)) {
          return { events, perSecond: events / ((monotonicMs() - started) / 1000) };
        }
      }
    }
    throw new Error(`the feed ended after ${events} changes`);
  } finally {
    abort.abort();
  }
}
