import type { ReadModelDb } from '../read-model-db';
import { AGGREGATES_DDL, DROP_AGGREGATES_DDL, settlePendingSpans } from './aggregates';

/** Open-ended transaction time: the version is still the current one. */
export const CURRENT = '9999-12-31T23:59:59.999Z';

/**
 * One row per version of a record (bitemporal): a version is what the archive said in
 * transaction time [tx_from, tx_to). The current version has tx_to = CURRENT. Countries, tags and
 * the full-text index hang off the version's `seq`, so `knownAt` reads filter exactly like now.
 */
export function createTimelineSchema(db: ReadModelDb): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS event_versions (
      seq INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      change_type TEXT NOT NULL,
      reason TEXT,
      status TEXT NOT NULL,
      tx_from TEXT NOT NULL,
      tx_to TEXT NOT NULL,
      position INTEGER NOT NULL,
      first_position INTEGER NOT NULL,
      first_recorded_at TEXT NOT NULL,
      recorded_by TEXT,
      first_recorded_by TEXT,
      changed_fields TEXT,
      kind TEXT NOT NULL,
      occurred_start TEXT NOT NULL,
      occurred_end TEXT NOT NULL,
      cameo_root TEXT,
      quad_class INTEGER,
      goldstein REAL,
      -- The research dataset an imported record comes from (its provenance), else NULL.
      dataset TEXT,
      -- Beside the facts: a feed selecting little (a list of titles) reads it without parsing them.
      title TEXT NOT NULL,
      facts TEXT NOT NULL,
      UNIQUE (event_id, revision)
    );
    CREATE INDEX IF NOT EXISTS event_versions_by_event ON event_versions (event_id, tx_to);
    -- One row per scope of a version (each country, each pair of countries: see scopes.ts),
    -- carrying the version's sort keys, status, position and transaction-time end, so a
    -- timeline filtered by countries (and dates) is read in order from the covering index of the
    -- scope with the fewest versions, without touching a version row until the page is known.
    CREATE TABLE IF NOT EXISTS version_scopes (
      scope TEXT NOT NULL,
      seq INTEGER NOT NULL,
      tx_to TEXT NOT NULL,
      status TEXT NOT NULL,
      occurred_start TEXT NOT NULL,
      occurred_end TEXT NOT NULL,
      event_id TEXT NOT NULL,
      first_position INTEGER NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (scope, seq)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS scope_versions (
      scope TEXT PRIMARY KEY, versions INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- Current records per scope ('' for all of them), active and retracted: a timeline's
    -- totalCount about now for no filter, one country or one pair is read here, never counted
    -- over the versions (a pair with a million records answers as quickly as one with ten).
    CREATE TABLE IF NOT EXISTS scope_counts (
      scope TEXT PRIMARY KEY, active INTEGER NOT NULL, retracted INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS version_tags (
      tag TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (tag, seq)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE IF NOT EXISTS version_text
      USING fts5 (title, summary, participants, content = '', tokenize = 'unicode61 remove_diacritics 2');
    ${AGGREGATES_DDL}
  `);
  for (const sql of Object.values(QUERY_INDEXES)) db.exec(sql);
  // A replay without the indexes left the spans of some countries and pairs to be read here.
  settlePendingSpans(db);
}

/**
 * Indexes only the timeline's queries read. The projection reads one of them only for spans
 * that shrank, and leaves those for `settlePendingSpans` while the index is missing.
 */
const QUERY_INDEXES: Readonly<Record<string, string>> = {
  event_versions_by_dataset: `CREATE INDEX IF NOT EXISTS event_versions_by_dataset
    ON event_versions (dataset, tx_to) WHERE dataset IS NOT NULL`,
  event_versions_by_occurred: `CREATE INDEX IF NOT EXISTS event_versions_by_occurred
    ON event_versions (tx_to, occurred_start, occurred_end, event_id)`,
  event_versions_by_recorded: `CREATE INDEX IF NOT EXISTS event_versions_by_recorded
    ON event_versions (tx_to, first_position)`,
  event_versions_by_position: `CREATE INDEX IF NOT EXISTS event_versions_by_position
    ON event_versions (position)`,
  // The scope's versions in each order a filtered timeline reads them.
  version_scopes_by_occurred: `CREATE INDEX IF NOT EXISTS version_scopes_by_occurred
    ON version_scopes (scope, tx_to, occurred_start, occurred_end, event_id, status, position)`,
  version_scopes_by_recorded: `CREATE INDEX IF NOT EXISTS version_scopes_by_recorded
    ON version_scopes (scope, tx_to, first_position, status, position)`,
};

export const TIMELINE_QUERY_INDEXES: readonly string[] = Object.keys(QUERY_INDEXES);

export function dropTimelineSchema(db: ReadModelDb): void {
  db.exec(`
    DROP TABLE IF EXISTS version_text;
    DROP TABLE IF EXISTS version_tags;
    DROP TABLE IF EXISTS version_scopes;
    DROP TABLE IF EXISTS scope_versions;
    DROP TABLE IF EXISTS scope_counts;
    DROP TABLE IF EXISTS version_countries;
    DROP TABLE IF EXISTS country_versions;
    DROP TABLE IF EXISTS event_versions;
    ${DROP_AGGREGATES_DDL}
  `);
}
