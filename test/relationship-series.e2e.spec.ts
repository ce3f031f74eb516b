import { gql, removeDir, startServer, type RunningServer } from './support/server';

const STATE = `asOf between relations { level since certain }
  embassies { of in status since certain } dialogues { topic status lastHeld since certain }
  agreements { name status since certain } consularServices { service providedBy status since certain }
  sanctions { name imposedBy status since certain } designations { list country status since certain }
  eventCount lastEvent { id occurred }`;

const SERIES = `query($from: EDTF, $to: EDTF, $every: StatsInterval, $at: [EDTF!], $knownAt: DateTime) {
  relationshipSeries(between: ["USA", "CUB"], from: $from, to: $to, every: $every, at: $at, knownAt: $knownAt) { ${STATE} } }`;
const ONE = `query($asOf: EDTF, $knownAt: DateTime) {
  relationship(between: ["CUB", "USA"], asOf: $asOf, knownAt: $knownAt) { ${STATE} } }`;

describe('relationshipSeries: many dates in one answer (US–Cuba dataset)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('64 yearly states, each equal to relationship(asOf) on its date', async () => {
    const knownAt = new Date().toISOString();
    const result = await gql(server.url, SERIES, { from: '1960', to: '2023', knownAt });
    expect(result.errors).toBeUndefined();
    const series = result.data!.relationshipSeries as any[];
    expect(series).toHaveLength(64);
    expect(series[0].asOf).toBe('1960-12-31');
    for (const state of series) {
      const single = await gql(server.url, ONE, { asOf: state.asOf, knownAt });
      expect(single.errors).toBeUndefined();
      expect(state).toEqual(single.data!.relationship);
    }
    const level = (year: string) => series.find((s) => s.asOf === `${year}-12-31`).relations?.level;
    expect(level('1961')).toBe('NONE');
    expect(level('2016')).toBe('FULL');
  });

  it('at: each date in the order given, read as asOf reads it', async () => {
    const result = await gql(server.url, SERIES, { at: ['2016-06-30', '1970', '2016-06-30'] });
    expect(result.errors).toBeUndefined();
    const [a, b, c] = result.data!.relationshipSeries as any[];
    expect(a).toMatchObject({ asOf: '2016-06-30', relations: { level: 'FULL' } });
    expect(b).toMatchObject({ asOf: '1970-12-31', relations: { level: 'NONE' } });
    expect(c).toEqual(a);
  });

  it('by month and by day, within the limit', async () => {
    const months = await gql(server.url, SERIES, {
      from: '2015-01',
      to: '2015-12',
      every: 'MONTH',
    });
    expect(months.data!.relationshipSeries.map((s: any) => s.relations.level)).toEqual([
      ...Array(6).fill('INTERESTS_SECTIONS'),
      ...Array(6).fill('FULL'),
    ]);
    const days = await gql(
      server.url,
      `query { relationshipSeries(between: ["USA", "CUB"],
      from: "2011", to: "2023", every: DAY) { asOf } }`,
    );
    expect(days.errors).toBeUndefined();
    expect(days.data!.relationshipSeries).toHaveLength(4748);
  });

  it.each([
    ['too many days', { from: '1900', to: '2023', every: 'DAY' }, 'every'],
    ['too many dates', { at: Array(5001).fill('2016') }, 'at'],
    ['both forms', { at: ['2016'], from: '1960' }, 'at'],
    ['no end', { from: '1960' }, 'to'],
    ['a bad date', { at: ['2016-13'] }, 'at[0]'],
  ])('refuses %s', async (_, variables, path) => {
    const result = await gql(server.url, SERIES.replace(STATE, 'asOf'), variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(result.errors?.[0].extensions)).toContain(`"${path}"`);
  });
});
