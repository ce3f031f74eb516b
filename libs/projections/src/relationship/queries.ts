import {
  datedChanges,
  effectKey,
  emptyRelationshipState,
  relationshipAt,
  type DatedChange,
  type EffectEntry,
  type RelationshipState,
} from '@app/domain';
import type { Statement } from 'better-sqlite3';
import type { ReadModelDb } from '../read-model-db';
import { TimelineQueries } from '../timeline/queries';
import { CURRENT } from '../timeline/schema';
import { groupKey } from './schema';
import { segmentsOf, type StateItem } from './segments';
import {
  SORT_FIELDS,
  compareItems,
  sweepSeries,
  type CountedRecord,
  type KeyStretch,
  type SeriesPoint,
} from './series';

export type { SeriesPoint } from './series';

export interface RelationshipView {
  readonly state: RelationshipState;
  /** Active records involving all the countries that had (possibly) occurred by `asOf`. */
  readonly eventCount: number;
  /** The latest of them in valid time. */
  readonly lastEventId?: string;
}

/**
 * A pair's statements for rows visible under `visible` (a condition on tx_from/tx_to): one for
 * every aspect key of the pair (a probe per key, as a subquery) and one for the count and the
 * latest event. A statement costs several microseconds of binding, stepping and resetting on
 * top of its seek, which made up most of a long pair's answer (measured: 11 keys, 92 µs as one
 * statement each, 19 µs as one).
 */
function pairStatements(
  db: ReadModelDb,
  segmentIndex: string,
  visible: string,
  current: boolean,
): PairStatements {
  const records = `FROM rel_records WHERE group_key = @group AND ${visible} AND occurred_start <= @asOf`;
  // About now: whole months from the per-month counts, the rest counted in asOf's own month.
  const count = current
    ? `(SELECT coalesce(sum(records), 0) FROM rel_record_months
         WHERE group_key = @group AND month < substr(@asOf, 1, 7))
       + (SELECT count(*) ${records} AND occurred_start >= substr(@asOf, 1, 7))`
    : `(SELECT count(*) ${records})`;
  return {
    state: db
      .prepare(
        `SELECT s.item FROM rel_keys k JOIN rel_segments s ON s.rowid = (
           SELECT rowid FROM rel_segments INDEXED BY ${segmentIndex}
           WHERE group_key = k.group_key AND aspect_key = k.aspect_key AND ${visible}
             AND valid_from <= @asOf
           ORDER BY valid_from DESC LIMIT 1)
         WHERE k.group_key = @group AND s.valid_to > @asOf`,
      )
      .pluck(),
    summary: db.prepare(
      `SELECT ${count} AS n,
         (SELECT event_id ${records} ORDER BY occurred_start DESC, ord DESC LIMIT 1) AS last`,
    ),
  };
}

interface PairStatements {
  /** The items of the pair's state: the segment of each aspect key holding on `asOf`. */
  readonly state: Statement<unknown[]>;
  /** How many active records had occurred by `asOf`, and the latest of them. */
  readonly summary: Statement<unknown[]>;
}

export type { DatedChange } from '@app/domain';

/** A pair's stretches of state overlapping [first, last], and its records up to last. */
interface SeriesStatements {
  readonly stretches: Statement<unknown[]>;
  readonly records: Statement<unknown[]>;
}

function seriesStatements(db: ReadModelDb, segmentIndex: string, visible: string) {
  return {
    stretches: db
      .prepare(
        `SELECT aspect_key, valid_from, valid_to, item FROM rel_segments INDEXED BY ${segmentIndex}
         WHERE group_key = @group AND ${visible} AND valid_from <= @last AND valid_to > @first
         ORDER BY aspect_key, valid_from`,
      )
      .raw(true),
    records: db
      .prepare(
        `SELECT event_id, occurred_start, ord FROM rel_records
         WHERE group_key = @group AND ${visible} AND occurred_start <= @last
         ORDER BY occurred_start, ord`,
      )
      .raw(true),
  };
}

/**
 * Relationship reads. For a pair of countries, `at` is one indexed probe per aspect key on the
 * stored intervals. A group of three or more is folded from the timeline's versions (the read
 * model, never the event log), since intervals are kept for pairs only.
 */
export class RelationshipQueries {
  private readonly pairEntries: Statement<unknown[]>;
  private readonly lastWrite: Statement<unknown[]>;
  /** A pair's stored stretches and records over a range of days, for a series (as `at`). */
  private readonly pastSeries: SeriesStatements;
  private readonly nowSeries: SeriesStatements;
  /** State and summary as known at a past instant, and the same about now: see `at`. */
  private readonly past: PairStatements;
  private readonly now: PairStatements;

  /** Groups of three or more read through the timeline (share the read side's, and its cache). */
  constructor(
    db: ReadModelDb,
    private readonly timeline: TimelineQueries = new TimelineQueries(db),
  ) {
    this.past = pairStatements(
      db,
      'rel_segments_lookup',
      'tx_from <= @knownAt AND tx_to > @knownAt',
      false,
    );
    this.now = pairStatements(db, 'rel_segments_current', `tx_to = '${CURRENT}'`, true);
    this.pairEntries = db.prepare(
      'SELECT entry FROM rel_effects WHERE group_key = ? AND tx_from <= ? AND tx_to > ?',
    );
    this.lastWrite = db.prepare('SELECT last_tx FROM rel_clock WHERE id = 1').pluck();
    this.pastSeries = seriesStatements(
      db,
      'rel_segments_lookup',
      'tx_from <= @knownAt AND tx_to > @knownAt',
    );
    this.nowSeries = seriesStatements(db, 'rel_segments_current', `tx_to = '${CURRENT}'`);
  }

  /**
   * The state on each of `days` as known at `knownAt`, like `at` on each of them, from ONE
   * pass over the group's history (see `sweepSeries`): for a pair, the stretches of state its
   * read model stores (the fold the projection keeps) that overlap the days asked for; for a
   * larger group, its effects folded once per aspect key.
   */
  series(countries: readonly string[], days: readonly string[], knownAt: string): SeriesPoint[] {
    if (days.length === 0) return [];
    const [first, last] = days.reduce(
      ([lo, hi], d) => [d < lo ? d : lo, d > hi ? d : hi],
      [days[0], days[0]],
    );
    if (countries.length > 2) return this.groupSeries(countries, days, last, knownAt);
    const params = { group: groupKey(countries), knownAt, first, last };
    const lastWrite = this.lastWrite.get() as string | undefined;
    const read = lastWrite === undefined || knownAt >= lastWrite ? this.nowSeries : this.pastSeries;
    const byKey = new Map<string, KeyStretch[]>();
    for (const [key, validFrom, validTo, item] of read.stretches.all(params) as string[][]) {
      const stretch = { validFrom, validTo, item };
      const list = byKey.get(key);
      if (list) list.push(stretch);
      else byKey.set(key, [stretch]);
    }
    const records = (read.records.all(params) as [string, string, number][]).map(
      ([eventId, start, order]) => ({ eventId, start, order }),
    );
    return sweepSeries(days, [...byKey.values()], records);
  }

  private groupSeries(
    countries: readonly string[],
    days: readonly string[],
    last: string,
    knownAt: string,
  ): SeriesPoint[] {
    const versions = this.groupVersions(countries, knownAt).filter(
      (v) => v.facts.occurred.start <= last,
    );
    const byKey = new Map<string, EffectEntry[]>();
    for (const { facts, id, position } of versions) {
      for (const effect of facts.effects) {
        const entry = {
          effect,
          occurred: facts.occurred,
          eventId: id,
          title: facts.title,
          order: position,
        };
        const key = effectKey(effect);
        const list = byKey.get(key);
        if (list) list.push(entry);
        else byKey.set(key, [entry]);
      }
    }
    const stretches = [...byKey.values()].map(segmentsOf);
    const records: CountedRecord[] = versions
      .map((v) => ({ eventId: v.id, start: v.facts.occurred.start, order: v.position }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.order - b.order);
    return sweepSeries(days, stretches, records);
  }

  /**
   * State as of the end of `asOf` (valid time), as the archive knew it at `knownAt`. When
   * `knownAt` is at or after the last write, every row valid then is a current row (closed rows
   * were closed by a write, at or before it): the probes then look at current rows alone, one
   * seek each, however much transaction-time history has piled up.
   */
  at(countries: readonly string[], asOf: string, knownAt: string): RelationshipView {
    if (countries.length > 2) return this.foldGroup(countries, asOf, knownAt);
    const group = groupKey(countries);
    const lastWrite = this.lastWrite.get() as string | undefined;
    const read = lastWrite === undefined || knownAt >= lastWrite ? this.now : this.past;
    const params = { group, asOf, knownAt };
    const items = (read.state.all(params) as string[]).map((item) => JSON.parse(item) as StateItem);
    const { n, last } = read.summary.get(params) as { n: number; last: string | null };
    return { state: assemble(items), eventCount: n, lastEventId: last ?? undefined };
  }

  /** Every change of state between `from` and `to` (valid time), in order, as known at `knownAt`. */
  changes(countries: readonly string[], from: string, to: string, knownAt: string): DatedChange[] {
    return datedChanges(this.effectEntries(countries, knownAt), from, to);
  }

  /** Every effect on the group's relationship, as known at `knownAt`: what the fold consumes. */
  effectEntries(countries: readonly string[], knownAt: string): EffectEntry[] {
    if (countries.length === 2) {
      return (
        this.pairEntries.all(groupKey(countries), knownAt, knownAt) as { entry: string }[]
      ).map((r) => JSON.parse(r.entry) as EffectEntry);
    }
    return this.groupVersions(countries, knownAt).flatMap(({ facts, id, position }) =>
      facts.effects.map((effect) => ({
        effect,
        occurred: facts.occurred,
        eventId: id,
        title: facts.title,
        order: position,
      })),
    );
  }

  private foldGroup(countries: readonly string[], asOf: string, knownAt: string): RelationshipView {
    const versions = this.groupVersions(countries, knownAt).filter(
      (v) => v.facts.occurred.start <= asOf,
    );
    const entries = versions.flatMap(({ facts, id, position }) =>
      facts.effects.map((effect) => ({
        effect,
        occurred: facts.occurred,
        eventId: id,
        title: facts.title,
        order: position,
      })),
    );
    const last = [...versions]
      .sort(
        (a, b) =>
          a.facts.occurred.start.localeCompare(b.facts.occurred.start) || a.position - b.position,
      )
      .pop();
    return {
      state: relationshipAt(entries, asOf),
      eventCount: versions.length,
      lastEventId: last?.id,
    };
  }

  /** Read through the timeline's scopes: the group's rarest pair drives the read. */
  private groupVersions(countries: readonly string[], knownAt: string) {
    return this.timeline.all({ countries }, knownAt).map((view) => ({
      id: view.id,
      position: Number(view.position),
      facts: view.facts,
    }));
  }
}

function assemble(items: readonly StateItem[]): RelationshipState {
  const lists: Record<string, Record<string, unknown>[]> = {};
  let relations: RelationshipState['relations'];
  for (const { aspect, ...item } of items) {
    if (aspect === 'relations') relations = item as unknown as RelationshipState['relations'];
    else (lists[aspect] ??= []).push(item);
  }
  const sorted = (aspect: Exclude<keyof typeof SORT_FIELDS, 'relations'>) =>
    (lists[aspect] ?? []).sort((a, b) => compareItems(aspect, a, b));
  return {
    ...emptyRelationshipState(),
    ...(relations ? { relations } : {}),
    embassies: sorted('embassies'),
    dialogues: sorted('dialogues'),
    agreements: sorted('agreements'),
    consularServices: sorted('consularServices'),
    sanctions: sorted('sanctions'),
    designations: sorted('designations'),
  } as unknown as RelationshipState;
}
