/**
 * Valid time is handled as ISO calendar days (`YYYY-MM-DD`, years 0000–9999), which compare
 * correctly as plain strings. No clock is read here: callers pass any "today" they need.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export const isIsoDay = (value: string): boolean => {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
};

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `month` is 1-based. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** The ISO day containing an epoch-milliseconds instant (UTC), or undefined outside 0000–9999. */
export const isoDayOfEpochMs = (ms: number): string | undefined => {
  if (!Number.isFinite(ms)) return undefined;
  const day = new Date(ms).toISOString().slice(0, 10);
  return ISO_DAY.test(day) ? day : undefined;
};

/** The day after `day` (`9999-12-31` has none: it returns `10000-01-01`, which sorts last). */
export const nextDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  const ms = Date.UTC(y, m - 1, d) + MS_PER_DAY;
  return isoDayOfEpochMs(ms) ?? '10000-01-01';
};
