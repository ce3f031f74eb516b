import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiplomaticEventEvent, DiplomaticEventFacts } from '@app/domain';
import { prng, syntheticHistory, SYNTHETIC_COUNTRIES } from '@app/domain/testing/synthetic-history';
import { openSqliteEventStore, type EventStore, type StoredEvent } from '@app/event-store';
import { readAllOf } from '@app/event-store/contract/contract-helpers';
import { Projector } from '../projector';
import { openReadModelDb, type ReadModelDb } from '../read-model-db';
import { timelineProjection } from './projection';
import type { TimelineFilter } from './filter';
import { TimelineQueries, type TimelineOrder } from './queries';
import type { RecordView } from './record-view';
import { FeedVersionView } from './feed-versions';

interface Oracle {
  readonly id: string;
  readonly facts: DiplomaticEventFacts;
  readonly status: 'ACTIVE' | 'RETRACTED';
  readonly firstPosition: number;
}

/**
 * Timeline pages must list exactly the records a plain scan of the log selects, in order, with
 * no record lost or repeated across pages, forwards and backwards, now and at past instants.
 * The log has two- and three-country records, so reads driven by a pair scope, by one country
 * and by a pair plus a probe are all exercised.
 */
describe('timeline pages against a scan of the log', () => {
  let dir: string;
  let store: EventStore;
  let db: ReadModelDb;
  let projector: Projector;
  let queries: TimelineQueries;
  let log: StoredEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-check-'));
    let tick = Date.UTC(2025, 0, 1);
    store = openSqliteEventStore({
      file: join(dir, 'events.db'),
      synchronous: 'NORMAL',
      clock: () => new Date((tick += 1000)),
    });
    const random = prng(5);
    const pool = SYNTHETIC_COUNTRIES.slice(0, 6);
    for (const { stream, previousRevisions, event } of syntheticHistory({
      count: 1500,
      seed: 3,
      countries: pool,
    })) {
      let stored: DiplomaticEventEvent = event;
      // One record in four gets a third country.
      if (event.type === 'DiplomaticEventRecorded' && random() < 0.25) {
        const extra = pool.find((c) => !event.data.countries.includes(c) && random() < 0.5);
        if (extra)
          stored = {
            ...event,
            data: { ...event.data, countries: [...event.data.countries, extra].sort() },
          };
      }
      await store.appendToStream(stream, [stored], {
        expectedRevision: previousRevisions === 0 ? 'no_stream' : previousRevisions - 1,
      });
    }
    db = openReadModelDb(join(dir, 'read-models.db'));
    projector = new Projector(store, db, [timelineProjection]);
    projector.start();
    await projector.waitFor(await store.headPosition(), 120_000);
    queries = new TimelineQueries(db);
    log = await readAllOf(store, '', 0n);
  }, 180_000);

  afterAll(async () => {
    await projector?.stop();
    db?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Records as the log says they stood at `knownAt`, filtered and sorted without any index. */
  function expected(filter: TimelineFilter, order: TimelineOrder, knownAt?: Date): string[] {
    const records = new Map<string, Oracle>();
    for (const stored of log) {
      if (knownAt && stored.recordedAt > knownAt) break;
      const event = { type: stored.type, data: stored.data } as DiplomaticEventEvent;
      const id = event.data.eventId;
      const previous = records.get(id);
      if (event.type === 'DiplomaticEventRecorded') {
        const { eventId: _, ...facts } = event.data;
        records.set(id, {
          id,
          facts,
          status: 'ACTIVE',
          firstPosition: Number(stored.globalPosition),
        });
      } else if (event.type === 'DiplomaticEventAmended') {
        records.set(id, { ...previous!, facts: { ...previous!.facts, ...event.data.changes } });
      } else {
        records.set(id, { ...previous!, status: 'RETRACTED' });
      }
    }
    const selected = [...records.values()].filter(
      (r) =>
        (filter.includeRetracted || r.status === 'ACTIVE') &&
        (filter.countries ?? []).every((c) => r.facts.countries.includes(c)) &&
        (!filter.kinds?.length || filter.kinds.includes(r.facts.kind)) &&
        (!filter.occurredFrom || r.facts.occurred.end >= filter.occurredFrom) &&
        (!filter.occurredTo || r.facts.occurred.start <= filter.occurredTo),
    );
    const byOccurred = (a: Oracle, b: Oracle) =>
      a.facts.occurred.start.localeCompare(b.facts.occurred.start) ||
      a.facts.occurred.end.localeCompare(b.facts.occurred.end) ||
      a.id.localeCompare(b.id);
    const sorted = order.startsWith('OCCURRED')
      ? selected.sort(byOccurred)
      : selected.sort((a, b) => a.firstPosition - b.firstPosition);
    if (order.endsWith('DESC')) sorted.reverse();
    return sorted.map((r) => r.id);
  }

  /** Every page, following cursors forwards (or backwards from the end). */
  function walk(
    filter: TimelineFilter,
    order: TimelineOrder,
    backwards: boolean,
    knownAt?: string,
  ) {
    const ids: string[] = [];
    let cursor: readonly unknown[] | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const page = queries.page(filter, order, { size: 37, backwards, cursor }, knownAt);
      const pageIds = page.items.map((i) => i.record.id);
      if (backwards) ids.unshift(...pageIds);
      else ids.push(...pageIds);
      if (pages > 0) expect(backwards ? page.hasNextPage : page.hasPreviousPage).toBe(true);
      if (!(backwards ? page.hasPreviousPage : page.hasNextPage)) return ids;
      cursor = (backwards ? page.items[0] : page.items[page.items.length - 1]).key;
    }
    throw new Error('did not reach the last page');
  }

  const filters: [string, TimelineFilter][] = [
    ['no filter', {}],
    ['one country', { countries: ['USA'] }],
    ['a pair', { countries: ['CUB', 'USA'] }],
    ['a pair, listed the other way', { countries: ['USA', 'CUB'] }],
    ['three countries', { countries: ['USA', 'CUB', 'MEX'] }],
    [
      'a pair and dates',
      { countries: ['MEX', 'CAN'], occurredFrom: '1970-01-01', occurredTo: '1999-12-31' },
    ],
    ['a pair and kinds', { countries: ['CUB', 'CAN'], kinds: ['TALKS', 'AGREEMENT', 'SANCTIONS'] }],
    ['a pair, retracted included', { countries: ['USA', 'MEX'], includeRetracted: true }],
    ['a country never seen', { countries: ['USA', 'NZL'] }],
  ];

  it.each(filters)('%s: every order, forwards and backwards, as the log says', (_, filter) => {
    for (const order of [
      'OCCURRED_ASC',
      'OCCURRED_DESC',
      'RECORDED_ASC',
      'RECORDED_DESC',
    ] as const) {
      const want = expected(filter, order);
      expect(walk(filter, order, false)).toEqual(want);
      expect(walk(filter, order, true)).toEqual(want);
      expect(queries.count(filter)).toBe(want.length);
    }
  });

  it('answers the same when reads are far larger than the version cache', () => {
    const tiny = new TimelineQueries(db, 8);
    const want = expected({}, 'OCCURRED_ASC');
    expect(
      tiny
        .all({})
        .map((r) => r.id)
        .sort(),
    ).toEqual([...want].sort());
    const page = tiny.page({}, 'OCCURRED_ASC', { size: 200, backwards: false });
    expect(page.items.map((i) => i.record.id)).toEqual(want.slice(0, 200));
  });

  it('shows the records as they stood at past instants', () => {
    const random = prng(9);
    for (let i = 0; i < 12; i++) {
      const at = log[Math.floor(random() * log.length)].recordedAt;
      const [, filter] = filters[Math.floor(random() * filters.length)];
      const want = expected(filter, 'OCCURRED_ASC', at);
      expect(walk(filter, 'OCCURRED_ASC', false, at.toISOString())).toEqual(want);
      expect(queries.count(filter, at.toISOString())).toBe(want.length);
    }
  });

  it('lists changes after a position in log order, each as the record stood then', () => {
    const after = log[400].globalPosition;
    // A reader of its own, with part of the range already parsed by a page read, so that both
    // versions taken from the cache and versions read for the feed are checked.
    const fresh = new TimelineQueries(db);
    fresh.page({ countries: ['CUB', 'USA'] }, 'RECORDED_DESC', { size: 100, backwards: false });
    const detailReads: number[][] = [];
    const reader = fresh as unknown as { readDetails: (positions: number[]) => unknown };
    const readDetails = reader.readDetails;
    reader.readDetails = (positions) => (detailReads.push([...positions]), readDetails(positions));
    const changes = fresh.changesAfter(after, { countries: ['CUB', 'USA'] }, 10_000);
    const read = changes.filter((c) => c.record instanceof FeedVersionView);
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(changes.length);
    const want = log.filter((e) => {
      if (e.globalPosition <= after) return false;
      const id = (e.data as { eventId: string }).eventId;
      const recorded = log.find(
        (r) =>
          r.type === 'DiplomaticEventRecorded' && (r.data as { eventId: string }).eventId === id,
      )!;
      const countries = (recorded.data as { countries: string[] }).countries;
      return countries.includes('CUB') && countries.includes('USA');
    });
    expect(changes.map((c) => c.position)).toEqual(want.map((e) => e.globalPosition));
    expect(changes.map((c) => c.changeType)).toEqual(
      want.map((e) => e.type.replace('DiplomaticEvent', '').toUpperCase()),
    );
    // Each record read with its change (its details read later, for the page) is that version.
    for (const change of changes) {
      const { record } = change;
      const stood = queries.findEvent(record.id, change.recordedAt)!;
      expect(stood.position).toBe(change.position);
      expect({ ...pick(record), facts: record.facts }).toEqual({
        ...pick(stood),
        facts: stood.facts,
      });
    }
    // One read of details for the page, of the versions that were not already parsed.
    expect(detailReads).toEqual([read.map((c) => Number(c.position))]);
  });
});

const pick = (record: RecordView) => ({
  id: record.id,
  revision: record.revision,
  status: record.status,
  recordedAt: record.recordedAt,
  recordedBy: record.recordedBy,
  updatedAt: record.updatedAt,
  position: record.position,
});
