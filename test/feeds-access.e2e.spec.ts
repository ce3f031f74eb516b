import WebSocket from 'ws';
import { eventually } from './support/conditions';
import { until } from './support/feed-client';
import {
  cli,
  createToken,
  gql,
  removeDir,
  startServer,
  type RunningServer,
} from './support/server';

const PROTOCOL = 'graphql-transport-ws';
const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }`;
const record = (title: string) => ({
  kind: 'TALKS',
  title,
  occurred: '2024-03-03',
  countries: ['USA', 'CUB'],
  sources: [{ title: 'Report', publisher: 'Wire' }],
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A raw WebSocket on the GraphQL path: what it received, and how it closed. */
function socket(server: RunningServer, headers: Record<string, string> = {}) {
  const ws = new WebSocket(server.url.replace('http', 'ws') + '/graphql', PROTOCOL, { headers });
  const messages: { type: string; payload?: unknown }[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(String(data)) as { type: string }));
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, opened, closed: () => closed };
}

/** Opens a socket and completes the graphql-ws handshake (without it the server closes it). */
async function connected(
  server: RunningServer,
  headers: Record<string, string> = {},
  payload: object = {},
) {
  const s = socket(server, headers);
  await s.opened;
  s.ws.send(JSON.stringify({ type: 'connection_init', payload }));
  await until(() => s.messages.some((m) => m.type === 'connection_ack'), 10_000, 'connection_ack');
  return s;
}

/** The answer to an upgrade the server refuses. */
function refusedUpgrade(server: RunningServer, headers: Record<string, string> = {}) {
  return new Promise<{ status?: number; retryAfter?: string; body: string }>((resolve, reject) => {
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/graphql', PROTOCOL, { headers });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode, retryAfter: response.headers['retry-after'], body }),
      );
    });
    ws.once('error', () => undefined);
  });
}

/** An HTTP feed read in the background: its text so far, and how it ended ('end' or an error). */
async function httpFeed(
  server: RunningServer,
  options: { token?: string; sse?: boolean; after?: string } = {},
) {
  const controller = new AbortController();
  const query = options.after === undefined ? '' : `?after=${options.after}`;
  const response = await fetch(`${server.url}/feeds/changes${query}`, {
    headers: {
      ...(options.token ? bearer(options.token) : {}),
      ...(options.sse ? { accept: 'text/event-stream' } : {}),
    },
    signal: controller.signal,
  });
  const feed = {
    response,
    text: '',
    ended: undefined as string | undefined,
    close: () => controller.abort(),
  };
  if (response.ok) {
    void (async () => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return void (feed.ended = 'end');
          feed.text += decoder.decode(value, { stream: true });
        }
      } catch (error) {
        feed.ended = String(error);
      }
    })();
  }
  return feed;
}

describe('a revoked token loses the feeds it opened', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'access-editor', 'editor');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('closes its WebSocket with 4403 and ends its NDJSON and SSE feeds, leaving anonymous feeds open', async () => {
    const reader = createToken(server.env, 'revoked-reader', 'reader');
    const subscribe = (id: string) =>
      JSON.stringify({
        type: 'subscribe',
        id,
        payload: { query: 'subscription { eventChanges(after: "0") { cursor event { title } } }' },
      });
    const ws = await connected(server, {}, bearer(reader));
    ws.ws.send(subscribe('mine'));
    const anonymousWs = await connected(server);
    anonymousWs.ws.send(subscribe('anonymous'));
    const ndjson = await httpFeed(server, { token: reader, after: '0' });
    const sse = await httpFeed(server, { token: reader, sse: true, after: '0' });
    const anonymous = await httpFeed(server);
    expect([ndjson.response.status, sse.response.status, anonymous.response.status]).toEqual([
      200, 200, 200,
    ]);
    await until(() => ws.messages.some((m) => m.type === 'next'), 10_000, 'the WebSocket feed');
    await until(
      () => ndjson.text.includes('}\n') && sse.text.includes('\ndata: {'),
      10_000,
      'the HTTP feeds',
    );

    // Another process appends the revocation; the server learns of it from the log.
    const revoke = cli(['tokens', 'revoke', 'revoked-reader'], server.env);
    expect(`${revoke.status} ${revoke.stderr}${revoke.stdout}`).toMatch(/^0 /);
    await until(() => ws.closed() !== undefined, 5_000, 'the WebSocket to close');
    expect(ws.closed()).toEqual({ code: 4403, reason: 'Forbidden: the token was revoked' });
    await until(
      () => ndjson.ended !== undefined && sse.ended !== undefined,
      5_000,
      'both HTTP feeds to end',
    );
    expect(ndjson.ended).toBe('end');
    const lastLine = ndjson.text.trimEnd().split('\n').pop()!;
    expect(JSON.parse(lastLine)).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'The bearer token was revoked' },
    });
    expect(sse.ended).toBe('end');
    expect(sse.text).toMatch(
      /\n\nevent: feed-error\ndata: \{"error":\{"code":"UNAUTHENTICATED"[^\n]*\n\n$/,
    );

    // The anonymous feeds are still open and live.
    const answer = await gql(
      server.url,
      RECORD,
      { input: record('Talks after the revocation') },
      editor,
    );
    expect(answer.errors).toBeUndefined();
    await until(
      () => anonymous.text.includes('Talks after the revocation'),
      10_000,
      'the anonymous HTTP feed',
    );
    await until(
      () => JSON.stringify(anonymousWs.messages).includes('Talks after the revocation'),
      10_000,
      'the anonymous WebSocket',
    );
    expect(anonymous.ended).toBeUndefined();
    expect(anonymousWs.closed()).toBeUndefined();

    // And the token opens nothing any more.
    expect((await fetch(`${server.url}/feeds/changes`, { headers: bearer(reader) })).status).toBe(
      401,
    );
    anonymous.close();
    anonymousWs.ws.close();
  });
});

describe('feeds per client', () => {
  let server: RunningServer;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    server = await startServer({ env: { MAX_FEEDS_PER_CLIENT: '2' } });
    alice = createToken(server.env, 'client-alice', 'reader');
    bob = createToken(server.env, 'client-bob', 'reader');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('refuses a third WebSocket of one client with 429, and lets another client in', async () => {
    const held = [await connected(server, bearer(alice)), await connected(server, bearer(alice))];
    const refused = await refusedUpgrade(server, bearer(alice));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const other = await connected(server, bearer(bob));

    // A token named only in connectionParams is known after the upgrade: closed past its share.
    const late = socket(server);
    await late.opened;
    late.ws.send(JSON.stringify({ type: 'connection_init', payload: bearer(alice) }));
    await until(() => late.closed() !== undefined, 10_000, 'the connection to close');
    expect(late.closed()?.code).toBe(4429);

    // Without a token the address is the client (the closed connection above held its slot
    // until the server saw it close).
    const first = await eventually(
      () => connected(server),
      (s) => s.closed() === undefined,
      'an anonymous connection',
    );
    const second = await connected(server);
    expect((await refusedUpgrade(server)).status).toBe(429);
    for (const s of [...held, other, first, second]) s.ws.close();
  });

  it('refuses a third HTTP feed of one client with 429 and Retry-After, and lets others in', async () => {
    const held = [
      await httpFeed(server, { token: alice }),
      await httpFeed(server, { token: alice, sse: true }),
    ];
    expect(held.map((f) => f.response.status)).toEqual([200, 200]);
    const refused = await fetch(`${server.url}/feeds/changes`, { headers: bearer(alice) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/at most 2 HTTP feeds/) },
    });
    const others = [await httpFeed(server, { token: bob }), await httpFeed(server)];
    expect(others.map((f) => f.response.status)).toEqual([200, 200]);

    // A feed that closes frees its slot.
    held[0].close();
    const refusals: number[] = [];
    const again = await eventually(
      async () => {
        const feed = await httpFeed(server, { token: alice });
        if (!feed.response.ok) {
          refusals.push(feed.response.status);
          await feed.response.body?.cancel();
        }
        return feed;
      },
      (feed) => feed.response.ok,
      'a freed slot',
    );
    // Until the server has seen the close, the slot is refused as taken, never otherwise.
    expect(refusals.every((status) => status === 429)).toBe(true);
    for (const feed of [...held, ...others, again]) feed.close();
  });
});
