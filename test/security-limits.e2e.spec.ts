import { getIntrospectionQuery } from 'graphql';
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
    // A request error: 200 in plain JSON, as GraphQL over HTTP asks (400 in its own media type).
    expect(answer.status).toBe(200);
    expect(answer.data).toBeUndefined();
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
        // Complete lines only, up to the application's own line about the request.
        const complete = logged.slice(0, logged.lastIndexOf('\n') + 1);
        if (/"context":"HTTP"[^\n]*\/no-such-page/.test(complete)) return complete;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const logged = await waitFor();
    // JSON lines (pino): info is level 30, error 50.
    const entries = logged
      .split('\n')
      .filter((line) => line.includes('/no-such-page'))
      .map((line) => JSON.parse(line) as { level: number; context?: string; stack?: string });
    expect(entries.some((e) => e.level === 30 && e.context === 'HTTP')).toBe(true);
    expect(entries.every((e) => e.level < 50 && e.stack === undefined)).toBe(true);
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
