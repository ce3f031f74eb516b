import type { ReadModelDb } from '../read-model-db';
import { CURRENT } from './schema';
import { countryScope, pairScope } from './scopes';

/*
 * Small aggregate tables beside the timeline, so that listing the countries and pairs the
 * archive holds never counts events per request: one row per country (`country_stats`) and per
 * pair of countries (`dyad_stats`, a < b) with its active records now, and the first and last
 * day of valid time they cover. They change in the projector's transaction with the version
 * rows, at the end of each batch, so they always agree with them (a cross-check test recounts
 * them from the versions).
 */
export const AGGREGATES_DDL = `
  CREATE TABLE IF NOT EXISTS country_stats (
    country TEXT PRIMARY KEY,
    event_count INTEGER NOT NULL,
    first_occurred TEXT NOT NULL,
    last_occurred TEXT NOT NULL,
    -- The start of the record whose end is last_occurred: the latest by (start, end).
    last_start TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS dyad_stats (
    country_a TEXT NOT NULL,
    country_b TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    first_occurred TEXT NOT NULL,
    last_occurred TEXT NOT NULL,
    last_start TEXT NOT NULL,
    PRIMARY KEY (country_a, country_b)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS dyad_stats_by_count ON dyad_stats (event_count DESC, country_a, country_b);
  CREATE INDEX IF NOT EXISTS dyad_stats_by_b ON dyad_stats (country_b, event_count DESC);
  CREATE INDEX IF NOT EXISTS dyad_stats_by_a ON dyad_stats (country_a, event_count DESC);
  -- Countries and pairs whose span must be read again once the query indexes exist (a replay
  -- builds them at its end): written in the batch's transaction, so a crash loses none.
  CREATE TABLE IF NOT EXISTS stats_pending (key TEXT PRIMARY KEY) WITHOUT ROWID;
`;

export const DROP_AGGREGATES_DDL = `
  DROP TABLE IF EXISTS country_stats;
  DROP TABLE IF EXISTS dyad_stats;
  DROP TABLE IF EXISTS stats_pending;
`;

/** The index the span probes read; a replay from empty builds it only at its end. */
const SPAN_INDEX = 'version_scopes_by_occurred';

/** A record's current version as the aggregates see it: its countries, dates, and whether it counts. */
export interface CountedVersion {
  readonly countries: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly active: boolean;
}

/** What a batch did to one country or pair: its count, and the dates its new versions cover. */
interface KeyChange {
  count: number;
  /** A counted version went away: the span may shrink, so it is read again from the index. */
  shrunk: boolean;
  first?: string;
  last?: [start: string, end: string];
}

/**
 * Keeps the aggregate tables in step with the versions, folded over a batch: `note` is called
 * for each new version (with the one it replaces), `endBatch` writes each touched country and
 * pair once. A span only grows as versions come, so it is widened in memory; when a counted
 * version goes (an amendment, a retraction) the span is read again from the scope index — an
 * ordered probe, not a scan — or, while a replay runs without that index, once it is built.
 */
export function prepareAggregates(db: ReadModelDb) {
  const bump = {
    country: db.prepare(
      `INSERT INTO country_stats (country, event_count, first_occurred, last_occurred, last_start)
       VALUES (?, ?, '', '', '')
       ON CONFLICT (country) DO UPDATE SET event_count = event_count + excluded.event_count`,
    ),
    dyad: db.prepare(
      `INSERT INTO dyad_stats (country_a, country_b, event_count, first_occurred, last_occurred, last_start)
       VALUES (?, ?, ?, '', '', '')
       ON CONFLICT (country_a, country_b) DO UPDATE SET event_count = event_count + excluded.event_count`,
    ),
  };
  // All SET expressions read the row as it was, so the three columns move together.
  const widen = (table: string, where: string) =>
    db.prepare(
      `UPDATE ${table} SET
         first_occurred = CASE WHEN first_occurred = '' OR @first < first_occurred
           THEN @first ELSE first_occurred END,
         last_occurred = CASE WHEN last_start = '' OR @lastStart > last_start
           OR (@lastStart = last_start AND @lastEnd > last_occurred) THEN @lastEnd ELSE last_occurred END,
         last_start = CASE WHEN last_start = '' OR @lastStart > last_start
           OR (@lastStart = last_start AND @lastEnd > last_occurred) THEN @lastStart ELSE last_start END
       WHERE ${where}`,
    );
  const grow = {
    country: widen('country_stats', 'country = @a'),
    dyad: widen('dyad_stats', 'country_a = @a AND country_b = @b'),
  };
  const drop = {
    country: db.prepare('DELETE FROM country_stats WHERE country = ? AND event_count <= 0'),
    dyad: db.prepare(
      'DELETE FROM dyad_stats WHERE country_a = ? AND country_b = ? AND event_count <= 0',
    ),
  };
  const hasSpanIndex = db
    .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`)
    .pluck();
  const pend = db.prepare('INSERT OR IGNORE INTO stats_pending (key) VALUES (?)');
  const reread = prepareSpanReads(db);

  const changes = new Map<string, KeyChange>();
  const changeOf = (key: string) => {
    let change = changes.get(key);
    if (!change) changes.set(key, (change = { count: 0, shrunk: false }));
    return change;
  };

  const note = (before: CountedVersion | undefined, after: CountedVersion) => {
    if (before?.active) {
      for (const key of keysOf(before.countries)) {
        const change = changeOf(key);
        change.count -= 1;
        change.shrunk = true;
      }
    }
    if (!after.active) return;
    for (const key of keysOf(after.countries)) {
      const change = changeOf(key);
      change.count += 1;
      if (change.first === undefined || after.start < change.first) change.first = after.start;
      const [lastStart, lastEnd] = change.last ?? ['', ''];
      if (after.start > lastStart || (after.start === lastStart && after.end > lastEnd))
        change.last = [after.start, after.end];
    }
  };

  const endBatch = () => {
    if (changes.size === 0) return;
    let indexed: boolean | undefined;
    for (const [key, change] of changes) {
      const [a, b] = key.split('+');
      if (b === undefined) {
        if (change.count !== 0) bump.country.run(a, change.count);
        if (change.count < 0) drop.country.run(a);
      } else {
        if (change.count !== 0) bump.dyad.run(a, b, change.count);
        if (change.count < 0) drop.dyad.run(a, b);
      }
      if (change.shrunk) {
        indexed ??= hasSpanIndex.get(SPAN_INDEX) === 1;
        if (indexed) reread(key);
        else pend.run(key);
      } else if (change.first !== undefined && change.last) {
        const [lastStart, lastEnd] = change.last;
        const row = { a, b, first: change.first, lastStart, lastEnd };
        if (b === undefined) grow.country.run(row);
        else grow.dyad.run(row);
      }
    }
    changes.clear();
  };

  return { note, endBatch, forget: () => changes.clear() };
}

/** Reads again the spans left pending by a replay; called once the query indexes exist. */
export function settlePendingSpans(db: ReadModelDb): void {
  const keys = db.prepare('SELECT key FROM stats_pending').pluck().all() as string[];
  if (keys.length === 0) return;
  const reread = prepareSpanReads(db);
  for (const key of keys) reread(key);
  db.exec('DELETE FROM stats_pending');
}

/** The first and last days of a country's or pair's active records, read from the scope index. */
function prepareSpanReads(db: ReadModelDb): (key: string) => void {
  const first = db
    .prepare(
      `SELECT occurred_start FROM version_scopes
       WHERE scope = ? AND tx_to = '${CURRENT}' AND status = 'ACTIVE'
       ORDER BY occurred_start, occurred_end, event_id LIMIT 1`,
    )
    .pluck();
  const last = db.prepare(
    `SELECT occurred_start AS start, occurred_end AS "end" FROM version_scopes
     WHERE scope = ? AND tx_to = '${CURRENT}' AND status = 'ACTIVE'
     ORDER BY occurred_start DESC, occurred_end DESC, event_id DESC LIMIT 1`,
  );
  const set = {
    country: db.prepare(
      'UPDATE country_stats SET first_occurred = ?, last_occurred = ?, last_start = ? WHERE country = ?',
    ),
    dyad: db.prepare(
      'UPDATE dyad_stats SET first_occurred = ?, last_occurred = ?, last_start = ? WHERE country_a = ? AND country_b = ?',
    ),
  };
  return (key) => {
    const [a, b] = key.split('+');
    const scope = b === undefined ? countryScope(a) : pairScope(a, b);
    const from = first.get(scope) as string | undefined;
    if (from === undefined) return; // No active record left: the row was dropped.
    const to = last.get(scope) as { start: string; end: string };
    if (b === undefined) set.country.run(from, to.end, to.start, a);
    else set.dyad.run(from, to.end, to.start, a, b);
  };
}

/** `USA` for each country and `CUB+USA` for each pair (sorted), as in scopes.ts. */
function keysOf(countries: readonly string[]): string[] {
  const unique = [...new Set(countries)].sort();
  const keys = [...unique];
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) keys.push(`${unique[i]}+${unique[j]}`);
  }
  return keys;
}
