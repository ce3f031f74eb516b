import { DomainError } from '../../errors';
import { checkFactsConsistency } from '../consistency';
import type { DiplomaticEventFacts } from '../facts';
import { EVENT_KINDS } from '../vocabulary';
import { readEffects } from './effects';
import {
  LIMITS,
  readCameo,
  readCountries,
  readOccurred,
  readParticipants,
  readPlover,
  readProvenance,
  readSources,
  readTags,
} from './fact-fields';
import {
  isAbsent,
  readEnum,
  readObject,
  readRequiredText,
  readRevision,
  readText,
  readUuid,
  type Issues,
} from './read';

/**
 * Parsing of the raw inputs the GraphQL layer and the dataset importer hand to the domain (any
 * JSON). Every problem is collected, with its field path, before one `DomainError.invalid` is
 * thrown; nothing is half-accepted.
 */

type FactField = keyof DiplomaticEventFacts;
type FactReader = (raw: unknown, path: string, issues: Issues) => unknown;

const FACT_READERS: Readonly<Record<FactField, FactReader>> = {
  kind: (raw, path, issues) => readEnum(raw, path, issues, EVENT_KINDS),
  title: (raw, path, issues) => readRequiredText(raw, path, issues, { max: LIMITS.title }),
  summary: (raw, path, issues) =>
    readText(raw, path, issues, { max: LIMITS.summary, multiline: true }) ?? '',
  occurred: readOccurred,
  countries: readCountries,
  participants: readParticipants,
  location: (raw, path, issues) => readText(raw, path, issues, { max: LIMITS.location }),
  cameo: readCameo,
  plover: readPlover,
  effects: readEffects,
  sources: readSources,
  tags: readTags,
  provenance: readProvenance,
};

export const FACT_FIELDS = Object.keys(FACT_READERS) as readonly FactField[];

/** Where a record came from is part of what it is: an amendment never changes it. */
const AMENDABLE_FIELDS = FACT_FIELDS.filter((field) => field !== 'provenance');

const REQUIRED_ON_RECORD: readonly FactField[] = [
  'kind',
  'title',
  'occurred',
  'countries',
  'sources',
];
const DEFAULTS_ON_RECORD = { summary: '', participants: [], effects: [], tags: [] } as const;

export interface ParsedRecord {
  readonly eventId?: string;
  readonly facts: DiplomaticEventFacts;
}

export const parseRecordInput = (raw: unknown): ParsedRecord => {
  const issues: Issues = [];
  const fields = readInput(raw, issues, ['id', ...FACT_FIELDS]);
  const eventId = isAbsent(fields.id) ? undefined : readUuid(fields.id, 'id', issues);
  const given = readFacts(fields, issues, REQUIRED_ON_RECORD);
  if (issues.length > 0) throw DomainError.invalid(issues);
  const facts = { ...DEFAULTS_ON_RECORD, ...given } as DiplomaticEventFacts;
  const crossIssues = checkFactsConsistency(facts);
  if (crossIssues.length > 0) throw DomainError.invalid(crossIssues);
  return { ...(eventId ? { eventId } : {}), facts };
};

export interface ParsedAmendment {
  readonly eventId: string;
  readonly expectedRevision: number;
  readonly reason: string;
  /** The fields given, validated one by one; the decider checks them against the record. */
  readonly changes: Partial<DiplomaticEventFacts>;
}

export const parseAmendInput = (raw: unknown): ParsedAmendment => {
  const issues: Issues = [];
  const fields = readInput(raw, issues, ['id', 'expectedRevision', 'reason', ...AMENDABLE_FIELDS]);
  const target = readTarget(fields, issues);
  const changes = readFacts(fields, issues, [], AMENDABLE_FIELDS);
  if (issues.length > 0 || !target) throw DomainError.invalid(issues);
  return { ...target, changes };
};

export interface ParsedRetraction {
  readonly eventId: string;
  readonly expectedRevision: number;
  readonly reason: string;
}

export const parseRetractInput = (raw: unknown): ParsedRetraction => {
  const issues: Issues = [];
  const fields = readInput(raw, issues, ['id', 'expectedRevision', 'reason']);
  const target = readTarget(fields, issues);
  if (issues.length > 0 || !target) throw DomainError.invalid(issues);
  return target;
};

/** The input object, refused whole when it is not an object or is larger than any real record. */
const readInput = (raw: unknown, issues: Issues, allowed: readonly string[]) => {
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    throw DomainError.invalid([{ path: 'input', message: 'must be plain JSON data' }]);
  }
  if (size > LIMITS.input) {
    throw DomainError.invalid([
      { path: 'input', message: `is too large (${size} characters; at most ${LIMITS.input})` },
    ]);
  }
  const fields = readObject(raw, '', issues, allowed);
  if (!fields) throw DomainError.invalid(issues);
  return fields;
};

const readTarget = (fields: Readonly<Record<string, unknown>>, issues: Issues) => {
  const eventId = isAbsent(fields.id)
    ? void issues.push({ path: 'id', message: 'is required' })
    : readUuid(fields.id, 'id', issues);
  const expectedRevision = readRevision(fields.expectedRevision, 'expectedRevision', issues);
  const reason = readRequiredText(fields.reason, 'reason', issues, {
    max: LIMITS.reason,
    multiline: true,
  });
  return eventId && expectedRevision && reason ? { eventId, expectedRevision, reason } : undefined;
};

const readFacts = (
  fields: Readonly<Record<string, unknown>>,
  issues: Issues,
  required: readonly FactField[],
  allowed: readonly FactField[] = FACT_FIELDS,
): Partial<DiplomaticEventFacts> => {
  const facts: Record<string, unknown> = {};
  for (const field of allowed) {
    if (isAbsent(fields[field]) && !required.includes(field)) continue;
    const value = FACT_READERS[field](fields[field], field, issues);
    if (value !== undefined) facts[field] = value;
  }
  return facts as Partial<DiplomaticEventFacts>;
};
