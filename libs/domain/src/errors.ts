/** A problem with one input field; `path` is the field path, e.g. `sources[0].url`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** How many issues one error lists; a request with thousands of bad items gets a short answer. */
export const MAX_REPORTED_ISSUES = 20;

/** The first issues, and one more (with an empty path) saying how many were left out. */
export const capIssues = (issues: readonly FieldIssue[]): readonly FieldIssue[] => {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const left = issues.length - MAX_REPORTED_ISSUES;
  return [
    ...issues.slice(0, MAX_REPORTED_ISSUES),
    { path: '', message: `and ${left} more issue${left === 1 ? '' : 's'} left out` },
  ];
};

/**
 * The few typed errors the domain raises. The GraphQL edge maps each `code` once, exhaustively,
 * to `extensions.code`.
 */
export type DomainErrorCode =
  | 'INVALID_INPUT' // -> BAD_USER_INPUT, with `issues`
  | 'NOT_FOUND' // -> NOT_FOUND
  | 'REVISION_CONFLICT' // -> CONFLICT, with expected and actual revision
  | 'ALREADY_EXISTS' // -> CONFLICT: the id is taken by a record with other facts
  | 'RETRACTED' // -> BAD_USER_INPUT: a retracted record cannot change
  | 'NO_CHANGE'; // -> BAD_USER_INPUT: an amendment must change something

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** At most `MAX_REPORTED_ISSUES` issues, then one that counts the rest: an error stays small. */
  static invalid(issues: readonly FieldIssue[]): DomainError {
    const reported = capIssues(issues);
    const summary = reported
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    return new DomainError('INVALID_INPUT', `Invalid input: ${summary}`, reported);
  }

  static conflict(expected: number, actual: number): DomainError {
    return new DomainError(
      'REVISION_CONFLICT',
      `Expected revision ${expected} but the record is at revision ${actual}`,
      [{ path: 'expectedRevision', message: `the record is at revision ${actual}` }],
      { expectedRevision: expected, actualRevision: actual },
    );
  }
}

export const notFound = (eventId: string): DomainError =>
  new DomainError('NOT_FOUND', `No diplomatic event with id ${eventId}`, [], { eventId });

export const alreadyExists = (eventId: string): DomainError =>
  new DomainError(
    'ALREADY_EXISTS',
    `A diplomatic event with id ${eventId} already exists with other facts`,
    [{ path: 'id', message: 'is taken by a record with other facts' }],
    { eventId },
  );

export const retracted = (eventId: string): DomainError =>
  new DomainError('RETRACTED', `Diplomatic event ${eventId} is retracted and cannot change`, [], {
    eventId,
  });

export const noChange = (eventId: string): DomainError =>
  new DomainError('NO_CHANGE', `The amendment changes nothing in diplomatic event ${eventId}`, [], {
    eventId,
  });
