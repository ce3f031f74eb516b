import WebSocket from 'ws';
import { EVENT_CHANGES, wsClient } from './support/feed-client';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

describe('rate limits per client', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_FEED_OPENS: '2' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('answers 429 RATE_LIMITED with Retry-After past the limit, for that client only', async () => {
    const token = createToken(server.env, 'steady', 'reader');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await gql(server.url, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${server.url}/graphql?query=%7B__typename%7D`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another client (a token) has its own allowance.
    expect((await gql(server.url, '{ __typename }', undefined, token)).status).toBe(200);
  });

  it('limits how often one client opens feeds', async () => {
    const token = createToken(server.env, 'feeder', 'reader');
    const open = async () => {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/feeds/changes?after=0`, {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      });
      controller.abort();
      return response;
    };
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('counts WebSocket connections as feed opens, refused at the upgrade', async () => {
    const token = createToken(server.env, 'socketeer', 'reader');
    const upgrade = () =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(
          `${server.url.replace('http', 'ws')}/graphql`,
          'graphql-transport-ws',
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => undefined);
        socket.once('unexpected-response', (request, response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
      });
    expect([await upgrade(), await upgrade(), await upgrade()]).toEqual([101, 101, 429]);
  });

  it('counts each subscribe on an open WebSocket as a feed open', async () => {
    const token = createToken(server.env, 'subscriber', 'reader');
    const client = wsClient(server.url, { token });
    const first = () =>
      new Promise<string>((resolve) => {
        const dispose = client.subscribe(
          { query: EVENT_CHANGES, variables: { after: '0' } },
          {
            next: (value) => {
              resolve(JSON.stringify(value));
              dispose();
            },
            error: (error) => resolve(JSON.stringify(error)),
            complete: () => resolve('complete'),
          },
        );
      });
    const answers = [await first(), await first(), await first()];
    expect(answers.slice(0, 2).every((answer) => answer.includes('eventChanges'))).toBe(true);
    expect(answers[2]).toContain('RATE_LIMITED');
    await client.dispose();
  });
});

describe('subscriptions are held to the same limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_QUERY_COST: '500' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('measures a subscription against MAX_QUERY_COST, and takes a bare token in connectionParams', async () => {
    const token = createToken(server.env, 'listener', 'reader');
    const client = wsClient(server.url, { token });
    const first = (query: string, variables: Record<string, unknown>) =>
      new Promise<string>((resolve) => {
        const dispose = client.subscribe(
          { query, variables },
          {
            next: (value) => {
              resolve(JSON.stringify(value));
              dispose();
            },
            error: (error) => resolve(JSON.stringify(error)),
            complete: () => resolve('complete'),
          },
        );
      });
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: title`).join(' ');
    const history = `history { ${Array.from({ length: 40 }, (_, i) => `r${i}: revision`).join(' ')} }`;
    const query = `subscription($after: String) { eventChanges(after: $after) { cursor event { ${aliases} ${history} } } }`;
    expect(await first(query, { after: '0' })).toContain('QUERY_TOO_COMPLEX');
    expect(await first(EVENT_CHANGES, { after: '0' })).toContain('eventChanges');
    // A field resolver below a subscription's event reads its parent as it is.
    const withHistory =
      'subscription { eventChanges(after: "0") { cursor event { history { revision } } } }';
    expect(await first(withHistory, {})).toContain('"history":[{"revision":1}');
    await client.dispose();
  });
});
