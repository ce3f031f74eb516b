import edtf, { parse, type EdtfParseResult, type EdtfValue } from 'edtf';
import { DomainError } from '../errors';
import type { DatePrecision, Occurred } from '../diplomatic-event/facts';
import { daysInMonth, isoDayOfEpochMs } from './iso-day';

const EXAMPLES = 'e.g. 2022-04-21, 2022-05, 2018, 2018?, 201X, 2016-03-20/2016-03-22';
/** EDTF level 1 covers the imprecise dates historians need; level 2 adds little and much risk. */
const CONSTRAINTS = { level: 1, types: ['Date', 'Interval'] } as const;

type Parsed = { ok: true; occurred: Occurred } | { ok: false; message: string };

/**
 * Parses an EDTF date (level 0 or 1) into the interval of days it covers. Refuses garbage,
 * impossible days, times of day, seasons, open or unknown interval ends, and reversed intervals.
 */
export const parseOccurred = (value: string, path = 'occurred'): Occurred => {
  const result = tryParseOccurred(value);
  if (!result.ok) throw DomainError.invalid([{ path, message: result.message }]);
  return result.occurred;
};

/**
 * Answers by date text. Parsing EDTF (a general grammar) costs tens of microseconds, the largest
 * share of checking a record on import, and datasets repeat the same dates many times over.
 * Bounded: emptied when full, so hostile input can grow it no further than this.
 */
const parsedDates = new Map<string, Parsed>();
const PARSED_DATES_MAX = 10_000;

/** The same as `parseOccurred`, returning the problem instead of throwing. */
export const tryParseOccurred = (value: string): Parsed => {
  if (typeof value !== 'string') return fail('must be an EDTF date string');
  const known = parsedDates.get(value);
  if (known) return known;
  const result = parseDate(value);
  if (parsedDates.size >= PARSED_DATES_MAX) parsedDates.clear();
  const kept: Parsed = Object.freeze(
    result.ok ? { ok: true, occurred: Object.freeze(result.occurred) } : result,
  );
  parsedDates.set(value, kept);
  return kept;
};

const parseDate = (value: string): Parsed => {
  const input = value.trim();
  if (input === '') return fail('must not be empty');
  if (input.length > 64) return fail('is too long for a date');
  if (input.includes('T')) return fail(`"${input}" has a time of day; give a date (${EXAMPLES})`);
  return plainDay(input) ?? parseWithGrammar(input);
};

const PLAIN_DAY = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;

/**
 * A plain day (`2022-04-21`), the commonest date by far (every imported event row has one),
 * read without the EDTF grammar, which costs about a tenth of an import's CPU. It gives what
 * the grammar gives (a unit test compares the two); anything else goes to the grammar.
 */
const plainDay = (input: string): Parsed | undefined => {
  const m = PLAIN_DAY.exec(input);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { ok: true, occurred: { edtf: input, start: input, end: input, precision: 'day' } };
};

/** Any EDTF date, through the `edtf` grammar. */
export const parseWithGrammar = (input: string): Parsed => {
  let result: EdtfParseResult;
  try {
    result = parse(input, CONSTRAINTS);
  } catch {
    return fail(`"${input}" is not a valid EDTF date (${EXAMPLES})`);
  }
  if (result.type === 'Interval' && result.values.some((end) => !end || typeof end !== 'object')) {
    return fail(`"${input}" is an interval with an open or unknown end; give both ends`);
  }
  const impossible = impossibleDay(result);
  if (impossible) return fail(`"${input}" names a day that does not exist (${impossible})`);

  const [from, to] = input.split('/');
  if (to !== undefined && from === to) {
    return fail(
      `"${input}" is an interval whose two ends are the same; give the single date "${from}"`,
    );
  }
  let date: EdtfValue;
  try {
    date = edtf(result);
  } catch (error) {
    const reversed = error instanceof Error && /upper bound/i.test(error.message);
    return fail(
      reversed
        ? `"${input}": the end of the interval precedes its start`
        : `"${input}" is not a valid EDTF date (${EXAMPLES})`,
    );
  }
  const start = isoDayOfEpochMs(date.min);
  const end = date.max === null ? undefined : isoDayOfEpochMs(date.max);
  if (!start || !end) return fail(`"${input}" must fall within the years 0000 to 9999`);
  if (end < start) return fail(`"${input}": the end of the interval precedes its start`);
  return { ok: true, occurred: { edtf: date.edtf, start, end, precision: precisionOf(result) } };
};

/**
 * Parses an `asOf` value into one ISO day. A day is taken as is; a month or a year means its
 * LAST day, so "as of 2018" is the state at the end of 2018. Qualified, unspecified or interval
 * values are refused: a replay needs one definite day.
 */
export const parseAsOf = (value: string, path = 'asOf'): string => {
  const result = tryParseOccurred(value);
  if (!result.ok) throw DomainError.invalid([{ path, message: result.message }]);
  const { precision, edtf: text, end } = result.occurred;
  if (!['day', 'month', 'year'].includes(precision) || /[?~%]/.test(text)) {
    throw DomainError.invalid([
      { path, message: `"${text}" must be a plain day, month or year (e.g. 2016-06-30, 2018)` },
    ]);
  }
  return end;
};

const fail = (message: string): Parsed => ({ ok: false, message });

const precisionOf = (result: EdtfParseResult): DatePrecision => {
  if (result.type === 'Interval') return 'interval';
  if (result.unspecified) return 'other';
  return (['year', 'month', 'day'] as const)[result.values.length - 1] ?? 'other';
};

/** The grammar refuses 30 February but lets 29 February of a common year through. */
const impossibleDay = (result: EdtfParseResult): string | undefined => {
  if (result.type === 'Interval') {
    return result.values
      .map((end) => (end && typeof end === 'object' ? impossibleDay(end) : undefined))
      .find(Boolean);
  }
  const [year, month, day] = result.values;
  if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') return;
  // With any digit unspecified the day may exist in some matching month or year.
  if (result.unspecified) return;
  if (day > daysInMonth(year, month + 1)) return `${year}-${pad(month + 1)} has no day ${day}`;
  return undefined;
};

const pad = (n: number): string => String(n).padStart(2, '0');
