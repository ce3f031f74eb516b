import { randomUUID } from 'node:crypto';
import { clockPasses } from './support/conditions';
import { AMEND, RECORD, RETRACT, logHead, validInput } from './support/events';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

describe('recording, amending and retracting over GraphQL', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'e2e-editor', 'editor');
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
    expect(result.data!.events.totalCount).toBeGreaterThanOrEqual(80);
    expect(nodes.map((n: any) => n.occurred)).toEqual(
      expect.arrayContaining([
        '1961-01-03',
        '2018-07-11',
        '2022-04-21',
        '2022-05-03',
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
      totalCount edges { node { recordId title } } } }`;
    const titlesAt = async (at?: string) =>
      (await gql(server.url, timeline, { at }))
        .data!.events.edges.filter((e: any) => e.node.recordId === id)
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
