import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store';
import { clockPasses } from './support/conditions';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const EVENT_FIELDS = `id revision status kind title summary occurred occurredStart occurredEnd countries
  participants { name role country } cameo { code name goldstein quadClass }
  effects { type level of in status topic held } sources { title publisher url } tags recordedBy
  history { revision changeType reason recordedBy }`;

const RECORD = `mutation($input: RecordEventInput!) { recordEvent(input: $input) { ${EVENT_FIELDS} } }`;
const AMEND = `mutation($input: AmendEventInput!) { amendEvent(input: $input) { ${EVENT_FIELDS} } }`;
const RETRACT = `mutation($input: RetractEventInput!) { retractEvent(input: $input) { ${EVENT_FIELDS} } }`;

const validInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'TALKS',
  title: 'Consular talks in Ottawa',
  summary: 'Delegations met to discuss consular cooperation.',
  occurred: '2023-11-14',
  countries: ['USA', 'CAN'],
  cameo: '046',
  effects: [{ type: 'DIALOGUE', topic: 'consular-cooperation', status: 'ACTIVE', held: true }],
  sources: [{ title: 'Joint statement', publisher: 'Example Ministry', publishedOn: '2023-11-14' }],
  tags: ['consular'],
  ...overrides,
});

/** The event log's head, read through the store port from a second connection to the file. */
async function logHead(server: RunningServer): Promise<bigint> {
  const store = openSqliteEventStore({ file: join(server.dataDir, 'events.db') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

describe('recording, amending and retracting over GraphQL', () => {
  let server: RunningServer;
  let editor: string;
  let reader: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'e2e-editor', 'editor');
    reader = createToken(server.env, 'e2e-reader', 'reader');
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('serves the US–Cuba history loaded on first start', async () => {
    const result = await gql(
      server.url,
      `{ events(filter: { countries: ["USA", "CUB"] }, first: 100) { totalCount edges { node { occurred title countries } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.events.edges.map((e: any) => e.node);
    expect(result.data!.events.totalCount).toBeGreaterThanOrEqual(20);
    expect(nodes.map((n: any) => n.occurred)).toEqual(
      expect.arrayContaining([
        '1961-01-03',
        '2018',
        '2022-04-21',
        '2022-05',
        '2016-03-20/2016-03-22',
      ]),
    );
    // Valid-time order, and the Panama trip (USA and PAN only) is not in the USA–CUB timeline.
    const starts = nodes.map((n: any) => n.occurred.slice(0, 4));
    expect([...starts].sort()).toEqual(starts);
    expect(nodes.every((n: any) => n.countries.includes('CUB'))).toBe(true);
    const panama = await gql(
      server.url,
      `{ events(filter: { countries: ["PAN"] }) { edges { node { countries } } } }`,
    );
    expect(panama.data!.events.edges.length).toBeGreaterThanOrEqual(1);
  });

  it('finds events by text over title, summary and participants', async () => {
    const result = await gql(
      server.url,
      `{ events(filter: { text: "Mendrala" }) { edges { node { occurred } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.events.edges.map((e: any) => e.node.occurred)).toContain('2022-04-21');
  });

  it('refuses mutations without a token, with an unknown token, and for a reader', async () => {
    const before = await logHead(server);
    const anonymous = await gql(server.url, RECORD, { input: validInput() });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(server.url, RECORD, { input: validInput() }, 'dtk_not-a-real-token');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrongRole = await gql(server.url, RECORD, { input: validInput() }, reader);
    expect(wrongRole.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await logHead(server)).toBe(before);
  });

  it('records, amends with the right and a stale revision, retracts, and keeps the history', async () => {
    const recorded = await gql(server.url, RECORD, { input: validInput() }, editor);
    expect(recorded.errors).toBeUndefined();
    const event = recorded.data!.recordEvent;
    expect(event).toMatchObject({
      revision: 1,
      status: 'ACTIVE',
      recordedBy: 'e2e-editor',
      countries: ['CAN', 'USA'],
    });
    expect(event.cameo).toMatchObject({ code: '046', quadClass: 1 });

    // Read-your-writes: the next query sees it.
    const read = await gql(server.url, `query($id: ID!) { event(id: $id) { title revision } }`, {
      id: event.id,
    });
    expect(read.data!.event).toEqual({ title: 'Consular talks in Ottawa', revision: 1 });

    const amended = await gql(
      server.url,
      AMEND,
      {
        input: {
          id: event.id,
          expectedRevision: 1,
          reason: 'Date corrected from the minutes',
          occurred: '2023-11-15',
        },
      },
      editor,
    );
    expect(amended.errors).toBeUndefined();
    expect(amended.data!.amendEvent).toMatchObject({
      revision: 2,
      occurred: '2023-11-15',
      title: event.title,
    });

    const stale = await gql(
      server.url,
      AMEND,
      {
        input: {
          id: event.id,
          expectedRevision: 1,
          reason: 'A second editor',
          title: 'Other title',
        },
      },
      editor,
    );
    expect(stale.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      expectedRevision: 1,
      actualRevision: 2,
    });

    const unchanged = await gql(
      server.url,
      AMEND,
      { input: { id: event.id, expectedRevision: 2, reason: 'No-op', occurred: '2023-11-15' } },
      editor,
    );
    expect(unchanged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const retracted = await gql(
      server.url,
      RETRACT,
      { input: { id: event.id, expectedRevision: 2, reason: 'Duplicate of another record' } },
      editor,
    );
    expect(retracted.errors).toBeUndefined();
    expect(retracted.data!.retractEvent).toMatchObject({ revision: 3, status: 'RETRACTED' });
    expect(retracted.data!.retractEvent.history).toEqual([
      { revision: 1, changeType: 'RECORDED', reason: null, recordedBy: 'e2e-editor' },
      {
        revision: 2,
        changeType: 'AMENDED',
        reason: 'Date corrected from the minutes',
        recordedBy: 'e2e-editor',
      },
      {
        revision: 3,
        changeType: 'RETRACTED',
        reason: 'Duplicate of another record',
        recordedBy: 'e2e-editor',
      },
    ]);

    const afterRetraction = await gql(
      server.url,
      AMEND,
      { input: { id: event.id, expectedRevision: 3, reason: 'Too late', title: 'Changed' } },
      editor,
    );
    expect(afterRetraction.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // Retracted records leave the timeline unless asked for.
    const listed = await gql(
      server.url,
      `{ a: events(filter: { countries: ["CAN"] }) { totalCount } b: events(filter: { countries: ["CAN"], includeRetracted: true }) { totalCount } }`,
    );
    expect(listed.data).toEqual({ a: { totalCount: 0 }, b: { totalCount: 1 } });
  });

  it('shows a record as it stood at knownAt', async () => {
    const recorded = await gql(
      server.url,
      RECORD,
      { input: validInput({ title: 'First title' }) },
      editor,
    );
    const id = recorded.data!.recordEvent.id;
    // The instant the first version was recorded: the archive knew it from then on.
    const firstKnown: string = (
      await gql(server.url, `query($id: ID!) { event(id: $id) { recordedAt } }`, { id })
    ).data!.event.recordedAt;
    await clockPasses(firstKnown);
    await gql(
      server.url,
      AMEND,
      { input: { id, expectedRevision: 1, reason: 'Better title', title: 'Second title' } },
      editor,
    );
    const query = `query($id: ID!, $at: DateTime) { event(id: $id, knownAt: $at) { title revision history { revision } } }`;
    const then = await gql(server.url, query, { id, at: firstKnown });
    expect(then.data!.event).toEqual({
      title: 'First title',
      revision: 1,
      history: [{ revision: 1 }],
    });
    const before = await gql(server.url, query, { id, at: '2000-01-01T00:00:00Z' });
    expect(before.data!.event).toBeNull();
    const now = await gql(server.url, query, { id });
    expect(now.data!.event).toMatchObject({ title: 'Second title', revision: 2 });
    // The timeline filtered by country, then and now.
    const timeline = `query($at: DateTime) { events(filter: { countries: ["USA", "CAN"] }, knownAt: $at, first: 200) {
      totalCount edges { node { id title } } } }`;
    const titlesAt = async (at?: string) =>
      (await gql(server.url, timeline, { at }))
        .data!.events.edges.filter((e: any) => e.node.id === id)
        .map((e: any) => e.node.title);
    expect(await titlesAt(firstKnown)).toEqual(['First title']);
    expect(await titlesAt()).toEqual(['Second title']);
    expect(await titlesAt('2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('makes recording with a client id idempotent', async () => {
    const id = randomUUID();
    const first = await gql(
      server.url,
      RECORD,
      { input: validInput({ id, title: 'Idempotent' }) },
      editor,
    );
    const head = await logHead(server);
    const retry = await gql(
      server.url,
      RECORD,
      { input: validInput({ id, title: 'Idempotent' }) },
      editor,
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordEvent.id).toBe(first.data!.recordEvent.id);
    expect(await logHead(server)).toBe(head);
    const clash = await gql(
      server.url,
      RECORD,
      { input: validInput({ id, title: 'Other facts' }) },
      editor,
    );
    expect(clash.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  const malformed: [string, Record<string, unknown>, string][] = [
    ['bad EDTF', validInput({ occurred: '2022-13-45' }), 'occurred'],
    ['unknown country', validInput({ countries: ['USA', 'XXX'] }), 'countries[1]'],
    ['missing source', validInput({ sources: [] }), 'sources'],
    ['1 MB title', validInput({ title: 'x'.repeat(1024 * 1024) }), 'title'],
    ['unknown CAMEO code', validInput({ cameo: '999' }), 'cameo'],
    [
      'non-http URL',
      validInput({ sources: [{ title: 't', publisher: 'p', url: 'javascript:alert(1)' }] }),
      'sources[0].url',
    ],
    [
      'embassy of a country not taking part',
      validInput({ effects: [{ type: 'EMBASSY', of: 'MEX', in: 'USA', status: 'CLOSED' }] }),
      'effects[0]',
    ],
    [
      'field foreign to the effect type',
      validInput({ effects: [{ type: 'RELATIONS', level: 'FULL', topic: 'x' }] }),
      'effects[0].topic',
    ],
  ];

  it.each(malformed)(
    'answers %s with BAD_USER_INPUT naming the field, and writes nothing',
    async (_name, input, field) => {
      const before = await logHead(server);
      const result = await gql(server.url, RECORD, { input }, editor);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const paths = ((result.errors?.[0].extensions?.fields as { path: string }[]) ?? []).map(
        (f) => f.path,
      );
      expect(paths.some((p) => p.startsWith(field))).toBe(true);
      expect(await logHead(server)).toBe(before);
    },
  );

  it('answers wrong GraphQL types with BAD_USER_INPUT and writes nothing', async () => {
    const before = await logHead(server);
    const wrongType = await gql(
      server.url,
      RECORD,
      { input: { ...validInput(), countries: 'USA,CUB', kind: 42 } },
      editor,
    );
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownKind = await gql(
      server.url,
      RECORD,
      { input: validInput({ kind: 'PICNIC' }) },
      editor,
    );
    expect(unknownKind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const notJson = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: '{"query": "mutation {',
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(await logHead(server)).toBe(before);
  });

  it('pages forwards and backwards with cursors, and caps the page size', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      events(filter: { countries: ["USA", "CUB"] }, first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const all = (await gql(server.url, q, { first: 200 })).data!.events.edges.map(
      (e: any) => e.node.id,
    );
    const page1 = (await gql(server.url, q, { first: 5 })).data!.events;
    expect(page1.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 5));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = (await gql(server.url, q, { first: 5, after: page1.pageInfo.endCursor })).data!
      .events;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual(all.slice(5, 10));
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
    const back = (await gql(server.url, q, { last: 5, before: page2.pageInfo.startCursor })).data!
      .events;
    expect(back.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 5));
    const tooBig = await gql(server.url, q, { first: 201 });
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await gql(server.url, q, { first: 5, after: 'garbage' });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a repeated timeline query with each change made in between', async () => {
    // The same query text each time: answers reused between writes must never outlive a write.
    const timeline = `{ events(filter: { countries: ["ISL", "NOR"] }) { totalCount edges { node { id title } } } }`;
    const listed = async () => (await gql(server.url, timeline)).data!.events;
    expect(await listed()).toEqual({ totalCount: 0, edges: [] });
    const input = validInput({ countries: ['NOR', 'ISL'], title: 'Fisheries talks' });
    const id = (await gql(server.url, RECORD, { input }, editor)).data!.recordEvent.id;
    expect(await listed()).toEqual({
      totalCount: 1,
      edges: [{ node: { id, title: 'Fisheries talks' } }],
    });
    await gql(
      server.url,
      AMEND,
      { input: { id, expectedRevision: 1, reason: 'Typo', title: 'Fishery talks' } },
      editor,
    );
    expect(await listed()).toEqual({
      totalCount: 1,
      edges: [{ node: { id, title: 'Fishery talks' } }],
    });
    await gql(
      server.url,
      RETRACT,
      { input: { id, expectedRevision: 2, reason: 'Wrong pair' } },
      editor,
    );
    expect(await listed()).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('the GraphQL IDE', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('is served with all its assets from this server, so it works offline', async () => {
    const page = await fetch(`${server.url}/graphiql`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // Nothing is fetched from another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(`${server.url}/graphiql/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
