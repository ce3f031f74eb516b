import {
  createToken,
  gql,
  removeDir,
  startServer,
  tempDataDir,
  type RunningServer,
} from './support/server';
import { caughtUp, eventually, openFeeds } from './support/conditions';
import { EVENT_CHANGES, RECORD_EVENT, collect, eventInput, wsClient } from './support/feed-client';

const METRICS_TOKEN = 'm'.repeat(24) + '0123456789abcdef';

/** A sample's value from Prometheus text, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics and the JSON logs', () => {
  let server: RunningServer;
  let editor: string;
  const dataDir = tempDataDir('dt-metrics-');
  const scrape = async (authorization?: string) =>
    fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir, SEED_ON_EMPTY: 'false' };
    editor = createToken({ ...process.env, ...env }, 'metrics-editor', 'editor');
    server = await startServer({
      dataDir,
      env: { METRICS_TOKEN, LOG_LEVEL: 'info', SEED_ON_EMPTY: 'false' },
    });
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('answers only the bearer of METRICS_TOKEN', async () => {
    for (const header of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN]) {
      const response = await scrape(header);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('projector_lag_events');
    }
    // An access token, even an editor's, is not the metrics token.
    expect((await scrape(`Bearer ${editor}`)).status).toBe(401);
  });

  it('counts requests by kind, errors by code, appends, applied events and open feeds', async () => {
    const client = wsClient(server.url);
    const feed = collect(client, EVENT_CHANGES, { after: '0' });
    await openFeeds(server, 1);
    const recorded = await gql(
      server.url,
      RECORD_EVENT,
      { input: eventInput('Metered', ['USA', 'CUB']) },
      editor,
    );
    expect(recorded.errors).toBeUndefined();
    expect((await gql(server.url, '{ events(first: 1) { totalCount } }')).errors).toBeUndefined();
    expect((await gql(server.url, '{ noSuchField }')).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    await caughtUp(server);

    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'api_request_duration_seconds_count{kind="query"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'api_request_duration_seconds_count{kind="mutation"}')).toBe(1);
    expect(sample(text, 'api_request_duration_seconds_count{kind="subscription"}')).toBe(1);
    expect(sample(text, 'api_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'event_store_append_duration_seconds_count')).toBe(1);
    expect(sample(text, 'projector_applied_events_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'projector_lag_events')).toBe(0);
    expect(sample(text, 'projector_lag_seconds')).toBe(0);
    expect(sample(text, 'feeds_open')).toBe(1);
    expect(sample(text, 'feeds_websocket_subscriptions')).toBe(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    feed.dispose();
    await client.dispose();
  });

  it('writes one JSON object per line, each line of a request with its id', async () => {
    const response = await fetch(`${server.url}/no-such-route-for-logs`);
    expect(response.status).toBe(404);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await eventually(
      async () =>
        server
          .output()
          .split('\n')
          .filter((line) => line.includes('/no-such-route-for-logs')),
      (found) => found.length >= 2,
      'the request logged',
    );
    for (const line of server.output().split('\n').filter(Boolean))
      expect(() => JSON.parse(line)).not.toThrow();
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; context?: string });
    // Fastify's own lines and the application's (the HTTP error's) alike.
    expect(entries.some((e) => e.context === 'HTTP')).toBe(true);
    for (const entry of entries) expect(entry.reqId).toBe(id);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  it('does not exist: it is answered as a route that was never there', async () => {
    const dataDir = tempDataDir('dt-metrics-off-');
    const server = await startServer({ dataDir, env: { SEED_ON_EMPTY: 'false' } });
    try {
      const response = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer anything-at-all' },
      });
      expect(response.status).toBe(404);
      const unknown = await fetch(`${server.url}/metricz`);
      expect(unknown.status).toBe(404);
      const asked = (await response.json()) as Record<string, unknown>;
      const never = (await unknown.json()) as Record<string, unknown>;
      expect(asked).toEqual({ ...never, message: 'Cannot GET /metrics' });
      expect(never.message).toBe('Cannot GET /metricz');
    } finally {
      await server.stop();
      removeDir(dataDir);
    }
  });
});
