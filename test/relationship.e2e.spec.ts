import { clockPasses } from './support/conditions';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const STATE = `between asOf relations { level since certain }
  embassies { of in status since certain } dialogues { topic status lastHeld since certain }
  agreements { name status since certain } consularServices { service providedBy status since certain }
  sanctions { name imposedBy status } designations { list country status } eventCount lastEvent { occurred }`;

const AS_OF = `query($between: [String!]!, $asOf: EDTF, $knownAt: DateTime) {
  relationship(between: $between, asOf: $asOf, knownAt: $knownAt) { ${STATE} } }`;

describe('relationship replay over HTTP (US–Cuba dataset)', () => {
  let server: RunningServer;
  let editor: string;

  const asOf = async (day: string, between = ['USA', 'CUB'], knownAt?: string) => {
    const result = await gql(server.url, AS_OF, { between, asOf: day, knownAt });
    expect(result.errors).toBeUndefined();
    return result.data!.relationship;
  };
  const embassy = (state: any, of: string) => state.embassies.find((e: any) => e.of === of);

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'rel-editor', 'editor');
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('1970-01-01: no relations, both embassies closed', async () => {
    const state = await asOf('1970-01-01');
    expect(state.relations).toMatchObject({ level: 'NONE', since: '1961-01-03', certain: true });
    expect(state.embassies.map((e: any) => e.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(state.sanctions).toEqual([{ name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' }]);
  });

  it('1980-01-01: interests sections', async () => {
    expect((await asOf('1980-01-01')).relations).toMatchObject({
      level: 'INTERESTS_SECTIONS',
      since: '1977-09-01',
    });
  });

  it('2016-06-30: full relations, both embassies operating', async () => {
    const state = await asOf('2016-06-30');
    expect(state.relations).toMatchObject({ level: 'FULL', since: '2015-07-20', certain: true });
    expect(embassy(state, 'USA')).toMatchObject({ in: 'CUB', status: 'OPERATING' });
    expect(embassy(state, 'CUB')).toMatchObject({ in: 'USA', status: 'OPERATING' });
    expect(state.designations).toEqual([
      { list: 'state-sponsors-of-terrorism', country: 'CUB', status: 'DELISTED' },
    ]);
  });

  it('2018-06-30: both embassies reduced, immigrant visas suspended, migration talks active', async () => {
    const state = await asOf('2018-06-30');
    expect(embassy(state, 'USA')).toMatchObject({
      status: 'REDUCED',
      since: '2017-09-29',
      certain: true,
    });
    expect(embassy(state, 'CUB')).toMatchObject({ status: 'REDUCED', since: '2017-10-03' });
    expect(state.consularServices).toEqual([
      {
        service: 'immigrant-visas',
        providedBy: 'USA',
        status: 'SUSPENDED',
        since: '2017-09-29',
        certain: true,
      },
    ]);
    // The round before the pause was held on 11 July 2018; the one before it in December 2017.
    expect(state.dialogues).toEqual([
      {
        topic: 'migration',
        status: 'ACTIVE',
        lastHeld: '2017-12',
        since: '2017-12',
        certain: true,
      },
    ]);
  });

  it('is uncertain only inside the imprecise interval: before, inside, last day, after', async () => {
    // The pause of the migration talks is dated "2019", the first year without a round.
    expect((await asOf('2018-12-31')).dialogues[0]).toMatchObject({
      status: 'ACTIVE',
      certain: true,
    });
    expect((await asOf('2019-01-01')).dialogues[0]).toMatchObject({
      status: 'PAUSED',
      certain: false,
    });
    expect((await asOf('2019-12-31')).dialogues[0].certain).toBe(true);
    expect((await asOf('2020-01-01')).dialogues[0].certain).toBe(true);
  });

  it('2020-01-01: migration talks paused, last held 2018-07-11', async () => {
    expect((await asOf('2020-01-01')).dialogues).toEqual([
      {
        topic: 'migration',
        status: 'PAUSED',
        lastHeld: '2018-07-11',
        since: '2019',
        certain: true,
      },
    ]);
  });

  it('2022-04-22: migration dialogue active, last held 2022-04-21', async () => {
    const state = await asOf('2022-04-22');
    expect(state.dialogues).toEqual([
      {
        topic: 'migration',
        status: 'ACTIVE',
        lastHeld: '2022-04-21',
        since: '2022-04-21',
        certain: true,
      },
    ]);
    expect(state.lastEvent.occurred).toBe('2022-04-21');
  });

  it('2022-06-15: immigrant visas limited', async () => {
    expect((await asOf('2022-06-15')).consularServices[0]).toMatchObject({
      status: 'LIMITED',
      since: '2022-05-03',
    });
  });

  it('has the 1984, 1994, 1995 and 2017 migration accords in force after 2017-01-12', async () => {
    const names = (await asOf('2017-01-13')).agreements
      .filter((a: any) => a.status === 'IN_FORCE')
      .map((a: any) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '1984 migration agreement',
        '1994 joint communiqué',
        '1995 joint statement',
        '2017 joint statement',
      ]),
    );
    expect((await asOf('2017-01-11')).agreements.map((a: any) => a.name)).not.toContain(
      '2017 joint statement',
    );
  });

  it('accepts the countries in any order, a month or a year as asOf, and refuses bad arguments', async () => {
    expect(await asOf('2016-06-30', ['CUB', 'USA'])).toEqual(
      await asOf('2016-06-30', ['USA', 'CUB']),
    );
    expect((await asOf('2018')).asOf).toBe('2018-12-31');
    expect((await asOf('2016-06')).asOf).toBe('2016-06-30');
    for (const variables of [
      { between: ['USA'], asOf: '2016' },
      { between: ['USA', 'XYZ'], asOf: '2016' },
      { between: ['USA', 'CUB'], asOf: 'yesterday' },
    ]) {
      const result = await gql(server.url, AS_OF, variables);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('honours an amended date in valid time and the amendment in transaction time', async () => {
    // The dataset first recorded the Havana curtailment as "2017", then amended it to 2017-09-29.
    const history = await gql(
      server.url,
      `{ events(filter: { countries: ["USA", "CUB"], occurredFrom: "2017-09-29", occurredTo: "2017-09-29" }) {
          edges { node { id occurred history { revision recordedAt } } } } }`,
    );
    const node = history.data!.events.edges.find((e: any) => e.node.history.length === 2).node;
    const beforeAmendment = new Date(
      new Date(node.history[1].recordedAt).getTime() - 1,
    ).toISOString();
    const then = await asOf('2017-06-30', ['USA', 'CUB'], beforeAmendment);
    expect(embassy(then, 'USA')).toMatchObject({
      status: 'REDUCED',
      since: '2017',
      certain: false,
    });
    const now = await asOf('2017-06-30');
    expect(embassy(now, 'USA')).toMatchObject({ status: 'OPERATING', since: '2015-07-20' });
  });

  it('stops counting a retracted event from its retraction on, but still shows it before', async () => {
    const recorded = await gql(
      server.url,
      `mutation($input: RecordEventInput!) { recordEvent(input: $input) { id revision recordedAt } }`,
      {
        input: {
          kind: 'DIPLOMATIC_RELATIONS',
          title: 'A wrongly entered break of relations',
          occurred: '2019-05-01',
          countries: ['USA', 'CUB'],
          effects: [{ type: 'RELATIONS', level: 'NONE' }],
          sources: [{ title: 'Mistaken report', publisher: 'Nobody' }],
        },
      },
      editor,
    );
    expect(recorded.errors).toBeUndefined();
    const { id, recordedAt: beforeRetraction } = recorded.data!.recordEvent;
    expect((await asOf('2019-06-01')).relations.level).toBe('NONE');
    await clockPasses(beforeRetraction);
    const retracted = await gql(
      server.url,
      `mutation($input: RetractEventInput!) { retractEvent(input: $input) { status } }`,
      { input: { id, expectedRevision: 1, reason: 'Entered in error' } },
      editor,
    );
    expect(retracted.errors).toBeUndefined();
    expect((await asOf('2019-06-01')).relations.level).toBe('FULL');
    expect((await asOf('2019-06-01', ['USA', 'CUB'], beforeRetraction)).relations.level).toBe(
      'NONE',
    );
  });

  it('lists the changes of a relationship in valid-time order, with their causes', async () => {
    const result = await gql(
      server.url,
      `{ relationshipChanges(between: ["USA", "CUB"], from: "1961", to: "2016") {
          date aspect key from to event { occurred } } }`,
    );
    expect(result.errors).toBeUndefined();
    const changes = result.data!.relationshipChanges;
    const relations = changes.filter((c: any) => c.aspect === 'RELATIONS');
    expect(relations.map((c: any) => [c.date, c.from ?? null, c.to])).toEqual([
      ['1961-01-03', 'FULL', 'NONE'],
      ['1977-09-01', 'NONE', 'INTERESTS_SECTIONS'],
      ['2015-07-20', 'INTERESTS_SECTIONS', 'FULL'],
    ]);
    expect(relations[2].event.occurred).toBe('2015-07-20');
    // Relations before the break: recognition of the new government on 7 January 1959.
    const since1959 = await gql(
      server.url,
      `{ relationshipChanges(between: ["USA", "CUB"], from: "1959", to: "1959") { date aspect from to } }`,
    );
    expect(since1959.data!.relationshipChanges).toContainEqual({
      date: '1959-01-07',
      aspect: 'RELATIONS',
      from: null,
      to: 'FULL',
    });
    const dates = changes.map((c: any) => c.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('works for a group of three countries, from the timeline', async () => {
    const state = await asOf('2023-01-01', ['USA', 'CUB', 'PAN']);
    expect(state.between).toEqual(['CUB', 'PAN', 'USA']);
    expect(state.eventCount).toBe(0);
  });
});
