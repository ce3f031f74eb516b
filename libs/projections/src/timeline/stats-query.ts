import type { PrepareStatement, Selection } from './selection';

export type StatsInterval = 'YEAR' | 'MONTH' | 'DAY';

/** One period of `eventStats`: an EDTF year, month or day, and what it holds. */
export interface StatsBucket {
  readonly period: string;
  readonly count: number;
  /** Mean Goldstein score of its records with a CAMEO code; null when none has one. */
  readonly goldsteinMean: number | null;
  /** Records per CAMEO QuadClass (1 to 4), classes with none left out. */
  readonly byQuadClass: readonly { readonly quadClass: number; readonly count: number }[];
}

/**
 * The period a record falls in: the finest period, no finer than the interval, that holds its
 * whole date. A day falls in its day, month or year; `2018-03` falls in `2018-03` for MONTH
 * and DAY alike; `2018` always in `2018`; an interval within one month in that month, within
 * one year in that year, and one across years in the year it starts. So every record falls in
 * exactly one period (the counts add up to the filter's totalCount) and no imprecise date is
 * spread over, or piled onto the first of, periods it does not name. `s` and `e` are ISO days.
 */
const periodSql = (s: string, e: string): Record<StatsInterval, string> => ({
  YEAR: `substr(${s}, 1, 4)`,
  MONTH: `CASE WHEN substr(${s}, 1, 7) = substr(${e}, 1, 7) THEN substr(${s}, 1, 7)
    ELSE substr(${s}, 1, 4) END`,
  DAY: `CASE WHEN ${s} = ${e} THEN ${s}
    WHEN substr(${s}, 1, 7) = substr(${e}, 1, 7) THEN substr(${s}, 1, 7)
    ELSE substr(${s}, 1, 4) END`,
});

interface BucketRow {
  period: string;
  n: number;
  g: number | null;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
}

/**
 * Counts per period of the records a selection holds (the same selection `events` pages and
 * counts): one pass over the selection's index, grouped. At most `limit` buckets are returned;
 * one more than that means the caller asked for too many.
 */
export function readStats(
  stmt: PrepareStatement,
  selection: Selection,
  interval: StatsInterval,
  limit: number,
): StatsBucket[] {
  const a = selection.alias;
  const period = periodSql(`${a}.occurred_start`, `${a}.occurred_end`)[interval];
  const rows = stmt(
    `SELECT ${period} AS period, count(*) AS n, avg(v.goldstein) AS g,
       sum(v.quad_class = 1) AS q1, sum(v.quad_class = 2) AS q2,
       sum(v.quad_class = 3) AS q3, sum(v.quad_class = 4) AS q4
     FROM ${selection.from} WHERE ${selection.sql}
     GROUP BY period ORDER BY period LIMIT ?`,
  ).all(...selection.params, limit) as BucketRow[];
  return rows.map((row) => ({
    period: row.period,
    count: row.n,
    goldsteinMean: row.g,
    byQuadClass: [row.q1, row.q2, row.q3, row.q4].flatMap((count, i) =>
      count > 0 ? [{ quadClass: i + 1, count }] : [],
    ),
  }));
}
