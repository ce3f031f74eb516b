import { canonicalCountries } from '../../countries/countries';
import { DomainError } from '../../errors';
import { EVENT_KINDS, type EventKind } from '../vocabulary';
import { LIMITS, readOccurred } from '../input/fact-fields';
import {
  at,
  checkWellFormed,
  isAbsent,
  readArray,
  readCountry,
  readEnum,
  readObject,
  readSlug,
  type Issues,
} from '../input/read';

/**
 * The one check of an event filter, whatever carries it: GraphQL's `EventFilter` argument and
 * the HTTP feed's query parameters go through `parseEventFilter`, so both refuse the same
 * filters with the same messages. Every list is capped before its items are read, and the
 * search text is capped, since each word becomes one full-text term of the query.
 */
export const FILTER_LIMITS = {
  /** A record involves at most this many countries, so a filter needing more matches nothing. */
  countries: LIMITS.countries,
  kinds: 20,
  /** There are exactly twenty CAMEO roots. */
  cameoRoots: 20,
  quadClasses: 4,
  tags: LIMITS.tags,
  tag: LIMITS.tag,
  datasets: 20,
  dataset: LIMITS.dataset,
  text: 200,
  textWords: 20,
} as const;

export const FILTER_FIELDS = [
  'countries',
  'kinds',
  'cameoRoots',
  'quadClasses',
  'occurredFrom',
  'occurredTo',
  'text',
  'tags',
  'datasets',
  'includeRetracted',
] as const;

/** A checked filter, in the read model's terms: days are ISO `YYYY-MM-DD`, codes upper-case. */
export interface EventFilterTerms {
  readonly countries?: readonly string[];
  readonly kinds?: readonly EventKind[];
  readonly cameoRoots?: readonly string[];
  readonly quadClasses?: readonly number[];
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  readonly text?: string;
  readonly tags?: readonly string[];
  /** Imported records of these datasets (provenance `dataset` slugs). */
  readonly datasets?: readonly string[];
  readonly includeRetracted?: boolean;
}

const CAMEO_ROOT = /^(0[1-9]|1[0-9]|20)$/;
// The same words the full-text query is built from (letters and digits), so the cap counts
// exactly the terms a search would run.
const WORD = /[\p{L}\p{N}]+/gu;

/** Checks a raw filter (any JSON; absent means no condition). `path` prefixes the field paths. */
export const parseEventFilter = (raw: unknown, path = 'filter'): EventFilterTerms => {
  if (isAbsent(raw)) return {};
  const issues: Issues = [];
  const fields = readObject(raw, path, issues, FILTER_FIELDS);
  if (!fields) throw DomainError.invalid(issues);
  const field = (name: (typeof FILTER_FIELDS)[number]) => at(path, name);
  const list = <T>(
    name: 'countries' | 'kinds' | 'cameoRoots' | 'quadClasses' | 'tags' | 'datasets',
    readItem: (item: unknown, itemPath: string) => T | undefined,
  ): T[] | undefined => {
    if (isAbsent(fields[name])) return undefined;
    const items = readArray(fields[name], field(name), issues, { max: FILTER_LIMITS[name] });
    const before = issues.length;
    const read = items?.map((item, i) => readItem(item, at(field(name), i)));
    return read && issues.length === before ? (read as T[]) : undefined;
  };

  const countries = list('countries', (item, p) => readCountry(item, p, issues));
  const kinds = list('kinds', (item, p) => readEnum(item, p, issues, EVENT_KINDS));
  const cameoRoots = list('cameoRoots', (item, p) => readCameoRoot(item, p, issues));
  const quadClasses = list('quadClasses', (item, p) => readQuadClass(item, p, issues));
  const tags = list('tags', (item, p) => readSlug(item, p, issues, FILTER_LIMITS.tag));
  const datasets = list('datasets', (item, p) => readSlug(item, p, issues, FILTER_LIMITS.dataset));
  const day = (name: 'occurredFrom' | 'occurredTo', edge: 'start' | 'end') =>
    isAbsent(fields[name]) ? undefined : readOccurred(fields[name], field(name), issues)?.[edge];
  const occurredFrom = day('occurredFrom', 'start');
  const occurredTo = day('occurredTo', 'end');
  const text = isAbsent(fields.text)
    ? undefined
    : readSearchText(fields.text, field('text'), issues);
  const includeRetracted = readFlag(fields.includeRetracted, field('includeRetracted'), issues);
  if (issues.length > 0) throw DomainError.invalid(issues);
  return {
    ...(countries ? { countries: canonicalCountries(countries) } : {}),
    ...(kinds ? { kinds } : {}),
    ...(cameoRoots ? { cameoRoots } : {}),
    ...(quadClasses ? { quadClasses } : {}),
    ...(occurredFrom ? { occurredFrom } : {}),
    ...(occurredTo ? { occurredTo } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(tags ? { tags } : {}),
    ...(datasets ? { datasets: [...new Set(datasets)] } : {}),
    includeRetracted,
  };
};

const readCameoRoot = (raw: unknown, path: string, issues: Issues): string | undefined => {
  const root = typeof raw === 'string' ? raw.trim() : '';
  if (CAMEO_ROOT.test(root)) return root;
  issues.push({ path, message: 'must be a two-digit CAMEO root 01-20' });
  return undefined;
};

const readQuadClass = (raw: unknown, path: string, issues: Issues): number | undefined => {
  if (raw === 1 || raw === 2 || raw === 3 || raw === 4) return raw;
  issues.push({ path, message: 'must be 1, 2, 3 or 4' });
  return undefined;
};

/**
 * Search text as given (an empty text matches nothing, as before), capped in characters and in
 * words. The length is checked first, so a huge text is never split into words.
 */
const readSearchText = (raw: unknown, path: string, issues: Issues): string | undefined => {
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  if (raw.length > 2 * FILTER_LIMITS.text || [...raw].length > FILTER_LIMITS.text) {
    issues.push({ path, message: `must be at most ${FILTER_LIMITS.text} characters` });
    return undefined;
  }
  if ((raw.match(WORD)?.length ?? 0) > FILTER_LIMITS.textWords) {
    issues.push({ path, message: `must hold at most ${FILTER_LIMITS.textWords} words` });
    return undefined;
  }
  return raw;
};

const readFlag = (raw: unknown, path: string, issues: Issues): boolean => {
  if (isAbsent(raw)) return false;
  if (typeof raw === 'boolean') return raw;
  issues.push({ path, message: 'must be true or false' });
  return false;
};
