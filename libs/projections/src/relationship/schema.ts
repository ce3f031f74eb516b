import type { ReadModelDb } from '../read-model-db';

/**
 * The relationship read model, per pair of countries (`group_key` = "CUB|USA"):
 * - rel_records: which active records involve the pair, per transaction-time version;
 * - rel_effects: their effects, by aspect key (e.g. `embassy:USA:CUB`);
 * - rel_segments: the folded state of each aspect key as valid-time intervals
 *   [valid_from, valid_to) per transaction-time interval [tx_from, tx_to).
 * `relationship(asOf, knownAt)` is then one indexed probe per aspect key: no replay.
 */
export function createRelationshipSchema(db: ReadModelDb): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS rel_records (
      group_key TEXT NOT NULL,
      event_id TEXT NOT NULL,
      occurred_start TEXT NOT NULL,
      occurred_edtf TEXT NOT NULL,
      title TEXT NOT NULL,
      ord INTEGER NOT NULL,
      tx_from TEXT NOT NULL,
      tx_to TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rel_records_by_event ON rel_records (event_id, tx_to);
    CREATE TABLE IF NOT EXISTS rel_effects (
      group_key TEXT NOT NULL,
      aspect_key TEXT NOT NULL,
      event_id TEXT NOT NULL,
      entry TEXT NOT NULL,
      tx_from TEXT NOT NULL,
      tx_to TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rel_effects_by_key ON rel_effects (group_key, aspect_key, tx_to);
    CREATE INDEX IF NOT EXISTS rel_effects_by_event ON rel_effects (event_id, tx_to);
    CREATE TABLE IF NOT EXISTS rel_keys (
      group_key TEXT NOT NULL,
      aspect_key TEXT NOT NULL,
      PRIMARY KEY (group_key, aspect_key)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS rel_segments (
      group_key TEXT NOT NULL,
      aspect_key TEXT NOT NULL,
      valid_from TEXT NOT NULL,
      valid_to TEXT NOT NULL,
      tx_from TEXT NOT NULL,
      tx_to TEXT NOT NULL,
      item TEXT NOT NULL
    );
    -- Questions about what the archive says now (knownAt at or after its last write) need only
    -- the current segments: an equality on tx_to, then one seek on valid_from.
    CREATE INDEX IF NOT EXISTS rel_segments_current
      ON rel_segments (group_key, aspect_key, tx_to, valid_from);
    -- Current records per pair and month of occurrence: how many records had occurred by a day
    -- is a sum over months plus a count within the day's month, not a count of the whole
    -- history (a pair with a million records answers as quickly as one with ten).
    CREATE TABLE IF NOT EXISTS rel_record_months (
      group_key TEXT NOT NULL, month TEXT NOT NULL, records INTEGER NOT NULL,
      PRIMARY KEY (group_key, month)
    ) WITHOUT ROWID;
    -- The transaction time of the last write, to tell such questions apart.
    CREATE TABLE IF NOT EXISTS rel_clock (
      id INTEGER PRIMARY KEY CHECK (id = 1), last_tx TEXT NOT NULL
    );
  `);
  for (const sql of Object.values(QUERY_INDEXES)) db.exec(sql);
}

/** Indexes only the relationship queries read (the projection itself never does). */
const QUERY_INDEXES: Readonly<Record<string, string>> = {
  rel_records_by_group: `CREATE INDEX IF NOT EXISTS rel_records_by_group
    ON rel_records (group_key, tx_to, occurred_start, ord)`,
  // Questions about the past (knownAt before the last write): a seek on valid_from per key.
  rel_segments_lookup: `CREATE INDEX IF NOT EXISTS rel_segments_lookup
    ON rel_segments (group_key, aspect_key, valid_from, tx_to)`,
};

export const RELATIONSHIP_QUERY_INDEXES: readonly string[] = Object.keys(QUERY_INDEXES);

export function dropRelationshipSchema(db: ReadModelDb): void {
  db.exec(`
    DROP TABLE IF EXISTS rel_clock;
    DROP TABLE IF EXISTS rel_record_months;
    DROP TABLE IF EXISTS rel_segments;
    DROP TABLE IF EXISTS rel_keys;
    DROP TABLE IF EXISTS rel_effects;
    DROP TABLE IF EXISTS rel_records;
  `);
}

/** Open end of valid time: the state holds from `valid_from` on. */
export const END_OF_TIME = '9999-12-31';

export const groupKey = (countries: readonly string[]): string => [...countries].sort().join('|');

/** Every pair of distinct countries of a record, as group keys. */
export function pairsOf(countries: readonly string[]): string[] {
  const sorted = [...new Set(countries)].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) pairs.push(`${sorted[i]}|${sorted[j]}`);
  }
  return pairs;
}
