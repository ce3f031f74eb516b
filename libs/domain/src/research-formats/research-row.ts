import { v5 as uuidv5 } from 'uuid';

/**
 * What a research-format parser makes of one row: a record input for `recordEvent` (any JSON,
 * checked again by the domain when it is applied), a refusal with the reason, or nothing (a
 * header or a blank line). Parsers return these and never throw, so one bad row never stops an
 * import.
 */
export type RowOutcome =
  | { readonly kind: 'record'; readonly rowId: string; readonly input: Record<string, unknown> }
  | { readonly kind: 'refused'; readonly rowId?: string; readonly reason: string }
  | { readonly kind: 'skip' };

export const refuse = (reason: string, rowId?: string): RowOutcome => ({
  kind: 'refused',
  ...(rowId ? { rowId } : {}),
  reason,
});

/** Reads one row, split into fields. */
export type RowReader = (fields: readonly string[]) => RowOutcome;

/**
 * Namespace of the ids of imported records (UUID v5). Fixed forever: changing it would give
 * every row a new id, and a re-import would record every row a second time.
 */
export const RESEARCH_ID_NAMESPACE = '5a0c8f0e-3d1b-4c5e-9f57-6d2f1a9b7e21';

/** The record id of a dataset's row: the same row always gets the same id. */
export const researchEventId = (dataset: string, rowId: string): string =>
  uuidv5(`${dataset}\u0000${rowId}`, RESEARCH_ID_NAMESPACE);

/** Text cut to a limit, on a code point boundary (titles, names and places have caps). */
export const cut = (text: string, max: number): string => {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
};

const DAY = /^(\d{4})(\d{2})(\d{2})/;

/** `20140317` or `20140317093000` → `2014-03-17`, or undefined when it is not a real day. */
export const compactDay = (value: string): string | undefined => {
  const m = DAY.exec(value.trim());
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return isRealDay(day) ? day : undefined;
};

/** True for an ISO `YYYY-MM-DD` that names a day of the calendar (no 31 February). */
export const isRealDay = (day: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** An http(s) URL as given, or undefined (GDELT 1.0 rows may hold no URL at all). */
export const httpUrl = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  if (!text || text.length > 2000) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** Trimmed text with control characters and runs of white space made single spaces. */
export const plain = (value: string | undefined): string =>
  // eslint-disable-next-line no-control-regex
  (value ?? '').replace(/[\u0000-\u001F\u007F\s]+/g, ' ').trim();
