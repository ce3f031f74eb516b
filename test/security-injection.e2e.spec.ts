import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { wsClient } from './support/feed-client';
import { gql, removeDir, startServer, type RunningServer } from './support/server';

/**
 * Replays the attacks that made the server run a request's text as code, by every way a query
 * arrives (POST, GET, WebSocket subscribe), twice each: graphql-jit compiles a text the second
 * time it is seen. The payload writes a file; the file must never appear.
 */
describe('no request text runs as code', () => {
  let server: RunningServer;
  let marker: string;
  const writeMarker = () =>
    `globalThis.process.getBuiltinModule('fs').writeFileSync('${marker}','pwned')`;

  beforeAll(async () => {
    server = await startServer({ env: { NODE_ENV: 'production' } });
    marker = join(server.dataDir, 'pwned');
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  /** A parsed document, as JSON, whose alias breaks out of graphql-jit's generated code. */
  const documentAsJson = () =>
    JSON.stringify({
      kind: 'Document',
      definitions: [
        {
          kind: 'OperationDefinition',
          operation: 'query',
          selectionSet: {
            kind: 'SelectionSet',
            selections: [
              {
                kind: 'Field',
                alias: { kind: 'Name', value: `a": ${writeMarker()}, "b` },
                name: { kind: 'Name', value: '__typename' },
              },
            ],
          },
        },
      ],
    });

  /** Valid GraphQL: graphql-jit 0.8.9 turns a string literal starting with its date marker into code. */
  const markerLiteral = () =>
    `{ events(filter: { text: "__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(${writeMarker().replace(/'/g, '\\"')})" }) { totalCount } }`;

  const post = async (query: unknown) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      // The response media type answers a request error 400 (plain JSON would answer 200).
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.text() };
  };
  const get = async (query: string) => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    return { status: response.status, body: await response.text() };
  };
  const subscribe = (query: string) =>
    new Promise<unknown>((resolve) => {
      const client = wsClient(server.url);
      client.subscribe(
        { query },
        {
          next: (value) => resolve(value),
          error: (error) => resolve(error),
          complete: () => resolve('complete'),
        },
      );
    });

  it.each([
    ['a JSON document as the query text', documentAsJson],
    ['a string literal carrying graphql-jit’s marker', markerLiteral],
  ])('refuses %s by POST, GET and WebSocket, and nothing runs', async (_name, attack) => {
    for (let round = 0; round < 2; round += 1) {
      const byPost = await post(attack());
      expect(byPost.status).toBe(400);
      expect(JSON.parse(byPost.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const byGet = await get(attack());
      expect(byGet.status).toBe(400);
      const bySocket = JSON.stringify(await subscribe(attack()));
      expect(bySocket).toContain('BAD_USER_INPUT');
    }
    expect(existsSync(marker)).toBe(false);
    // The server still answers.
    expect((await gql(server.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('keeps the marker text harmless when it comes in a variable (never compiled)', async () => {
    const query = 'query($text: String) { events(filter: { text: $text }) { totalCount } }';
    const text = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d(1)';
    for (let round = 0; round < 2; round += 1) {
      const answer = await gql(server.url, query, { text });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.events.totalCount).toBe(0);
    }
  });

  it('answers a query that is not a string with 400, without internals', async () => {
    for (const query of [5, { kind: 'Document', definitions: [] }, ['{ __typename }'], null]) {
      const { status, body } = await post(query);
      expect(status).toBe(400);
      expect(body).not.toMatch(/definitions|iterable|TypeError/);
      expect(JSON.parse(body).errors[0].message).toMatch(/query/);
    }
  });

  it('refuses a literal nested thousands of levels deep without overflowing the stack', async () => {
    const deep = `{ events(filter: { countries: ${'['.repeat(5000)}${']'.repeat(5000)} }) { totalCount } }`;
    const { status, body } = await post(deep);
    expect(status).toBe(400);
    expect(body).not.toMatch(/call stack/i);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('still answers the standard introspection query, every option on', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const answer = await gql(server.url, query);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.__schema.queryType.name).toBe('Query');
  });

  it('drops name suggestions from production errors', async () => {
    const answer = await gql(server.url, '{ evnts { totalCount } }');
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toContain('Cannot query field "evnts"');
    expect(answer.errors?.[0].message).not.toContain('Did you mean');
  });
});
