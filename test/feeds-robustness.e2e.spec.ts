import WebSocket from 'ws';
import { eventually, openFeeds } from './support/conditions';
import { appendSynthetic, collect, EVENT_CHANGES, until, wsClient } from './support/feed-client';
import { gql, removeDir, startServer, type RunningServer } from './support/server';

const PROTOCOL = 'graphql-transport-ws';

function rawSocket(server: RunningServer): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.url.replace('http', 'ws') + '/graphql', PROTOCOL);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

/** Until the server answers on a socket: a message, or closing it. */
async function answered(socket: WebSocket): Promise<void> {
  let answer = false;
  socket.once('message', () => (answer = true));
  socket.once('close', () => (answer = true));
  await until(() => answer, 10_000, 'the server to answer');
}

async function healthy(server: RunningServer): Promise<boolean> {
  const response = await fetch(`${server.url}/health`);
  return response.ok;
}

describe('feeds under misuse', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { SLOW_CONSUMER_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('survives malformed frames and protocol abuse from unauthenticated clients', async () => {
    const abuses: ((s: WebSocket) => void)[] = [
      (s) => s.send('this is not json'),
      (s) => s.send(Buffer.from([0xff, 0xfe, 0x00, 0x01])),
      (s) =>
        s.send(
          JSON.stringify({
            type: 'subscribe',
            id: '1',
            payload: { query: 'subscription { eventChanges { cursor } }' },
          }),
        ),
      (s) => s.send(JSON.stringify({ type: 'connection_init', payload: 'a string' })),
      (s) => s.send(JSON.stringify({ id: 7 })),
      (s) => s.send(JSON.stringify({ type: 'subscribe', payload: null })),
      (s) => s.send('{"type":"connection_init"}{"type":'),
    ];
    for (const abuse of abuses) {
      const socket = await rawSocket(server);
      const reply = answered(socket);
      abuse(socket);
      socket.send(
        JSON.stringify({ type: 'subscribe', id: '2', payload: { query: '{ __typename' } }),
      );
      // The server has dealt with the abuse once it answers it.
      await reply;
      socket.terminate();
    }
    expect(await healthy(server)).toBe(true);
    // A well-behaved client still works afterwards.
    const client = wsClient(server.url);
    const feed = collect(client, EVENT_CHANGES, { after: '0' });
    await until(() => feed.received.length > 5, 10_000, 'a working feed');
    feed.dispose();
    await client.dispose();
  });

  it('disconnects a client that stops reading, with a reason naming where to resume, without holding up others', async () => {
    // Loopback sockets may hold tens of MB in kernel buffers, so the slow client asks for large
    // messages (one field under 60 aliases): ~3,000 changes then make far more than fits there.
    const positions = await appendSynthetic(server.dataDir, 3_000, 21);
    const bigSelection = Array.from(
      { length: 60 },
      (_, i) =>
        `e${i}: event { id title summary occurred countries participants { name role } sources { title publisher } }`,
    ).join(' ');
    // The feeds of the test before are gone, so the ones counted below are this test's.
    await openFeeds(server, 0);
    const slow = await rawSocket(server);
    const slowClosed = closed(slow);
    let slowReceived = 0;
    let slowLastCursor: string | undefined;
    slow.on('message', (data: Buffer) => {
      slowReceived += 1;
      const message = JSON.parse(String(data)) as {
        type: string;
        payload?: { data?: { eventChanges?: { cursor: string } } };
      };
      if (message.type === 'next') slowLastCursor = message.payload?.data?.eventChanges?.cursor;
    });
    slow.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await until(() => slowReceived >= 1, 10_000, 'connection_ack');
    // Stop reading: from here the server's send buffer for this socket can only grow.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    slow.send(
      JSON.stringify({
        type: 'subscribe',
        id: 'slow',
        payload: {
          query: `subscription { eventChanges(after: "0") { cursor ${bigSelection} } }`,
        },
      }),
    );
    await openFeeds(server, 1);
    const client = wsClient(server.url);
    const healthyFeed = collect(client, EVENT_CHANGES, { after: '0' });
    // Everything in the log: the seeded datasets, which fill it up to the first appended position,
    // then the appended changes.
    const everything = Number(positions[0]) - 1 + positions.length;
    // The server gives up on the slow client after 1 s; its close frame waits behind the unread
    // data and is dropped if the client still reads nothing after 30 s, so read again in time.
    await until(
      () => healthyFeed.received.length >= everything,
      15_000,
      'the healthy subscriber',
    ).catch(() => undefined);
    const healthyWhileStalled = healthyFeed.received.length;
    // Until the server gives up on the slow client (past the 1 s it allows, its feed ends and
    // only the healthy one stays open), then read again to receive its close frame.
    await openFeeds(server, 1, 20_000);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    const { code, reason } = await slowClosed;
    expect(code).toBe(4008);
    expect(reason).toMatch(/^slow consumer: resume with after=\d+$/);

    await until(() => healthyFeed.received.length >= everything, 60_000, 'the healthy subscriber');
    expect(healthyFeed.received.slice(-positions.length).map((c) => c.cursor)).toEqual(
      positions.map(String),
    );
    // The other subscriber was not held up: it had everything before the slow one read again.
    expect(healthyWhileStalled).toBe(everything);

    // The reason names the last change the slow client received before the close frame, so
    // resuming from it repeats nothing and skips nothing.
    const resumeFrom = reason.split('after=')[1];
    expect(slowLastCursor ?? '0').toBe(resumeFrom);
    const again = wsClient(server.url);
    const rest = collect(again, EVENT_CHANGES, { after: resumeFrom });
    await until(
      () => rest.received.length >= everything - Number(resumeFrom),
      30_000,
      'the resumed feed',
    );
    expect(rest.received[0].cursor).toBe(String(Number(resumeFrom) + 1));
    healthyFeed.dispose();
    rest.dispose();
    await Promise.all([client.dispose(), again.dispose()]);
    expect(await healthy(server)).toBe(true);
  }, 180_000);
});

describe('the WebSocket endpoint', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_WS_CONNECTIONS: '2' } });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const firstError = async (client: ReturnType<typeof wsClient>, query: string) => {
    const feed = collect(client, query);
    await until(() => feed.errors.length > 0, 10_000, 'an error');
    return JSON.stringify(feed.errors);
  };

  it('refuses connections past the server-wide cap before the upgrade, with a clear reason', async () => {
    const open = [await rawSocket(server), await rawSocket(server)];
    const refused = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const socket = new WebSocket(server.url.replace('http', 'ws') + '/graphql', PROTOCOL);
      socket.once('open', () => reject(new Error('a third connection was accepted')));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode, body }));
      });
      socket.once('error', () => undefined);
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/Connection limit reached \(2\)/);
    const bothClosed = Promise.all(open.map(closed));
    open.forEach((socket) => socket.close());
    await bothClosed;
    // Freed slots are usable again (once the server has seen the closes too).
    const again = await eventually(
      () => rawSocket(server),
      (socket) => socket.readyState === WebSocket.OPEN,
      'a freed connection slot',
    );
    again.close();
  });

  it('answers a query, or an invalid document, with an error naming what to do, and keeps the connection', async () => {
    const client = wsClient(server.url);
    expect(await firstError(client, '{ events { totalCount } }')).toMatch(
      /Only subscriptions.*POST \/graphql.*BAD_USER_INPUT/,
    );
    expect(await firstError(client, 'subscription { eventChanges { nope } }')).toMatch(
      /nope.*BAD_USER_INPUT/,
    );
    expect(await firstError(client, 'subscription { eventChanges {')).toContain('BAD_USER_INPUT');
    // The same connection still serves a good subscription.
    const feed = collect(client, EVENT_CHANGES, { after: '0' });
    await until(() => feed.received.length > 5, 10_000, 'a working feed on the same connection');
    feed.dispose();
    await client.dispose();
  });

  it('refuses, over WebSocket and HTTP, an operation that selects too much once its fragments are spread', async () => {
    // Small to send; spread out, 2^30 fields (walking or compiling every spread would never end).
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on EventChange { ...F${i + 1} ...F${i + 1} }`,
    );
    const bomb = `subscription { eventChanges { ...F0 } } ${fragments.join(' ')} fragment F30 on EventChange { cursor }`;
    const client = wsClient(server.url);
    expect(await firstError(client, bomb)).toContain('QUERY_TOO_COMPLEX');
    await client.dispose();
    const overHttp = bomb
      .replace(
        'subscription { eventChanges { ...F0 } }',
        '{ events(first: 1) { edges { node { ...F0 } } } }',
      )
      .replaceAll('on EventChange', 'on DiplomaticEvent')
      .replace('{ cursor }', '{ id }');
    const answer = await gql(server.url, overHttp);
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(await healthy(server)).toBe(true);
  });

  it('refuses a token that does not verify even where reads are public', async () => {
    const client = wsClient(server.url, { authorization: 'Bearer dtk_forged' });
    const feed = collect(client, EVENT_CHANGES, { after: '0' });
    await until(() => feed.errors.length > 0, 10_000, 'a refusal');
    expect(feed.received).toHaveLength(0);
    expect((feed.errors[0] as { code?: number }).code).toBe(4403);
    await client.dispose();
  });

  it('upgrades only the GraphQL path', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const socket = new WebSocket(server.url.replace('http', 'ws') + '/elsewhere', PROTOCOL);
      socket.once('open', () => reject(new Error('upgraded a path that is not /graphql')));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.once('error', () => undefined);
    });
    expect(status).toBe(404);
    // The older subscriptions-transport-ws subprotocol is not spoken: no subprotocol is agreed.
    const legacy = new WebSocket(server.url.replace('http', 'ws') + '/graphql', 'graphql-ws');
    const failure = await new Promise<Error>((resolve) => legacy.once('error', resolve));
    expect(failure.message).toMatch(/no subprotocol/);
  });
});
