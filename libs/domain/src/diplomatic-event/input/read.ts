import type { FieldIssue } from '../../errors';
import { isCountryCode, normalizeCountryCode } from '../../countries/countries';
import { isWellFormedText, quoteValue, TEXT_MESSAGES, textProblem } from '../../text/text-rules';

/**
 * Small readers for raw input (any JSON). Each reads one value, records every problem it finds
 * in `issues` under the field's path, and returns the normalised value or undefined. `null` is
 * treated as absent, since GraphQL sends unset nullable fields as null.
 */
export type Issues = FieldIssue[];

export const isAbsent = (value: unknown): value is null | undefined =>
  value === undefined || value === null;

export const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/** An unknown key goes into a path: cut, so that a long one cannot make a long error. */
const MAX_KEY_IN_PATH = 64;

/**
 * False, with an issue, when a string holds a lone surrogate. Checked before any other rule so
 * that the problem is named as such, whatever the field.
 */
export const checkWellFormed = (raw: string, path: string, issues: Issues): boolean => {
  if (isWellFormedText(raw)) return true;
  issues.push({ path, message: TEXT_MESSAGES.malformed });
  return false;
};

/** A plain object whose keys are all in `allowed`; an unknown key is an issue naming it. */
export const readObject = (
  raw: unknown,
  path: string,
  issues: Issues,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> | undefined => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ path: path || 'input', message: 'must be an object' });
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      const name = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}…` : key;
      issues.push({ path: at(path, name), message: 'is not a known field' });
    }
  }
  return record;
};

/** A list of at most `max` items; a longer one is refused whole, before any item is read. */
export const readArray = (
  raw: unknown,
  path: string,
  issues: Issues,
  limits: { min?: number; max: number },
): readonly unknown[] | undefined => {
  if (!Array.isArray(raw)) {
    issues.push({ path, message: 'must be a list' });
    return undefined;
  }
  const min = limits.min ?? 0;
  if (raw.length < min) {
    issues.push({
      path,
      message: min === 1 ? 'needs at least one item' : `needs at least ${min} items`,
    });
  }
  if (raw.length > limits.max) {
    issues.push({ path, message: `may hold at most ${limits.max} items` });
    return undefined;
  }
  return raw;
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A trimmed string of at most `max` characters. Single-line text has its runs of white space
 * collapsed to one space; multi-line text keeps line breaks and tabs. Other control characters
 * are refused, and so is text that breaks a rule of `textProblem` (lone surrogates, nothing
 * visible, and in single-line text bidirectional controls). An empty string is absent.
 */
export const readText = (
  raw: unknown,
  path: string,
  issues: Issues,
  options: { max: number; multiline?: boolean },
): string | undefined => {
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  const text = options.multiline
    ? raw.replace(/\r\n?/g, '\n').trim()
    : raw.replace(/\s+/g, ' ').trim();
  if (CONTROL.test(text)) {
    issues.push({ path, message: 'must not contain control characters' });
    return undefined;
  }
  if ([...text].length > options.max) {
    issues.push({ path, message: `must be at most ${options.max} characters` });
    return undefined;
  }
  if (text === '') return undefined;
  const problem = textProblem(text, { singleLine: !options.multiline });
  if (problem) {
    issues.push({ path, message: problem });
    return undefined;
  }
  return text;
};

/** Like `readText`, but absent (missing, null or blank) is an issue. */
export const readRequiredText = (
  raw: unknown,
  path: string,
  issues: Issues,
  options: { max: number; multiline?: boolean },
): string | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  const before = issues.length;
  const text = readText(raw, path, issues, options);
  if (text === undefined && issues.length === before)
    issues.push({ path, message: 'must not be empty' });
  return text;
};

export const readEnum = <T extends string>(
  raw: unknown,
  path: string,
  issues: Issues,
  values: readonly T[],
): T | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof raw === 'string' && (values as readonly string[]).includes(raw)) return raw as T;
  issues.push({ path, message: `must be one of ${values.join(', ')}` });
  return undefined;
};

export const readCountry = (raw: unknown, path: string, issues: Issues): string | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be an ISO 3166-1 alpha-3 country code' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  const code = normalizeCountryCode(raw);
  if (isCountryCode(code)) return code;
  issues.push({ path, message: `${quoteValue(raw)} is not an ISO 3166-1 alpha-3 country code` });
  return undefined;
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A lower-case slug such as `migration` or `state-sponsors-of-terrorism`. */
export const readSlug = (
  raw: unknown,
  path: string,
  issues: Issues,
  max: number,
): string | undefined => {
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  const slug = raw.trim().toLowerCase();
  if (slug.length <= max && SLUG.test(slug)) return slug;
  issues.push({
    path,
    message: `must be a slug of at most ${max} characters: lower-case letters and digits joined by "-"`,
  });
  return undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const readUuid = (raw: unknown, path: string, issues: Issues): string | undefined => {
  if (typeof raw === 'string' && UUID.test(raw.trim())) return raw.trim().toLowerCase();
  issues.push({ path, message: 'must be a UUID' });
  return undefined;
};

export const readRevision = (raw: unknown, path: string, issues: Issues): number | undefined => {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1) return raw;
  issues.push({
    path,
    message: isAbsent(raw) ? 'is required' : 'must be an integer of at least 1',
  });
  return undefined;
};
