import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evolve,
  initialState,
  parseOccurred,
  streamOf,
  relationshipAt,
  type DiplomaticEventEvent,
  type DiplomaticEventState,
  type EffectEntry,
} from '@app/domain';
import { prng, syntheticHistory, SYNTHETIC_COUNTRIES } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type EventStore, type StoredEvent } from '@app/event-store';
import { readAllOf } from '@app/event-store/contract/contract-helpers';
import { accessTokensProjection } from '../access-tokens';
import { Projector } from '../projector';
import { openReadModelDb, type ReadModelDb } from '../read-model-db';
import { timelineProjection } from '../timeline';
import { relationshipProjection } from './projection';
import { RelationshipQueries } from './queries';

/**
 * The projection must agree with the plain fold of the raw log for any (asOf, knownAt):
 * here the whole log is read back and folded in memory, with no read model involved.
 */
describe('relationship projection against an in-memory fold of the log', () => {
  let dir: string;
  let store: EventStore;
  let db: ReadModelDb;
  let projector: Projector;
  let log: StoredEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rel-check-'));
    let tick = Date.UTC(2025, 0, 1);
    // Each append is recorded one second after the previous one, so knownAt can fall between them.
    store = openSqliteEventStore({
      file: join(dir, 'events.db'),
      synchronous: 'NORMAL',
      clock: () => new Date((tick += 1000)),
    });
    for (const { stream, previousRevisions, event } of syntheticHistory({
      count: 3000,
      seed: 7,
      changeRate: 0.25,
    })) {
      await store.appendToStream(stream, [event], {
        expectedRevision: previousRevisions === 0 ? 'no_stream' : previousRevisions - 1,
      });
    }
    db = openReadModelDb(join(dir, 'read-models.db'));
    projector = new Projector(store, db, [
      timelineProjection,
      relationshipProjection,
      accessTokensProjection,
    ]);
    projector.start();
    await projector.waitFor(await store.headPosition(), 120_000);
    log = await readAllOf(store, '', 0n);
  }, 180_000);

  afterAll(async () => {
    await projector?.stop();
    db?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The oracle: every record folded from the log up to knownAt, then the domain's fold by date. */
  function expected(pair: [string, string], asOf: string, knownAt: Date) {
    const records = new Map<string, { state: DiplomaticEventState; position: number }>();
    for (const stored of log) {
      if (stored.recordedAt > knownAt) break;
      const previous = records.get(stored.stream)?.state ?? initialState();
      const event = { type: stored.type, data: stored.data } as DiplomaticEventEvent;
      records.set(stored.stream, {
        state: evolve(previous, event),
        position: Number(stored.globalPosition),
      });
    }
    const involved = [...records.values()].filter(
      (r) =>
        r.state.status === 'active' &&
        pair.every((c) =>
          r.state.status === 'active' ? r.state.facts.countries.includes(c) : false,
        ),
    );
    const entries: EffectEntry[] = involved.flatMap(({ state, position }) =>
      state.status === 'active'
        ? state.facts.effects.map((effect) => ({
            effect,
            occurred: state.facts.occurred,
            eventId: state.eventId,
            title: state.facts.title,
            order: position,
          }))
        : [],
    );
    const happened = involved.filter(
      (r) => r.state.status === 'active' && r.state.facts.occurred.start <= asOf,
    );
    // The latest in valid time; on the same start day, the one whose version came last.
    const latest = happened
      .map((r) =>
        r.state.status === 'active'
          ? { id: r.state.eventId, start: r.state.facts.occurred.start, position: r.position }
          : undefined,
      )
      .reduce<{ id: string; start: string; position: number } | undefined>(
        (best, r) =>
          !best ||
          (r && (r.start > best.start || (r.start === best.start && r.position > best.position)))
            ? r
            : best,
        undefined,
      );
    return {
      state: relationshipAt(entries, asOf),
      eventCount: happened.length,
      lastEventId: latest?.id,
    };
  }

  it('agrees on 300 random (pair, asOf, knownAt) questions, a third of them about now', () => {
    const random = prng(42);
    const queries = new RelationshipQueries(db);
    let nonEmpty = 0;
    for (let i = 0; i < 300; i++) {
      const a = SYNTHETIC_COUNTRIES[Math.floor(random() * 6)];
      const b = SYNTHETIC_COUNTRIES[6 + Math.floor(random() * 6)];
      const pair = [a, b].sort() as [string, string];
      const asOf = `${1950 + Math.floor(random() * 78)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const sampled = log[Math.floor(random() * log.length)].recordedAt;
      // One question in three asks what the archive says now (at or after its last write),
      // which is answered from current rows alone.
      const lastWrite = log[log.length - 1].recordedAt.getTime();
      const knownAt = i % 3 === 0 ? new Date(lastWrite + (i % 2) * 60_000) : sampled;
      const want = expected(pair, asOf, knownAt);
      const got = queries.at(pair, asOf, knownAt.toISOString());
      expect({
        pair,
        asOf,
        knownAt,
        state: got.state,
        eventCount: got.eventCount,
        lastEventId: got.lastEventId,
      }).toEqual({
        pair,
        asOf,
        knownAt,
        ...want,
      });
      if (want.eventCount > 0) nonEmpty += 1;
    }
    // The questions must actually hit data, or agreement proves nothing.
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('a series equals `at` on each of its days, for pairs and groups, now and in the past', () => {
    const random = prng(7);
    const queries = new RelationshipQueries(db);
    const lastWrite = log[log.length - 1].recordedAt.getTime();
    const randomDay = () =>
      `${1950 + Math.floor(random() * 78)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    let states = 0;
    for (let i = 0; i < 60; i++) {
      const size = i % 5 === 0 ? 3 : 2;
      const group = [
        ...new Set(
          Array.from(
            { length: size },
            (_, k) => SYNTHETIC_COUNTRIES[k * 4 + Math.floor(random() * 4)],
          ),
        ),
      ];
      // Unsorted days, repeats included: answers come back in the order asked.
      const days = Array.from({ length: 40 }, randomDay);
      days.push(days[3], '1949-01-01', '2030-12-31');
      const knownAt = (
        i % 2 === 0 ? new Date(lastWrite + 1000) : log[Math.floor(random() * log.length)].recordedAt
      ).toISOString();
      const series = queries.series(group, days, knownAt);
      expect(series.map((p) => p.asOf)).toEqual(days);
      series.forEach((point, k) => {
        const single = queries.at(group, days[k], knownAt);
        expect({ day: days[k], ...point }).toEqual({ day: days[k], asOf: days[k], ...single });
        states += point.eventCount > 0 ? 1 : 0;
      });
    }
    expect(states).toBeGreaterThan(1000);
  });

  it('names as latest event, of two on the same day, the one whose version came last', async () => {
    type Recorded = Extract<DiplomaticEventEvent, { type: 'DiplomaticEventRecorded' }>;
    const template = log.find((e) => e.type === 'DiplomaticEventRecorded')!
      .data as Recorded['data'];
    const record = (eventId: string, title: string): Recorded => ({
      type: 'DiplomaticEventRecorded',
      data: {
        ...template,
        eventId,
        title,
        countries: ['NOR', 'SWE'],
        occurred: parseOccurred('2001-05-05'),
      },
    });
    const first = '0194c1a2-0000-7000-8000-0000000000a1';
    const second = '0194c1a2-0000-7000-8000-0000000000a2';
    await store.appendToStream(streamOf(first), [record(first, 'Talks in Oslo')], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(streamOf(second), [record(second, 'Talks in Stockholm')], {
      expectedRevision: 'no_stream',
    });
    await projector.waitFor(await store.headPosition(), 10_000);
    const beforeAmendment = new Date(
      (await readAllOf(store, '', 0n)).at(-1)!.recordedAt.getTime() + 500,
    ).toISOString();
    await store.appendToStream(
      streamOf(first),
      [
        {
          type: 'DiplomaticEventAmended',
          data: { eventId: first, changes: { title: 'Talks in Oslo, amended' }, reason: 'typo' },
        } as DiplomaticEventEvent,
      ],
      { expectedRevision: 0 },
    );
    await projector.waitFor(await store.headPosition(), 10_000);
    const queries = new RelationshipQueries(db);
    const now = new Date(Date.UTC(2100, 0, 1)).toISOString();
    expect(queries.at(['NOR', 'SWE'], '2001-05-05', beforeAmendment)).toMatchObject({
      eventCount: 2,
      lastEventId: second,
    });
    expect(queries.at(['NOR', 'SWE'], '2001-05-05', now)).toMatchObject({
      eventCount: 2,
      lastEventId: first,
    });
  });
});
