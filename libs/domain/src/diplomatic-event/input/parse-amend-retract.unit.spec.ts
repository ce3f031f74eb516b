import { DomainError, type FieldIssue } from '../../errors';
import { parseAmendInput, parseRetractInput } from './parse-input';
import { EVENT_ID } from '../../testing/talks-input';

const issuesOf = (parse: () => unknown): FieldIssue[] => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [...(error as DomainError).issues];
  }
  throw new Error('expected the input to be refused');
};

const target = { id: EVENT_ID, expectedRevision: 2, reason: 'A more precise date was published.' };

describe('parseAmendInput', () => {
  it('reads the target and validates each given field like a record', () => {
    expect(
      parseAmendInput({
        ...target,
        occurred: '2017-09-29',
        countries: ['cub', 'usa'],
        title: null,
        cameo: '166',
      }),
    ).toEqual({
      eventId: EVENT_ID,
      expectedRevision: 2,
      reason: 'A more precise date was published.',
      changes: {
        occurred: { edtf: '2017-09-29', start: '2017-09-29', end: '2017-09-29', precision: 'day' },
        countries: ['CUB', 'USA'],
        cameo: '166',
      },
    });
  });

  it('reads an amendment without changes (the decider refuses it as NO_CHANGE)', () => {
    expect(parseAmendInput(target).changes).toEqual({});
  });

  it('allows emptying a list and the summary', () => {
    expect(parseAmendInput({ ...target, effects: [], tags: [], summary: '' }).changes).toEqual({
      effects: [],
      tags: [],
      summary: '',
    });
  });

  it('refuses a missing target, naming each field', () => {
    expect(issuesOf(() => parseAmendInput({ title: 'x' }))).toEqual([
      { path: 'id', message: 'is required' },
      { path: 'expectedRevision', message: 'is required' },
      { path: 'reason', message: 'is required' },
    ]);
  });

  it.each([
    [{ expectedRevision: 0 }, 'expectedRevision'],
    [{ expectedRevision: 1.5 }, 'expectedRevision'],
    [{ expectedRevision: '2' }, 'expectedRevision'],
    [{ reason: '' }, 'reason'],
    [{ reason: 'r'.repeat(1001) }, 'reason'],
    [{ id: 42 }, 'id'],
    [{ occurred: '2017-02-29' }, 'occurred'],
    [{ kind: 'PARTY' }, 'kind'],
    [{ sources: [] }, 'sources'],
    [{ countries: ['USA', 'QQQ'] }, 'countries[1]'],
    [{ effects: [{ type: 'RELATIONS', level: 'FULL', topic: 'x' }] }, 'effects[0].topic'],
    [{ recordedAt: '2020-01-01' }, 'recordedAt'],
  ])('refuses %j', (overrides, path) => {
    expect(issuesOf(() => parseAmendInput({ ...target, ...overrides })).map((i) => i.path)).toEqual(
      [path],
    );
  });
});

describe('parseRetractInput', () => {
  it('reads the target', () => {
    expect(parseRetractInput({ ...target, reason: ' Duplicate of another record. ' })).toEqual({
      eventId: EVENT_ID,
      expectedRevision: 2,
      reason: 'Duplicate of another record.',
    });
  });

  it('refuses a field to change', () => {
    expect(issuesOf(() => parseRetractInput({ ...target, title: 'x' }))).toEqual([
      { path: 'title', message: 'is not a known field' },
    ]);
  });

  it('refuses garbage', () => {
    expect(issuesOf(() => parseRetractInput('retract it'))).toEqual([
      { path: 'input', message: 'must be an object' },
    ]);
    expect(issuesOf(() => parseRetractInput({})).map((i) => i.path)).toEqual([
      'id',
      'expectedRevision',
      'reason',
    ]);
  });
});
