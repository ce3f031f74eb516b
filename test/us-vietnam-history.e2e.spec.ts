import { gql, removeDir, startServer, type RunningServer } from './support/server';

/*
 * The second bundled dyad, loaded on first start beside US–Cuba: the same aspects replayed for
 * the United States and Vietnam. The comment on each case gives the historical reason.
 */

const AS_OF = `query($asOf: EDTF) {
  relationship(between: ["VNM", "USA"], asOf: $asOf) {
    between relations { level since }
    embassies { of in status since }
    agreements { name status since }
    sanctions { name imposedBy status since certain }
    dialogues { topic status lastHeld }
    eventCount } }`;

describe('the US–Vietnam history, replayed', () => {
  let server: RunningServer;

  const asOf = async (day: string) => {
    const result = await gql(server.url, AS_OF, { asOf: day });
    expect(result.errors).toBeUndefined();
    return result.data!.relationship;
  };
  const sanction = (state: any, name: string) => state.sanctions.find((s: any) => s.name === name);
  const embassy = (state: any, of: string) => state.embassies.find((e: any) => e.of === of);
  const agreement = (state: any, name: string) =>
    state.agreements.find((a: any) => a.name === name);

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('is loaded on first start, in its own timeline', async () => {
    const result = await gql(
      server.url,
      `{ vietnam: events(filter: { countries: ["USA", "VNM"] }) { totalCount }
         cuba: events(filter: { countries: ["CUB", "VNM"] }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.vietnam.totalCount).toBeGreaterThanOrEqual(20);
    // Nothing links the two dyads by accident.
    expect(result.data!.cuba.totalCount).toBe(0);
  });

  it('1990: no relations, the U.S. embassy closed since 1975, trade and arms embargoes in force', async () => {
    // The embassy in Saigon was evacuated on 29–30 April 1975; the embargo on North Vietnam was
    // extended to the whole country in 1975.
    const state = await asOf('1990');
    expect(state.between).toEqual(['USA', 'VNM']);
    expect(state.relations).toEqual({ level: 'NONE', since: '1975-04-29/1975-04-30' });
    expect(embassy(state, 'USA')).toMatchObject({ in: 'VNM', status: 'CLOSED' });
    expect(sanction(state, 'embargo')).toMatchObject({ status: 'ACTIVE', since: '1975' });
    expect(sanction(state, 'arms-embargo')).toMatchObject({ status: 'ACTIVE' });
  });

  it('1994-06: the trade embargo lifted, the arms embargo kept, still no relations', async () => {
    // President Clinton lifted the trade embargo on 3 February 1994; he said it was not
    // normalization, and the ban on lethal arms sales stayed.
    const state = await asOf('1994-06');
    expect(sanction(state, 'embargo')).toMatchObject({ status: 'LIFTED', since: '1994-02-03' });
    expect(sanction(state, 'arms-embargo')).toMatchObject({ status: 'ACTIVE' });
    expect(state.relations.level).toBe('NONE');
  });

  it('1995-03: liaison offices, not yet relations', async () => {
    // The liaison offices opened on 28 January 1995.
    expect((await asOf('1995-03')).relations).toEqual({
      level: 'INTERESTS_SECTIONS',
      since: '1995-01-28',
    });
  });

  it('1995-08: full relations, embassies in both capitals', async () => {
    // Normalization announced on 11 July 1995; the liaison offices became embassies in August.
    const state = await asOf('1995-08');
    expect(state.relations).toEqual({ level: 'FULL', since: '1995-07-11' });
    expect(embassy(state, 'USA')).toMatchObject({ in: 'VNM', status: 'OPERATING' });
    expect(embassy(state, 'VNM')).toMatchObject({ in: 'USA', status: 'OPERATING' });
  });

  it('2016-06: the arms embargo fully lifted, the Comprehensive Partnership in force', async () => {
    // President Obama lifted the arms embargo in Hanoi on 23 May 2016; the partnership dates
    // from 25 July 2013; the trade agreement has been in force since December 2001.
    const state = await asOf('2016-06');
    expect(sanction(state, 'arms-embargo')).toMatchObject({
      status: 'LIFTED',
      since: '2016-05-23',
      certain: true,
    });
    expect(agreement(state, '2013 comprehensive partnership')).toMatchObject({
      status: 'IN_FORCE',
    });
    expect(agreement(state, '2000 bilateral trade agreement')).toMatchObject({
      status: 'IN_FORCE',
      since: '2001-12',
    });
    expect(state.relations.level).toBe('FULL');
  });

  it('2023-10: the Comprehensive Strategic Partnership in force', async () => {
    // Raised on 10 September 2023 during President Biden's state visit.
    const state = await asOf('2023-10');
    expect(agreement(state, '2023 comprehensive strategic partnership')).toEqual({
      name: '2023 comprehensive strategic partnership',
      status: 'IN_FORCE',
      since: '2023-09-10',
    });
    expect(state.sanctions.every((s: any) => s.status === 'LIFTED')).toBe(true);
  });
});
