import { countryScope, pairScope } from './scopes';
import type { Statement } from 'better-sqlite3';
import type { ReadModelDb } from '../read-model-db';
import { whereClause, type TimelineFilter } from './filter';
import {
  VERSION_COLUMNS,
  toRecordView,
  type RecordView,
  type RevisionView,
  type VersionRow,
} from './record-view';
import { CURRENT } from './schema';
import {
  DETAIL_COLUMNS,
  FEED_COLUMNS,
  FeedVersionView,
  PageDetails,
  type DetailColumns,
  type FeedColumns,
} from './feed-versions';
import { readPage, type PageRequest, type TimelineOrder, type TimelinePage } from './page-query';
import { selectionOf, type Selection } from './selection';
import { readStats, type StatsBucket, type StatsInterval } from './stats-query';
import { RecentCache } from '../recent-cache';

export type { PageRequest, TimelineOrder, TimelinePage } from './page-query';
export type { StatsBucket, StatsInterval } from './stats-query';

export interface ChangeView {
  readonly position: bigint;
  readonly changeType: 'RECORDED' | 'AMENDED' | 'RETRACTED';
  readonly recordedAt: string;
  /** The record as it stood right after this change. */
  readonly record: RecordView;
}

/** Where `changesAfter`'s raw rows (FEED_COLUMNS) hold the position and the change type. */
const POSITION_COLUMN = 2;
const CHANGE_TYPE_COLUMN = 3;

/** Parsed versions kept per generation of the cache (see RecentCache). */
const VERSION_CACHE_SIZE = 5_000;

/** Read queries over the timeline read model; statements are prepared once per shape. */
export class TimelineQueries {
  private readonly cache = new Map<string, Statement<unknown[]>>();
  /** Parsed versions by log position: a version never changes, and a rebuild keeps positions. */
  private readonly versions: RecentCache<number, RecordView>;

  constructor(
    private readonly db: ReadModelDb,
    private readonly versionCacheSize = VERSION_CACHE_SIZE,
  ) {
    this.versions = new RecentCache(versionCacheSize);
  }

  findEvent(id: string, knownAt?: string): RecordView | undefined {
    const row = knownAt
      ? this.stmt(
          `SELECT ${VERSION_COLUMNS} FROM event_versions v
           WHERE v.event_id = ? AND v.tx_from <= ? AND v.tx_to > ?`,
        ).get(id, knownAt, knownAt)
      : this.stmt(
          `SELECT ${VERSION_COLUMNS} FROM event_versions v
           WHERE v.event_id = ? AND v.tx_to = '${CURRENT}'`,
        ).get(id);
    return row ? toRecordView(row as VersionRow) : undefined;
  }

  history(id: string, knownAt?: string): RevisionView[] {
    const rows = this.stmt(
      `SELECT revision, change_type, reason, tx_from, recorded_by, changed_fields, position
       FROM event_versions WHERE event_id = ? AND tx_from <= ? ORDER BY revision`,
    ).all(id, knownAt ?? CURRENT) as {
      revision: number;
      change_type: RevisionView['changeType'];
      reason: string | null;
      tx_from: string;
      recorded_by: string | null;
      changed_fields: string | null;
      position: number | bigint;
    }[];
    return rows.map((r) => ({
      revision: r.revision,
      changeType: r.change_type,
      reason: r.reason,
      recordedAt: r.tx_from,
      recordedBy: r.recorded_by,
      changedFields: r.changed_fields ? (JSON.parse(r.changed_fields) as string[]) : [],
      position: BigInt(r.position),
    }));
  }

  count(filter: TimelineFilter, knownAt?: string): number {
    const scope = knownAt === undefined ? countedScope(filter) : undefined;
    if (scope !== undefined) {
      const counts = this.stmt('SELECT active, retracted FROM scope_counts WHERE scope = ?').get(
        scope,
      ) as { active: number; retracted: number } | undefined;
      if (!counts) return 0;
      return filter.includeRetracted ? counts.active + counts.retracted : counts.active;
    }
    const { from, sql, params } = this.selection(filter, knownAt);
    const row = this.stmt(`SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(...params) as {
      n: number;
    };
    return row.n;
  }

  /** Every record a filter selects (no paging: for callers that fold them all). */
  all(filter: TimelineFilter, knownAt?: string): RecordView[] {
    const { alias, from, sql, params } = this.selection(filter, knownAt);
    const rows = this.stmt(`SELECT ${alias}.position AS p FROM ${from} WHERE ${sql}`).all(
      ...params,
    ) as {
      p: number;
    }[];
    return this.load(rows.map((row) => row.p));
  }

  /**
   * Changes (one per version) after a log position that match the filter, in log order. A feed
   * reads forward through versions it has mostly not seen: the few columns that say what each
   * change is are read in one statement, the rest of the versions not already in the parsed
   * cache in one more when a change first needs them (see FeedVersionView). The feed takes
   * versions from that cache but adds none (a backlog would only churn it).
   */
  changesAfter(after: bigint, filter: TimelineFilter, limit: number): ChangeView[] {
    const where = whereClause(filter, 'all-versions');
    // Raw rows (arrays): a backlog reads hundreds of thousands, and an object per row shows.
    const rows = this.stmt(
      `SELECT ${FEED_COLUMNS} FROM event_versions v
       WHERE v.position > ? AND ${where.sql} ORDER BY v.position LIMIT ?`,
    )
      .raw(true)
      .all(after, ...where.params, limit) as FeedColumns[];
    // Versions already parsed come from the cache; the rest share one read of their details.
    // The list of those is complete before any view exists, so no view can read it partial.
    const cached = rows.map((row) => this.versions.get(Number(row[POSITION_COLUMN])));
    const details = new PageDetails(
      rows.flatMap((row, i) => (cached[i] ? [] : [Number(row[POSITION_COLUMN])])),
      this.readDetails,
    );
    return rows.map((row, i) => {
      const record = cached[i] ?? new FeedVersionView(row, details);
      return {
        position: record.position,
        changeType: row[CHANGE_TYPE_COLUMN],
        recordedAt: record.updatedAt,
        record,
      };
    });
  }

  private readonly readDetails = (positions: readonly number[]): DetailColumns[] =>
    this.stmt(
      `SELECT ${DETAIL_COLUMNS} FROM event_versions WHERE position IN (SELECT value FROM json_each(?))`,
    )
      .raw(true)
      .all(JSON.stringify(positions)) as DetailColumns[];

  /** A page of the records a filter selects, in an order, from a cursor (see `readPage`). */
  page(
    filter: TimelineFilter,
    order: TimelineOrder,
    page: PageRequest,
    knownAt?: string,
  ): TimelinePage {
    return readPage(this.stmt, this.load, this.selection(filter, knownAt), order, page);
  }

  /**
   * Records a filter selects, counted per period (see `readStats`), from the same selection as
   * `count` and `page`; at most `limit` periods.
   */
  stats(
    filter: TimelineFilter,
    interval: StatsInterval,
    limit: number,
    knownAt?: string,
  ): StatsBucket[] {
    return readStats(this.stmt, selectionOf(this.stmt, filter, knownAt, true), interval, limit);
  }

  /** The versions produced at these log positions, in the same order. */
  private readonly load = (positions: readonly number[]): RecordView[] => {
    const found = new Map<number, RecordView>();
    const missing: number[] = [];
    for (const p of positions) {
      const cached = this.versions.get(Number(p));
      if (cached) found.set(Number(p), cached);
      else missing.push(Number(p));
    }
    if (missing.length > 0) {
      const rows = this.stmt(
        `SELECT ${VERSION_COLUMNS} FROM event_versions v
         WHERE v.position IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(missing)) as VersionRow[];
      for (const row of rows) {
        const view = toRecordView(row);
        found.set(Number(row.position), view);
        // A read larger than the cache (a group's whole history) would only churn it.
        if (missing.length <= this.versionCacheSize / 4)
          this.versions.set(Number(row.position), view);
      }
    }
    return positions.map((p) => {
      const view = found.get(Number(p));
      // Positions come from the same read model in the same synchronous call.
      if (!view) throw new Error(`version at position ${p} is missing from the read model`);
      return view;
    });
  };

  private selection(filter: TimelineFilter, knownAt?: string): Selection {
    return selectionOf(this.stmt, filter, knownAt);
  }

  private readonly stmt = (sql: string): Statement<unknown[]> => {
    let statement = this.cache.get(sql);
    if (!statement) {
      // Filter shapes vary with list lengths; keep the cache bounded.
      if (this.cache.size >= 500) this.cache.clear();
      statement = this.db.prepare<unknown[]>(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  };
}

/**
 * The scope whose counter answers a count of current records under this filter: '' with no
 * condition, a country, or a pair. Undefined when any other condition applies (then the
 * versions are counted).
 */
function countedScope(filter: TimelineFilter): string | undefined {
  const { countries, includeRetracted: _, ...others } = filter;
  const conditions = Object.values(others).filter(
    (value) => value !== undefined && !(Array.isArray(value) && value.length === 0),
  );
  if (conditions.length > 0) return undefined;
  const unique = [...new Set(countries ?? [])];
  if (unique.length === 0) return '';
  if (unique.length === 1) return countryScope(unique[0]);
  if (unique.length === 2) return pairScope(unique[0], unique[1]);
  return undefined;
}
