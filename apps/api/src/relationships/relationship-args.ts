import { DomainError, parseAsOf, parseOccurred, readCountry, type FieldIssue } from '@app/domain';

/** Checks `between`: two to twelve distinct ISO alpha-3 codes, in any order. */
export function parseBetween(between: readonly string[]): string[] {
  const issues: FieldIssue[] = [];
  const codes = between.flatMap((raw, i) => readCountry(raw, `between[${i}]`, issues) ?? []);
  const distinct = [...new Set(codes)].sort();
  if (distinct.length < 2 || distinct.length > 12) {
    issues.push({ path: 'between', message: 'give 2 to 12 distinct countries' });
  }
  if (issues.length) throw DomainError.invalid(issues);
  return distinct;
}

/** A day from an EDTF argument: its first (`start`) or last (`end`) day, or the fallback. */
export function dayOf(value: string | undefined | null, path: string, edge: 'start' | 'end', fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return parseOccurred(value, path)[edge];
}

export function asOfDay(value: string | undefined | null, today: string): string {
  return value === undefined || value === null ? today : parseAsOf(value, 'asOf');
}
