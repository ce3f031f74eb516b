import type { DiplomaticEventEvent, DiplomaticEventFacts } from '@app/domain';
import {
  prng,
  syntheticHistory,
  SYNTHETIC_COUNTRIES,
  type SyntheticEvent,
} from '@app/domain/testing/synthetic-history';
import type { StoredEvent } from '@app/event-store';
import { openReadModelDb, type ReadModelDb } from '../read-model-db';
import { stored } from '../testing/projection-spec';
import { AggregateQueries } from './aggregate-queries';
import { timelineProjection } from './projection';

/**
 * The aggregate tables must always equal a recount of the records from the log: after a random
 * history of records, amended dates, amended countries and retractions, and after a rebuild.
 */
describe('country and dyad aggregates against a recount of the log', () => {
  const log = withMovedCountries([...syntheticHistory({ count: 4000, seed: 11, changeRate: 0.3 })]);
  const events = log.map(({ stream, previousRevisions, event }, i) =>
    stored(event, {
      stream,
      streamRevision: previousRevisions,
      globalPosition: BigInt(i + 1),
      recordedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    }),
  );

  const project = (db: ReadModelDb, batch: readonly StoredEvent[]) => {
    const apply = timelineProjection.prepare(db);
    // In batches, as the projector applies them, each ended by the applier's own endBatch.
    for (let i = 0; i < batch.length; i += 500) {
      db.transaction(() => {
        batch.slice(i, i + 500).forEach(apply);
        apply.endBatch?.();
      })();
    }
  };

  it('counts, first and last days agree with the records folded in memory', () => {
    const db = openReadModelDb(':memory:');
    timelineProjection.createSchema(db);
    // In two halves, with a check between: the tables are right at every point, not just at the end.
    const half = Math.floor(events.length / 2);
    project(db, events.slice(0, half));
    expectRecount(db, log.slice(0, half));
    project(db, events.slice(half));
    expectRecount(db, log);
    db.close();
  });

  it('a replay without the query indexes gives the same tables once they are built', () => {
    const db = openReadModelDb(':memory:');
    timelineProjection.createSchema(db);
    project(db, events);
    const live = snapshot(db);
    timelineProjection.dropSchema(db);
    timelineProjection.createSchema(db);
    // As the projector replays from empty: the query indexes are built only at the end.
    for (const index of timelineProjection.queryIndexes ?? []) db.exec(`DROP INDEX ${index}`);
    project(db, events);
    timelineProjection.createSchema(db);
    expect(snapshot(db)).toEqual(live);
    expectRecount(db, log);
    db.close();
  });

  it('a rebuild gives the same tables', () => {
    const db = openReadModelDb(':memory:');
    timelineProjection.createSchema(db);
    project(db, events);
    const before = snapshot(db);
    timelineProjection.dropSchema(db);
    timelineProjection.createSchema(db);
    project(db, events);
    expect(snapshot(db)).toEqual(before);
    db.close();
  });
});

const snapshot = (db: ReadModelDb) => ({
  countries: db.prepare('SELECT * FROM country_stats ORDER BY country').all(),
  dyads: db.prepare('SELECT * FROM dyad_stats ORDER BY country_a, country_b').all(),
});

/** Every fifth amendment also moves the record to another pair of countries. */
function withMovedCountries(history: SyntheticEvent[]): SyntheticEvent[] {
  const random = prng(99);
  let amendments = 0;
  return history.map((item) => {
    if (item.event.type !== 'DiplomaticEventAmended' || ++amendments % 5 !== 0) return item;
    const a = SYNTHETIC_COUNTRIES[Math.floor(random() * SYNTHETIC_COUNTRIES.length)];
    const b =
      SYNTHETIC_COUNTRIES[(SYNTHETIC_COUNTRIES.indexOf(a) + 1) % SYNTHETIC_COUNTRIES.length];
    const { data } = item.event;
    return {
      ...item,
      event: {
        ...item.event,
        data: { ...data, changes: { ...data.changes, countries: [a, b].sort() } },
      },
    };
  });
}

interface Span {
  count: number;
  first: [string, string, string];
  last: [string, string, string];
}

/** The oracle: each record's latest facts and status, then counted per country and pair. */
function expectRecount(db: ReadModelDb, history: readonly SyntheticEvent[]) {
  const records = new Map<string, { facts: DiplomaticEventFacts; active: boolean }>();
  for (const { event } of history) {
    const e = event as DiplomaticEventEvent;
    if (e.type === 'DiplomaticEventRecorded') {
      const { eventId, ...facts } = e.data;
      records.set(eventId, { facts, active: true });
    } else if (e.type === 'DiplomaticEventAmended') {
      const record = records.get(e.data.eventId)!;
      record.facts = { ...record.facts, ...e.data.changes };
    } else {
      records.get(e.data.eventId)!.active = false;
    }
  }
  const spans = new Map<string, Span>();
  const add = (key: string, id: string, facts: DiplomaticEventFacts) => {
    const order: [string, string, string] = [facts.occurred.start, facts.occurred.end, id];
    const span = spans.get(key);
    if (!span) return spans.set(key, { count: 1, first: order, last: order });
    span.count += 1;
    if (order.join('|') < span.first.join('|')) span.first = order;
    if (order.join('|') > span.last.join('|')) span.last = order;
  };
  for (const [id, { facts, active }] of records) {
    if (!active) continue;
    const countries = [...new Set(facts.countries)].sort();
    for (const c of countries) add(c, id, facts);
    for (let i = 0; i < countries.length; i++)
      for (let j = i + 1; j < countries.length; j++)
        add(`${countries[i]}+${countries[j]}`, id, facts);
  }
  const queries = new AggregateQueries(db);
  const expectedCountries = [...spans]
    .filter(([key]) => !key.includes('+'))
    .map(([code, s]) => ({
      code,
      eventCount: s.count,
      firstOccurred: s.first[0],
      lastOccurred: s.last[1],
    }))
    .sort((x, y) => (x.code < y.code ? -1 : 1));
  expect(queries.countries()).toEqual(expectedCountries);
  const expectedDyads = [...spans]
    .filter(([key]) => key.includes('+'))
    .map(([key, s]) => ({
      countries: key.split('+'),
      eventCount: s.count,
      firstOccurred: s.first[0],
      lastOccurred: s.last[1],
    }))
    .sort(
      (x, y) => y.eventCount - x.eventCount || (x.countries.join() < y.countries.join() ? -1 : 1),
    );
  expect(queries.dyads(1000)).toEqual(expectedDyads);
  expect(queries.dyads(1000, 'USA')).toEqual(
    expectedDyads.filter((d) => d.countries.includes('USA')),
  );
  expect(expectedDyads.length).toBeGreaterThan(50);
}
