import type { Statement } from 'better-sqlite3';
import type { ReadModelDb } from '../read-model-db';

/** A country or a pair the archive holds: its active records and the days they cover. */
export interface HeldCountry {
  readonly code: string;
  readonly eventCount: number;
  /** First day the earliest record (in valid-time order) may have happened. */
  readonly firstOccurred: string;
  /** Last day the latest record (in valid-time order) may have happened. */
  readonly lastOccurred: string;
}

export interface HeldDyad extends Omit<HeldCountry, 'code'> {
  /** The two alpha-3 codes, sorted. */
  readonly countries: readonly [string, string];
}

interface DyadRow {
  country_a: string;
  country_b: string;
  event_count: number;
  first_occurred: string;
  last_occurred: string;
}

/** Reads of the aggregate tables (aggregates.ts): a few hundred rows at most, never a count. */
export class AggregateQueries {
  private readonly allCountries: Statement<unknown[]>;
  private readonly topDyads: Statement<unknown[]>;
  private readonly dyadsOf: Statement<unknown[]>;

  constructor(db: ReadModelDb) {
    this.allCountries = db.prepare(
      `SELECT country AS code, event_count AS eventCount, first_occurred AS firstOccurred,
         last_occurred AS lastOccurred FROM country_stats ORDER BY country`,
    );
    this.topDyads = db.prepare(
      `SELECT * FROM dyad_stats ORDER BY event_count DESC, country_a, country_b LIMIT ?`,
    );
    // Each side from its own index, merged: the pairs of one country, most events first.
    this.dyadsOf = db.prepare(
      `SELECT * FROM (
         SELECT * FROM dyad_stats WHERE country_a = @country
         UNION ALL
         SELECT * FROM dyad_stats WHERE country_b = @country)
       ORDER BY event_count DESC, country_a, country_b LIMIT @limit`,
    );
  }

  /** Every country with at least one active record, by code. */
  countries(): HeldCountry[] {
    return this.allCountries.all() as HeldCountry[];
  }

  /** The pairs with the most active records, of one country or of all; ties by codes. */
  dyads(limit: number, country?: string): HeldDyad[] {
    const rows = (
      country === undefined ? this.topDyads.all(limit) : this.dyadsOf.all({ country, limit })
    ) as DyadRow[];
    return rows.map((row) => ({
      countries: [row.country_a, row.country_b],
      eventCount: row.event_count,
      firstOccurred: row.first_occurred,
      lastOccurred: row.last_occurred,
    }));
  }
}
