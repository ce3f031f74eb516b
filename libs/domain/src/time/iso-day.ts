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
  const [y, m, d] = civilFromDays(Math.floor(ms / MS_PER_DAY));
  if (y < 0 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
};

/** The day after `day` (`9999-12-31` has none: it returns `10000-01-01`, which sorts last). */
export const nextDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return isoDayOfEpochMs((daysFromCivil(y, m, d) + 1) * MS_PER_DAY) ?? '10000-01-01';
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

// Proleptic Gregorian calendar arithmetic on day numbers (0 = 1970-01-01), without a Date object.
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const civilFromDays = (days: number): [number, number, number] => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (month <= 2 ? 1 : 0), month, day];
};
