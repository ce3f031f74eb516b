import type { RecordView } from './record-view';
import type { PrepareStatement, Selection } from './selection';

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

/**
 * Keyset pagination: stable under concurrent appends, and an index range scan per page. The
 * page is found on the index first; only its versions are then read, by `load`.
 */
export function readPage(
  stmt: PrepareStatement,
  load: (positions: readonly number[]) => RecordView[],
  selection: Selection,
  order: TimelineOrder,
  page: PageRequest,
): TimelinePage {
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
  const rows = stmt(
    `SELECT ${selection.alias}.position AS p, ${keySelect} FROM ${selection.from}
     WHERE ${selection.sql}${cursorSql} ORDER BY ${orderBy} LIMIT ?`,
  ).all(...selection.params, ...cursorParams, page.size + 1) as ({ p: number } & Record<
    string,
    unknown
  >)[];
  const more = rows.length > page.size;
  const visible = rows.slice(0, page.size);
  if (page.backwards) visible.reverse();
  const records = load(visible.map((row) => row.p));
  const items = visible.map((row, i) => ({
    record: records[i],
    key: columns.map((_, k) =>
      typeof row[`k${k}`] === 'bigint' ? Number(row[`k${k}`]) : row[`k${k}`],
    ),
  }));
  // Whether rows exist on the other side of the cursor: one indexed probe.
  const beyondCursor =
    page.cursor !== undefined &&
    stmt(
      `SELECT 1 FROM ${selection.from} WHERE ${selection.sql}
       AND ${tuple} ${reverse ? '>=' : '<='} (${columns.map(() => '?').join(', ')}) LIMIT 1`,
    ).get(...selection.params, ...cursorParams) !== undefined;
  return page.backwards
    ? { items, hasPreviousPage: more, hasNextPage: beyondCursor }
    : { items, hasNextPage: more, hasPreviousPage: beyondCursor };
}
