import { DomainError, type FieldIssue } from '../../errors';
import { parseRecordInput } from './parse-input';
import { talksInput } from '../../testing/talks-input';

const withEffects = (effects: unknown, extra: Record<string, unknown> = {}) =>
  talksInput({ kind: 'OTHER', effects, ...extra });

const issuesOf = (raw: unknown): FieldIssue[] => {
  try {
    parseRecordInput(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return [...(error as DomainError).issues];
  }
  throw new Error('expected the input to be refused');
};

describe('effects', () => {
  it('reads every effect type, nulls from GraphQL ignored', () => {
    const nulls = {
      level: null,
      of: null,
      in: null,
      status: null,
      topic: null,
      held: null,
      name: null,
    };
    const { facts } = parseRecordInput(
      withEffects([
        { ...nulls, type: 'RELATIONS', level: 'FULL' },
        { ...nulls, type: 'EMBASSY', of: 'usa', in: 'CUB', status: 'OPERATING' },
        { type: 'DIALOGUE', topic: 'migration', status: 'PAUSED', held: false },
        { type: 'AGREEMENT', name: '1984 migration agreement', status: 'IN_FORCE' },
        { type: 'CONSULAR', service: 'immigrant-visas', providedBy: 'USA', status: 'LIMITED' },
        { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' },
        {
          type: 'DESIGNATION',
          list: 'state-sponsors-of-terrorism',
          country: 'CUB',
          status: 'LISTED',
        },
      ]),
    );
    expect(facts.effects).toEqual([
      { type: 'RELATIONS', level: 'FULL' },
      { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'OPERATING' },
      { type: 'DIALOGUE', topic: 'migration', status: 'PAUSED' },
      { type: 'AGREEMENT', name: '1984 migration agreement', status: 'IN_FORCE' },
      { type: 'CONSULAR', service: 'immigrant-visas', providedBy: 'USA', status: 'LIMITED' },
      { type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' },
      {
        type: 'DESIGNATION',
        list: 'state-sponsors-of-terrorism',
        country: 'CUB',
        status: 'LISTED',
      },
    ]);
  });

  it.each([
    ['not a list', { type: 'RELATIONS' }, 'effects', 'must be a list'],
    ['an effect that is not an object', ['RELATIONS'], 'effects[0]', 'must be an object'],
    ['a missing type', [{ level: 'FULL' }], 'effects[0].type', 'is required'],
    ['an unknown type', [{ type: 'WAR' }], 'effects[0].type', 'must be one of RELATIONS'],
    ['a missing level', [{ type: 'RELATIONS' }], 'effects[0].level', 'is required'],
    [
      'a bad level',
      [{ type: 'RELATIONS', level: 'WARM' }],
      'effects[0].level',
      'NONE, INTERESTS_SECTIONS, FULL',
    ],
    [
      'an unknown field',
      [{ type: 'RELATIONS', level: 'FULL', mood: 'x' }],
      'effects[0].mood',
      'not a known field',
    ],
    [
      'a status of another type',
      [{ type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'LIMITED' }],
      'effects[0].status',
      'OPERATING',
    ],
    [
      'a bad embassy country',
      [{ type: 'EMBASSY', of: 'USA', in: 'CUBA', status: 'CLOSED' }],
      'effects[0].in',
      'CUBA',
    ],
    [
      'held that is not a boolean',
      [{ type: 'DIALOGUE', topic: 'migration', status: 'ACTIVE', held: 'yes' }],
      'effects[0].held',
      'true or false',
    ],
    [
      'a missing topic',
      [{ type: 'DIALOGUE', status: 'ACTIVE' }],
      'effects[0].topic',
      'is required',
    ],
    [
      'a blank name',
      [{ type: 'AGREEMENT', name: '  ', status: 'SIGNED' }],
      'effects[0].name',
      'must not be empty',
    ],
    [
      'a long name',
      [{ type: 'AGREEMENT', name: 'n'.repeat(201), status: 'SIGNED' }],
      'effects[0].name',
      'at most 200',
    ],
    [
      'a missing provider',
      [{ type: 'CONSULAR', service: 'visas', status: 'FULL' }],
      'effects[0].providedBy',
      'is required',
    ],
    [
      'a missing list',
      [{ type: 'DESIGNATION', country: 'CUB', status: 'LISTED' }],
      'effects[0].list',
      'is required',
    ],
    ['31 effects', Array(31).fill({ type: 'RELATIONS', level: 'FULL' }), 'effects', 'at most 30'],
  ])('refuses %s', (_name, effects, path, message) => {
    expect(issuesOf(withEffects(effects))).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('names each field that does not belong to the type', () => {
    const issues = issuesOf(
      withEffects([{ type: 'RELATIONS', level: 'FULL', of: 'USA', status: 'ACTIVE' }]),
    );
    expect(issues).toEqual([
      { path: 'effects[0].of', message: 'does not belong to a RELATIONS effect (it takes level)' },
      {
        path: 'effects[0].status',
        message: 'does not belong to a RELATIONS effect (it takes level)',
      },
    ]);
  });

  it.each([
    [
      'an embassy of a country not in the event',
      { type: 'EMBASSY', of: 'FRA', in: 'CUB', status: 'CLOSED' },
      'effects[0].of',
      'FRA is not one of',
    ],
    [
      'an embassy hosted by its own country',
      { type: 'EMBASSY', of: 'USA', in: 'USA', status: 'CLOSED' },
      'effects[0].in',
      'another country',
    ],
    [
      'a consular provider not in the event',
      { type: 'CONSULAR', service: 'visas', providedBy: 'MEX', status: 'FULL' },
      'effects[0].providedBy',
      'MEX',
    ],
    [
      'sanctions imposed by a country not in the event',
      { type: 'SANCTIONS', name: 'embargo', imposedBy: 'CAN', status: 'ACTIVE' },
      'effects[0].imposedBy',
      'CAN',
    ],
    [
      'a designation of a country not in the event',
      { type: 'DESIGNATION', list: 'sst', country: 'IRN', status: 'LISTED' },
      'effects[0].country',
      'IRN',
    ],
  ])('refuses %s', (_name, effect, path, message) => {
    expect(issuesOf(withEffects([effect]))).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('refuses two effects setting the same thing', () => {
    const issues = issuesOf(
      withEffects([
        { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'CLOSED' },
        { type: 'EMBASSY', of: 'CUB', in: 'USA', status: 'CLOSED' },
        { type: 'EMBASSY', of: 'USA', in: 'CUB', status: 'REDUCED' },
      ]),
    );
    expect(issues).toEqual([
      { path: 'effects[2]', message: expect.stringContaining('effects[0] (embassy:USA:CUB)') },
    ]);
  });

  it('refuses effects on an event with one country', () => {
    const issues = issuesOf(
      withEffects([{ type: 'SANCTIONS', name: 'embargo', imposedBy: 'USA', status: 'ACTIVE' }], {
        kind: 'SANCTIONS',
        countries: ['USA'],
      }),
    );
    expect(issues).toEqual([
      { path: 'effects', message: expect.stringContaining('at least two countries') },
    ]);
  });
});
