import { gql, removeDir, startServer, type RunningServer } from './support/server';

/*
 * The bundled US–Cuba history, replayed on a freshly seeded server: at each date, what a
 * diplomatic historian would say of the relationship. The comment on each case gives the reason.
 */

const STATE = `relations { level since }
  embassies { of in status since }
  dialogues { topic status lastHeld since certain }
  agreements { name status since }
  consularServices { service providedBy status since certain }
  sanctions { name imposedBy status since }
  designations { list country status since }`;

const AS_OF = `query($asOf: EDTF) {
  relationship(between: ["USA", "CUB"], asOf: $asOf) { ${STATE} } }`;

const DUPLICATE_ID = '0c0ba5e1-1994-4000-8000-000000000074';
const CURTAILMENT_ID = '0c0ba5e1-2017-4000-8000-000000000013';

describe('the US–Cuba history, replayed to the dates a historian would ask about', () => {
  let server: RunningServer;

  const asOf = async (day: string) => {
    const result = await gql(server.url, AS_OF, { asOf: day });
    expect(result.errors).toBeUndefined();
    return result.data!.relationship;
  };
  const embassy = (state: any, of: string) => state.embassies.find((e: any) => e.of === of);
  const agreement = (state: any, name: string) =>
    state.agreements.find((a: any) => a.name === name);
  const designation = (state: any, list: string) =>
    state.designations.find((d: any) => d.list === list);
  const migrationTalks = (state: any) => state.dialogues.find((d: any) => d.topic === 'migration');
  const immigrantVisas = (state: any) =>
    state.consularServices.find((c: any) => c.service === 'immigrant-visas');

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('1965: no relations, both embassies closed, the embargo in force, no visas in Havana', async () => {
    // Relations were broken on 3 January 1961; the embargo dates from the export ban of
    // 19 October 1960; with the embassy and consulate closed no visas were issued in Havana.
    const state = await asOf('1965');
    expect(state.relations).toEqual({ level: 'NONE', since: '1961-01-03' });
    expect(state.embassies.map((e: any) => e.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(state.sanctions).toEqual([
      { name: 'embargo', imposedBy: 'USA', status: 'ACTIVE', since: '1960-10-19' },
    ]);
    expect(immigrantVisas(state)).toMatchObject({ status: 'SUSPENDED', since: '1961-01-03' });
    expect(state.designations).toEqual([]);
  });

  it('1985: interests sections, Cuba listed, the 1984 agreement suspended', async () => {
    // Cuba was listed as a State Sponsor of Terrorism on 1 March 1982; Cuba suspended the
    // December 1984 agreement on 20 May 1985, the day Radio Martí went on the air, and the
    // United States then stopped preference immigrant visa processing (14 June 1985).
    const state = await asOf('1985');
    expect(state.relations).toEqual({ level: 'INTERESTS_SECTIONS', since: '1977-09-01' });
    expect(designation(state, 'state-sponsors-of-terrorism')).toEqual({
      list: 'state-sponsors-of-terrorism',
      country: 'CUB',
      status: 'LISTED',
      since: '1982-03-01',
    });
    expect(agreement(state, '1984 migration agreement')).toMatchObject({
      status: 'SUSPENDED',
      since: '1985-05-20',
    });
    expect(immigrantVisas(state)).toMatchObject({ status: 'LIMITED', since: '1985-06-14' });
  });

  it('1986: the 1984 agreement still suspended', async () => {
    // It stayed suspended until Cuba agreed to reinstate it in November 1987.
    expect(agreement(await asOf('1986'), '1984 migration agreement')).toMatchObject({
      status: 'SUSPENDED',
    });
  });

  it('1988: the 1984 agreement in force again, immigrant visas processed again', async () => {
    // Reinstated on 20 November 1987 in Mexico City; processing resumed in February 1988.
    const state = await asOf('1988');
    expect(agreement(state, '1984 migration agreement')).toMatchObject({
      status: 'IN_FORCE',
      since: '1987-11-20',
    });
    expect(immigrantVisas(state)).toMatchObject({
      status: 'FULL',
      since: '1988-02',
      certain: true,
    });
  });

  it('is uncertain only inside an imprecise date: before, inside, last day, after', async () => {
    // "February 1988" may or may not have come by a day inside that month.
    expect(immigrantVisas(await asOf('1988-01-31'))).toMatchObject({
      status: 'LIMITED',
      certain: true,
    });
    expect(immigrantVisas(await asOf('1988-02-01'))).toMatchObject({
      status: 'FULL',
      certain: false,
    });
    expect(immigrantVisas(await asOf('1988-02-29')).certain).toBe(true);
    expect(immigrantVisas(await asOf('1988-03-01')).certain).toBe(true);
  });

  it('2005: migration talks suspended by the United States', async () => {
    // The State Department called off the round set for 8 January 2004; the last was in 2003.
    expect(migrationTalks(await asOf('2005'))).toEqual({
      topic: 'migration',
      status: 'PAUSED',
      lastHeld: '2003',
      since: '2004-01-07',
      certain: true,
    });
  });

  it('2010: migration talks active again', async () => {
    // Resumed in New York on 14 July 2009.
    expect(migrationTalks(await asOf('2010-01-01'))).toEqual({
      topic: 'migration',
      status: 'ACTIVE',
      lastHeld: '2009-07-14',
      since: '2009-07-14',
      certain: true,
    });
  });

  it('2016-06-30: full relations, both embassies operating, talks active, visas available', async () => {
    // Relations restored on 20 July 2015; the latest migration round was on 30 November 2015;
    // immigrant visas had been processed in Havana since 1988; Cuba delisted on 29 May 2015.
    const state = await asOf('2016-06-30');
    expect(state.relations).toEqual({ level: 'FULL', since: '2015-07-20' });
    expect(embassy(state, 'USA')).toMatchObject({ in: 'CUB', status: 'OPERATING' });
    expect(embassy(state, 'CUB')).toMatchObject({ in: 'USA', status: 'OPERATING' });
    expect(migrationTalks(state)).toMatchObject({ status: 'ACTIVE', lastHeld: '2015-11-30' });
    expect(immigrantVisas(state)).toMatchObject({ status: 'FULL', certain: true });
    expect(designation(state, 'state-sponsors-of-terrorism')).toMatchObject({
      status: 'DELISTED',
      since: '2015-05-29',
    });
  });

  it('2018-06-30: embassies reduced, visas suspended, talks still active (next round in July)', async () => {
    // The drawdown of 29 September 2017 and the expulsions of 3 October 2017; the last round
    // before the pause was held on 11 July 2018, the one before it in December 2017.
    const state = await asOf('2018-06-30');
    expect(embassy(state, 'USA')).toMatchObject({ status: 'REDUCED', since: '2017-09-29' });
    expect(embassy(state, 'CUB')).toMatchObject({ status: 'REDUCED', since: '2017-10-03' });
    expect(immigrantVisas(state)).toMatchObject({ status: 'SUSPENDED', since: '2017-09-29' });
    expect(migrationTalks(state)).toEqual({
      topic: 'migration',
      status: 'ACTIVE',
      lastHeld: '2017-12',
      since: '2017-12',
      certain: true,
    });
  });

  it('2020: migration talks paused since 2019, last held on 11 July 2018', async () => {
    // No round was held in 2019, 2020 or 2021.
    const state = await asOf('2020');
    expect(migrationTalks(state)).toEqual({
      topic: 'migration',
      status: 'PAUSED',
      lastHeld: '2018-07-11',
      since: '2019',
      certain: true,
    });
    expect(state.relations.level).toBe('FULL');
  });

  it('2022-04-22: talks active after the round of 21 April, Cuba listed again, visas suspended', async () => {
    // Re-designated on 11 January 2021; limited visa processing resumed only on 3 May 2022.
    const state = await asOf('2022-04-22');
    expect(migrationTalks(state)).toMatchObject({ status: 'ACTIVE', lastHeld: '2022-04-21' });
    expect(designation(state, 'state-sponsors-of-terrorism')).toMatchObject({
      status: 'LISTED',
      since: '2021-01-11',
    });
    expect(immigrantVisas(state)).toMatchObject({ status: 'SUSPENDED', since: '2017-09-29' });
  });

  it('2022-06-15: immigrant visas on a limited basis since 3 May 2022', async () => {
    expect(immigrantVisas(await asOf('2022-06-15'))).toMatchObject({
      status: 'LIMITED',
      since: '2022-05-03',
      certain: true,
    });
  });

  it('shows the amendment but not the retracted duplicate', async () => {
    const result = await gql(
      server.url,
      `query($dup: ID!, $cur: ID!) {
        current: events(filter: { countries: ["USA", "CUB"], occurredFrom: "1994-09-09", occurredTo: "1994-09-09" }) {
          edges { node { recordId } } }
        all: events(filter: { countries: ["USA", "CUB"], occurredFrom: "1994-09-09", occurredTo: "1994-09-09", includeRetracted: true }) {
          edges { node { recordId status } } }
        duplicate: event(id: $dup) { status history { changeType reason } }
        curtailment: event(id: $cur) { occurred history { changeType reason } } }`,
      { dup: DUPLICATE_ID, cur: CURTAILMENT_ID },
    );
    expect(result.errors).toBeUndefined();
    const { current, all, duplicate, curtailment } = result.data!;
    expect(current.edges.map((e: any) => e.node.recordId)).not.toContain(DUPLICATE_ID);
    expect(all.edges.map((e: any) => e.node)).toContainEqual({
      recordId: DUPLICATE_ID,
      status: 'RETRACTED',
    });
    expect(duplicate.status).toBe('RETRACTED');
    expect(duplicate.history.at(-1)).toMatchObject({ changeType: 'RETRACTED' });
    expect(duplicate.history.at(-1).reason).toMatch(/^Entered in error: a duplicate/);
    expect(curtailment.occurred).toBe('2017-09-29');
    expect(curtailment.history.map((h: any) => h.changeType)).toEqual(['RECORDED', 'AMENDED']);
  });
});
