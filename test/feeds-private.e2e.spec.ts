import { openFeeds } from './support/conditions';
import { collect, EVENT_CHANGES, until, wsClient } from './support/feed-client';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

describe('feeds when reads are private', () => {
  let server: RunningServer;
  let reader: string;

  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_READ: 'false' } });
    reader = createToken(server.env, 'private-reader', 'reader');
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('refuses queries and subscriptions without a verified token', async () => {
    const query = await gql(server.url, '{ events { totalCount } }');
    expect(query.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await gql(server.url, '{ events { totalCount } }', undefined, reader)).data,
    ).toBeDefined();

    for (const params of [
      undefined,
      { authorization: 'Bearer dtk_forged' },
      { authorization: 'nonsense' },
    ]) {
      const client = wsClient(server.url, params);
      const feed = collect(client, EVENT_CHANGES, { after: '0' });
      await until(() => feed.errors.length > 0, 10_000, 'a refusal');
      expect(feed.received).toHaveLength(0);
      await client.dispose();
    }
    const http = await fetch(`${server.url}/feeds/changes?after=0`);
    expect(http.status).toBe(401);
  });

  it('accepts a valid token in connectionParams', async () => {
    const client = wsClient(server.url, { authorization: `Bearer ${reader}` });
    const feed = collect(client, EVENT_CHANGES, { after: '0' });
    await until(() => feed.received.length >= 21, 10_000, 'the backlog');
    feed.dispose();
    await client.dispose();
  });

  it('completes subscribers on a clean shutdown', async () => {
    const client = wsClient(server.url, { authorization: `Bearer ${reader}` });
    // Earlier feeds are gone; then this one follows the log before the server stops.
    await openFeeds(server, 0);
    const feed = collect(client, EVENT_CHANGES, {});
    await openFeeds(server, 1);
    const exit = await server.stop('SIGTERM');
    // Nest closes the app on SIGTERM, then lets the signal end the process.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await until(() => feed.isComplete() || feed.errors.length > 0, 10_000, 'the end of the feed');
    expect(feed.errors).toEqual([]);
    expect(feed.isComplete()).toBe(true);
    await client.dispose();
  });
});
