import { DomainError } from '../errors';
import { daysInMonth, nextDay } from './iso-day';

/** How finely a series or a count steps through valid time. */
export const STATS_INTERVALS = ['YEAR', 'MONTH', 'DAY'] as const;
export type StatsIntervalName = (typeof STATS_INTERVALS)[number];

/** The most dates one series may ask for. */
export const MAX_SERIES_POINTS = 5_000;

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days since 0000-01-01, by counting months and years: no Date object, any year 0000–9999. */
function toDays(day: string): number {
  const [y, m, d] = parts(day);
  let days = 0;
  const leaps = (year: number) =>
    year <= 0
      ? 0
      : Math.floor((year - 1) / 4) -
        Math.floor((year - 1) / 100) +
        Math.floor((year - 1) / 400) +
        1;
  days += y * 365 + leaps(y);
  for (let month = 1; month < m; month++) days += daysInMonth(y, month);
  return days + d - 1;
}

/**
 * How many points `seriesDays(from, to, every)` holds: one per year (month, day) from the one
 * holding `from` to the one holding `to`; 0 when `to` is before `from`.
 */
export function countSeriesPoints(from: string, to: string, every: StatsIntervalName): number {
  if (to < from) return 0;
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  switch (every) {
    case 'YEAR':
      return y2 - y1 + 1;
    case 'MONTH':
      return (y2 - y1) * 12 + (m2 - m1) + 1;
    case 'DAY':
      return toDays(to) - toDays(from) + 1;
    default: {
      const _exhaustive: never = every;
      return _exhaustive;
    }
  }
}

/**
 * The days a series replays to: the LAST day of each year (month, day) from the one holding
 * `from` to the one holding `to`, as `asOf` reads a year or a month (the state at its end).
 * Refuses more than MAX_SERIES_POINTS, naming `path`.
 */
export function seriesDays(
  from: string,
  to: string,
  every: StatsIntervalName,
  path = 'every',
): string[] {
  const count = countSeriesPoints(from, to, every);
  if (count > MAX_SERIES_POINTS) {
    throw DomainError.invalid([
      {
        path,
        message: `from ${from} to ${to} by ${every} is ${count} dates; at most ${MAX_SERIES_POINTS}: narrow the range or step by a longer interval`,
      },
    ]);
  }
  const days: string[] = [];
  let [y, m] = parts(from);
  let day = from;
  for (let i = 0; i < count; i++) {
    if (every === 'YEAR') days.push(`${pad(y + i, 4)}-12-31`);
    else if (every === 'MONTH') {
      days.push(`${pad(y, 4)}-${pad(m)}-${pad(daysInMonth(y, m))}`);
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    } else {
      days.push(day);
      day = nextDay(day);
    }
  }
  return days;
}
