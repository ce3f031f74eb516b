import { EventSource } from 'eventsource';
import { auditServer } from 'graphql-http';
import { eventually } from './support/conditions';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const preflight = (
  server: RunningServer,
  path: string,
  origin: string,
  method: string,
  headers: string,
) =>
  fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': headers,
    },
  });

describe('browsers on other origins', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it.each([
    ['/graphql', 'POST', 'authorization,content-type'],
    ['/feeds/changes', 'GET', 'authorization,last-event-id'],
    ['/health', 'GET', 'content-type'],
  ])('answers the preflight of %s', async (path, method, headers) => {
    const response = await preflight(server, path, 'https://app.example', method, headers);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    for (const header of headers.split(',')) {
      expect(response.headers.get('access-control-allow-headers')).toContain(header);
    }
  });

  it('lets a page of another origin read an answer', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'https://app.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('passes every MUST and SHOULD of the GraphQL-over-HTTP audit (graphql-http)', async () => {
    const results = await auditServer({ url: `${server.url}/graphql` });
    const failed = results
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.id} ${result.name}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers a document that does not validate 400 in the response media type, 200 in plain JSON', async () => {
    const ask = (accept: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ nope }' }),
      });
    const strict = await ask('application/graphql-response+json, application/json;q=0.9');
    expect(strict.status).toBe(400);
    expect(strict.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await strict.json()).not.toHaveProperty('data');
    const plain = await ask('application/json');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a subscription sent over HTTP, naming where subscriptions are served', async () => {
    const answer = await gql(server.url, 'subscription { eventChanges { cursor } }');
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toContain('WebSocket');
    expect(answer.errors?.[0].message).toContain('/feeds/changes');
  });
});

describe('CORS_ORIGINS as a list', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      env: { CORS_ORIGINS: 'https://app.example, https://admin.example' },
    });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('allows the origins listed and no other', async () => {
    const allowed = await preflight(
      server,
      '/graphql',
      'https://admin.example',
      'POST',
      'content-type',
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    const other = await preflight(
      server,
      '/graphql',
      'https://evil.example',
      'POST',
      'content-type',
    );
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a plain EventSource', () => {
  let server: RunningServer;
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('receives each change as a message, and resumes from Last-Event-ID over ?after= after a drop', async () => {
    server = await startServer();
    const { port, dataDir } = server;
    const received: { id: string; cursor: string }[] = [];
    const source = new EventSource(`${server.url}/feeds/changes?after=0`);
    source.onmessage = (message) =>
      received.push({ id: message.lastEventId, cursor: JSON.parse(message.data).cursor });
    try {
      const head = Number(
        ((await (await fetch(`${server.url}/health`)).json()) as { eventStore: { head: string } })
          .eventStore.head,
      );
      await eventually(
        async () => received.length,
        (n) => n === head,
        `the ${head} changes of the log`,
      );
      // The connection drops: the server stops and comes back on the same port and data.
      await server.stop();
      server = await startServer({ port, dataDir, env: { SEED_ON_EMPTY: 'false' } });
      const token = createToken(server.env, 'recorder', 'editor');
      const recorded = await gql(
        server.url,
        `mutation { recordEvent(input: { kind: TALKS, title: "Talks after a dropped feed", occurred: "2024-05-01",
          countries: ["USA", "CUB"], sources: [{ title: "A source", publisher: "A publisher" }] }) { id } }`,
        undefined,
        token,
      );
      expect(recorded.errors).toBeUndefined();
      await eventually(
        async () => received.length,
        (n) => n >= head + 1,
        'the change recorded after the drop',
      );
      // Nothing repeated: the change recorded after the drop follows the log's first changes.
      expect(received).toHaveLength(head + 1);
      const cursors = received.map((change) => change.cursor);
      expect(new Set(cursors).size).toBe(cursors.length);
      const last = received[head];
      expect(Number(last.cursor)).toBeGreaterThan(head);
      expect(last.id).toBe(last.cursor);
    } finally {
      source.close();
    }
  });
});
