import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { EVENT_CHANGES, wsClient } from './support/feed-client';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const CHANGE =
  'relationshipChanges(between: ["USA", "CUB"]) { date aspect event { title history { revision } } }';

describe('every request is bounded before it runs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production', LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('refuses many aliases of an expensive field, naming the cost and the limit', async () => {
    const aliases = Array.from({ length: 285 }, (_, i) => `a${i}: ${CHANGE}`).join(' ');
    const answer = await gql(server.url, `{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 100_000,
    });
    expect(answer.errors?.[0].message).toMatch(/would cost \d+ units/);
    // One of them is allowed.
    expect((await gql(server.url, `{ ${CHANGE} }`)).errors).toBeUndefined();
  });

  it('counts a page size given in a variable', async () => {
    const query = `query($n: Int) { relationshipChanges(between: ["USA", "CUB"], first: $n) { event { history { revision } } } a: ${CHANGE} b: ${CHANGE} }`;
    expect((await gql(server.url, query, { n: 10 })).errors).toBeUndefined();
    expect((await gql(server.url, query, { n: 1000 })).errors?.[0].extensions?.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('pages relationshipChanges with first and after, at the instant of the first page', async () => {
    const page = (variables: Record<string, unknown>) =>
      gql<{ relationshipChanges: { cursor: string; key: string; date: string }[] }>(
        server.url,
        'query($first: Int, $after: String) { relationshipChanges(between: ["USA", "CUB"], first: $first, after: $after) { cursor key date } }',
        variables,
      );
    const all = (await page({ first: 1000 })).data!.relationshipChanges;
    expect(all.length).toBeGreaterThan(6);
    const first = (await page({ first: 3 })).data!.relationshipChanges;
    const second = (await page({ first: 3, after: first[2].cursor })).data!.relationshipChanges;
    expect([...first, ...second].map((c) => c.key + c.date)).toEqual(
      all.slice(0, 6).map((c) => c.key + c.date),
    );
    expect((await page({ first: 1001 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await page({ after: 'not-a-cursor' })).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('runs the operation it measured, even after the text was compiled for another', async () => {
    const aliases = Array.from(
      { length: 10 },
      (_, i) => `a${i}: events(first: $n) { edges { node { title history { revision } } } }`,
    );
    const query = `query A($n: Int) { ${aliases.join(' ')} } query B { __typename }`;
    const ask = (operationName: string, n: number) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName, variables: { n } }),
      }).then(
        (r) =>
          r.json() as Promise<{
            data?: Record<string, unknown>;
            errors?: { extensions: { code: string } }[];
          }>,
      );
    expect((await ask('A', 200)).errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // Asked twice, so that a compiler that keys on the text alone would have compiled A.
    expect((await ask('A', 0)).data).toHaveProperty('a0');
    expect((await ask('A', 0)).data).toHaveProperty('a0');
    expect(await ask('B', 200)).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a mutation sent by GET as a bad request, not a fault', async () => {
    const mutation =
      'mutation { retractEvent(input: { id: "x", expectedRevision: 1, reason: "r" }) { id } }';
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(mutation)}`);
    expect(response.status).toBe(405);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain('GET');
  });

  it('refuses a document of thousands of operations before validating it', async () => {
    const operations = Array.from({ length: 20_000 }, (_, i) => `query Q${i} { __typename }`).join(
      '\n',
    );
    const answer = await gql(server.url, operations);
    expect(answer.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await gql(server.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('sends security headers', async () => {
    const response = await fetch(`${server.url}/graphql?query=%7B__typename%7D`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('logs a 404 at info, without a stack', async () => {
    const before = server.output().length;
    const response = await fetch(`${server.url}/no-such-page`);
    expect(response.status).toBe(404);
    const waitFor = async () => {
      for (;;) {
        const logged = server.output().slice(before);
        if (logged.includes('/no-such-page')) return logged;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const logged = await waitFor();
    expect(logged).toContain('LOG');
    expect(logged).not.toContain('ERROR');
    expect(logged).not.toMatch(/\n\s+at /);
  });

  it('takes a token only as "Bearer <token>"', async () => {
    const token = createToken(server.env, 'bearer-check', 'editor');
    const ask = (authorization: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ __typename }' }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { errors?: { extensions: { code: string } }[] },
      }));
    expect((await ask(`Bearer ${token}`)).status).toBe(200);
    for (const header of [token, `Basic ${token}`, `Bearer${token}`, `Bearer ${token} extra`]) {
      const { status, body } = await ask(header);
      expect(status).toBe(401);
      expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('a private archive', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production', PUBLIC_READ: 'false' } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('does not describe itself to strangers', async () => {
    for (const query of [
      getIntrospectionQuery(),
      '{ __typename }',
      '{ __type(name: "Query") { name } }',
    ]) {
      const answer = await gql(server.url, query);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(answer)).not.toContain('DiplomaticEvent');
    }
    const token = createToken(server.env, 'reader', 'reader');
    const answer = await gql(server.url, getIntrospectionQuery(), undefined, token);
    expect(answer.data?.__schema.queryType.name).toBe('Query');
  });
});

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
