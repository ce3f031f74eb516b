import { validInput, RECORD, RETRACT } from './support/events';
import { createToken, gql, removeDir, startServer, type RunningServer } from './support/server';

const COUNTRIES = `query($first: Int, $after: String, $text: String) {
  countries(first: $first, after: $after, filter: { text: $text }) {
    totalCount edges { cursor node { code name eventCount firstOccurred lastOccurred } }
    pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
const DYADS = `query($country: String, $first: Int) {
  dyads(country: $country, first: $first) { countries eventCount firstOccurred lastOccurred } }`;

/** Holds for any truthful US–Cuba dataset: no exact counts, only what the history implies. */
describe('countries and dyads (what the archive holds)', () => {
  let server: RunningServer;
  let editor: string;

  beforeAll(async () => {
    server = await startServer();
    editor = createToken(server.env, 'discovery-editor', 'editor');
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const countries = async (variables: Record<string, unknown> = {}) => {
    const result = await gql(server.url, COUNTRIES, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.countries;
  };

  it('lists the dataset countries with English names, counts and the days they span', async () => {
    const all = await countries();
    const byCode = new Map(all.edges.map((e: any) => [e.node.code, e.node]));
    expect(byCode.get('USA')).toMatchObject({ name: 'United States of America' });
    expect(byCode.get('CUB')).toMatchObject({ name: 'Cuba' });
    const cuba: any = byCode.get('CUB');
    expect(cuba.eventCount).toBeGreaterThan(10);
    expect(cuba.firstOccurred <= '1961-01-03').toBe(true);
    expect(cuba.lastOccurred >= '2022-04-21').toBe(true);
    const codes = all.edges.map((e: any) => e.node.code);
    expect(codes).toEqual([...codes].sort());
    expect(all.totalCount).toBe(codes.length);
  });

  it('filters by name or code, ignoring case and accents, and pages by cursor', async () => {
    const found = await countries({ text: 'CUBA' });
    expect(found.edges.map((e: any) => e.node.code)).toEqual(['CUB']);
    const first = await countries({ first: 1 });
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await countries({ first: 1, after: first.pageInfo.endCursor });
    expect(second.edges[0].node.code > first.edges[0].node.code).toBe(true);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
  });

  it('ranks pairs by records, and follows records and retractions as they are made', async () => {
    const before = (await gql(server.url, DYADS, { country: 'cub' })).data!.dyads;
    expect(before[0]).toMatchObject({ countries: ['CUB', 'USA'] });
    const counts = before.map((d: any) => d.eventCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));

    const input = validInput({ countries: ['SUN', 'YUG'], occurred: '1948-06-28' });
    const recorded = await gql(server.url, RECORD, { input }, editor);
    expect(recorded.errors).toBeUndefined();
    const pair = async () =>
      ((await gql(server.url, DYADS, { country: 'YUG' })).data!.dyads as any[])[0];
    expect(await pair()).toEqual({
      countries: ['SUN', 'YUG'],
      eventCount: 1,
      firstOccurred: '1948-06-28',
      lastOccurred: '1948-06-28',
    });
    const sun = (await countries({ text: 'soviet' })).edges[0].node;
    expect(sun).toMatchObject({ code: 'SUN', name: 'USSR, Union of Soviet Socialist Republics' });

    const event = recorded.data!.recordEvent;
    const retracted = await gql(
      server.url,
      RETRACT,
      { input: { id: event.id, expectedRevision: event.revision, reason: 'test' } },
      editor,
    );
    expect(retracted.errors).toBeUndefined();
    expect(await pair()).toBeUndefined();
    expect((await countries({ text: 'SUN' })).totalCount).toBe(0);
  });

  const STATS = `query($filter: EventFilter, $interval: StatsInterval!, $knownAt: DateTime) {
    eventStats(filter: $filter, interval: $interval, knownAt: $knownAt) {
      period count goldsteinMean byQuadClass { quadClass count } }
    events(filter: $filter, knownAt: $knownAt) { totalCount } }`;

  it('eventStats: periods add up to the totalCount of events, now and as known in the past', async () => {
    const pair = { countries: ['USA', 'CUB'] };
    const before = new Date().toISOString();
    const late = validInput({ countries: ['USA', 'CUB'], occurred: '2015-07' });
    expect((await gql(server.url, RECORD, { input: late }, editor)).errors).toBeUndefined();
    for (const [filter, knownAt] of [
      [pair, undefined],
      [pair, before],
      [{ ...pair, occurredFrom: '2014', occurredTo: '2016' }, undefined],
      [{ quadClasses: [4] }, before],
    ] as const) {
      for (const interval of ['YEAR', 'MONTH', 'DAY']) {
        const result = await gql(server.url, STATS, { filter, interval, knownAt });
        expect(result.errors).toBeUndefined();
        const { eventStats, events } = result.data!;
        expect(eventStats.reduce((n: number, b: any) => n + b.count, 0)).toBe(events.totalCount);
      }
    }
    const years = (await gql(server.url, STATS, { filter: pair, interval: 'YEAR' })).data!;
    const periods = years.eventStats.map((b: any) => b.period);
    expect(periods).toEqual(expect.arrayContaining(['1961', '2015']));
    const y1961 = years.eventStats.find((b: any) => b.period === '1961');
    expect(y1961.byQuadClass).toEqual(
      expect.arrayContaining([expect.objectContaining({ quadClass: 4 })]),
    );
    // The month-precision record stays in its month by DAY; it was not known before.
    const days = async (knownAt?: string) =>
      (await gql(server.url, STATS, { filter: pair, interval: 'DAY', knownAt })).data!.eventStats;
    const july = (await days()).find((b: any) => b.period === '2015-07');
    expect(july.count).toBe(
      ((await days(before)).find((b: any) => b.period === '2015-07')?.count ?? 0) + 1,
    );
  });

  it.each([
    [DYADS, { first: 201 }, 'first'],
    [DYADS, { country: 'XXX' }, 'country'],
    [COUNTRIES, { first: -1 }, 'first'],
    [COUNTRIES, { after: 'bm90IGEgY3Vyc29y' }, 'after'],
    [COUNTRIES, { text: 'x'.repeat(101) }, 'filter.text'],
  ])('refuses bad input naming the field (%#)', async (query, variables, field) => {
    const result = await gql(server.url, query, variables);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(result.errors)).toContain(field);
  });
});
