import {
  MAX_SERIES_POINTS,
  STATS_INTERVALS,
  countSeriesPoints,
  tryParseOccurred,
  type StatsIntervalName,
} from '@app/domain';
import { MAX_STATS_BUCKETS } from '../discovery/discovery-args';

type Argument = (name: string) => unknown;

const intervalOf = (value: unknown): StatsIntervalName | undefined =>
  STATS_INTERVALS.find((i) => i === value);

/** Periods (or dates) between two EDTF values, or undefined when either is missing or invalid. */
function span(from: unknown, to: unknown, every: StatsIntervalName): number | undefined {
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const [a, b] = [tryParseOccurred(from.slice(0, 100)), tryParseOccurred(to.slice(0, 100))];
  if (!a.ok || !b.ok) return undefined;
  return countSeriesPoints(a.occurred.start, b.occurred.end, every);
}

/** Typical spans when a filter leaves dates open: three centuries of years or months. */
const OPEN_PERIODS: Record<StatsIntervalName, number> = {
  YEAR: 300,
  MONTH: 3_600,
  DAY: MAX_STATS_BUCKETS,
};

/**
 * `eventStats` returns a period per year (month, day) with records: at most the periods of its
 * filter's date range, at most MAX_STATS_BUCKETS (more is refused), and for an open range an
 * estimate by interval.
 */
export function eventStatsSize(argument: Argument): number {
  const every = intervalOf(argument('interval')) ?? 'DAY';
  const filter = argument('filter') as { occurredFrom?: unknown; occurredTo?: unknown } | null;
  const bounded = span(filter?.occurredFrom ?? '0000', filter?.occurredTo ?? '9999', every);
  return Math.min(bounded ?? MAX_STATS_BUCKETS, OPEN_PERIODS[every], MAX_STATS_BUCKETS);
}

/** `relationshipSeries` returns one state per date: `at`'s length, or from–to by `every`. */
export function relationshipSeriesSize(argument: Argument): number {
  const at = argument('at');
  if (Array.isArray(at)) return Math.min(at.length, MAX_SERIES_POINTS + 1);
  const every = intervalOf(argument('every') ?? 'YEAR');
  const points = every ? span(argument('from'), argument('to'), every) : undefined;
  return Math.min(points ?? MAX_SERIES_POINTS, MAX_SERIES_POINTS + 1);
}
