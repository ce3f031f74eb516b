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
import { candidateScopes } from './scopes';
import { RecentCache } from '../recent-cache';

export interface ChangeView {
  readonly position: bigint;
  readonly changeType: 'RECORDED' | 'AMENDED' | 'RETRACTED';
  readonly recordedAt: string;
  /** The record as it stood right after this change. */
  readonly record: RecordView;
}

export type TimelineOrder = 'OCCURRED_ASC' | 'OCCURRED_DESC' | 'RECORDED_ASC' | 'RECORDED_DESC';

export interface PageRequest {
  /** Page size and direction: `first` pages forwards from `after`, `last` backwards from `before`. */
  readonly size: number;
  readonly backwards: boolean;
  /** Decoded cursor: the sort key of the row to start after (or before). */
  readonly cursor?: readonly unknown[];
}

export interface TimelinePage {
  readonly items: readonly { readonly record: RecordView; readonly key: readonly unknown[] }[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

const ORDER_KEYS: Record<TimelineOrder, { columns: string[]; descending: boolean }> = {
  OCCURRED_ASC: {
    columns: ['v.occurred_start', 'v.occurred_end', 'v.event_id'],
    descending: false,
  },
  OCCURRED_DESC: {
    columns: ['v.occurred_start', 'v.occurred_end', 'v.event_id'],
    descending: true,
  },
  RECORDED_ASC: { columns: ['v.first_position'], descending: false },
  RECORDED_DESC: { columns: ['v.first_position'], descending: true },
};

/** Where `changesAfter`'s raw rows (FEED_COLUMNS) hold the position and the change type. */
const POSITION_COLUMN = 2;
const CHANGE_TYPE_COLUMN = 3;

/** Parsed versions kept per generation of the cache (see RecentCache). */
const VERSION_CACHE_SIZE = 5_000;

interface Source {
  /** The driving table alone, and joined to the version rows. */
  readonly from: string;
  readonly joined: string;
  /** The alias whose rows carry seq, tx_to, status, occurrence and position. */
  readonly alias: 'c0' | 'v';
  readonly sql: string;
  readonly params: unknown[];
  readonly checkedCountries: readonly string[];
}

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

  /**
   * Keyset pagination: stable under concurrent appends, and an index range scan per page. The
   * page is found on the index first; only its versions are then read (or taken from the cache).
   */
  page(
    filter: TimelineFilter,
    order: TimelineOrder,
    page: PageRequest,
    knownAt?: string,
  ): TimelinePage {
    const selection = this.selection(filter, knownAt);
    const columns = ORDER_KEYS[order].columns.map((c) => c.replace(/^v\./, `${selection.alias}.`));
    const { descending } = ORDER_KEYS[order];
    // Reading backwards means walking the order in reverse, then flipping the page.
    const reverse = descending !== page.backwards;
    const dir = reverse ? 'DESC' : 'ASC';
    const tuple = `(${columns.join(', ')})`;
    const keySelect = columns.map((c, i) => `${c} AS k${i}`).join(', ');
    const orderBy = columns.map((c) => `${c} ${dir}`).join(', ');
    const cursorParams = page.cursor ? [...page.cursor] : [];
    const cursorSql = page.cursor
      ? ` AND ${tuple} ${reverse ? '<' : '>'} (${columns.map(() => '?').join(', ')})`
      : '';
    const rows = this.stmt(
      `SELECT ${selection.alias}.position AS p, ${keySelect} FROM ${selection.from}
       WHERE ${selection.sql}${cursorSql} ORDER BY ${orderBy} LIMIT ?`,
    ).all(...selection.params, ...cursorParams, page.size + 1) as ({ p: number } & Record<
      string,
      unknown
    >)[];
    const more = rows.length > page.size;
    const visible = rows.slice(0, page.size);
    if (page.backwards) visible.reverse();
    const records = this.load(visible.map((row) => row.p));
    const items = visible.map((row, i) => ({
      record: records[i],
      key: columns.map((_, k) =>
        typeof row[`k${k}`] === 'bigint' ? Number(row[`k${k}`]) : row[`k${k}`],
      ),
    }));
    // Whether rows exist on the other side of the cursor: one indexed probe.
    const beyondCursor =
      page.cursor !== undefined &&
      this.stmt(
        `SELECT 1 FROM ${selection.from} WHERE ${selection.sql}
         AND ${tuple} ${reverse ? '>=' : '<='} (${columns.map(() => '?').join(', ')}) LIMIT 1`,
      ).get(...selection.params, ...cursorParams) !== undefined;
    return page.backwards
      ? { items, hasPreviousPage: more, hasNextPage: beyondCursor }
      : { items, hasNextPage: more, hasPreviousPage: beyondCursor };
  }

  /** The versions produced at these log positions, in the same order. */
  private load(positions: readonly number[]): RecordView[] {
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
  }

  /** FROM and WHERE for the versions a filter selects (see `source`). */
  private selection(filter: TimelineFilter, knownAt?: string) {
    const source = this.source(filter);
    const where = whereClause(
      filter,
      { knownAt },
      { checkedCountries: source.checkedCountries, alias: source.alias },
    );
    return {
      alias: source.alias,
      // Conditions on the scope row alone never read a version row.
      from: where.needsVersionRow ? source.joined : source.from,
      sql: source.sql + where.sql,
      params: [...source.params, ...where.params],
    };
  }

  /**
   * Where a timeline read starts. Filtered by countries, it walks the index entries of the
   * filter's rarest scope (a pair of its countries, or its one country), which hold the sort
   * keys, in order: a page of a dyad then reads about one page of entries, instead of scanning
   * versions until enough match. Countries the scope does not cover are probed on the entry.
   */
  private source(filter: TimelineFilter): Source {
    const countries = [...new Set(filter.countries ?? [])];
    if (countries.length === 0) {
      return {
        from: 'event_versions v',
        joined: 'event_versions v',
        alias: 'v',
        sql: '',
        params: [],
        checkedCountries: [],
      };
    }
    const candidates = candidateScopes(countries);
    const rarest = this.stmt(
      `SELECT c.key AS i FROM json_each(?) c
       LEFT JOIN scope_versions n ON n.scope = c.value ORDER BY coalesce(n.versions, 0) LIMIT 1`,
    ).get(JSON.stringify(candidates.map((c) => c.scope))) as { i: number };
    const driver = candidates[rarest.i];
    const others = countries.filter((c) => !driver.covers.includes(c));
    const othersSql = others
      .map(
        () =>
          'EXISTS (SELECT 1 FROM version_scopes cx WHERE cx.scope = ? AND cx.seq = c0.seq) AND ',
      )
      .join('');
    return {
      from: 'version_scopes c0',
      // CROSS JOIN keeps the planner on the driving scope's index.
      joined: 'version_scopes c0 CROSS JOIN event_versions v ON v.seq = c0.seq',
      alias: 'c0',
      sql: `c0.scope = ? AND ${othersSql}`,
      params: [driver.scope, ...others],
      // Every filter country is guaranteed by the driving scope or its probes.
      checkedCountries: countries,
    };
  }

  private stmt(sql: string): Statement<unknown[]> {
    let statement = this.cache.get(sql);
    if (!statement) {
      // Filter shapes vary with list lengths; keep the cache bounded.
      if (this.cache.size >= 500) this.cache.clear();
      statement = this.db.prepare<unknown[]>(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}
