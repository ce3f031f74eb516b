import { canonicalCountries } from '../../countries/countries';
import { lookupCameo, ploverVocabulary } from '../../taxonomy/cameo';
import { quoteValue } from '../../text/text-rules';
import { tryParseOccurred } from '../../time/occurred';
import type { Occurred, Participant, Plover, Provenance, Source } from '../facts';
import {
  at,
  checkWellFormed,
  isAbsent,
  readArray,
  readCountry,
  readObject,
  readRequiredText,
  readSlug,
  readText,
  type Issues,
} from './read';

/** Limits on what one record may hold. */
export const LIMITS = {
  title: 300,
  summary: 5000,
  countries: 12,
  participants: 50,
  participantName: 200,
  participantRole: 200,
  location: 200,
  effects: 30,
  sources: 20,
  sourceTitle: 300,
  publisher: 200,
  url: 2000,
  quote: 2000,
  tags: 20,
  tag: 50,
  effectName: 200,
  reason: 1000,
  dataset: 50,
  datasetVersion: 50,
  rowId: 200,
  /** Characters of the whole input as JSON. */
  input: 200_000,
} as const;

export const readOccurred = (raw: unknown, path: string, issues: Issues): Occurred | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be an EDTF date string' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  const result = tryParseOccurred(raw);
  if (result.ok) return result.occurred;
  issues.push({ path, message: result.message });
  return undefined;
};

/** 1–12 countries, upper-cased, deduplicated and sorted. */
export const readCountries = (raw: unknown, path: string, issues: Issues): string[] | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required' });
    return undefined;
  }
  const items = readArray(raw, path, issues, { min: 1, max: LIMITS.countries });
  if (!items) return undefined;
  const before = issues.length;
  const codes = items.map((item, i) => readCountry(item, at(path, i), issues));
  return issues.length === before ? canonicalCountries(codes as string[]) : undefined;
};

export const readParticipants = (
  raw: unknown,
  path: string,
  issues: Issues,
): Participant[] | undefined => {
  const items = readArray(raw, path, issues, { max: LIMITS.participants });
  return items?.flatMap((item, i) => {
    const p = at(path, i);
    const fields = readObject(item, p, issues, ['name', 'role', 'country']);
    if (!fields) return [];
    const name = readRequiredText(fields.name, at(p, 'name'), issues, {
      max: LIMITS.participantName,
    });
    const role = isAbsent(fields.role)
      ? undefined
      : readText(fields.role, at(p, 'role'), issues, { max: LIMITS.participantRole });
    const country = isAbsent(fields.country)
      ? undefined
      : readCountry(fields.country, at(p, 'country'), issues);
    return name === undefined
      ? []
      : [{ name, ...(role ? { role } : {}), ...(country ? { country } : {}) }];
  });
};

export const readCameo = (raw: unknown, path: string, issues: Issues): string | undefined => {
  if (typeof raw !== 'string') {
    issues.push({ path, message: 'must be a CAMEO code string (codes keep their leading zeros)' });
    return undefined;
  }
  if (!checkWellFormed(raw, path, issues)) return undefined;
  const code = raw.trim();
  if (lookupCameo(code)) return code;
  issues.push({ path, message: `${quoteValue(raw)} is not a CAMEO event code` });
  return undefined;
};

/** PLOVER event in upper case; mode and context in lower case; several contexts as `a; b`. */
export const readPlover = (raw: unknown, path: string, issues: Issues): Plover | undefined => {
  const fields = readObject(raw, path, issues, ['event', 'mode', 'context']);
  if (!fields) return undefined;
  const vocabulary = ploverVocabulary();
  const event = readVocabulary(fields.event, at(path, 'event'), issues, vocabulary.events, 'upper');
  if (isAbsent(fields.event)) issues.push({ path: at(path, 'event'), message: 'is required' });
  const mode = isAbsent(fields.mode)
    ? undefined
    : readVocabulary(fields.mode, at(path, 'mode'), issues, vocabulary.modes, 'lower');
  let context: string | undefined;
  if (!isAbsent(fields.context)) {
    const parts = typeof fields.context === 'string' ? fields.context.split(';') : [fields.context];
    const read = parts.map((c) =>
      readVocabulary(c, at(path, 'context'), issues, vocabulary.contexts, 'lower'),
    );
    context = read.every(Boolean) ? [...new Set(read)].join('; ') : undefined;
  }
  return event ? { event, ...(mode ? { mode } : {}), ...(context ? { context } : {}) } : undefined;
};

const readVocabulary = (
  raw: unknown,
  path: string,
  issues: Issues,
  allowed: readonly string[],
  letterCase: 'upper' | 'lower',
): string | undefined => {
  if (isAbsent(raw)) return undefined;
  if (typeof raw === 'string' && !checkWellFormed(raw, path, issues)) return undefined;
  const value = typeof raw === 'string' ? raw.trim() : '';
  const normalised = letterCase === 'upper' ? value.toUpperCase() : value.toLowerCase();
  if (allowed.includes(normalised)) return normalised;
  issues.push({
    path,
    message: `${quoteValue(raw)} is not a PLOVER value here (one of ${allowed.join(', ')})`,
  });
  return undefined;
};

export const readSources = (raw: unknown, path: string, issues: Issues): Source[] | undefined => {
  if (isAbsent(raw)) {
    issues.push({ path, message: 'is required: every fact needs at least one source' });
    return undefined;
  }
  const items = readArray(raw, path, issues, { min: 1, max: LIMITS.sources });
  return items?.flatMap((item, i) => {
    const p = at(path, i);
    const fields = readObject(item, p, issues, [
      'title',
      'publisher',
      'publishedOn',
      'url',
      'quote',
    ]);
    if (!fields) return [];
    const title = readRequiredText(fields.title, at(p, 'title'), issues, {
      max: LIMITS.sourceTitle,
    });
    const publisher = readRequiredText(fields.publisher, at(p, 'publisher'), issues, {
      max: LIMITS.publisher,
    });
    const publishedOn = isAbsent(fields.publishedOn)
      ? undefined
      : readOccurred(fields.publishedOn, at(p, 'publishedOn'), issues)?.edtf;
    const url = isAbsent(fields.url) ? undefined : readUrl(fields.url, at(p, 'url'), issues);
    const quote = isAbsent(fields.quote)
      ? undefined
      : readText(fields.quote, at(p, 'quote'), issues, { max: LIMITS.quote, multiline: true });
    if (title === undefined || publisher === undefined) return [];
    return [
      {
        title,
        publisher,
        ...(publishedOn ? { publishedOn } : {}),
        ...(url ? { url } : {}),
        ...(quote ? { quote } : {}),
      },
    ];
  });
};

/** An imported record's origin: dataset slug, version, row id and an http(s) URL. */
export const readProvenance = (
  raw: unknown,
  path: string,
  issues: Issues,
): Provenance | undefined => {
  const fields = readObject(raw, path, issues, ['dataset', 'version', 'rowId', 'url']);
  if (!fields) return undefined;
  const before = issues.length;
  const dataset = isAbsent(fields.dataset)
    ? void issues.push({ path: at(path, 'dataset'), message: 'is required' })
    : readSlug(fields.dataset, at(path, 'dataset'), issues, LIMITS.dataset);
  const version = isAbsent(fields.version)
    ? undefined
    : readText(fields.version, at(path, 'version'), issues, { max: LIMITS.datasetVersion });
  const rowId = readRequiredText(fields.rowId, at(path, 'rowId'), issues, { max: LIMITS.rowId });
  const url = isAbsent(fields.url) ? undefined : readUrl(fields.url, at(path, 'url'), issues);
  if (issues.length > before || !dataset || !rowId) return undefined;
  return { dataset, ...(version ? { version } : {}), rowId, ...(url ? { url } : {}) };
};

const readUrl = (raw: unknown, path: string, issues: Issues): string | undefined => {
  const text = readText(raw, path, issues, { max: LIMITS.url });
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    issues.push({ path, message: 'must be an absolute http(s) URL' });
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  issues.push({ path, message: `must be an http(s) URL, not ${url.protocol}` });
  return undefined;
};

/** Up to 20 slugs, deduplicated and sorted. */
export const readTags = (raw: unknown, path: string, issues: Issues): string[] | undefined => {
  const items = readArray(raw, path, issues, { max: LIMITS.tags });
  if (!items) return undefined;
  const before = issues.length;
  const tags = items.map((item, i) => readSlug(item, at(path, i), issues, LIMITS.tag));
  return issues.length === before ? [...new Set(tags as string[])].sort() : undefined;
};
