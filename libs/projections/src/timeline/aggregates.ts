import type { ReadModelDb } from '../read-model-db';
import { CURRENT } from './schema';
import { countryScope, pairScope } from './scopes';

/*
 * Small aggregate tables beside the timeline, so that listing the countries and pairs the
 * archive holds never counts events per request: one row per country (`country_stats`) and per
 * pair of countries (`dyad_stats`, a < b) with its active records now, and the first and last
 * day of valid time they cover. They change in the projector's transaction with the version
 * rows, so they always agree with them (a cross-check test recounts them from the versions).
 */
export const AGGREGATES_DDL = `
  CREATE TABLE IF NOT EXISTS country_stats (
    country TEXT PRIMARY KEY,
    event_count INTEGER NOT NULL,
    first_occurred TEXT NOT NULL,
    last_occurred TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS dyad_stats (
    country_a TEXT NOT NULL,
    country_b TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    first_occurred TEXT NOT NULL,
    last_occurred TEXT NOT NULL,
    PRIMARY KEY (country_a, country_b)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS dyad_stats_by_count ON dyad_stats (event_count DESC, country_a, country_b);
  CREATE INDEX IF NOT EXISTS dyad_stats_by_b ON dyad_stats (country_b, event_count DESC);
  CREATE INDEX IF NOT EXISTS dyad_stats_by_a ON dyad_stats (country_a, event_count DESC);
`;

export const DROP_AGGREGATES_DDL = `
  DROP TABLE IF EXISTS country_stats;
  DROP TABLE IF EXISTS dyad_stats;
`;

/** A record's current version as the aggregates see it: its countries, and whether it counts. */
export interface CountedVersion {
  readonly countries: readonly string[];
  readonly active: boolean;
}

/**
 * Returns the update to run after a record's new version is written (its scope rows in place):
 * counts move by one where the record stopped or started counting, and the first and last days
 * of each touched country and pair are read again from the scope index (an ordered probe, not a
 * scan), since a retraction or an amended date may have moved them.
 */
export function prepareAggregates(
  db: ReadModelDb,
): (before: CountedVersion | undefined, after: CountedVersion) => void {
  const bump = {
    country: db.prepare(
      `INSERT INTO country_stats (country, event_count, first_occurred, last_occurred)
       VALUES (?, ?, '', '')
       ON CONFLICT (country) DO UPDATE SET event_count = event_count + excluded.event_count`,
    ),
    dyad: db.prepare(
      `INSERT INTO dyad_stats (country_a, country_b, event_count, first_occurred, last_occurred)
       VALUES (?, ?, ?, '', '')
       ON CONFLICT (country_a, country_b) DO UPDATE SET event_count = event_count + excluded.event_count`,
    ),
  };
  const first = db
    .prepare(
      `SELECT occurred_start FROM version_scopes
       WHERE scope = ? AND tx_to = '${CURRENT}' AND status = 'ACTIVE'
       ORDER BY occurred_start, occurred_end, event_id LIMIT 1`,
    )
    .pluck();
  const last = db
    .prepare(
      `SELECT occurred_end FROM version_scopes
       WHERE scope = ? AND tx_to = '${CURRENT}' AND status = 'ACTIVE'
       ORDER BY occurred_start DESC, occurred_end DESC, event_id DESC LIMIT 1`,
    )
    .pluck();
  const span = {
    country: db.prepare(
      'UPDATE country_stats SET first_occurred = ?, last_occurred = ? WHERE country = ?',
    ),
    dyad: db.prepare(
      'UPDATE dyad_stats SET first_occurred = ?, last_occurred = ? WHERE country_a = ? AND country_b = ?',
    ),
  };
  const drop = {
    country: db.prepare('DELETE FROM country_stats WHERE country = ? AND event_count <= 0'),
    dyad: db.prepare(
      'DELETE FROM dyad_stats WHERE country_a = ? AND country_b = ? AND event_count <= 0',
    ),
  };

  return (before, after) => {
    const delta = new Map<string, number>();
    const count = (version: CountedVersion | undefined, sign: number) => {
      if (!version?.active) return;
      for (const key of keysOf(version.countries)) delta.set(key, (delta.get(key) ?? 0) + sign);
    };
    count(before, -1);
    count(after, +1);
    const touched = new Set([...keysOf(before?.countries ?? []), ...keysOf(after.countries)]);
    for (const key of touched) {
      const [a, b] = key.split('+');
      const change = delta.get(key) ?? 0;
      const scope = b === undefined ? countryScope(a) : pairScope(a, b);
      if (b === undefined) {
        if (change !== 0) bump.country.run(a, change);
        if (change < 0) drop.country.run(a);
      } else {
        if (change !== 0) bump.dyad.run(a, b, change);
        if (change < 0) drop.dyad.run(a, b);
      }
      const from = first.get(scope) as string | undefined;
      if (from === undefined) continue;
      const to = last.get(scope) as string;
      if (b === undefined) span.country.run(from, to, a);
      else span.dyad.run(from, to, a, b);
    }
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
