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
  OCCURRED_ASC: { columns: ['v.occurred_start', 'v.occurred_end', 'v.event_id'], descending: false },
  OCCURRED_DESC: { columns: ['v.occurred_start', 'v.occurred_end', 'v.event_id'], descending: true },
  RECORDED_ASC: { columns: ['v.first_position'], descending: false },
  RECORDED_DESC: { columns: ['v.first_position'], descending: true },
};

/** Read queries over the timeline read model; statements are prepared once per shape. */
export class TimelineQueries {
  private readonly cache = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: ReadModelDb) {}

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
    const where = whereClause(filter, { knownAt });
    const source = this.source(filter, knownAt);
    const row = this.stmt(
      `SELECT count(*) AS n FROM ${source.from} WHERE ${source.sql}${where.sql}`,
    ).get(...source.params, ...where.params) as { n: number };
    return row.n;
  }

  /**
   * Where a timeline read starts. Filtered by countries, it walks the rarest country's index
   * entries, which hold the sort keys, in order: a page then costs about (page size × how
   * rare a match is) probes, instead of a scan of every version until enough match.
   */
  private source(filter: TimelineFilter, knownAt?: string) {
    const countries = filter.countries ?? [];
    if (countries.length === 0) return { from: 'event_versions v', alias: 'v', sql: '', params: [] as unknown[] };
    const rarest = this.stmt(
      `SELECT c.value AS country FROM json_each(?) c
       LEFT JOIN country_versions n ON n.country = c.value ORDER BY coalesce(n.versions, 0) LIMIT 1`,
    ).get(JSON.stringify(countries)) as { country: string };
    const others = countries.filter((c) => c !== rarest.country);
    // The other countries are checked on the index entry, before the (large) version row is read.
    const othersSql = others
      .map(() => 'EXISTS (SELECT 1 FROM version_countries cx WHERE cx.country = ? AND cx.seq = c0.seq) AND ')
      .join('');
    return {
      // CROSS JOIN keeps the planner on the driving country's index.
      from: 'version_countries c0 CROSS JOIN event_versions v ON v.seq = c0.seq',
      alias: 'c0',
      sql:
        (knownAt ? 'c0.country = ? AND c0.tx_to > ? AND ' : `c0.country = ? AND c0.tx_to = '${CURRENT}' AND `) +
        othersSql,
      params: [...(knownAt ? [rarest.country, knownAt] : [rarest.country]), ...others],
    };
  }

  /** Changes (one per version) after a log position that match the filter, in log order. */
  changesAfter(after: bigint, filter: TimelineFilter, limit: number): ChangeView[] {
    const where = whereClause(filter, 'all-versions');
    const rows = this.stmt(
      `SELECT ${VERSION_COLUMNS}, v.change_type FROM event_versions v
       WHERE v.position > ? AND ${where.sql} ORDER BY v.position LIMIT ?`,
    ).all(after, ...where.params, limit) as (VersionRow & { change_type: ChangeView['changeType'] })[];
    return rows.map((row) => {
      const record = toRecordView(row);
      return { position: record.position, changeType: row.change_type, recordedAt: row.tx_from, record };
    });
  }

  /** Keyset pagination: stable under concurrent appends, and an index range scan per page. */
  page(filter: TimelineFilter, order: TimelineOrder, page: PageRequest, knownAt?: string): TimelinePage {
    const source = this.source(filter, knownAt);
    const columns = ORDER_KEYS[order].columns.map((c) => c.replace(/^v\./, `${source.alias}.`));
    const { descending } = ORDER_KEYS[order];
    const where = whereClause(filter, { knownAt });
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
      `SELECT ${VERSION_COLUMNS}, ${keySelect} FROM ${source.from}
       WHERE ${source.sql}${where.sql}${cursorSql} ORDER BY ${orderBy} LIMIT ?`,
    ).all(...source.params, ...where.params, ...cursorParams, page.size + 1) as (VersionRow &
      Record<string, unknown>)[];
    const more = rows.length > page.size;
    const visible = rows.slice(0, page.size);
    if (page.backwards) visible.reverse();
    const items = visible.map((row) => ({
      record: toRecordView(row),
      key: columns.map((_, i) => (typeof row[`k${i}`] === 'bigint' ? Number(row[`k${i}`]) : row[`k${i}`])),
    }));
    // Whether rows exist on the other side of the cursor: one indexed probe.
    const beyondCursor =
      page.cursor !== undefined &&
      this.stmt(
        `SELECT 1 FROM ${source.from} WHERE ${source.sql}${where.sql}
         AND ${tuple} ${reverse ? '>=' : '<='} (${columns.map(() => '?').join(', ')}) LIMIT 1`,
      ).get(...source.params, ...where.params, ...cursorParams) !== undefined;
    return page.backwards
      ? { items, hasPreviousPage: more, hasNextPage: beyondCursor }
      : { items, hasNextPage: more, hasPreviousPage: beyondCursor };
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
