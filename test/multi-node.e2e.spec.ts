import { join } from 'node:path';
import { caughtUp, openFeeds } from './support/conditions';
import { collect, EVENT_CHANGES, until, wsClient } from './support/feed-client';
import {
  createToken,
  gql,
  removeDir,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';

const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`;
const COUNT = `{ events(filter: { countries: ["USA", "JPN"] }, first: 200) { totalCount edges { node { title } } } }`;

/**
 * Two API nodes share one embedded event-store file (WAL) and each keeps its own read models,
 * fed by its own checkpointed subscription — the scale-out shape, with SQLite instead of KurrentDB.
 */
describe('two API nodes on one event log', () => {
  const shared = tempDataDir('dt-nodes-');
  const nodeEnv = (name: string) => ({
    EVENT_STORE_FILE: join(shared, 'events.db'),
    READ_MODEL_FILE: join(shared, `${name}-read-models.db`),
  });
  let a: RunningServer;
  let b: RunningServer;
  let token: string;

  beforeAll(async () => {
    a = await startServer({ dataDir: shared, env: nodeEnv('a') });
    b = await startServer({ dataDir: shared, env: nodeEnv('b') });
    token = createToken({ ...a.env }, 'multi-node-editor', 'editor');
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    removeDir(shared);
  });

  const record = (node: RunningServer, title: string) =>
    gql(
      node.url,
      RECORD,
      {
        input: {
          kind: 'TALKS',
          title,
          occurred: '2024-05-05',
          countries: ['USA', 'JPN'],
          sources: [{ title: 'Wire', publisher: 'Press' }],
        },
      },
      token,
    );

  it('shows on one node, within a bounded time, what was recorded through the other', async () => {
    const client = wsClient(b.url, { authorization: `Bearer ${token}` });
    const feed = collect(client, EVENT_CHANGES, { filter: { countries: ['USA', 'JPN'] } });
    // Live only: it must follow node B's log before node A records, or it starts after the change.
    await openFeeds(b, 1);
    const started = Date.now();
    const recorded = await record(a, 'Recorded through node A');
    expect(recorded.errors).toBeUndefined();
    await until(() => feed.received.length === 1, 5_000, 'the live change on node B');
    let seen = false;
    while (!seen && Date.now() - started < 5_000) {
      seen = (await gql(b.url, COUNT)).data!.events.totalCount === 1;
    }
    expect(seen).toBe(true);
    expect(feed.received[0].event.title).toBe('Recorded through node A');
    feed.dispose();
    await client.dispose();
  });

  it('a node killed mid-stream catches up from its checkpoint with nothing lost or doubled', async () => {
    const writes = Array.from({ length: 60 }, (_, i) => `Round ${i}`);
    for (const [i, title] of writes.entries()) {
      const result = await record(a, title);
      expect(result.errors).toBeUndefined();
      if (i === 20) {
        await b.stop('SIGKILL');
        // B is down for the rest of the writes: it can only learn of them from its checkpoint on.
        await expect(fetch(`${b.url}/health`)).rejects.toThrow();
      }
    }
    b = await startServer({ dataDir: shared, env: nodeEnv('b') });
    await caughtUp(b);
    const result = await gql(b.url, COUNT);
    const titles: string[] = result.data!.events.edges.map((e: any) => e.node.title);
    expect(result.data!.events.totalCount).toBe(61);
    expect(titles.filter((t) => t.startsWith('Round')).sort()).toEqual([...writes].sort());
    expect(new Set(titles).size).toBe(titles.length);
    const onA = (await gql(a.url, COUNT)).data!.events;
    expect((await gql(b.url, COUNT)).data!.events).toEqual(onA);
  });
});
