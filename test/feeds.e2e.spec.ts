import { eventually, healthOf, openFeeds } from './support/conditions';
import {
  appendSynthetic,
  collect,
  EVENT_CHANGES,
  eventInput,
  RECORD_EVENT,
  until,
  wsClient,
  type Change,
} from './support/feed-client';
import { logHead } from './support/events';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const noGapsNoDuplicates = (received: Change[], expected: bigint[]) =>
  expect(received.map((c) => c.cursor)).toEqual(expected.map(String));

/** How many changes the seeded USA–CUB records went through: the backlog a feed from "0" sends. */
async function usaCubaChanges(url: string): Promise<number> {
  const result = await gql(
    url,
    `{ events(filter: { countries: ["USA", "CUB"], includeRetracted: true }, first: 200) {
        totalCount edges { node { history { revision } } } } }`,
  );
  const { totalCount, edges } = result.data!.events;
  expect(edges).toHaveLength(totalCount);
  return edges.reduce((n: number, e: any) => n + e.node.history.length, 0);
}

describe('live feeds over WebSocket and HTTP', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    // Every subscriber here connects from one address: one client, as far as the per-client cap goes.
    server = await startServer({ env: { MAX_FEEDS_PER_CLIENT: '1000' } });
    editor = createToken(server.env, 'feed-editor', 'editor');
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });
  // Every test leaves no feed open behind it, so the next one can count its own.
  afterEach(() => openFeeds(server, 0));

  it('sends the backlog after a cursor, then live changes, filtered on the server', async () => {
    const client = wsClient(server.url);
    const feed = collect(client, EVENT_CHANGES, {
      after: '0',
      filter: { countries: ['USA', 'CUB'] },
    });
    const backlog = await usaCubaChanges(server.url);
    await until(() => feed.received.length >= backlog, 10_000, 'backlog');
    expect(feed.received).toHaveLength(backlog);
    expect(feed.received.some((c) => c.type === 'AMENDED')).toBe(true);
    expect(feed.received.some((c) => c.type === 'RETRACTED')).toBe(true);
    expect(feed.received.every((c) => c.event.countries.includes('CUB'))).toBe(true);
    await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('Live USA-CAN talks', ['USA', 'CAN']) },
      editor,
    );
    await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('Live USA-CUB talks', ['USA', 'CUB']) },
      editor,
    );
    await until(() => feed.received.length === backlog + 1, 10_000, 'live change');
    expect(feed.received[backlog]).toMatchObject({
      type: 'RECORDED',
      event: { title: 'Live USA-CUB talks' },
    });
    const cursors = feed.received.map((c) => BigInt(c.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
    feed.dispose();
    await client.dispose();
  });

  it('reads arguments written in the query exactly as the same arguments passed as variables', async () => {
    const client = wsClient(server.url);
    const literal = collect(
      client,
      `subscription { eventChanges(after: "0", filter: { countries: ["USA", "CUB"] }) { cursor type recordedAt event { id title countries } } }`,
    );
    const variables = collect(client, EVENT_CHANGES, {
      after: '0',
      filter: { countries: ['USA', 'CUB'] },
    });
    const backlog = await usaCubaChanges(server.url);
    await until(
      () => literal.received.length >= backlog && variables.received.length >= backlog,
      10_000,
      'both backlogs',
    );
    expect(literal.errors).toEqual([]);
    expect(literal.received.slice(0, backlog)).toEqual(variables.received.slice(0, backlog));
    expect(literal.received.every((c) => c.event.countries.includes('CUB'))).toBe(true);
    literal.dispose();
    variables.dispose();
    await client.dispose();
  });

  it('without a cursor is live only, and filters by kind', async () => {
    const client = wsClient(server.url);
    const feed = collect(client, EVENT_CHANGES, { filter: { kinds: ['EXPULSION'] } });
    await openFeeds(server, 1);
    await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('A visit', ['USA', 'MEX'], 'VISIT') },
      editor,
    );
    await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('An expulsion', ['USA', 'MEX'], 'EXPULSION') },
      editor,
    );
    await until(() => feed.received.length === 1, 10_000, 'expulsion');
    expect(feed.received[0].event.title).toBe('An expulsion');
    feed.dispose();
    await client.dispose();
  });

  it('resumes after a forced disconnect in the middle of 1,000 concurrent appends, with no gap and no duplicate', async () => {
    const start = await logHead(server);
    const first = wsClient(server.url);
    const part1 = collect(first, EVENT_CHANGES, { after: String(start) });
    const writing = appendSynthetic(server.dataDir, 1000, 11);
    await until(() => part1.received.length >= 200, 30_000, 'first part');
    await first.terminate();
    const lastSeen = part1.received[part1.received.length - 1].cursor;
    const second = wsClient(server.url);
    const part2 = collect(second, EVENT_CHANGES, { after: lastSeen });
    const positions = await writing;
    await until(
      () => part1.received.length + part2.received.length >= 1000,
      60_000,
      'all 1000 changes',
    );
    // A change recorded after the last append: the feed delivers in log order, so once it
    // arrives, any duplicate of the 1,000 would have arrived before it.
    const marker = await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('After the appends', ['USA', 'FRA']) },
      editor,
    );
    await until(
      () => part2.received.some((c) => c.event.id === marker.data!.recordEvent.id),
      10_000,
      'the marker',
    );
    const last = positions[positions.length - 1];
    const all = [...part1.received, ...part2.received];
    const kept = all.filter((c) => BigInt(c.cursor) > start && BigInt(c.cursor) <= last);
    noGapsNoDuplicates(kept, positions);
    part2.dispose();
    await second.dispose();
  });

  it('delivers one change to 200 concurrent subscribers', async () => {
    const clients = Array.from({ length: 200 }, () => wsClient(server.url));
    const feeds = clients.map((c) =>
      collect(c, EVENT_CHANGES, { filter: { countries: ['USA', 'BRA'] } }),
    );
    await openFeeds(server, 200, 30_000);
    const recorded = await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('USA-BRA round', ['USA', 'BRA']) },
      editor,
    );
    await until(() => feeds.every((f) => f.received.length === 1), 30_000, '200 deliveries');
    expect(new Set(feeds.map((f) => f.received[0].event.id))).toEqual(
      new Set([recorded.data!.recordEvent.id]),
    );
    feeds.forEach((f) => f.dispose());
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('closes the server side of every feed whose client went away', async () => {
    const client = wsClient(server.url);
    const feeds = [0, 1, 2].map(() => collect(client, EVENT_CHANGES, { after: '0' }));
    const http = new AbortController();
    const stream = await fetch(`${server.url}/feeds/changes?after=0`, { signal: http.signal });
    expect(stream.status).toBe(200);
    await openFeeds(server, 4);
    // The WebSocket client goes away and the HTTP stream is aborted mid-way.
    feeds.forEach((f) => f.dispose());
    await client.dispose();
    http.abort();
    await openFeeds(server, 0);
  });

  it('refuses an invalid cursor and an invalid filter with BAD_USER_INPUT', async () => {
    const client = wsClient(server.url);
    for (const variables of [
      { after: 'not-a-cursor' },
      { after: '999999999' },
      { filter: { countries: ['ZZZ'] } },
    ]) {
      const feed = collect(client, EVENT_CHANGES, variables);
      await until(() => feed.errors.length > 0, 10_000, 'an error');
      expect(JSON.stringify(feed.errors)).toContain('BAD_USER_INPUT');
    }
    await client.dispose();
  });

  it('caps subscriptions per connection with a clear error', async () => {
    const client = wsClient(server.url);
    const feeds = Array.from({ length: 21 }, () => collect(client, EVENT_CHANGES, {}));
    await until(() => feeds.some((f) => f.errors.length > 0), 10_000, 'the cap');
    expect(JSON.stringify(feeds.flatMap((f) => f.errors))).toContain('RATE_LIMITED');
    expect(feeds.filter((f) => f.errors.length > 0)).toHaveLength(1);
    feeds.forEach((f) => f.dispose());
    await client.dispose();
  });

  it('pushes the new relationship state when an event changes it', async () => {
    const client = wsClient(server.url);
    const states: any[] = [];
    const dispose = client.subscribe(
      {
        query: `subscription { relationshipChanged(between: ["USA", "CUB"]) { relations { level since } eventCount } }`,
      },
      {
        next: (v) => states.push(v.data?.relationshipChanged ?? v),
        error: (e) => states.push({ error: e }),
        complete: () => undefined,
      },
    );
    await openFeeds(server, 1);
    await gql(
      server.url,
      RECORD_EVENT,
      {
        input: {
          ...eventInput('Relations broken again', ['USA', 'CUB'], 'DIPLOMATIC_RELATIONS'),
          occurred: '2024-03-01',
          effects: [{ type: 'RELATIONS', level: 'NONE' }],
        },
      },
      editor,
    );
    await until(() => states.length >= 1, 10_000, 'a relationship push');
    expect(states[0].relations).toEqual({ level: 'NONE', since: '2024-03-01' });
    dispose();
    await client.dispose();
  });

  it('frees a relationship subscription as soon as the client completes it', async () => {
    const client = wsClient(server.url);
    // More than the per-connection cap, one after the other: each must be released on complete,
    // or the 21st is refused (RATE_LIMITED) instead of opening.
    for (let i = 0; i < 25; i += 1) {
      const errors: unknown[] = [];
      const dispose = client.subscribe(
        { query: `subscription { relationshipChanged(between: ["USA", "CUB"]) { eventCount } }` },
        {
          next: (v) => v.errors && errors.push(v.errors),
          error: (e) => errors.push(e),
          complete: () => undefined,
        },
      );
      // Opened (it follows the log) or refused, whichever the server answers.
      await eventually(
        async () => (await healthOf(server)).feeds.open,
        (open) => open === 1 || errors.length > 0,
        `subscription ${i + 1} to open or be refused`,
      );
      expect(errors).toEqual([]);
      dispose();
      // Its slot is released before its feed closes, so the next one finds it free.
      await openFeeds(server, 0);
    }
    await client.dispose();
  });
});
