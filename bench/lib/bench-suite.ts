/** What a figure must reach to count as met: relative to its baseline, or absolute. */
export interface BenchTarget {
  readonly minRatio?: number;
  readonly maxRatio?: number;
  readonly min?: number;
  readonly max?: number;
}

/** One measured figure, printed as one row of the results table. */
export interface BenchRow {
  readonly measure: string;
  /** e.g. `events/s`, `req/s`, `ms`. */
  readonly unit: string;
  readonly ours: number;
  /** The same work done the simplest direct way, measured in the same run. */
  readonly baseline?: number;
  readonly target?: BenchTarget;
}

/**
 * A benchmark suite: `bench/<name>/index.ts` exports `name` and `run`. The runner finds suites by
 * their folder, so adding one needs no change elsewhere.
 */
export interface BenchSuite {
  readonly name: string;
  run(): Promise<BenchRow[]>;
}

export interface SuiteResult {
  readonly suite: string;
  readonly rows: readonly BenchRow[];
  /** Set when the suite threw instead of returning rows. */
  readonly error?: string;
}
